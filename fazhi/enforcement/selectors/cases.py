"""Reads of cases, narrowed to what the actor may see: the lists and their filters, the running
clock, the timeline, the town's powers, team and devices."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, QuerySet
from django.urls import reverse

from fazhi.core import calendar, permissions
from fazhi.core import selectors as core_selectors
from fazhi.core.errors import NotFoundOrHidden
from fazhi.core.models import Attachment, Organisation, Party, Staff
from fazhi.core.party_links import PartyLink
from fazhi.core.roles import Role
from fazhi.enforcement import rules
from fazhi.enforcement.models import (
    Case,
    CaseOfficer,
    Closure,
    DecisionService,
    DelegatedPower,
    DeviceAssignment,
    InvestigationRecord,
    Payment,
    RecordingDevice,
)
from fazhi.enforcement.rules import STAGE_LABELS, Procedure, Stage
from fazhi.enforcement.selectors.facts import decision_of, unhandled_preservation


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


def officers_of(actor: Staff) -> QuerySet[Staff]:
    """The town's 执法人员: an auxiliary is never the second officer of a decision on the spot (art. 42:
    two officers holding credentials; auxiliaries only assist)."""
    return team_of(actor).filter(role_grants__role=Role.OFFICER)


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
