"""Every write of the mediation centre: a visit registered as one batch with its persons, and its
dispatch to a handling unit. Each one transaction with its ledger event."""

from __future__ import annotations

import datetime
import secrets
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from fazhi.core import permissions
from fazhi.core.errors import InvalidInput, NotFoundOrHidden, RuleViolation
from fazhi.core.models import Party, Role, Staff
from fazhi.ledger import record as ledger
from fazhi.mediation import rules
from fazhi.mediation.events import MediationEvent
from fazhi.mediation.models import (
    Channel,
    Dispatch,
    Dispute,
    DisputeCategory,
    DisputeStatus,
    HandlingUnit,
    UnitKind,
)

STAFF_ROLES = (Role.MEDIATOR, Role.PETITION_STAFF, Role.ADMIN, Role.HEAD)
# Unambiguous characters only: the number is read out over the phone and typed on the portal.
TRACKING_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"


@dataclass(frozen=True)
class DisputeInput:
    received_on: datetime.date
    channel: str
    category: DisputeCategory | None
    visitor_count: int
    visitors: list[Party]
    summary: str
    claims: str


def _tracking_number() -> str:
    return "".join(secrets.choice(TRACKING_ALPHABET) for _ in range(10))


@transaction.atomic(durable=True)
def register_dispute(actor: Staff, data: DisputeInput) -> Dispute:
    """One visit, one batch (批): its persons (人次) are counted as given, never fewer than the visitors
    listed; the category must be one of the taxonomy's."""
    permissions.require_role(actor, *STAFF_ROLES)
    town = permissions.acting_town(actor)
    errors: dict[str, str] = {}
    if data.received_on > timezone.localdate():
        errors["received_on"] = "接待日期不能晚于今天。"
    if data.channel not in Channel.values:
        errors["channel"] = "请选择来源渠道。"
    if data.category is None or not data.category.active or data.category.children.exists():
        errors["category"] = "请从纠纷类别中选择一个具体类别。"
    if data.visitor_count < 1:
        errors["visitor_count"] = "人次至少为 1。"
    elif data.visitor_count < len(set(data.visitors)):
        errors["visitor_count"] = "人次（%(n)d）少于登记的来访人数（%(v)d）。" % {
            "n": data.visitor_count,
            "v": len(set(data.visitors)),
        }
    if not data.visitors:
        errors["visitors"] = "请登记来访人（群体来访登记代表）。"
    elif any(not party.organisation.path.startswith(town.path) for party in data.visitors):
        errors["visitors"] = "来访人应为本镇（街道）登记的当事人。"
    if not data.summary.strip():
        errors["summary"] = "请填写事由。"
    if not data.claims.strip():
        errors["claims"] = "请填写诉求。"
    if errors:
        raise InvalidInput("来访登记信息有误。", field_errors=errors)
    assert data.category is not None
    dispute = Dispute.objects.create(
        organisation=town,
        tracking_number=_tracking_number(),
        received_on=data.received_on,
        channel=data.channel,
        category=data.category,
        visitor_count=data.visitor_count,
        summary=data.summary.strip(),
        claims=data.claims.strip(),
        status=DisputeStatus.REGISTERED,
        due_on=rules.closure_period().due(data.received_on).due,
        registered_by=actor,
    )
    dispute.visitors.set(dict.fromkeys(data.visitors))
    ledger.record(
        actor,
        MediationEvent.REGISTERED,
        dispute,
        {
            "category": data.category.pk,
            "visitor_count": data.visitor_count,
            "visitors": sorted(party.pk for party in data.visitors),
            "due_on": dispute.due_on.isoformat(),
        },
        organisation=town,
    )
    return dispute


@transaction.atomic(durable=True)
def dispatch_dispute(
    actor: Staff, dispute: Dispute, *, unit: HandlingUnit, due_on: datetime.date
) -> Dispatch:
    """分流交办 (1+3+N): to one of the town's handling units, with a due date within the closure target."""
    permissions.require_role(actor, *STAFF_ROLES)
    town = permissions.acting_town(actor)
    if dispute.organisation_id != town.pk:
        raise NotFoundOrHidden()
    dispute = Dispute.objects.select_for_update().get(pk=dispute.pk)
    if unit.organisation_id != town.pk or not unit.active:
        raise InvalidInput("请选择本镇（街道）启用的承办单位。", field_errors={"unit": "请选择承办单位。"})
    if due_on < timezone.localdate() or due_on > dispute.due_on:
        raise RuleViolation(
            "办理期限应在今天至办结期限 %(d)s 之间。" % {"d": dispute.due_on.isoformat()},
            citation=rules.MEDIATION_CITATION,
        )
    sent = Dispatch.objects.create(dispute=dispute, unit=unit, due_on=due_on, dispatched_by=actor)
    dispute.status = DisputeStatus.DISPATCHED
    dispute.save(update_fields=["status"])
    ledger.record(
        actor,
        MediationEvent.DISPATCHED,
        dispute,
        {"unit": unit.name, "due_on": due_on.isoformat()},
        organisation=town,
    )
    return sent


@transaction.atomic(durable=True)
def add_handling_unit(actor: Staff, *, name: str, kind: str) -> HandlingUnit:
    """A unit the centre may dispatch to (1+3+N): a core force, a department or a village."""
    permissions.require_role(actor, Role.ADMIN, Role.HEAD)
    town = permissions.acting_town(actor)
    errors: dict[str, str] = {}
    if not name.strip():
        errors["name"] = "请填写承办单位名称。"
    elif HandlingUnit.objects.filter(organisation=town, name=name.strip()).exists():
        errors["name"] = "该承办单位已登记。"
    if kind not in UnitKind.values:
        errors["kind"] = "请选择类别。"
    if errors:
        raise InvalidInput("承办单位信息有误。", field_errors=errors)
    unit = HandlingUnit.objects.create(organisation=town, name=name.strip(), kind=kind)
    ledger.record(
        actor, MediationEvent.UNIT_ADDED, unit, {"name": unit.name, "kind": kind}, organisation=town
    )
    return unit


@transaction.atomic
def ensure_default_categories() -> None:
    """The default taxonomy, where it is missing (migration 0002 puts it in; a database emptied since,
    as tests do, gets it back)."""
    for name, children in rules.DEFAULT_CATEGORIES.items():
        parent, _ = DisputeCategory.objects.get_or_create(name=name, parent=None)
        for child in children:
            DisputeCategory.objects.get_or_create(name=child, parent=parent)
