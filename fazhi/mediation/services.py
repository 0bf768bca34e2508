"""Every write of the mediation centre: a visit registered as one batch with its persons, its dispatch
to a handling unit and its hand-on or hand-back, the mediation sessions, the closure with its outcome
(an agreement among them) and the follow-up visit. Each one transaction with its ledger event."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from fazhi.core import locking, numbering, permissions
from fazhi.core import services as core_services
from fazhi.core.errors import InvalidInput
from fazhi.core.models import Party, Staff
from fazhi.core.tracking import new_tracking_number
from fazhi.ledger import record as ledger
from fazhi.mediation import rules, selectors
from fazhi.mediation.events import MediationEvent
from fazhi.mediation.models import (
    Agreement,
    Dispatch,
    DispatchEnd,
    Dispute,
    DisputeCategory,
    DisputeStatus,
    DisputeVisitor,
    FollowUp,
    HandlingUnit,
    MediationCentre,
    MediationSession,
    Outcome,
)


def _take(actor: Staff, dispute: Dispute, step: str) -> Dispute:
    """The town's own matter, locked, once mediation.rules.STEPS lets the actor take `step` on it."""
    return locking.take_step(actor, dispute, rules.STEPS[step], selectors.DisputeRowFacts)


@dataclass(frozen=True)
class DisputeInput:
    received_on: datetime.date
    channel: str
    category: DisputeCategory | None
    visitor_count: int
    # Each visitor chosen among the town's parties or entered new on the visit's form (one row each).
    visitors: list[Party | core_services.PartyChoice]
    summary: str
    claims: str


@transaction.atomic(durable=True)
def register_dispute(actor: Staff, data: DisputeInput) -> Dispute:
    """One visit, one batch (批): its persons (人次) are counted as given, never fewer than the visitors
    listed; the category must be one of the taxonomy's."""
    permissions.require_step(actor, rules.STEPS["register"])
    town = permissions.acting_town(actor)
    errors: dict[str, str] = {}
    if data.received_on > timezone.localdate():
        errors["received_on"] = "接待日期不能晚于今天。"
    if data.category is None or not data.category.active or data.category.children.exists():
        errors["category"] = "请从纠纷类别中选择一个具体类别。"
    # New visitors are registered here, inside the visit's transaction: a refused visit leaves none.
    # Each visitor once, with the relation of the first row that names them.
    relations: dict[Party, str] = {}
    try:
        parties = core_services.parties_for(actor, data.visitors, town=town)
    except InvalidInput as error:
        errors.update(error.field_errors)
    else:
        for party, chosen in zip(parties, data.visitors, strict=True):
            relation = chosen.relation if isinstance(chosen, core_services.PartyChoice) else ""
            relations.setdefault(party, relation)
    visitors = list(relations)
    if data.visitor_count < len(visitors):
        errors["visitor_count"] = "人次（%(n)d）少于登记的来访人数（%(v)d）。" % {
            "n": data.visitor_count,
            "v": len(visitors),
        }
    if not data.visitors:
        errors["visitors"] = "请登记来访人（群体来访登记代表）。"
    if errors:
        raise InvalidInput("来访登记信息有误。", field_errors=errors)
    assert data.category is not None
    dispute = Dispute.objects.create(
        organisation=town,
        tracking_number=new_tracking_number(),
        received_on=data.received_on,
        channel=data.channel,
        category=data.category,
        visitor_count=data.visitor_count,
        summary=data.summary,
        claims=data.claims,
        status=DisputeStatus.REGISTERED,
        due_on=rules.closure_period().due(data.received_on).due,
        registered_by=actor,
    )
    DisputeVisitor.objects.bulk_create(
        DisputeVisitor(dispute=dispute, party=party, relation=relation)
        for party, relation in relations.items()
    )
    ledger.record(
        actor,
        MediationEvent.REGISTERED,
        dispute,
        {
            "category": data.category.pk,
            "visitor_count": data.visitor_count,
            "visitors": sorted(party.pk for party in visitors),
            "relations": {str(party.pk): relation for party, relation in relations.items() if relation},
            "due_on": dispute.due_on.isoformat(),
        },
        organisation=town,
    )
    return dispute


def _check_unit_and_due(dispute: Dispute, unit: HandlingUnit, due_on: datetime.date) -> None:
    if unit.organisation_id != dispute.organisation_id or not unit.active:
        raise InvalidInput("请选择本镇（街道）启用的承办单位。", field_errors={"unit": "请选择承办单位。"})
    rules.check_unit_due(due_on, closure_due=dispute.due_on, today=timezone.localdate())


def _current_dispatch(dispute: Dispute) -> Dispatch | None:
    return dispute.dispatches.filter(end="").select_related("unit").first()


@transaction.atomic(durable=True)
def dispatch_dispute(
    actor: Staff, dispute: Dispute, *, unit: HandlingUnit, due_on: datetime.date
) -> Dispatch:
    """分流交办 (1+3+N): to one of the town's handling units, with a due date within the closure target."""
    dispute = _take(actor, dispute, "dispatch")
    _check_unit_and_due(dispute, unit, due_on)
    sent = Dispatch.objects.create(dispute=dispute, unit=unit, due_on=due_on, dispatched_by=actor)
    dispute.status = DisputeStatus.DISPATCHED
    dispute.save(update_fields=["status"])
    ledger.record(
        actor,
        MediationEvent.DISPATCHED,
        dispute,
        {"unit": unit.name, "due_on": due_on.isoformat()},
        organisation=dispute.organisation,
    )
    return sent


def _end_current(dispute: Dispute, *, end: str, reason: str) -> Dispatch:
    current = _current_dispatch(dispute)
    assert current is not None, "the step's gate found the unit in charge"
    current.end = end
    current.end_reason = reason
    current.ended_on = timezone.localdate()
    current.save(update_fields=["end", "end_reason", "ended_on"])
    return current


@transaction.atomic(durable=True)
def hand_on(
    actor: Staff, dispute: Dispute, *, unit: HandlingUnit, due_on: datetime.date, reason: str
) -> Dispatch:
    """The unit in charge passes the matter to another unit (e.g. a village to the 司法所), with a reason."""
    dispute = _take(actor, dispute, "hand_on")
    current = _current_dispatch(dispute)
    if current is not None and current.unit_id == unit.pk:
        raise InvalidInput("请选择另一个承办单位。", field_errors={"unit": "该单位正在承办此事项。"})
    _check_unit_and_due(dispute, unit, due_on)
    previous = _end_current(dispute, end=DispatchEnd.HANDED_ON, reason=reason)
    sent = Dispatch.objects.create(dispute=dispute, unit=unit, due_on=due_on, dispatched_by=actor)
    ledger.record(
        actor,
        MediationEvent.HANDED_ON,
        dispute,
        {"from": previous.unit.name, "to": unit.name, "due_on": due_on.isoformat(), "reason": reason},
        organisation=dispute.organisation,
    )
    return sent


@transaction.atomic(durable=True)
def hand_back(actor: Staff, dispute: Dispute, *, reason: str) -> Dispute:
    """The unit in charge returns the matter to the centre, which dispatches it again."""
    dispute = _take(actor, dispute, "hand_back")
    previous = _end_current(dispute, end=DispatchEnd.HANDED_BACK, reason=reason)
    dispute.status = DisputeStatus.REGISTERED
    dispute.save(update_fields=["status"])
    ledger.record(
        actor,
        MediationEvent.HANDED_BACK,
        dispute,
        {"from": previous.unit.name, "reason": reason},
        organisation=dispute.organisation,
    )
    return dispute


@dataclass(frozen=True)
class SessionInput:
    held_on: datetime.date
    place: str
    mediators: str
    attendees: str
    record: str


@transaction.atomic(durable=True)
def record_session(actor: Staff, dispute: Dispute, data: SessionInput) -> MediationSession:
    """调解工作记录 (人民调解法 art. 27): each sitting, with the mediators, who attended and what was said."""
    dispute = _take(actor, dispute, "session")
    errors: dict[str, str] = {}
    if data.held_on > timezone.localdate():
        errors["held_on"] = "调解日期不能晚于今天。"
    elif data.held_on < dispute.received_on:
        errors["held_on"] = "调解日期不能早于接待日期 %(d)s。" % {"d": dispute.received_on.isoformat()}
    if errors:
        raise InvalidInput("调解记录不完整。", field_errors=errors)
    sitting = MediationSession.objects.create(
        dispute=dispute,
        held_on=data.held_on,
        place=data.place,
        mediators=data.mediators,
        attendees=data.attendees,
        record=data.record,
        recorded_by=actor,
    )
    ledger.record(
        actor,
        MediationEvent.SESSION_RECORDED,
        dispute,
        {"session": sitting.pk, "held_on": data.held_on.isoformat(), "mediators": sitting.mediators},
        organisation=dispute.organisation,
    )
    return sitting


@dataclass(frozen=True)
class AgreementInput:
    """The contents of 人民调解法 art. 29."""

    parties: str
    facts: str
    disputed_matters: str
    responsibilities: str
    terms: str
    performance: str
    signed_on: datetime.date
    mediator: str
    committee: str


AGREEMENT_FIELDS = {
    "parties": "请填写当事人的基本情况。",
    "facts": "请填写纠纷的主要事实。",
    "disputed_matters": "请填写争议事项。",
    "responsibilities": "请填写各方当事人的责任。",
    "terms": "请填写当事人达成调解协议的内容。",
    "performance": "请填写履行协议的方式、期限。",
    "mediator": "请填写调解员。",
    "committee": "请填写人民调解委员会名称。",
}


@dataclass(frozen=True)
class ClosureInput:
    outcome: str
    closed_on: datetime.date
    note: str
    checklist: dict[str, str]
    agreement: AgreementInput | None = None


CHECKLIST_MARKS = ("done", "not_applicable")


def checklist_items() -> list[tuple[str, str]]:
    return [(key, label) for key, label in settings.MEDIATION_CHECKLIST]


def _closure_errors(dispute: Dispute, data: ClosureInput) -> dict[str, str]:
    errors: dict[str, str] = {}
    if data.closed_on > timezone.localdate():
        errors["closed_on"] = "办结日期不能晚于今天。"
    elif data.closed_on < dispute.received_on:
        errors["closed_on"] = "办结日期不能早于接待日期 %(d)s。" % {"d": dispute.received_on.isoformat()}
    marks = {key: data.checklist.get(key, "") for key, _label in checklist_items()}
    if any(mark not in CHECKLIST_MARKS for mark in marks.values()) or "done" not in marks.values():
        errors["checklist"] = "请逐项确认“三到位一处理”（到位或不适用），至少一项到位。"
    if data.outcome != Outcome.AGREEMENT and not data.note:
        errors["note"] = {
            Outcome.ENDED: "终止调解的，请写明已告知当事人的仲裁、行政、司法等救济途径。",
            Outcome.TRANSFERRED: "请写明移交的部门。",
            Outcome.GUIDED: "请写明引导的途径（诉讼或仲裁）及告知情况。",
            Outcome.BY_LAW: "请写明依法处理的情况。",
        }[Outcome(data.outcome)]
    if data.outcome == Outcome.AGREEMENT:
        if data.agreement is None:
            errors["agreement"] = "调解成功的，请填写调解协议书。"
        else:
            for field, message in AGREEMENT_FIELDS.items():
                if not getattr(data.agreement, field):
                    errors[field] = message
            first_session = dispute.sessions.order_by("held_on").values_list("held_on", flat=True).first()
            if not dispute.received_on <= data.agreement.signed_on <= data.closed_on:
                errors["signed_on"] = "签订日期应在接待日期与办结日期之间。"
            elif first_session is not None and data.agreement.signed_on < first_session:
                # An agreement comes out of mediation (人民调解法 第二十八条): not before the first session.
                errors["signed_on"] = "签订日期不能早于调解日期 %(d)s：协议是调解达成的。" % {
                    "d": first_session.isoformat()
                }
    return errors


@transaction.atomic(durable=True)
def close_dispute(actor: Staff, dispute: Dispute, data: ClosureInput) -> Dispute:
    """办结: only with an outcome and the 三到位一处理 checklist; an agreement carries the contents of
    人民调解法 art. 29, and an agreement or a termination needs the sessions it came out of."""
    dispute = _take(actor, dispute, "close")
    errors = _closure_errors(dispute, data)
    if errors:
        citation = "人民调解法 第二十八条、第二十九条" if "signed_on" in errors else ""
        raise InvalidInput("办结信息不完整。", field_errors=errors, citation=citation)
    rules.check_session_on_record(outcome=data.outcome, has_sessions=dispute.sessions.exists())
    payload: dict[str, object] = {
        "outcome": data.outcome,
        "closed_on": data.closed_on.isoformat(),
        "note": data.note,
        "checklist": {key: data.checklist[key] for key, _label in checklist_items()},
        "on_time": data.closed_on <= dispute.due_on,
    }
    if data.outcome == Outcome.AGREEMENT:
        assert data.agreement is not None
        series = numbering.series_for(
            dispute.organisation,
            rules.AGREEMENT_SERIES_KEY,
            document="调解协议书",
            citation=rules.AGREEMENT_CITATION,
        )
        fields = {
            field: getattr(data.agreement, field)
            for field in ("parties", "facts", "disputed_matters", "responsibilities", "terms")
        }
        agreement = Agreement.objects.create(
            dispute=dispute,
            number=core_services.issue_number(
                actor, series, year=data.agreement.signed_on.year, subject=dispute
            ),
            performance=data.agreement.performance,
            signed_on=data.agreement.signed_on,
            mediator=data.agreement.mediator,
            committee=data.agreement.committee,
            **fields,
        )
        payload["agreement"] = {
            "number": agreement.number.text,
            "signed_on": agreement.signed_on.isoformat(),
            "confirmation_due": rules.judicial_confirmation_period().due(agreement.signed_on).due.isoformat(),
        }
    dispute.status = DisputeStatus.CLOSED
    dispute.outcome = data.outcome
    dispute.outcome_note = data.note
    dispute.closed_on = data.closed_on
    dispute.closed_by = actor
    dispute.checklist = payload["checklist"]
    dispute.save(update_fields=["status", "outcome", "outcome_note", "closed_on", "closed_by", "checklist"])
    ledger.record(actor, MediationEvent.CLOSED, dispute, payload, organisation=dispute.organisation)
    return dispute


@dataclass(frozen=True)
class FollowUpInput:
    visited_on: datetime.date
    method: str
    performance: str
    satisfaction: str
    note: str


@transaction.atomic(durable=True)
def record_follow_up(actor: Staff, dispute: Dispute, data: FollowUpInput) -> FollowUp:
    """回访 after closure: how the agreement was performed and how satisfied the visitors are."""
    dispute = _take(actor, dispute, "follow_up")
    assert dispute.closed_on is not None, "a closed matter has its closing day"
    errors: dict[str, str] = {}
    if data.visited_on > timezone.localdate():
        errors["visited_on"] = "回访日期不能晚于今天。"
    elif data.visited_on < dispute.closed_on:
        errors["visited_on"] = "回访日期不能早于办结日期 %(d)s。" % {"d": dispute.closed_on.isoformat()}
    if errors:
        raise InvalidInput("回访信息有误。", field_errors=errors)
    visit = FollowUp.objects.create(
        dispute=dispute,
        visited_on=data.visited_on,
        method=data.method,
        performance=data.performance,
        satisfaction=data.satisfaction,
        note=data.note,
        visited_by=actor,
    )
    ledger.record(
        actor,
        MediationEvent.FOLLOWED_UP,
        dispute,
        {
            "visited_on": data.visited_on.isoformat(),
            "method": data.method,
            "performance": data.performance,
            "satisfaction": data.satisfaction,
        },
        organisation=dispute.organisation,
    )
    return visit


@transaction.atomic(durable=True)
def add_handling_unit(actor: Staff, *, name: str, kind: str) -> HandlingUnit:
    """A unit the centre may dispatch to (1+3+N): a core force, a department or a village."""
    permissions.require_step(actor, rules.STEPS["manage_centre"])
    town = permissions.acting_town(actor)
    if HandlingUnit.objects.filter(organisation=town, name=name).exists():
        raise InvalidInput("承办单位信息有误。", field_errors={"name": "该承办单位已登记。"})
    unit = HandlingUnit.objects.create(organisation=town, name=name, kind=kind)
    ledger.record(
        actor, MediationEvent.UNIT_ADDED, unit, {"name": unit.name, "kind": kind}, organisation=town
    )
    return unit


@transaction.atomic(durable=True)
def record_centre_opening(actor: Staff, *, name: str, opened_on: datetime.date) -> MediationCentre:
    """The town's centre and the day it opened; corrected by recording it again."""
    permissions.require_step(actor, rules.STEPS["manage_centre"])
    town = permissions.acting_town(actor)
    if opened_on > timezone.localdate():
        raise InvalidInput("矛调中心信息有误。", field_errors={"opened_on": "挂牌成立日期不能晚于今天。"})
    centre, _ = MediationCentre.objects.update_or_create(
        organisation=town, defaults={"name": name, "opened_on": opened_on}
    )
    ledger.record(
        actor,
        MediationEvent.CENTRE_OPENED,
        centre,
        {"name": centre.name, "opened_on": opened_on.isoformat()},
        organisation=town,
    )
    return centre


@transaction.atomic
def ensure_default_categories() -> None:
    """The default taxonomy, where it is missing (migration 0002 puts it in; a database emptied since,
    as tests do, gets it back)."""
    for name, children in rules.DEFAULT_CATEGORIES.items():
        parent, _ = DisputeCategory.objects.get_or_create(name=name, parent=None)
        for child in children:
            DisputeCategory.objects.get_or_create(name=child, parent=parent)
