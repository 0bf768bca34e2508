"""What the gates of enforcement.rules read about a case, on the day they are judged: the decision's
facts, the circumstances, earlier fines, the standards in force, the amounts owed, the steps the case
can take, and the reads of the field work and of execution."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from functools import cached_property

from django.db.models import QuerySet

from fazhi.core import permissions
from fazhi.core import rules as core_rules
from fazhi.core.errors import NotFoundOrHidden, RuleViolation
from fazhi.core.models import Organisation, Staff
from fazhi.enforcement import rules
from fazhi.enforcement.models import (
    Case,
    CaseOfficer,
    CourtApplication,
    DecisionService,
    Evidence,
    Hearing,
    InvestigationRecord,
    InvestigationReport,
    LargeAmountStandard,
    Notice,
    Payment,
    PaymentPlan,
    PenaltyDecision,
    Preservation,
    Recusal,
    RemedyKind,
    ServiceConsent,
    SummaryDetails,
)
from fazhi.enforcement.rules import Procedure, ReviewGrounds, Stage

# ----------------------------------------------------------- facts the gates of enforcement.rules read


def current_notice(case: Case) -> Notice | None:
    return case.notices.filter(superseded=False).order_by("-id").first()


def hearings_on_current_notice(case: Case, notice: Notice | None) -> QuerySet[Hearing]:
    """The hearings that heard the notice now in force; one held on an earlier notice does not answer a
    later one (arts. 64, 65). (Migration 0009 linked the hearings recorded before to the latest notice
    on which a hearing was asked for.)"""
    if notice is None:
        return Hearing.objects.none()
    return case.hearings.filter(notice=notice)


def decision_facts(case: Case) -> rules.DecisionFacts:
    """What the decision gates need to know, read from the case's rows."""
    notice = current_notice(case)
    report = InvestigationReport.objects.filter(case=case).first()
    review = case.legal_reviews.order_by("-id").first()
    # The notices on which a hearing was held, read once for art. 58(2) and for the hearing closed.
    heard = set(case.hearings.filter(record_signed=True).values_list("notice_id", flat=True))
    grounds = ReviewGrounds(
        major_public_interest=bool(report and report.review_public_interest),
        # Art. 58(2): a hearing held means the decision touches major rights after a hearing, whatever
        # anyone ticked; only a hearing right exercised leads to one.
        major_rights_after_hearing=bool(heard),
        complex_multiple_legal_relations=bool(report and report.review_complex),
        required_by_other_law=bool(report and report.review_other_law),
    )
    hearing_right = bool(notice and notice.hearing_right)
    # The period is read from the calendar only where it can still block: a hearing right not yet used.
    hearing_may_be_asked = hearing_right and notice is not None and not notice.hearing_requested_on
    return rules.DecisionFacts(
        notice_served_on=notice.served_on if notice else None,
        defence_waived=bool(notice and notice.defence_waived),
        statement_period_ends=notice.statement_period_ends if notice else None,
        hearing_requested=bool(notice and notice.hearing_requested_on),
        hearing_closed=notice is not None and (bool(notice.hearing_waived_on) or notice.pk in heard),
        review_grounds=grounds,
        latest_review=rules.ReviewOpinion(review.opinion) if review else None,
        reviewer_qualified=bool(review and review.reviewer_qualification_no),
        major_or_complex=bool(report and report.major_or_complex),
        collective_discussion_recorded=case.discussions.exists(),
        notified_fine_fen=notice.proposed_fine_fen if notice else 0,
        decided_fine_fen=0,
        hearing_right=hearing_right,
        hearing_request_period_ends=(
            rules.HEARING_REQUEST.due(notice.served_on).due if notice and hearing_may_be_asked else None
        ),
        review_of_current_notice=bool(
            review is None
            or review.notice_id is None
            or (notice is not None and review.notice_id == notice.pk)
        ),
        outcome=report.outcome if report else None,
        notified_kinds=tuple(notice.penalty_kinds) if notice else (),
        notified_confiscation_fen=notice.proposed_confiscation_fen if notice else 0,
        circumstances=tuple(case_circumstances(case, recorded=report.circumstances if report else [])),
    )


def large_amount_standard(organisation: Organisation, day: datetime.date) -> rules.LargeAmount:
    """The 较大数额 the town recorded as in force on `day`; the stated default where it recorded none."""
    nearest = large_amount_standards(organisation).filter(in_force_from__lte=day).first()
    if nearest is None:
        return rules.DEFAULT_LARGE_AMOUNT
    return rules.LargeAmount(
        person_fen=nearest.person_fen, organisation_fen=nearest.organisation_fen, source=nearest.source
    )


def large_amount_standards(organisation: Organisation) -> QuerySet[LargeAmountStandard]:
    """The town's standards, the latest in force first."""
    return LargeAmountStandard.objects.filter(organisation=organisation).order_by("-in_force_from", "-id")


def case_circumstances(case: Case, *, recorded: list[str] | None = None) -> list[str]:
    """The circumstances of arts. 30–33 in the case: the party's age, then those the investigation
    recorded (or, while it is being closed, those it is about to record)."""
    if recorded is None:
        report = InvestigationReport.objects.filter(case=case).first()
        recorded = report.circumstances if report else []
    party = case.party
    return rules.circumstances_in_case(
        party_kind=party.kind if party else None,
        birth_date=party.birth_date if party else None,
        act_on=case.act_on,
        recorded=recorded,
    )


def earlier_fines(case: Case) -> list[rules.EarlierFine]:
    """Fines the town already imposed on the case's party under the same power for an act on the same
    days and at the same place (art. 29), that still stand."""
    if case.party_id is None or case.power_id is None:
        return []
    return fines_for_act(
        organisation=case.organisation,
        party_id=case.party_id,
        power_id=case.power_id,
        act_on=case.act_on,
        act_ended_on=case.act_ended_on or case.act_on,
        place=case.place,
        excluding=case.pk,
    )


def fines_for_act(
    *,
    organisation: Organisation,
    party_id: int,
    power_id: int,
    act_on: datetime.date,
    act_ended_on: datetime.date,
    place: str,
    excluding: int | None = None,
) -> list[rules.EarlierFine]:
    """The town's standing fines on the party under the power for an act whose days overlap these and
    whose place is the same (or unrecorded on either side)."""
    others = (
        PenaltyDecision.objects.filter(
            case__organisation=organisation,
            case__party_id=party_id,
            case__power_id=power_id,
            case__act_on__lte=act_ended_on,
            fine_fen__gt=0,
        )
        .exclude(case__remedies__result__in=list(rules.ANNULLING_RESULTS))
        .select_related("case", "number")
        .order_by("decided_on", "id")
    )
    if excluding is not None:
        others = others.exclude(case_id=excluding)
    place = place.strip()
    return [
        rules.EarlierFine(number=other.number.text, decided_on=other.decided_on, fine_fen=other.fine_fen)
        for other in others
        if (other.case.act_ended_on or other.case.act_on) >= act_on
        and (not place or not other.case.place.strip() or other.case.place.strip() == place)
    ]


def decision_of(case: Case) -> PenaltyDecision:
    decision = PenaltyDecision.objects.filter(case=case).first()
    core_rules.check_record_exists(
        decision is not None, message="本案尚未作出行政处罚决定。", citation=f"{rules.LAW} 第五十九条"
    )
    assert decision is not None
    return decision


def paused_ranges(case: Case, until: datetime.date) -> list[tuple[datetime.date, datetime.date]]:
    """The days that do not count for the surcharge: a 复议 or 诉讼 (art. 73), and an approved 暂缓或分期
    缴纳 from the party's application to its end (art. 66)."""
    ranges = [(remedy.started_on, remedy.ended_on or until) for remedy in case.remedies.all()]
    plan = PaymentPlan.objects.filter(case=case).first()
    if plan is not None:
        ranges.append((plan.applied_on, plan.ends_on))
    return ranges


def amount_owed(case: Case, *, on: datetime.date) -> tuple[int, int]:
    """The fine and the surcharge owed on a day, with 复议/诉讼 days left out (arts. 72, 73)."""
    decision = decision_of(case)
    service = DecisionService.objects.filter(case=case).first()
    return rules.amount_due_fen(
        fine_fen=decision.fine_fen,
        payment_due=service.payment_due if service else None,
        on=on,
        paused=paused_ranges(case, on),
    )


def closure_facts(case: Case) -> rules.ClosureFacts:
    report = InvestigationReport.objects.filter(case=case).first()
    decision = PenaltyDecision.objects.filter(case=case).first()
    return rules.ClosureFacts(
        stage=Stage(case.stage),
        outcome=report.outcome if report else None,
        fine_fen=decision.fine_fen if decision else 0,
        paid=Payment.objects.filter(case=case).exists(),
        court_applied=CourtApplication.objects.filter(case=case).exists(),
    )


# -------------------------------------------------------------------------------------- next steps


class CaseRowFacts:
    """enforcement.rules.CaseFacts, read from the case's rows on the day given; each fact is read when
    a gate first asks for it, so a page that judges three steps reads only what those three need."""

    def __init__(self, case: Case, *, today: datetime.date) -> None:
        self.case = case
        self.today = today

    @property
    def procedure(self) -> Procedure:
        return Procedure(self.case.procedure)

    @property
    def stage(self) -> Stage:
        return Stage(self.case.stage)

    @property
    def decision_due(self) -> datetime.date | None:
        return self.case.decision_due

    @cached_property
    def decision_facts(self) -> rules.DecisionFacts:
        return decision_facts(self.case)

    @cached_property
    def closure_facts(self) -> rules.ClosureFacts:
        return closure_facts(self.case)

    @cached_property
    def hearing_right(self) -> bool:
        notice = current_notice(self.case)
        return notice is not None and notice.hearing_right

    @cached_property
    def hearing_closed(self) -> bool:
        return self.decision_facts.hearing_closed

    @cached_property
    def hearing_pending(self) -> bool:
        notice = current_notice(self.case)
        return hearings_on_current_notice(self.case, notice).filter(record_signed=False).exists()

    @cached_property
    def fine_fen(self) -> int | None:
        return PenaltyDecision.objects.filter(case=self.case).values_list("fine_fen", flat=True).first()

    @cached_property
    def payment_due(self) -> datetime.date | None:
        return DecisionService.objects.filter(case=self.case).values_list("payment_due", flat=True).first()

    @cached_property
    def remedy_pending(self) -> bool:
        return self.case.remedies.filter(ended_on__isnull=True).exists()

    @cached_property
    def court_applied(self) -> bool:
        return CourtApplication.objects.filter(case=self.case).exists()

    @cached_property
    def warning_only(self) -> bool:
        details = SummaryDetails.objects.filter(case=self.case).first()
        return bool(details and details.warning_only)

    @cached_property
    def recusal_pending(self) -> bool:
        return self.case.recusals.filter(decided_on__isnull=True).exists()

    @cached_property
    def preservation_unhandled(self) -> bool:
        return self.case.preservations.filter(handled_on__isnull=True).exists()

    @cached_property
    def plan_ends_on(self) -> datetime.date | None:
        return PaymentPlan.objects.filter(case=self.case).values_list("ends_on", flat=True).first()


@dataclass(frozen=True)
class StepOption:
    """A step the case page offers: from the step table, with the rule that blocks it now, if any,
    and whether the reader holds a role that takes it."""

    step: rules.CaseStep
    blocked_by: RuleViolation | None
    allowed: bool

    @property
    def label(self) -> str:
        return self.step.label


def next_steps(facts: CaseRowFacts, actor: Staff) -> list[StepOption]:
    """The steps that move the case on from its stage, in the order of rules.TRANSITIONS, each judged
    by its gates. A page passes the same facts to work_steps, so each fact is read once."""
    moving = {step.target: step for step in rules.STEPS if step.moves_from(facts.procedure, facts.stage)}
    return [
        StepOption(step=step, blocked_by=step.blocked_by(facts), allowed=permissions.may_take(actor, step))
        for target in rules.next_stages(facts.procedure, facts.stage)
        if (step := moving.get(target)) is not None
    ]


def work_steps(facts: CaseRowFacts, actor: Staff) -> list[StepOption]:
    """The work the actor can do on the case within its stage now: a step no gate blocks."""
    options = [
        StepOption(step=step, blocked_by=None, allowed=True)
        for step in rules.STEPS
        if step.works_in(facts.procedure, facts.stage) and permissions.may_take(actor, step)
    ]
    return [option for option in options if option.step.blocked_by(facts) is None]


# ------------------------------------------------------------------------------- field work (arts. 42–56)


def acting_officers(case: Case) -> list[CaseOfficer]:
    """The officers acting in the case: those withdrawn after recusal (art. 43) stay on its record only."""
    return list(case.officers.filter(withdrawn_on__isnull=True).select_related("staff"))


def investigation_participants(case: Case) -> set[int]:
    """Everyone who took, captured or recorded the case's evidence or 笔录: none of them chairs its
    hearing (art. 64(4))."""
    evidence = Evidence.objects.filter(case=case)
    records = InvestigationRecord.objects.filter(case=case)
    return {
        *evidence.values_list("captured_by_id", flat=True),
        *evidence.values_list("recorded_by_id", flat=True),
        *evidence.values_list("officers", flat=True),
        *records.values_list("recorded_by_id", flat=True),
        *records.values_list("officers", flat=True),
    } - {None}


def unhandled_preservation(case: Case) -> Preservation | None:
    """The evidence kept by registration whose decision is due first (art. 56)."""
    return case.preservations.filter(handled_on__isnull=True).order_by("decision_due", "id").first()


def access_recusal(case: Case, recusal_id: object) -> Recusal:
    recusal = case.recusals.filter(pk=_record_id(recusal_id)).first()
    if recusal is None:
        raise NotFoundOrHidden()
    return recusal


def access_preservation(case: Case, preservation_id: object) -> Preservation:
    preservation = case.preservations.filter(pk=_record_id(preservation_id)).first()
    if preservation is None:
        raise NotFoundOrHidden()
    return preservation


def _record_id(value: object) -> int:
    try:
        return int(str(value))
    except ValueError:
        raise NotFoundOrHidden() from None


# --------------------------------------------------------------------------- after the decision


def consent_signed_on(case: Case, *, on_or_before: datetime.date) -> datetime.date | None:
    """The earliest electronic-service confirmation the party signed on or before a day (art. 61(2))."""
    return (
        ServiceConsent.objects.filter(case=case, signed_on__lte=on_or_before)
        .values_list("signed_on", flat=True)
        .first()
    )


def court_window(case: Case) -> rules.CourtWindow | None:
    """When the court may be asked to enforce the decision (行政强制法 art. 53), from the day service took
    effect, the case's 复议 and 诉讼, and an approved plan; None before service."""
    service = DecisionService.objects.filter(case=case).first()
    if service is None:
        return None
    plan = PaymentPlan.objects.filter(case=case).first()
    return rules.court_application_window(
        effective_on=service.effective_on,
        remedies=[
            rules.RemedyFacts(
                litigation=remedy.kind == RemedyKind.LITIGATION,
                started_on=remedy.started_on,
                ended_on=remedy.ended_on,
                withdrawn=remedy.result == rules.RemedyResult.WITHDRAWN,
            )
            for remedy in case.remedies.all()
        ],
        plan_ends_on=plan.ends_on if plan else None,
    )
