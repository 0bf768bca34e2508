"""After the decision: service, 复议/诉讼, payment, 催告, the court, 结案, 归档, the documents; the
on-the-spot decision; and the town's recording devices."""

from __future__ import annotations

import datetime
from typing import Annotated

from django.http import HttpRequest
from django.urls import reverse
from ninja import Field, Schema, Status

from fazhi.core import api_params
from fazhi.core.api import PartyIn, party_choice
from fazhi.core.api_input import Choice, OptionalText, RecordId, Required
from fazhi.core.errors import NotFoundOrHidden
from fazhi.enforcement import documents, selectors, services
from fazhi.enforcement.api.common import CaseOut, router
from fazhi.enforcement.models import (
    Case,
    Closure,
    ClosureReason,
    ConsentChannel,
    RecordingDevice,
    RemedyKind,
    ServiceMethod,
)
from fazhi.enforcement.rules import MAX_INSTALMENTS, Instalment, PaymentPlanKind, RemedyResult


class ServeIn(Schema):
    method: Annotated[ServiceMethod, Choice(ServiceMethod)]
    served_on: datetime.date
    recipient: Annotated[str, Required("请填写受送达人（签收人）。", max_length=100)]
    proof: Annotated[str, Required("请填写送达凭证（回证签收、邮件单号或公告载体）。", max_length=200)]
    refused: bool = False
    late_reason: OptionalText = ""
    public_notice_reason: OptionalText = ""


@router.post("/cases/{id:case_id}/serve", response=CaseOut, summary="送达行政处罚决定书")
def serve(request: HttpRequest, case_id: int, payload: ServeIn) -> Case:
    actor = api_params.actor(request)
    services.serve_decision(actor, selectors.access_case(actor, case_id), **payload.dict())
    return selectors.access_case(actor, case_id)


class ServiceConsentIn(Schema):
    channel: Annotated[ConsentChannel, Choice(ConsentChannel)]
    address: Annotated[str, Required("请填写当事人确认的传真号码、电子邮件地址等。", max_length=200)]
    signed_on: datetime.date


@router.post("/cases/{id:case_id}/service-consent", response=CaseOut, summary="登记电子送达确认书")
def record_service_consent(request: HttpRequest, case_id: int, payload: ServiceConsentIn) -> Case:
    actor = api_params.actor(request)
    services.record_service_consent(actor, selectors.access_case(actor, case_id), **payload.dict())
    return selectors.access_case(actor, case_id)


class PaymentInstalmentIn(Schema):
    due_on: datetime.date
    amount_fen: int = Field(ge=1, le=10**15)


class PaymentPlanIn(Schema):
    kind: Annotated[PaymentPlanKind, Choice(PaymentPlanKind)]
    applied_on: datetime.date
    reason: Annotated[str, Required("请写明当事人申请暂缓或分期缴纳的理由。")]
    approved_on: datetime.date
    ends_on: datetime.date
    instalments: list[PaymentInstalmentIn] = Field(default_factory=list, max_length=MAX_INSTALMENTS)


@router.post("/cases/{id:case_id}/payment-plan", response=CaseOut, summary="批准暂缓或分期缴纳罚款")
def approve_payment_plan(request: HttpRequest, case_id: int, payload: PaymentPlanIn) -> Case:
    actor = api_params.actor(request)
    data = payload.dict()
    parts = [
        Instalment(due_on=part["due_on"], amount_fen=part["amount_fen"]) for part in data.pop("instalments")
    ]
    services.approve_payment_plan(actor, selectors.access_case(actor, case_id), instalments=parts, **data)
    return selectors.access_case(actor, case_id)


class RemedyIn(Schema):
    kind: Annotated[RemedyKind, Choice(RemedyKind)]
    started_on: datetime.date


@router.post("/cases/{id:case_id}/remedies", response=CaseOut, summary="登记行政复议或诉讼")
def start_remedy(request: HttpRequest, case_id: int, payload: RemedyIn) -> Case:
    actor = api_params.actor(request)
    services.start_remedy(actor, selectors.access_case(actor, case_id), **payload.dict())
    return selectors.access_case(actor, case_id)


class RemedyEndIn(Schema):
    ended_on: datetime.date
    result: Annotated[RemedyResult, Choice(RemedyResult)]
    outcome: OptionalText = Field("", max_length=200)


@router.post("/cases/{id:case_id}/remedies/end", response=CaseOut, summary="登记复议或诉讼结果")
def end_remedy(request: HttpRequest, case_id: int, payload: RemedyEndIn) -> Case:
    actor = api_params.actor(request)
    services.end_remedy(actor, selectors.access_case(actor, case_id), **payload.dict())
    return selectors.access_case(actor, case_id)


class PaymentIn(Schema):
    paid_on: datetime.date
    paid_fen: int = Field(ge=0)
    receipt_number: OptionalText = Field(max_length=60)


@router.post("/cases/{id:case_id}/payment", response=CaseOut, summary="登记缴纳罚款")
def record_payment(request: HttpRequest, case_id: int, payload: PaymentIn) -> Case:
    actor = api_params.actor(request)
    services.record_payment(actor, selectors.access_case(actor, case_id), **payload.dict())
    return selectors.access_case(actor, case_id)


class DemandIn(Schema):
    served_on: datetime.date


@router.post("/cases/{id:case_id}/demand", response=CaseOut, summary="送达催告书")
def issue_demand(request: HttpRequest, case_id: int, payload: DemandIn) -> Case:
    actor = api_params.actor(request)
    services.issue_demand(actor, selectors.access_case(actor, case_id), **payload.dict())
    return selectors.access_case(actor, case_id)


class CourtIn(Schema):
    court: Annotated[str, Required("请填写受理法院。", max_length=100)]
    applied_on: datetime.date


@router.post("/cases/{id:case_id}/court-application", response=CaseOut, summary="申请人民法院强制执行")
def apply_to_court(request: HttpRequest, case_id: int, payload: CourtIn) -> Case:
    actor = api_params.actor(request)
    services.apply_to_court(actor, selectors.access_case(actor, case_id), **payload.dict())
    return selectors.access_case(actor, case_id)


class CloseCaseIn(Schema):
    reason: Annotated[ClosureReason, Choice(ClosureReason)]
    summary: Annotated[str, Required("请写明处理结果。")]


@router.post("/cases/{id:case_id}/close", response=CaseOut, summary="结案")
def close_case(request: HttpRequest, case_id: int, payload: CloseCaseIn) -> Case:
    actor = api_params.actor(request)
    services.close_case(actor, selectors.access_case(actor, case_id), **payload.dict())
    return selectors.access_case(actor, case_id)


@router.post("/cases/{id:case_id}/record-with-agency", response=CaseOut, summary="简易程序备案")
def record_with_agency(request: HttpRequest, case_id: int) -> Case:
    actor = api_params.actor(request)
    return services.record_with_agency(actor, selectors.access_case(actor, case_id))


class OnSpotIn(Schema):
    party_id: RecordId | None = None
    new_party: PartyIn | None = None
    power_id: RecordId
    co_officer_id: RecordId
    title: Annotated[str, Required("请填写违法行为（案由）。", max_length=200)]
    place: Annotated[str, Required("请填写违法地点。", max_length=200)]
    act_on: datetime.date
    facts: Annotated[str, Required("请写明违法事实。")]
    basis: Annotated[str, Required("请写明处罚依据。")]
    warning_only: bool = False
    fine_fen: int = Field(0, ge=0)
    statement: OptionalText = ""
    defence_waived: bool = False
    party_signed: bool = True
    refusal_noted: bool = False
    collected_on_spot: bool = False
    receipt_number: OptionalText = Field("", max_length=60)
    hard_to_enforce_later: bool = False
    remote_area_on_request: bool = False


@router.post("/cases/on-the-spot", response={201: CaseOut}, summary="当场作出行政处罚决定（简易程序）")
def decide_on_spot(request: HttpRequest, payload: OnSpotIn) -> Status[Case]:
    actor = api_params.actor(request)
    data = payload.dict()
    data.pop("new_party")
    party = party_choice(data.pop("party_id"), payload.new_party)
    power = selectors.access_power(actor, data.pop("power_id"))
    co_officer = selectors.team_of(actor).filter(pk=data.pop("co_officer_id")).first()
    if co_officer is None:
        raise NotFoundOrHidden()
    decision = services.OnSpotDecision(party=party, power=power, co_officer=co_officer, **data)
    return Status(201, services.decide_on_spot(actor, decision))


class DocumentOut(Schema):
    kind: str
    label: str
    url: str


@router.get("/cases/{id:case_id}/documents", response=list[DocumentOut], summary="列出案件已可生成的执法文书")
def list_documents(request: HttpRequest, case_id: int) -> list[dict[str, str]]:
    case = selectors.access_case(api_params.actor(request), case_id)
    return [
        {
            "kind": kind.value,
            "label": kind.label,
            "url": reverse("enforcement:case-document", args=[case.pk, kind.value]),
        }
        for kind in documents.available(case)
    ]


class ArchiveIn(Schema):
    archive_number: Annotated[str, Required("请填写档案号。", max_length=60)]


class CaseArchiveOut(Schema):
    archive_number: str
    archived_on: datetime.date | None
    archive_sha256: str


@router.post("/cases/{id:case_id}/archive", response={201: CaseArchiveOut}, summary="归档（生成电子案卷）")
def archive_case(request: HttpRequest, case_id: int, payload: ArchiveIn) -> Status[Closure]:
    actor = api_params.actor(request)
    return Status(
        201,
        services.archive_case(
            actor, selectors.access_case(actor, case_id), archive_number=payload.archive_number
        ),
    )


class DeviceOut(Schema):
    id: int
    number: str
    model_name: str
    active: bool
    carried_by: str | None

    @staticmethod
    def resolve_carried_by(obj: RecordingDevice) -> str | None:
        current = next((a for a in obj.assignments.all() if a.valid_to is None), None)
        return current.staff.full_name if current else None


@router.get("/devices", response=list[DeviceOut], summary="执法记录仪台账")
def list_devices(request: HttpRequest) -> list[RecordingDevice]:
    return list(selectors.devices_of(api_params.actor(request)))


class DeviceIn(Schema):
    number: Annotated[str, Required("请填写设备编号。", max_length=40)]
    model_name: OptionalText = Field("", max_length=100)


@router.post("/devices", response={201: DeviceOut}, summary="登记执法记录仪")
def add_device(request: HttpRequest, payload: DeviceIn) -> Status[RecordingDevice]:
    return Status(201, services.add_device(api_params.actor(request), **payload.dict()))


class AssignIn(Schema):
    staff_id: RecordId
    valid_from: datetime.date


@router.post("/devices/{id:device_id}/assign", response=DeviceOut, summary="配发执法记录仪")
def assign_device(request: HttpRequest, device_id: int, payload: AssignIn) -> RecordingDevice:
    actor = api_params.actor(request)
    device = selectors.access_device(actor, device_id)
    staff = selectors.team_of(actor).filter(pk=payload.staff_id).first()
    if staff is None:
        raise NotFoundOrHidden()
    services.assign_device(actor, device, staff=staff, valid_from=payload.valid_from)
    return selectors.access_device(actor, device_id)


class ReturnIn(Schema):
    valid_to: datetime.date


@router.post("/devices/{id:device_id}/return", response=DeviceOut, summary="收回执法记录仪")
def return_device(request: HttpRequest, device_id: int, payload: ReturnIn) -> RecordingDevice:
    actor = api_params.actor(request)
    device = selectors.access_device(actor, device_id)
    services.return_device(actor, device, valid_to=payload.valid_to)
    return selectors.access_device(actor, device_id)
