"""Mediation centre endpoints: intake, dispatch, handling units and the statistics, with the same
services, rules and errors as the pages."""

from __future__ import annotations

import datetime

from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Router, Schema, Status

from fazhi.core import permissions
from fazhi.core import selectors as core_selectors
from fazhi.core.errors import NotFoundOrHidden
from fazhi.core.models import Staff
from fazhi.mediation import selectors, services
from fazhi.mediation.models import Dispute, DisputeCategory, HandlingUnit

router = Router(tags=["矛调中心"])


def _actor(request: HttpRequest) -> Staff:
    user = request.auth  # type: ignore[attr-defined]
    assert isinstance(user, Staff)
    return user


class DisputeOut(Schema):
    id: int
    tracking_number: str
    received_on: datetime.date
    channel: str
    category_id: int
    visitor_count: int
    status: str
    due_on: datetime.date


class DisputeIn(Schema):
    received_on: datetime.date
    channel: str
    category_id: int
    visitor_count: int
    visitor_ids: list[int]
    summary: str
    claims: str


@router.get("/mediation/disputes", response=list[DisputeOut], summary="矛调中心来访")
def list_disputes(request: HttpRequest, limit: int = 50, offset: int = 0) -> list[Dispute]:
    limit, offset = max(1, min(limit, 100)), max(0, offset)
    return list(selectors.disputes_for(_actor(request))[offset : offset + limit])


@router.post("/mediation/disputes", response={201: DisputeOut}, summary="来访登记")
def register(request: HttpRequest, payload: DisputeIn) -> Status[Dispute]:
    actor = _actor(request)
    visitors = [core_selectors.access_party(actor, party_id) for party_id in payload.visitor_ids]
    data = services.DisputeInput(
        received_on=payload.received_on,
        channel=payload.channel,
        category=DisputeCategory.objects.filter(pk=payload.category_id).first(),
        visitor_count=payload.visitor_count,
        visitors=visitors,
        summary=payload.summary,
        claims=payload.claims,
    )
    return Status(201, services.register_dispute(actor, data))


class DispatchIn(Schema):
    unit_id: int
    due_on: datetime.date


@router.post("/mediation/disputes/{dispute_id}/dispatch", response=DisputeOut, summary="分流交办")
def dispatch(request: HttpRequest, dispute_id: int, payload: DispatchIn) -> Dispute:
    actor = _actor(request)
    dispute = selectors.access_dispute(actor, dispute_id)
    unit = selectors.units_for(actor).filter(pk=payload.unit_id).first()
    if unit is None:
        raise NotFoundOrHidden()
    services.dispatch_dispute(actor, dispute, unit=unit, due_on=payload.due_on)
    return selectors.access_dispute(actor, dispute_id)


class UnitIn(Schema):
    name: str = Field(max_length=100)
    kind: str


class UnitOut(Schema):
    id: int
    name: str
    kind: str


@router.post("/mediation/units", response={201: UnitOut}, summary="登记承办单位")
def add_unit(request: HttpRequest, payload: UnitIn) -> Status[HandlingUnit]:
    return Status(201, services.add_handling_unit(_actor(request), **payload.dict()))


class CountOut(Schema):
    category: str
    month: int
    batches: int
    persons: int


@router.get("/mediation/statistics", response=list[CountOut], summary="来访批次与人次（按类别、月份）")
def statistics(request: HttpRequest, year: int | None = None) -> list[selectors.CategoryCount]:
    root = permissions.scope_root(_actor(request))
    if root is None:
        return []
    return selectors.visits_by_category_and_month(root, year=year or timezone.localdate().year)
