"""Mediation centre endpoints: intake, dispatch, hand-on and hand-back, sessions, closure, follow-up,
handling units and the statistics, with the same services, rules and errors as the pages."""

from __future__ import annotations

import datetime
from typing import Annotated

from django.http import HttpRequest
from ninja import Field, Router, Schema, Status

from fazhi.core import api_params, permissions
from fazhi.core.api import PartyIn, party_choices
from fazhi.core.api_input import Choice, OptionalText, RecordId, Required
from fazhi.core.errors import NotFoundOrHidden
from fazhi.mediation import selectors, services
from fazhi.mediation.models import (
    Channel,
    Dispute,
    DisputeCategory,
    FollowUp,
    FollowUpMethod,
    HandlingUnit,
    MediationCentre,
    MediationSession,
    Outcome,
    Performance,
    Satisfaction,
    UnitKind,
)
from fazhi.mediation.rules import OUTCOME_REQUIRED

router = Router(tags=["矛调中心"])
HandingReason = Annotated[str, Required("请写明转交或退回的理由。")]


class DisputeOut(Schema):
    id: int
    tracking_number: str
    received_on: datetime.date
    channel: str
    category_id: int
    visitor_count: int
    status: str
    due_on: datetime.date
    outcome: str
    closed_on: datetime.date | None


class DisputeIn(Schema):
    received_on: datetime.date
    channel: Annotated[Channel, Choice(Channel)]
    category_id: RecordId
    visitor_count: int = Field(ge=1)
    visitor_ids: list[RecordId] = []
    new_visitors: list[PartyIn] = []
    summary: Annotated[str, Required("请填写事由。")]
    claims: Annotated[str, Required("请填写诉求。")]


@router.get("/mediation/disputes", response=list[DisputeOut], summary="矛调中心来访")
def list_disputes(
    request: HttpRequest, limit: api_params.Limit = 50, offset: api_params.Offset = 0
) -> list[Dispute]:
    return list(api_params.page(selectors.disputes_for(api_params.actor(request)), limit, offset))


@router.post("/mediation/disputes", response={201: DisputeOut}, summary="来访登记")
def register(request: HttpRequest, payload: DisputeIn) -> Status[Dispute]:
    actor = api_params.actor(request)
    visitors = party_choices(
        payload.visitor_ids, payload.new_visitors, id_field="visitor_ids", new_field="new_visitors"
    )
    data = services.DisputeInput(
        received_on=payload.received_on,
        channel=payload.channel,
        category=DisputeCategory.objects.filter(pk=payload.category_id).first(),
        visitor_count=payload.visitor_count,
        visitors=list(visitors),
        summary=payload.summary,
        claims=payload.claims,
    )
    return Status(201, services.register_dispute(actor, data))


class DispatchIn(Schema):
    unit_id: RecordId
    due_on: datetime.date


@router.post("/mediation/disputes/{id:dispute_id}/dispatch", response=DisputeOut, summary="分流交办")
def dispatch(request: HttpRequest, dispute_id: int, payload: DispatchIn) -> Dispute:
    actor = api_params.actor(request)
    dispute = selectors.access_dispute(actor, dispute_id)
    unit = selectors.units_for(actor).filter(pk=payload.unit_id).first()
    if unit is None:
        raise NotFoundOrHidden()
    services.dispatch_dispute(actor, dispute, unit=unit, due_on=payload.due_on)
    return selectors.access_dispute(actor, dispute_id)


class HandOnIn(Schema):
    unit_id: RecordId
    due_on: datetime.date
    reason: HandingReason


@router.post("/mediation/disputes/{id:dispute_id}/hand-on", response=DisputeOut, summary="转交其他承办单位")
def hand_on(request: HttpRequest, dispute_id: int, payload: HandOnIn) -> Dispute:
    actor = api_params.actor(request)
    dispute = selectors.access_dispute(actor, dispute_id)
    unit = selectors.units_for(actor).filter(pk=payload.unit_id).first()
    if unit is None:
        raise NotFoundOrHidden()
    services.hand_on(actor, dispute, unit=unit, due_on=payload.due_on, reason=payload.reason)
    return selectors.access_dispute(actor, dispute_id)


class ReasonIn(Schema):
    reason: HandingReason


@router.post("/mediation/disputes/{id:dispute_id}/hand-back", response=DisputeOut, summary="退回矛调中心")
def hand_back(request: HttpRequest, dispute_id: int, payload: ReasonIn) -> Dispute:
    actor = api_params.actor(request)
    return services.hand_back(actor, selectors.access_dispute(actor, dispute_id), reason=payload.reason)


class SessionIn(Schema):
    held_on: datetime.date
    place: Annotated[str, Required("请填写调解地点。", max_length=100)]
    mediators: Annotated[str, Required("请填写调解员。", max_length=200)]
    attendees: Annotated[str, Required("请填写参加人。", max_length=300)]
    record: Annotated[str, Required("请填写调解记录。")]


class SessionOut(SessionIn):
    id: int


@router.post(
    "/mediation/disputes/{id:dispute_id}/sessions", response={201: SessionOut}, summary="登记调解记录"
)
def record_session(request: HttpRequest, dispute_id: int, payload: SessionIn) -> Status[MediationSession]:
    actor = api_params.actor(request)
    dispute = selectors.access_dispute(actor, dispute_id)
    return Status(201, services.record_session(actor, dispute, services.SessionInput(**payload.dict())))


class AgreementIn(Schema):
    parties: OptionalText
    facts: OptionalText
    disputed_matters: OptionalText
    responsibilities: OptionalText
    terms: OptionalText
    performance: OptionalText
    signed_on: datetime.date
    mediator: OptionalText = Field(max_length=50)
    committee: OptionalText = Field(max_length=100)


class ClosureIn(Schema):
    outcome: Annotated[Outcome, Choice(Outcome, OUTCOME_REQUIRED)] = Field("", validate_default=True)
    closed_on: datetime.date
    note: OptionalText = ""
    checklist: dict[str, str] = {}
    agreement: AgreementIn | None = None


@router.post("/mediation/disputes/{id:dispute_id}/close", response=DisputeOut, summary="办结")
def close(request: HttpRequest, dispute_id: int, payload: ClosureIn) -> Dispute:
    actor = api_params.actor(request)
    dispute = selectors.access_dispute(actor, dispute_id)
    agreement = services.AgreementInput(**payload.agreement.dict()) if payload.agreement else None
    data = services.ClosureInput(
        outcome=payload.outcome,
        closed_on=payload.closed_on,
        note=payload.note,
        checklist=payload.checklist,
        agreement=agreement,
    )
    return services.close_dispute(actor, dispute, data)


class FollowUpIn(Schema):
    visited_on: datetime.date
    method: Annotated[FollowUpMethod, Choice(FollowUpMethod)]
    performance: Annotated[Performance, Choice(Performance)]
    satisfaction: Annotated[Satisfaction, Choice(Satisfaction)]
    note: OptionalText = ""


class FollowUpOut(FollowUpIn):
    id: int


@router.post("/mediation/disputes/{id:dispute_id}/follow-ups", response={201: FollowUpOut}, summary="回访")
def follow_up(request: HttpRequest, dispute_id: int, payload: FollowUpIn) -> Status[FollowUp]:
    actor = api_params.actor(request)
    dispute = selectors.access_dispute(actor, dispute_id)
    return Status(201, services.record_follow_up(actor, dispute, services.FollowUpInput(**payload.dict())))


class CentreIn(Schema):
    name: Annotated[str, Required("请填写矛调中心名称。", max_length=100)]
    opened_on: datetime.date


class CentreOut(CentreIn):
    id: int


@router.put("/mediation/centre", response=CentreOut, summary="登记矛调中心及其挂牌成立日期")
def record_centre(request: HttpRequest, payload: CentreIn) -> MediationCentre:
    return services.record_centre_opening(
        api_params.actor(request), name=payload.name, opened_on=payload.opened_on
    )


class UnitIn(Schema):
    name: Annotated[str, Required("请填写承办单位名称。", max_length=100)]
    kind: Annotated[UnitKind, Choice(UnitKind)]


class UnitOut(Schema):
    id: int
    name: str
    kind: str


@router.post("/mediation/units", response={201: UnitOut}, summary="登记承办单位")
def add_unit(request: HttpRequest, payload: UnitIn) -> Status[HandlingUnit]:
    return Status(201, services.add_handling_unit(api_params.actor(request), **payload.dict()))


class CountOut(Schema):
    category: str
    month: int
    batches: int
    persons: int


@router.get("/mediation/statistics", response=list[CountOut], summary="来访批次与人次（按类别、月份）")
def statistics(request: HttpRequest, year: api_params.Year | None = None) -> list[selectors.CategoryCount]:
    root = permissions.scope_root(api_params.actor(request))
    if root is None:
        return []
    return selectors.visits_by_category_and_month(root, year=api_params.year(year))


class OutcomeStatisticsOut(Schema):
    batches: int
    persons: int
    closed: int
    closed_on_time: int
    followed_up: int
    satisfied: int
    closure_rate: float | None
    timeliness_rate: float | None
    satisfaction_rate: float | None
    by_outcome: dict[str, int]


@router.get(
    "/mediation/outcomes", response=OutcomeStatisticsOut, summary="办结率、按期办结率与满意率（按期间）"
)
def outcomes(
    request: HttpRequest, start: datetime.date, end: datetime.date
) -> selectors.OutcomeStatistics | None:
    root = permissions.scope_root(api_params.actor(request))
    if root is None:
        raise NotFoundOrHidden()
    return selectors.outcome_statistics(root, start=start, end=end)
