"""回避 (art. 43) and 先行登记保存 (art. 56) in a case, with the same services, rules and errors as its page."""

from __future__ import annotations

import datetime
from typing import Annotated

from django.http import HttpRequest
from ninja import Schema, Status

from fazhi.core import api_params
from fazhi.core.api_input import Choice, OptionalText, RecordId, Required
from fazhi.core.errors import NotFoundOrHidden
from fazhi.enforcement import selectors, services
from fazhi.enforcement.api.common import router
from fazhi.enforcement.models import Preservation, PreservationHandling, Recusal, RecusalRequester


class RecusalIn(Schema):
    staff_id: RecordId
    requested_by: Annotated[RecusalRequester, Choice(RecusalRequester)]
    reason: Annotated[str, Required("请写明申请回避的理由。")]
    requested_on: datetime.date


class RecusalDecisionIn(Schema):
    granted: bool
    decision_reason: Annotated[str, Required("请写明决定的理由。")]
    replacement_id: RecordId | None = None


class RecusalOut(Schema):
    id: int
    staff_id: int
    requested_by: str
    requested_on: datetime.date
    decided_on: datetime.date | None
    granted: bool | None


@router.post("/cases/{id:case_id}/recusals", response={201: RecusalOut}, summary="登记回避申请")
def request_recusal(request: HttpRequest, case_id: int, payload: RecusalIn) -> Status[Recusal]:
    actor = api_params.actor(request)
    case = selectors.access_case(actor, case_id)
    staff = selectors.town_staff(actor).filter(pk=payload.staff_id).first()
    if staff is None:
        raise NotFoundOrHidden()
    recusal = services.request_recusal(
        actor,
        case,
        staff=staff,
        requested_by=payload.requested_by,
        reason=payload.reason,
        requested_on=payload.requested_on,
    )
    return Status(201, recusal)


@router.post(
    "/cases/{id:case_id}/recusals/{id:recusal_id}/decision", response=RecusalOut, summary="负责人决定回避申请"
)
def decide_recusal(
    request: HttpRequest, case_id: int, recusal_id: int, payload: RecusalDecisionIn
) -> Recusal:
    actor = api_params.actor(request)
    case = selectors.access_case(actor, case_id)
    recusal = selectors.access_recusal(case, recusal_id)
    replacement = None
    if payload.replacement_id is not None:
        replacement = selectors.team_of(actor).filter(pk=payload.replacement_id).first()
        if replacement is None:
            raise NotFoundOrHidden()
    return services.decide_recusal(
        actor,
        case,
        recusal,
        granted=payload.granted,
        decision_reason=payload.decision_reason,
        replacement=replacement,
    )


class PreservationIn(Schema):
    items: Annotated[str, Required("请写明登记保存的物品名称、数量、规格。")]
    reason: Annotated[str, Required("请写明证据可能灭失或者以后难以取得的情形。")]
    approved_by_id: RecordId
    approved_on: datetime.date
    preserved_on: datetime.date
    officer_ids: list[RecordId]


class PreservationHandlingIn(Schema):
    handled_on: datetime.date
    handling: Annotated[PreservationHandling, Choice(PreservationHandling)]
    handling_note: OptionalText = ""
    late_reason: OptionalText = ""


class PreservationOut(Schema):
    id: int
    items: str
    preserved_on: datetime.date
    decision_due: datetime.date
    handled_on: datetime.date | None
    handling: str


@router.post("/cases/{id:case_id}/preservations", response={201: PreservationOut}, summary="先行登记保存证据")
def preserve(request: HttpRequest, case_id: int, payload: PreservationIn) -> Status[Preservation]:
    actor = api_params.actor(request)
    case = selectors.access_case(actor, case_id)
    approver = selectors.town_staff(actor).filter(pk=payload.approved_by_id).first()
    if approver is None:
        raise NotFoundOrHidden()
    officers = list(selectors.team_of(actor).filter(pk__in=payload.officer_ids))
    data = services.PreservationInput(
        items=payload.items,
        reason=payload.reason,
        approved_by=approver,
        approved_on=payload.approved_on,
        preserved_on=payload.preserved_on,
        officers=officers,
    )
    return Status(201, services.preserve(actor, case, data))


@router.post(
    "/cases/{id:case_id}/preservations/{id:preservation_id}/handling",
    response=PreservationOut,
    summary="对先行登记保存的证据作出处理决定",
)
def handle_preservation(
    request: HttpRequest, case_id: int, preservation_id: int, payload: PreservationHandlingIn
) -> Preservation:
    actor = api_params.actor(request)
    case = selectors.access_case(actor, case_id)
    preservation = selectors.access_preservation(case, preservation_id)
    return services.handle_preservation(actor, case, preservation, **payload.dict())
