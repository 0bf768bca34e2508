"""Case endpoints: every action of the case pages, with the same services, rules and errors."""

from __future__ import annotations

import datetime

from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from ninja import Field, Router, Schema, Status

from fazhi.core import api_params
from fazhi.core.errors import NotFoundOrHidden
from fazhi.enforcement import documents, selectors, services
from fazhi.enforcement.models import Case, Closure, Evidence, RecordingDevice, UploadSession
from fazhi.enforcement.rules import STAGE_LABELS, ReviewGrounds, Stage

router = Router(tags=["行政执法"])
MAX_LIMIT = 100


class CaseOut(Schema):
    id: int
    number: str | None
    title: str
    procedure: str
    stage: str
    stage_label: str
    party_id: int | None
    received_on: datetime.date
    act_on: datetime.date
    filed_on: datetime.date | None
    decision_due: datetime.date | None

    @staticmethod
    def resolve_number(obj: Case) -> str | None:
        return obj.filing_number.text if obj.filing_number else None

    @staticmethod
    def resolve_stage_label(obj: Case) -> str:
        return STAGE_LABELS[Stage(obj.stage)]


@router.get("/cases", response=list[CaseOut], summary="列出可见的案件")
def list_cases(request: HttpRequest, stage: str = "", limit: int = 50, offset: int = 0) -> list[Case]:
    limit = max(1, min(limit, MAX_LIMIT))
    offset = max(0, offset)
    return list(selectors.list_cases_for(api_params.actor(request), stage=stage)[offset : offset + limit])


@router.get("/cases/{case_id}", response=CaseOut, summary="读取案件")
def get_case(request: HttpRequest, case_id: int) -> Case:
    return selectors.access_case(api_params.actor(request), case_id)


class BlockedOut(Schema):
    message: str
    citation: str


class StepOut(Schema):
    name: str
    label: str
    kind: str  # "move": leads the case to another stage; "work": done within its stage
    allowed: bool  # the caller holds a role that takes the step
    blocked_by: BlockedOut | None


@router.get("/cases/{case_id}/steps", response=list[StepOut], summary="案件下一步：可办理的步骤及受阻的规则")
def case_steps(request: HttpRequest, case_id: int) -> list[dict[str, object]]:
    """The steps of the case table (enforcement.rules.STEPS) the case can take now, as its page lists
    them: each with the rule and article that blocks it, if any."""
    actor = api_params.actor(request)
    case = selectors.access_case(actor, case_id)
    today = timezone.localdate()
    options = [("move", option) for option in selectors.next_steps(case, actor, today=today)] + [
        ("work", option) for option in selectors.work_steps(case, actor, today=today)
    ]
    return [
        {
            "name": option.step.name,
            "label": option.label,
            "kind": kind,
            "allowed": option.allowed,
            "blocked_by": {"message": option.blocked_by.message, "citation": option.blocked_by.citation}
            if option.blocked_by
            else None,
        }
        for kind, option in options
    ]


class LeadIn(Schema):
    title: str = Field(max_length=200)
    source: str
    received_on: datetime.date
    act_on: datetime.date
    place: str = Field("", max_length=200)
    summary: str = ""
    reporter: str = Field("", max_length=200)


@router.post("/cases", response={201: CaseOut}, summary="登记案件线索")
def register_lead(request: HttpRequest, payload: LeadIn) -> Status[Case]:
    return Status(201, services.register_lead(api_params.actor(request), **payload.dict()))


class FileIn(Schema):
    party_id: int
    power_id: int
    act_ended_on: datetime.date
    endangers_life_health_or_finance: bool = False


@router.post("/cases/{case_id}/file", response=CaseOut, summary="批准立案")
def file_case(request: HttpRequest, case_id: int, payload: FileIn) -> Case:
    actor = api_params.actor(request)
    case = selectors.access_case(actor, case_id)
    party = selectors.access_party_for_case(actor, payload.party_id)
    power = selectors.access_power(actor, payload.power_id)
    return services.file_case(
        actor,
        case,
        party=party,
        power=power,
        act_ended_on=payload.act_ended_on,
        endangers_life_health_or_finance=payload.endangers_life_health_or_finance,
    )


class InvestigateIn(Schema):
    investigator_ids: list[int]


@router.post("/cases/{case_id}/investigate", response=CaseOut, summary="开始调查取证")
def start_investigation(request: HttpRequest, case_id: int, payload: InvestigateIn) -> Case:
    actor = api_params.actor(request)
    case = selectors.access_case(actor, case_id)
    team = list(selectors.team_of(actor).filter(pk__in=payload.investigator_ids))
    return services.start_investigation(actor, case, investigators=team)


class CloseIn(Schema):
    outcome: str
    findings: str
    review_public_interest: bool = False
    review_major_rights_after_hearing: bool = False
    review_complex: bool = False
    review_other_law: bool = False
    major_or_complex: bool = False
    hearing_right: bool = False


@router.post("/cases/{case_id}/close-investigation", response=CaseOut, summary="调查终结")
def close_investigation(request: HttpRequest, case_id: int, payload: CloseIn) -> Case:
    actor = api_params.actor(request)
    case = selectors.access_case(actor, case_id)
    grounds = ReviewGrounds(
        major_public_interest=payload.review_public_interest,
        major_rights_after_hearing=payload.review_major_rights_after_hearing,
        complex_multiple_legal_relations=payload.review_complex,
        required_by_other_law=payload.review_other_law,
    )
    return services.close_investigation(
        actor,
        case,
        outcome=payload.outcome,
        findings=payload.findings,
        review_grounds=grounds,
        major_or_complex=payload.major_or_complex,
        hearing_right=payload.hearing_right,
    )


class NoticeIn(Schema):
    proposed_penalties: str = Field(max_length=200)
    proposed_fine_fen: int = Field(0, ge=0)
    facts: str
    served_on: datetime.date
    statement_working_days: int = Field(3, ge=0, le=30)


@router.post("/cases/{case_id}/notice", response=CaseOut, summary="送达事先告知书")
def issue_notice(request: HttpRequest, case_id: int, payload: NoticeIn) -> Case:
    actor = api_params.actor(request)
    case = selectors.access_case(actor, case_id)
    services.issue_notice(actor, case, **payload.dict())
    return selectors.access_case(actor, case_id)


@router.post("/cases/{case_id}/submit-review", response=CaseOut, summary="提交法制审核")
def submit_review(request: HttpRequest, case_id: int) -> Case:
    actor = api_params.actor(request)
    return services.submit_legal_review(actor, selectors.access_case(actor, case_id))


class ReviewIn(Schema):
    opinion: str
    reasons: str


@router.post("/cases/{case_id}/review", response=CaseOut, summary="出具法制审核意见")
def review_case(request: HttpRequest, case_id: int, payload: ReviewIn) -> Case:
    actor = api_params.actor(request)
    services.review_case(actor, selectors.access_case(actor, case_id), **payload.dict())
    return selectors.access_case(actor, case_id)


class DecideIn(Schema):
    penalties: str = Field(max_length=200)
    fine_fen: int = Field(0, ge=0)
    basis: str
    overdue_reason: str = ""


class DecisionOut(Schema):
    number: str
    decided_on: datetime.date
    penalties: str
    fine_fen: int


@router.post("/cases/{case_id}/decide", response={201: DecisionOut}, summary="作出行政处罚决定")
def decide(request: HttpRequest, case_id: int, payload: DecideIn) -> Status[dict[str, object]]:
    actor = api_params.actor(request)
    decision = services.decide(actor, selectors.access_case(actor, case_id), **payload.dict())
    return Status(
        201,
        {
            "number": decision.number.text,
            "decided_on": decision.decided_on,
            "penalties": decision.penalties,
            "fine_fen": decision.fine_fen,
        },
    )


class DefenceIn(Schema):
    statement: str = ""
    waived: bool = False


@router.post("/cases/{case_id}/defence", response=CaseOut, summary="记录陈述申辩")
def record_defence(request: HttpRequest, case_id: int, payload: DefenceIn) -> Case:
    actor = api_params.actor(request)
    services.record_defence(actor, selectors.access_case(actor, case_id), **payload.dict())
    return selectors.access_case(actor, case_id)


class HearingRequestIn(Schema):
    requested_on: datetime.date


@router.post("/cases/{case_id}/hearing-request", response=CaseOut, summary="当事人要求听证")
def request_hearing(request: HttpRequest, case_id: int, payload: HearingRequestIn) -> Case:
    actor = api_params.actor(request)
    return services.request_hearing(actor, selectors.access_case(actor, case_id), **payload.dict())


class HearingIn(Schema):
    chair_id: int
    notice_sent_on: datetime.date
    held_on: datetime.date
    record_signed: bool
    place: str = Field("", max_length=200)


class ScheduleHearingIn(Schema):
    chair_id: int
    notice_sent_on: datetime.date
    held_on: datetime.date
    place: str = Field(max_length=200)


@router.post("/cases/{case_id}/hearing/schedule", response=CaseOut, summary="安排听证")
def schedule_hearing(request: HttpRequest, case_id: int, payload: ScheduleHearingIn) -> Case:
    actor = api_params.actor(request)
    case = selectors.access_case(actor, case_id)
    data = payload.dict()
    chair = selectors.town_staff(actor).filter(pk=data.pop("chair_id")).first()
    if chair is None:
        raise NotFoundOrHidden()
    services.schedule_hearing(actor, case, chair=chair, **data)
    return selectors.access_case(actor, case_id)


@router.post("/cases/{case_id}/hearing", response=CaseOut, summary="记录听证")
def hold_hearing(request: HttpRequest, case_id: int, payload: HearingIn) -> Case:
    actor = api_params.actor(request)
    case = selectors.access_case(actor, case_id)
    chair = selectors.town_staff(actor).filter(pk=payload.chair_id).first()
    if chair is None:
        raise NotFoundOrHidden()
    services.hold_hearing(
        actor,
        case,
        chair=chair,
        notice_sent_on=payload.notice_sent_on,
        held_on=payload.held_on,
        record_signed=payload.record_signed,
        place=payload.place,
    )
    return selectors.access_case(actor, case_id)


class DiscussionIn(Schema):
    held_on: datetime.date
    attendees: str = Field(max_length=500)
    minutes: str
    conclusion: str
    dissent: str = ""


@router.post("/cases/{case_id}/discussion", response=CaseOut, summary="记录集体讨论")
def record_discussion(request: HttpRequest, case_id: int, payload: DiscussionIn) -> Case:
    actor = api_params.actor(request)
    services.record_collective_discussion(actor, selectors.access_case(actor, case_id), **payload.dict())
    return selectors.access_case(actor, case_id)


class ExtendIn(Schema):
    days: int
    reason: str


@router.post("/cases/{case_id}/extend", response=CaseOut, summary="延长办案期限")
def extend(request: HttpRequest, case_id: int, payload: ExtendIn) -> Case:
    actor = api_params.actor(request)
    services.extend_decision_period(actor, selectors.access_case(actor, case_id), **payload.dict())
    return selectors.access_case(actor, case_id)


class ServeIn(Schema):
    method: str
    served_on: datetime.date
    recipient: str = Field(max_length=100)
    proof: str = Field(max_length=200)
    refused: bool = False
    late_reason: str = ""


@router.post("/cases/{case_id}/serve", response=CaseOut, summary="送达行政处罚决定书")
def serve(request: HttpRequest, case_id: int, payload: ServeIn) -> Case:
    actor = api_params.actor(request)
    services.serve_decision(actor, selectors.access_case(actor, case_id), **payload.dict())
    return selectors.access_case(actor, case_id)


class RemedyIn(Schema):
    kind: str
    started_on: datetime.date


@router.post("/cases/{case_id}/remedies", response=CaseOut, summary="登记行政复议或诉讼")
def start_remedy(request: HttpRequest, case_id: int, payload: RemedyIn) -> Case:
    actor = api_params.actor(request)
    services.start_remedy(actor, selectors.access_case(actor, case_id), **payload.dict())
    return selectors.access_case(actor, case_id)


class RemedyEndIn(Schema):
    ended_on: datetime.date
    result: str = Field(
        description="upheld 维持 / changed 变更 / revoked 撤销 / unlawful 确认违法 / void 确认无效 / dismissed 驳回 / withdrawn 撤回 / other"
    )
    outcome: str = Field("", max_length=200)


@router.post("/cases/{case_id}/remedies/end", response=CaseOut, summary="登记复议或诉讼结果")
def end_remedy(request: HttpRequest, case_id: int, payload: RemedyEndIn) -> Case:
    actor = api_params.actor(request)
    services.end_remedy(actor, selectors.access_case(actor, case_id), **payload.dict())
    return selectors.access_case(actor, case_id)


class PaymentIn(Schema):
    paid_on: datetime.date
    paid_fen: int = Field(ge=0)
    receipt_number: str = Field(max_length=60)


@router.post("/cases/{case_id}/payment", response=CaseOut, summary="登记缴纳罚款")
def record_payment(request: HttpRequest, case_id: int, payload: PaymentIn) -> Case:
    actor = api_params.actor(request)
    services.record_payment(actor, selectors.access_case(actor, case_id), **payload.dict())
    return selectors.access_case(actor, case_id)


class DemandIn(Schema):
    served_on: datetime.date


@router.post("/cases/{case_id}/demand", response=CaseOut, summary="送达催告书")
def issue_demand(request: HttpRequest, case_id: int, payload: DemandIn) -> Case:
    actor = api_params.actor(request)
    services.issue_demand(actor, selectors.access_case(actor, case_id), **payload.dict())
    return selectors.access_case(actor, case_id)


class CourtIn(Schema):
    court: str = Field(max_length=100)
    applied_on: datetime.date


@router.post("/cases/{case_id}/court-application", response=CaseOut, summary="申请人民法院强制执行")
def apply_to_court(request: HttpRequest, case_id: int, payload: CourtIn) -> Case:
    actor = api_params.actor(request)
    services.apply_to_court(actor, selectors.access_case(actor, case_id), **payload.dict())
    return selectors.access_case(actor, case_id)


class CloseCaseIn(Schema):
    reason: str
    summary: str


@router.post("/cases/{case_id}/close", response=CaseOut, summary="结案")
def close_case(request: HttpRequest, case_id: int, payload: CloseCaseIn) -> Case:
    actor = api_params.actor(request)
    services.close_case(actor, selectors.access_case(actor, case_id), **payload.dict())
    return selectors.access_case(actor, case_id)


@router.post("/cases/{case_id}/record-with-agency", response=CaseOut, summary="简易程序备案")
def record_with_agency(request: HttpRequest, case_id: int) -> Case:
    actor = api_params.actor(request)
    return services.record_with_agency(actor, selectors.access_case(actor, case_id))


class OnSpotIn(Schema):
    party_id: int
    power_id: int
    co_officer_id: int
    title: str = Field(max_length=200)
    place: str = Field(max_length=200)
    act_on: datetime.date
    facts: str
    basis: str
    warning_only: bool = False
    fine_fen: int = Field(0, ge=0)
    statement: str = ""
    defence_waived: bool = False
    party_signed: bool = True
    refusal_noted: bool = False
    collected_on_spot: bool = False
    receipt_number: str = Field("", max_length=60)
    hard_to_enforce_later: bool = False
    remote_area_on_request: bool = False


@router.post("/cases/on-the-spot", response={201: CaseOut}, summary="当场作出行政处罚决定（简易程序）")
def decide_on_spot(request: HttpRequest, payload: OnSpotIn) -> Status[Case]:
    actor = api_params.actor(request)
    data = payload.dict()
    party = selectors.access_party_for_case(actor, data.pop("party_id"))
    power = selectors.access_power(actor, data.pop("power_id"))
    co_officer = selectors.team_of(actor).filter(pk=data.pop("co_officer_id")).first()
    if co_officer is None:
        raise NotFoundOrHidden()
    decision = services.OnSpotDecision(party=party, power=power, co_officer=co_officer, **data)
    return Status(201, services.decide_on_spot(actor, decision))


class EvidenceIn(Schema):
    kind: str
    description: str = Field(max_length=200)
    captured_by_id: int
    captured_at: datetime.datetime
    place: str = Field(max_length=200)
    device_id: int | None = None
    upload_key: str = ""


class EvidenceOut(Schema):
    id: int
    kind: str
    description: str
    captured_at: datetime.datetime
    device: str | None
    sha256: str | None

    @staticmethod
    def resolve_device(obj: Evidence) -> str | None:
        return obj.device.number if obj.device else None

    @staticmethod
    def resolve_sha256(obj: Evidence) -> str | None:
        return obj.attachment.blob.sha256 if obj.attachment else None


@router.post("/cases/{case_id}/evidence", response={201: EvidenceOut}, summary="登记证据（文件先以分片上传）")
def add_evidence(request: HttpRequest, case_id: int, payload: EvidenceIn) -> Status[Evidence]:
    actor = api_params.actor(request)
    case = selectors.access_case(actor, case_id)
    captured_by = selectors.team_of(actor).filter(pk=payload.captured_by_id).first()
    if captured_by is None:
        raise NotFoundOrHidden()
    device = selectors.access_device(actor, payload.device_id) if payload.device_id else None
    stored = None
    if payload.upload_key:
        blob, name, _session = services.finish_upload(actor, payload.upload_key)
        stored = (blob, name)
    data = services.EvidenceInput(
        kind=payload.kind,
        description=payload.description,
        captured_by=captured_by,
        captured_at=payload.captured_at,
        place=payload.place,
        device=device,
    )
    return Status(201, services.add_evidence(actor, case, data, stored=stored))


class UploadIn(Schema):
    name: str = Field(max_length=200)
    size: int


class UploadOut(Schema):
    key: str
    received_bytes: int
    total_bytes: int


@router.post(
    "/cases/{case_id}/uploads",
    response={201: UploadOut},
    summary="开始分片上传",
    url_name="case-upload-start",
)
def start_upload(request: HttpRequest, case_id: int, payload: UploadIn) -> Status[UploadSession]:
    actor = api_params.actor(request)
    case = selectors.access_case(actor, case_id)
    return Status(
        201, services.start_upload(actor, case, original_name=payload.name, total_bytes=payload.size)
    )


@router.get(
    "/uploads/{key}", response=UploadOut, summary="查询已上传字节数（续传从此处开始）", url_name="upload"
)
def upload_status(request: HttpRequest, key: str) -> UploadSession:
    return services.access_upload(api_params.actor(request), key)


@router.put(
    "/uploads/{key}", response={200: UploadOut, 409: UploadOut}, summary="上传一个分片（?offset=已收字节数）"
)
def upload_piece(request: HttpRequest, key: str, offset: int) -> Status[UploadSession]:
    """The body is the raw piece, read as a stream. A piece at the wrong offset gets 409 with the
    offset to resume from."""
    actor = api_params.actor(request)
    length = int(request.headers.get("Content-Length") or 0)
    try:
        return Status(200, services.receive_piece(actor, key, request, offset=offset, length=length))
    except services.UploadOffsetMismatch:
        return Status(409, services.access_upload(actor, key))


class RecordIn(Schema):
    kind: str
    place: str = Field(max_length=200)
    started_at: datetime.datetime
    ended_at: datetime.datetime
    subject_person: str = Field(max_length=100)
    subject_details: str = Field("", max_length=200)
    content: str
    officer_ids: list[int]
    signed: bool = True
    refusal_noted: bool = False


@router.post("/cases/{case_id}/records", response={201: CaseOut}, summary="登记笔录")
def add_record(request: HttpRequest, case_id: int, payload: RecordIn) -> Status[Case]:
    actor = api_params.actor(request)
    case = selectors.access_case(actor, case_id)
    data = payload.dict()
    officers = list(selectors.team_of(actor).filter(pk__in=data.pop("officer_ids")))
    services.add_record(actor, case, services.RecordInput(officers=officers, **data))
    return Status(201, selectors.access_case(actor, case_id))


class DocumentOut(Schema):
    kind: str
    label: str
    url: str


@router.get("/cases/{case_id}/documents", response=list[DocumentOut], summary="列出案件已可生成的执法文书")
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
    archive_number: str = Field(max_length=60)


class ArchiveOut(Schema):
    archive_number: str
    archived_on: datetime.date | None
    archive_sha256: str


@router.post("/cases/{case_id}/archive", response={201: ArchiveOut}, summary="归档（生成电子案卷）")
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
    number: str = Field(max_length=40)
    model_name: str = Field("", max_length=100)


@router.post("/devices", response={201: DeviceOut}, summary="登记执法记录仪")
def add_device(request: HttpRequest, payload: DeviceIn) -> Status[RecordingDevice]:
    return Status(201, services.add_device(api_params.actor(request), **payload.dict()))


class AssignIn(Schema):
    staff_id: int
    valid_from: datetime.date


@router.post("/devices/{device_id}/assign", response=DeviceOut, summary="配发执法记录仪")
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


@router.post("/devices/{device_id}/return", response=DeviceOut, summary="收回执法记录仪")
def return_device(request: HttpRequest, device_id: int, payload: ReturnIn) -> RecordingDevice:
    actor = api_params.actor(request)
    device = selectors.access_device(actor, device_id)
    services.return_device(actor, device, valid_to=payload.valid_to)
    return selectors.access_device(actor, device_id)
