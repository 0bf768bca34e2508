"""Reads of enforcement data, narrowed to what the actor may see."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from functools import cached_property

from django.db.models import Exists, OuterRef, QuerySet
from django.urls import reverse

from fazhi.core import calendar, permissions
from fazhi.core import rules as core_rules
from fazhi.core import selectors as core_selectors
from fazhi.core.errors import NotFoundOrHidden, RuleViolation
from fazhi.core.models import Attachment, Organisation, Party, Staff
from fazhi.core.party_links import PartyLink
from fazhi.core.roles import Role
from fazhi.enforcement import rules
from fazhi.enforcement.models import (
    Case,
    CaseOfficer,
    Closure,
    CourtApplication,
    DecisionService,
    DelegatedPower,
    DeviceAssignment,
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
    RecordingDevice,
    Recusal,
    RemedyKind,
    ServiceConsent,
    SummaryDetails,
)
from fazhi.enforcement.rules import STAGE_LABELS, Procedure, ReviewGrounds, Stage


def list_cases_for(actor: Staff, *, stage: str = "") -> QuerySet[Case]:
    cases = permissions.visible_towns(actor, Case.objects.select_related("party", "filing_number"))
    return cases.filter(stage=stage) if stage else cases


def access_case(actor: Staff, case_id: object) -> Case:
    try:
        number = int(str(case_id))
    except ValueError:
        raise NotFoundOrHidden() from None
    case = (
        Case.objects.select_related("organisation", "party", "power", "filing_number")
        .filter(pk=number)
        .first()
    )
    if case is None or not permissions.can_see(actor, case.organisation):
        raise NotFoundOrHidden()
    return case


def party_case_links(actor: Staff, party: Party) -> list[PartyLink]:
    """The party's cases for its page (一户一档)."""
    return [
        PartyLink(
            title=str(case),
            url=reverse("enforcement:case-detail", args=[case.pk]),
            detail="%(title)s · %(stage)s" % {"title": case.title, "stage": STAGE_LABELS[Stage(case.stage)]},
        )
        for case in list_cases_for(actor).filter(party=party)
    ]


def powers_of(actor: Staff) -> QuerySet[DelegatedPower]:
    return permissions.visible(actor, DelegatedPower.objects.all()).order_by("code")


def team_of(actor: Staff) -> QuerySet[Staff]:
    """Officers and auxiliary staff of the actor's town, for choosing investigators."""
    return (
        permissions.visible(actor, Staff.objects.filter(is_active=True, is_system=False))
        .filter(role_grants__role__in=[Role.OFFICER, Role.AUXILIARY])
        .distinct()
        .order_by("full_name")
    )


def access_party_for_case(actor: Staff, party_id: object) -> Party:
    return core_selectors.access_party(actor, party_id)


def town_staff(actor: Staff) -> QuerySet[Staff]:
    """Active staff of the actor's town, e.g. to choose a hearing chair."""
    return permissions.visible(actor, Staff.objects.filter(is_active=True, is_system=False)).order_by(
        "full_name"
    )


def access_power(actor: Staff, power_id: object) -> DelegatedPower:
    try:
        number = int(str(power_id))
    except ValueError:
        raise NotFoundOrHidden() from None
    power = powers_of(actor).filter(pk=number).first()
    if power is None:
        raise NotFoundOrHidden()
    return power


@dataclass(frozen=True)
class DeviceCoverage:
    staff: Staff
    device: RecordingDevice | None


def devices_of(actor: Staff) -> QuerySet[RecordingDevice]:
    return permissions.visible(actor, RecordingDevice.objects.all()).prefetch_related("assignments__staff")


def device_coverage(actor: Staff, day: datetime.date) -> list[DeviceCoverage]:
    """Every officer and auxiliary of the town with the device they carry that day, or none: the town
    shows that everyone who enforces records (国办发〔2018〕118号)."""
    carried = {
        assignment.staff_id: assignment.device
        for assignment in DeviceAssignment.objects.select_related("device").filter(
            device__in=devices_of(actor), valid_from__lte=day
        )
        if assignment.covers(day)
    }
    return [DeviceCoverage(staff=person, device=carried.get(person.pk)) for person in team_of(actor)]


def access_device(actor: Staff, device_id: object) -> RecordingDevice:
    try:
        number = int(str(device_id))
    except ValueError:
        raise NotFoundOrHidden() from None
    device = devices_of(actor).filter(pk=number).first()
    if device is None:
        raise NotFoundOrHidden()
    return device


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
    grounds = ReviewGrounds(
        major_public_interest=bool(report and report.review_public_interest),
        # Art. 58(2): a hearing held means the decision touches major rights after a hearing, whatever
        # anyone ticked; only a hearing right exercised leads to one.
        major_rights_after_hearing=case.hearings.filter(record_signed=True).exists(),
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
        hearing_closed=bool(notice and notice.hearing_waived_on)
        or hearings_on_current_notice(case, notice).filter(record_signed=True).exists(),
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
        circumstances=tuple(case_circumstances(case)),
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


# ------------------------------------------------------------------------------------ lists and clocks

# A clock within this many days of its end is shown as a warning, and the reminder job tells people.
WARNING_DAYS = 3


@dataclass(frozen=True)
class CaseFilters:
    stage: str = ""
    officer: int | None = None
    party: str = ""
    overdue: bool = False
    filed_from: datetime.date | None = None
    filed_to: datetime.date | None = None


def filter_cases(actor: Staff, filters: CaseFilters, *, today: datetime.date) -> QuerySet[Case]:
    cases = list_cases_for(actor, stage=filters.stage if filters.stage in set(Stage) else "")
    if filters.officer:
        # EXISTS, not a join: the newest cases are read in order and each is checked against the
        # (case, staff) unique index, instead of gathering all of an officer's cases and sorting them.
        cases = cases.filter(
            Exists(CaseOfficer.objects.filter(case=OuterRef("pk"), staff_id=filters.officer))
        )
    if filters.party.strip():
        cases = cases.filter(
            party__in=core_selectors.search_parties_for(actor, query=filters.party).values("pk")
        )
    if filters.overdue:
        cases = cases.filter(clock_due__lt=today)
    if filters.filed_from:
        cases = cases.filter(filed_on__gte=filters.filed_from)
    if filters.filed_to:
        cases = cases.filter(filed_on__lte=filters.filed_to)
    return cases


def clocks_due(actor: Staff, *, today: datetime.date) -> QuerySet[Case]:
    """The office-wide list: every running clock that has lapsed or lapses within WARNING_DAYS,
    the most urgent first."""
    return (
        list_cases_for(actor)
        .filter(clock_due__lte=today + datetime.timedelta(days=WARNING_DAYS))
        .order_by("clock_due", "id")
    )


@dataclass(frozen=True)
class Clock:
    key: str
    label: str
    due: datetime.date
    explanation: list[str]
    citation: str
    days_left: int

    @property
    def lapsed(self) -> bool:
        return self.days_left < 0

    @property
    def days_over(self) -> int:
        return -self.days_left

    @property
    def warning(self) -> bool:
        return 0 <= self.days_left <= WARNING_DAYS


def case_clock(case: Case, *, today: datetime.date) -> Clock | None:
    """The running clock, recomputed from its start so the page shows how it was counted."""
    period: calendar.Period | None = None
    extra: list[str] = []
    if case.clock_key == rules.DECISION.key and case.filed_on:
        period = rules.DECISION.due(case.filed_on)
        extra = [
            "经 %(who)s 批准延长 %(d)d 日（%(r)s），至 %(to)s。"
            % {"who": e.approved_by.full_name, "d": e.days, "r": e.reason, "to": e.new_due.isoformat()}
            for e in case.extensions.select_related("approved_by")
        ]
    elif case.clock_key == rules.SERVICE.key:
        period = rules.SERVICE.due(decision_of(case).decided_on)
    elif case.clock_key == rules.PAYMENT.key:
        service = DecisionService.objects.get(case=case)
        period = rules.PAYMENT.due(service.effective_on)
        if service.effective_on != service.served_on:
            extra = [
                "公告送达：%(s)s 发出公告，经过三十日即 %(e)s 视为送达，缴纳期限自该日起算（%(c)s）。"
                % {
                    "s": service.served_on.isoformat(),
                    "e": service.effective_on.isoformat(),
                    "c": rules.PUBLIC_NOTICE_CITATION,
                }
            ]
    elif case.clock_key == rules.DEMAND_WAIT.key:
        demand = case.demands.order_by("-id").first()
        period = rules.DEMAND_WAIT.due(demand.served_on) if demand else None
    elif case.clock_key == rules.CASH_HAND_IN.key:
        period = rules.CASH_HAND_IN.due(Payment.objects.get(case=case).paid_on)
    elif case.clock_key == rules.PRESERVATION_DECISION.key:
        preservation = unhandled_preservation(case)
        period = rules.PRESERVATION_DECISION.due(preservation.preserved_on) if preservation else None
    if period is None or case.clock_due is None:
        return None
    return Clock(
        key=case.clock_key,
        label=rules.CLOCK_LABELS[case.clock_key],
        due=case.clock_due,
        explanation=[*period.explanation(), *extra],
        citation=period.citation,
        days_left=(case.clock_due - today).days,
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


def archive_file(case: Case) -> Attachment | None:
    """The kept zip of an archived case."""
    closure = Closure.objects.filter(case=case).exclude(archive_sha256="").first()
    if closure is None:
        return None
    return (
        Attachment.objects.filter(
            subject_type=case._meta.label_lower, subject_id=str(case.pk), blob__sha256=closure.archive_sha256
        )
        .select_related("blob")
        .first()
    )


def recounted_due(case: Case) -> datetime.date | None:
    """The running clock's due date counted again from its start, with the calendar as it is now."""
    if case.clock_key == rules.DECISION.key and case.filed_on:
        extended = sum(extension.days for extension in case.extensions.all())
        return rules.DECISION.due(case.filed_on).due + datetime.timedelta(days=extended)
    if case.clock_key == rules.SERVICE.key:
        return rules.SERVICE.due(decision_of(case).decided_on).due
    if case.clock_key == rules.PAYMENT.key:
        return rules.PAYMENT.due(DecisionService.objects.get(case=case).effective_on).due
    if case.clock_key == rules.CASH_HAND_IN.key:
        return rules.CASH_HAND_IN.due(Payment.objects.get(case=case).paid_on).due
    if case.clock_key == rules.PRESERVATION_DECISION.key:
        preservation = unhandled_preservation(case)
        return rules.PRESERVATION_DECISION.due(preservation.preserved_on).due if preservation else None
    demand = case.demands.order_by("-id").first()
    if case.clock_key == rules.DEMAND_WAIT.key and demand is not None:
        return rules.DEMAND_WAIT.due(demand.served_on).due
    return None


# The path a case usually takes, for the case page's timeline; 听证, 法制审核 and 集体讨论 appear only
# where the case went through them.
MAIN_PATH = {
    Procedure.ORDINARY: [
        Stage.LEAD,
        Stage.FILED,
        Stage.INVESTIGATING,
        Stage.INVESTIGATION_CLOSED,
        Stage.NOTIFIED,
        Stage.HEARING,
        Stage.LEGAL_REVIEW,
        Stage.COLLECTIVE_DISCUSSION,
        Stage.DECIDED,
        Stage.SERVED,
        Stage.EXECUTING,
        Stage.PAID,
        Stage.CLOSED,
        Stage.ARCHIVED,
    ],
    Procedure.SUMMARY: [
        Stage.DECIDED_ON_SPOT,
        Stage.SERVED,
        Stage.EXECUTING,
        Stage.PAID,
        Stage.RECORDED_WITH_AGENCY,
        Stage.CLOSED,
        Stage.ARCHIVED,
    ],
}
OPTIONAL_STAGES = {
    Stage.HEARING,
    Stage.LEGAL_REVIEW,
    Stage.COLLECTIVE_DISCUSSION,
    Stage.EXECUTING,
    Stage.PAID,
}


@dataclass(frozen=True)
class TimelineStep:
    label: str
    state: str  # done, current, ahead


def timeline(case: Case) -> list[TimelineStep]:
    """The stages behind the case, the one it is in and those ahead; an optional stage it passed by
    is left out, one it went through stays."""
    procedure, current = Procedure(case.procedure), Stage(case.stage)
    path = MAIN_PATH[procedure]
    if current not in path:
        return [TimelineStep(STAGE_LABELS[current], "current")]
    went_through = {
        Stage.HEARING: case.hearings.exists(),
        Stage.LEGAL_REVIEW: case.legal_reviews.exists(),
        Stage.COLLECTIVE_DISCUSSION: case.discussions.exists(),
        Stage.EXECUTING: case.demands.exists(),
        Stage.PAID: Payment.objects.filter(case=case).exists(),
    }
    position = path.index(current)
    steps = []
    for index, stage in enumerate(path):
        if index < position and stage in OPTIONAL_STAGES and not went_through.get(stage, False):
            continue
        if index > position and stage in OPTIONAL_STAGES:
            continue
        state = "done" if index < position else "current" if index == position else "ahead"
        steps.append(TimelineStep(STAGE_LABELS[stage], state))
    return steps


def people_named(organisation: Organisation | None) -> set[str]:
    """The persons the town's case files name outside the party register (who signed for a decision,
    who was questioned on the spot), for the public-text gate's register of natural persons."""
    cases = Case.objects.all()
    if organisation is not None:
        cases = cases.filter(organisation__path__startswith=organisation.path)
    recipients = DecisionService.objects.filter(case__in=cases).values_list("recipient", flat=True)
    questioned = InvestigationRecord.objects.filter(case__in=cases).values_list("subject_person", flat=True)
    return set(recipients) | set(questioned)


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
