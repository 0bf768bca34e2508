"""From lead to case: the town's delegated powers, 线索登记, 立案 (arts. 24, 36, 54) and 不予立案."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from fazhi.core import numbering, permissions
from fazhi.core import services as core_services
from fazhi.core.errors import InvalidInput, NotFoundOrHidden
from fazhi.core.models import Party, Staff
from fazhi.enforcement import rules
from fazhi.enforcement.events import EnforcementEvent
from fazhi.enforcement.models import (
    Case,
    DelegatedPower,
)
from fazhi.enforcement.rules import Procedure, Stage
from fazhi.enforcement.services.common import FILING_SERIES_KEY, move, set_clock, take
from fazhi.ledger import record as ledger
from fazhi.ledger.record import sha256_hex


@transaction.atomic(durable=True)
def add_delegated_power(
    actor: Staff, *, code: str, name: str, category: str, legal_basis: str
) -> DelegatedPower:
    permissions.require_step(actor, rules.STEPS["add_power"])
    town = permissions.acting_town(actor)
    if DelegatedPower.objects.filter(organisation=town, code=code).exists():
        raise InvalidInput(
            "赋权事项信息有误。", field_errors={"code": "事项编码“%(c)s”已登记。" % {"c": code}}
        )
    power = DelegatedPower.objects.create(
        organisation=town, code=code, name=name, category=category, legal_basis=legal_basis
    )
    ledger.record(
        actor,
        EnforcementEvent.POWER_ADDED,
        power,
        {"code": power.code, "name": power.name, "category": power.category},
        organisation=town,
    )
    return power


@transaction.atomic(durable=True)
def register_lead(
    actor: Staff,
    *,
    title: str,
    source: str,
    received_on: datetime.date,
    act_on: datetime.date,
    summary: str = "",
    place: str = "",
    reporter: str = "",
    party: Party | None = None,
) -> Case:
    """线索登记 (art. 54): an officer, or an auxiliary in the field, records what was found or reported."""
    permissions.require_step(actor, rules.STEPS["register_lead"])
    town = permissions.acting_town(actor)
    today = timezone.localdate()
    errors: dict[str, str] = {}
    if received_on > today:
        errors["received_on"] = "收到线索日期不能晚于今天。"
    if act_on > received_on:
        errors["act_on"] = "违法行为发生日期不能晚于收到线索的日期。"
    if party is not None and party.organisation_id != town.pk:
        raise NotFoundOrHidden()
    if errors:
        raise InvalidInput("线索信息有误，请按提示修改。", field_errors=errors)
    case = Case.objects.create(
        organisation=town,
        procedure=Procedure.ORDINARY,
        stage=rules.FIRST_STAGE[Procedure.ORDINARY],
        title=title,
        source=source,
        summary=summary,
        place=place,
        reporter=reporter,
        received_on=received_on,
        act_on=act_on,
        party=party,
        created_by=actor,
    )
    payload: dict[str, object] = {
        "title": case.title,
        "source": source,
        "received_on": received_on.isoformat(),
        "act_on": act_on.isoformat(),
        "place": case.place,
        "party": party.pk if party else None,
    }
    if case.reporter:
        payload["reporter_sha256"] = sha256_hex(case.reporter)
    ledger.record(actor, EnforcementEvent.LEAD_REGISTERED, case, payload, organisation=town)
    return case


@transaction.atomic(durable=True)
def file_case(
    actor: Staff,
    case: Case,
    *,
    party: Party | core_services.PartyChoice,
    power: DelegatedPower,
    act_ended_on: datetime.date,
    endangers_life_health_or_finance: bool,
) -> Case:
    """立案: the head approves (art. 54); the act was found within limitation (art. 36); the power is one the
    town holds (art. 24). Allocates the 立案号 and starts the 90-day decision clock (art. 60). A new party
    entered on the form is registered here, so a refused filing leaves none behind."""
    case = take(actor, case, "file")
    transition = move(case, Stage.FILED)
    party = core_services.party_for(actor, party, town=case.organisation)
    rules.check_power_held(held=power.organisation_id == case.organisation_id and power.active)
    if act_ended_on < case.act_on:
        raise InvalidInput(
            "违法行为终了日期不能早于发生日期。", field_errors={"act_ended_on": "不能早于发生日期。"}
        )
    filed_on = timezone.localdate()
    rules.check_limitation(
        act_ended_on, case.received_on, endangers_life_health_or_finance=endangers_life_health_or_finance
    )
    series = numbering.series_for(case.organisation, FILING_SERIES_KEY, document="立案号")
    case.party = party
    case.power = power
    case.act_ended_on = act_ended_on
    case.endangers_life_health_or_finance = endangers_life_health_or_finance
    case.filed_on = filed_on
    case.filing_approved_by = actor
    case.decision_due = rules.DECISION.due(filed_on).due
    set_clock(case, rules.DECISION.key, case.decision_due)
    case.filing_number = core_services.issue_number(actor, series, year=filed_on.year, subject=case)
    case.save()
    ledger.record(
        actor,
        EnforcementEvent.CASE_FILED,
        case,
        {
            "number": case.filing_number.text,
            "party": party.pk,
            "power": power.code,
            "filed_on": filed_on.isoformat(),
            "act_ended_on": act_ended_on.isoformat(),
            "decision_due": case.decision_due.isoformat(),
            "citation": transition.citation,
        },
        organisation=case.organisation,
    )
    return case


@transaction.atomic(durable=True)
def decline_case(actor: Staff, case: Case, *, reason: str) -> Case:
    """不予立案, with its reason: failing to file a case that qualifies is itself sanctioned (art. 76)."""
    case = take(actor, case, "decline")
    move(case, Stage.NOT_FILED)
    if not reason.strip():
        raise InvalidInput(
            "请写明不予立案的理由。",
            field_errors={"reason": "请写明理由。"},
            citation="行政处罚法 第七十六条",
        )
    case.not_filed_reason = reason.strip()
    case.save(update_fields=["stage", "not_filed_reason", "updated_at"])
    ledger.record(
        actor,
        EnforcementEvent.CASE_NOT_FILED,
        case,
        {"reason": case.not_filed_reason},
        organisation=case.organisation,
    )
    return case
