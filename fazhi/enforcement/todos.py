"""A case's 待办: the step the case waits for now, for whoever takes it.

Each item is a step of rules.STEPS that applies to the case as it stands and that no gate blocks,
judged with the same facts as the case page (selectors.CaseRowFacts). Two items read the decision's
own gate (rules.check_decision) to ask what it still waits for: the head is asked for 集体讨论 when
that is the only thing the decision lacks, and the officers are asked to send the case to 法制审核
once the notice's periods have run and the review is what it lacks."""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Iterator

from django.db.models import F, Q, QuerySet
from django.urls import reverse

from fazhi.core import todos
from fazhi.core.errors import RuleViolation
from fazhi.core.todos import Seat, Todo, TodoKind
from fazhi.enforcement import rules, selectors
from fazhi.enforcement.models import Case
from fazhi.enforcement.rules import Procedure, Stage
from fazhi.enforcement.step_pages import STEP_PAGES

SECTION = "cases"


@dataclasses.dataclass(frozen=True)
class CaseItem:
    """A kind of case item: the step it asks for, the stages it is looked for in, and whether it is
    the case's officers' (an officer sees only the cases they act in) or the role's."""

    kind: TodoKind
    step: str
    stages: frozenset[Stage]
    officers: bool


def _item(code: str, label: str, step: str, *stages: Stage, officers: bool = True) -> CaseItem:
    return CaseItem(TodoKind(code, label, SECTION), step, frozenset(stages), officers)


ITEMS = (
    _item("lead", "线索待立案", "file", Stage.LEAD, officers=False),
    _item("investigation", "调查取证", "investigate", Stage.FILED),
    _item("investigation", "调查取证", "close_investigation", Stage.INVESTIGATING),
    _item("notice", "调查终结待告知", "notice", Stage.INVESTIGATION_CLOSED),
    _item("notice_period", "告知期满待送审", "submit_review", Stage.NOTIFIED, Stage.HEARING),
    _item("legal_review", "待法制审核", "review", Stage.LEGAL_REVIEW, officers=False),
    _item(
        "collective",
        "待集体讨论",
        "discussion",
        Stage.INVESTIGATION_CLOSED,
        Stage.NOTIFIED,
        Stage.HEARING,
        Stage.LEGAL_REVIEW,
        officers=False,
    ),
    _item(
        "decision",
        "待作出决定",
        "decide",
        Stage.INVESTIGATION_CLOSED,
        Stage.NOTIFIED,
        Stage.HEARING,
        Stage.LEGAL_REVIEW,
        Stage.COLLECTIVE_DISCUSSION,
        officers=False,
    ),
    _item("recusal", "待决定回避", "decide_recusal", *rules.steps.PRE_DECISION_STAGES, officers=False),
    _item("preservation", "先行登记保存待处理", "handle_preservation", *rules.steps.PRE_DECISION_STAGES),
    _item("service", "决定书待送达", "serve", Stage.DECIDED, Stage.DECIDED_ON_SPOT),
    _item("payment_overdue", "逾期未缴待催告", "demand", Stage.SERVED),
    _item("court", "待申请强制执行", "court", Stage.EXECUTING, officers=False),
    _item("recording", "待备案", "record_with_agency", Stage.SERVED, Stage.PAID, Stage.EXECUTING),
    _item(
        "closure",
        "待结案",
        "close",
        Stage.SERVED,
        Stage.PAID,
        Stage.EXECUTING,
        Stage.RECORDED_WITH_AGENCY,
        officers=False,
    ),
    _item("archive", "待归档", "archive", Stage.CLOSED, officers=False),
)
KINDS = tuple({item.kind.code: item.kind for item in ITEMS}.values())


def _waits_for(supposed: rules.DecisionFacts, today: datetime.date) -> bool:
    """Whether the decision's gate would pass on the `supposed` facts (the case's, with one thing
    done): the decision then waits for that alone."""
    try:
        rules.check_decision(supposed, today=today)
    except RuleViolation:
        return False
    return True


def _asked(item: CaseItem, facts: selectors.CaseRowFacts) -> bool:
    """Whether the case asks for the item's step now: the step applies, no gate blocks it, and where
    the step is always open (送审, 集体讨论), the decision waits for it."""
    step = rules.STEPS[item.step]
    if step.blocked_by(facts) is not None:
        return False
    if item.kind.code == "notice_period":
        reviewed = dataclasses.replace(
            facts.decision_facts,
            latest_review=rules.ReviewOpinion.AGREED,
            review_of_current_notice=True,
            reviewer_qualified=True,
        )
        return facts.decision_facts.review_grounds.required and _waits_for(reviewed, facts.today)
    if item.kind.code == "collective":
        decision = facts.decision_facts
        return (
            decision.major_or_complex
            and not decision.collective_discussion_recorded
            and _waits_for(dataclasses.replace(decision, collective_discussion_recorded=True), facts.today)
        )
    if item.kind.code == "recording":
        return facts.procedure == Procedure.SUMMARY
    if item.kind.code == "closure" and facts.procedure == Procedure.SUMMARY:
        return facts.stage == Stage.RECORDED_WITH_AGENCY
    return True


def _due(item: CaseItem, case: Case, facts: selectors.CaseRowFacts) -> tuple[datetime.date | None, str]:
    if item.kind.code == "notice_period":
        decision = facts.decision_facts
        ends = max(
            (day for day in (decision.statement_period_ends, decision.hearing_request_period_ends) if day),
            default=None,
        )
        return ends, "告知后当事人陈述申辩、要求听证的期限届满（行政处罚法第四十五条、第六十四条）"
    if item.kind.code == "payment_overdue":
        return facts.payment_due, "决定书送达之日起十五日内缴纳（行政处罚法第六十七条）"
    if item.kind.code == "court":
        window = selectors.court_window(case)
        if window is not None:
            return window.closes, "申请人民法院强制执行的期限（行政强制法第五十三条）"
    if item.step in ("file", "archive", "close"):
        return None, ""
    if case.clock_due is not None:
        return case.clock_due, rules.CLOCK_LABELS.get(case.clock_key, "")
    return None, ""


def _candidates(seat: Seat) -> list[CaseItem]:
    return [item for item in ITEMS if seat.holds(rules.STEPS[item.step].roles)]


# Judging a case's gates reads its rows, a few queries a case: a seat's list judges at most this many
# cases, the soonest due first, so that a town with thousands of open cases still answers at once.
CASES_JUDGED = 300


def _cases(seat: Seat, items: list[CaseItem]) -> QuerySet[Case]:
    stages = {stage for item in items for stage in item.stages}
    cases = Case.objects.filter(organisation_id__in=seat.town_ids, stage__in=stages)
    if seat.staff is not None and all(item.officers for item in items):
        # An officer's items are only of the cases they act in (or whose lead they registered).
        acting = Q(officers__staff=seat.staff, officers__withdrawn_on__isnull=True)
        cases = cases.filter(acting | Q(officers__isnull=True, created_by=seat.staff)).distinct()
    return (
        cases.select_related("party")
        .prefetch_related("officers")
        .order_by(F("clock_due").asc(nulls_last=True), "id")[:CASES_JUDGED]
    )


def _acts_in(case: Case, seat: Seat) -> bool:
    """The case's acting officers; before any is assigned (a case just filed), whoever registered its
    lead, who starts the investigation."""
    if seat.staff is None:
        return True
    officers = list(case.officers.all())
    if not officers:
        return case.created_by_id == seat.staff.pk
    return any(officer.staff_id == seat.staff.pk and officer.withdrawn_on is None for officer in officers)


def case_todos(seat: Seat, today: datetime.date) -> Iterator[Todo]:
    items = _candidates(seat)
    if not items:
        return
    for case in _cases(seat, items):
        facts = selectors.CaseRowFacts(case, today=today)
        for item in items:
            if facts.stage not in item.stages or (item.officers and not _acts_in(case, seat)):
                continue
            step = rules.STEPS[item.step]
            if not _asked(item, facts):
                continue
            due_on, basis = _due(item, case, facts)
            yield Todo(
                kind=item.kind.code,
                title=_title(case),
                record_type="case",
                record_id=case.pk,
                step=step.name,
                step_label=step.label,
                why="你是本案执法人员" if item.officers and seat.staff is not None else _why(step, seat),
                due_on=due_on,
                url=reverse(STEP_PAGES[step.name], args=[case.pk]),
                town_id=case.organisation_id,
                due_basis=basis,
            )


def _why(step: rules.CaseStep, seat: Seat) -> str:
    if step.lawful_actor is not None:
        return step.lawful_actor.message
    return todos.why_role([str(role) for role in step.roles if role in seat.roles] or list(step.roles))


def _title(case: Case) -> str:
    party = f" · {case.party.name}" if case.party else ""
    return f"{case.title}{party}"
