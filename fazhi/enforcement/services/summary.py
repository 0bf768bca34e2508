"""简易程序: the on-the-spot decision (arts. 51, 52, 68–70) and its 备案."""

from __future__ import annotations

import dataclasses
import datetime

from django.db import transaction
from django.utils import timezone

from fazhi.core import money, numbering, permissions
from fazhi.core import services as core_services
from fazhi.core.errors import InvalidInput, NotFoundOrHidden
from fazhi.core.models import Party, Staff
from fazhi.enforcement import rules, selectors
from fazhi.enforcement.events import EnforcementEvent
from fazhi.enforcement.models import (
    Case,
    CaseOfficer,
    DecisionService,
    DelegatedPower,
    LeadSource,
    Payment,
    PaymentMethod,
    PenaltyDecision,
    ServiceMethod,
    SummaryDetails,
)
from fazhi.enforcement.rules import Procedure, Stage
from fazhi.enforcement.services.common import (
    SUMMARY_SERIES_KEY,
    as_investigator,
    credential_on,
    move,
    set_clock,
    take,
)
from fazhi.ledger import record as ledger


@dataclasses.dataclass(frozen=True)
class OnSpotDecision:
    """What an officer enters on a phone for a 简易程序 decision (arts. 51, 52)."""

    party: Party | core_services.PartyChoice
    power: DelegatedPower
    co_officer: Staff
    title: str
    place: str
    act_on: datetime.date
    facts: str
    basis: str
    warning_only: bool
    fine_fen: int
    statement: str = ""
    defence_waived: bool = False
    party_signed: bool = True
    refusal_noted: bool = False
    collected_on_spot: bool = False
    receipt_number: str = ""
    hard_to_enforce_later: bool = False
    remote_area_on_request: bool = False


def _check_on_spot_input(data: OnSpotDecision, today: datetime.date) -> None:
    errors: dict[str, str] = {}
    if data.act_on > today:
        errors["act_on"] = "违法行为日期不能晚于今天。"
    if not data.warning_only and data.fine_fen == 0:
        errors["fine"] = "请填写罚款金额，或选择“仅警告”。"
    if data.warning_only and data.fine_fen:
        errors["fine"] = "选择“仅警告”时不能同时罚款。"
    if not data.defence_waived and not data.statement:
        errors["statement"] = "请记录当事人的陈述申辩，或注明其放弃（第四十四条、第四十五条）。"
    if not data.party_signed and not data.refusal_noted:
        errors["party_signed"] = "当事人拒绝签收的，应在决定书上注明（第六十一条）。"
    if data.collected_on_spot and not data.receipt_number:
        errors["receipt_number"] = "当场收缴罚款应当出具专用票据，请填写票据号（第七十条）。"
    if errors:
        raise InvalidInput("当场处罚信息有误，请按提示修改。", field_errors=errors)


def _on_spot_team(actor: Staff, co_officer: Staff, town_path: str, today: datetime.date) -> list[Staff]:
    team = [actor, co_officer]
    if co_officer.organisation is None or not co_officer.organisation.path.startswith(town_path):
        raise NotFoundOrHidden()
    rules.check_investigators([as_investigator(person, today) for person in dict.fromkeys(team)])
    return team


@transaction.atomic(durable=True)
def decide_on_spot(actor: Staff, data: OnSpotDecision) -> Case:
    """简易程序: facts certain, a legal basis, a warning or a small fine (art. 51); the numbered decision
    is handed over on the spot (art. 52) and, within art. 68's limits, the fine collected there."""
    permissions.require_step(actor, rules.STEPS["on_spot"])
    town = permissions.acting_town(actor)
    today = timezone.localdate()
    # A new party entered on the form is registered inside this transaction: a refusal below leaves none.
    party = core_services.party_for(actor, data.party, town=town)
    rules.check_power_held(held=data.power.organisation_id == town.pk and data.power.active)
    _check_on_spot_input(data, today)
    rules.check_summary_procedure(
        party_kind=party.kind, fine_fen=data.fine_fen, warning_only=data.warning_only
    )
    if data.collected_on_spot:
        rules.check_on_the_spot_collection(
            fine_fen=data.fine_fen,
            hard_to_enforce_later=data.hard_to_enforce_later,
            remote_area_on_request=data.remote_area_on_request,
        )
    rules.check_limitation(data.act_on, today, endangers_life_health_or_finance=False)
    rules.check_on_spot_circumstances(
        rules.circumstances_in_case(
            party_kind=party.kind, birth_date=party.birth_date, act_on=data.act_on, recorded=[]
        ),
        warning_only=data.warning_only,
    )
    rules.check_on_spot_once(
        selectors.fines_for_act(
            organisation=town,
            party_id=party.pk,
            power_id=data.power.pk,
            act_on=data.act_on,
            act_ended_on=data.act_on,
            place=data.place,
        ),
        fine_fen=data.fine_fen,
    )
    team = _on_spot_team(actor, data.co_officer, town.path, today)
    series = numbering.series_for(
        town, SUMMARY_SERIES_KEY, document="当场处罚决定书", citation=f"{rules.LAW} 第五十二条"
    )
    case = Case.objects.create(
        organisation=town,
        procedure=Procedure.SUMMARY,
        stage=rules.FIRST_STAGE[Procedure.SUMMARY],
        title=data.title,
        source=LeadSource.PATROL,
        summary=data.facts,
        place=data.place,
        received_on=today,
        act_on=data.act_on,
        act_ended_on=data.act_on,
        party=party,
        power=data.power,
        filed_on=today,
        created_by=actor,
    )
    for person in dict.fromkeys(team):
        CaseOfficer.objects.create(
            case=case, staff=person, credential_number=credential_on(person, today), assigned_on=today
        )
    decision = PenaltyDecision.objects.create(
        case=case,
        decided_on=today,
        penalties="警告" if data.warning_only else "罚款 %(f)s 元" % {"f": money.yuan(data.fine_fen)},
        fine_fen=data.fine_fen,
        basis=data.basis,
        decided_by=actor,
        number=core_services.issue_number(actor, series, year=today.year, subject=case),
    )
    # The numbered form handed over on the spot is the case's number too (no 立案 in this procedure).
    case.filing_number = decision.number
    SummaryDetails.objects.create(
        case=case,
        warning_only=data.warning_only,
        party_signed=data.party_signed,
        refusal_noted=data.refusal_noted,
        statement=data.statement,
        defence_waived=data.defence_waived,
        collected_on_spot=data.collected_on_spot,
    )
    ledger.record(
        actor,
        EnforcementEvent.DECIDED_ON_SPOT,
        case,
        {
            "number": decision.number.text,
            "party": party.pk,
            "power": data.power.code,
            "fine_fen": data.fine_fen,
            "warning_only": data.warning_only,
            "officers": [person.pk for person in dict.fromkeys(team)],
            "defence_waived": data.defence_waived,
        },
        organisation=town,
    )
    move(case, Stage.SERVED)
    payment_due = rules.PAYMENT.due(today).due if data.fine_fen else None
    DecisionService.objects.create(
        case=case,
        method=ServiceMethod.ON_THE_SPOT,
        served_on=today,
        recipient=party.name,
        proof="当场交付，当事人签收" if data.party_signed else "当事人拒绝签收，已在决定书上注明",
        refused=not data.party_signed,
        payment_due=payment_due,
        served_by=actor,
    )
    ledger.record(
        actor,
        EnforcementEvent.SERVED,
        case,
        {
            "method": ServiceMethod.ON_THE_SPOT,
            "served_on": today.isoformat(),
            "refused": not data.party_signed,
        },
        organisation=town,
    )
    set_clock(case, rules.PAYMENT.key, payment_due)
    if data.collected_on_spot:
        move(case, Stage.PAID)
        hand_in_due = rules.CASH_HAND_IN.due(today).due
        set_clock(case, rules.CASH_HAND_IN.key, hand_in_due)
        Payment.objects.create(
            case=case,
            method=PaymentMethod.ON_THE_SPOT,
            paid_on=today,
            fine_fen=data.fine_fen,
            receipt_number=data.receipt_number,
            cash_hand_in_due=hand_in_due,
            recorded_by=actor,
        )
        ledger.record(
            actor,
            EnforcementEvent.PAID,
            case,
            {
                "paid_on": today.isoformat(),
                "fine_fen": data.fine_fen,
                "surcharge_fen": 0,
                "receipt": data.receipt_number,
                "on_the_spot": True,
            },
            organisation=town,
        )
    case.save()
    return case


@transaction.atomic(durable=True)
def record_with_agency(actor: Staff, case: Case) -> Case:
    """备案 (art. 52): the officer's on-the-spot decision is reported to the agency — once paid, at once
    for a warning, or for an unpaid fine once the court has been asked to enforce it."""
    case = take(actor, case, "record_with_agency")
    details = SummaryDetails.objects.get(case=case)
    move(case, Stage.RECORDED_WITH_AGENCY)
    set_clock(case, "", None)
    case.save(update_fields=["stage", "clock_key", "clock_due", "updated_at"])
    details.recorded_with_agency_on = timezone.localdate()
    details.save(update_fields=["recorded_with_agency_on"])
    ledger.record(
        actor,
        EnforcementEvent.RECORDED_WITH_AGENCY,
        case,
        {"recorded_on": details.recorded_with_agency_on.isoformat()},
        organisation=case.organisation,
    )
    return case
