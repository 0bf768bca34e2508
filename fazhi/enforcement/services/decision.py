"""法制审核 (art. 58), 集体讨论 (art. 57), the decision itself (arts. 59, 60) and the extension of its period."""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Sequence

from django.db import transaction
from django.utils import timezone

from fazhi.core import numbering
from fazhi.core import rules as core_rules
from fazhi.core import services as core_services
from fazhi.core.errors import InvalidInput
from fazhi.core.models import Staff
from fazhi.enforcement import rules, selectors
from fazhi.enforcement.events import EnforcementEvent
from fazhi.enforcement.models import (
    Case,
    CollectiveDiscussion,
    DecisionExtension,
    InvestigationReport,
    LegalReview,
    PenaltyDecision,
    ReviewOpinionChoice,
)
from fazhi.enforcement.rules import Stage
from fazhi.enforcement.services.common import (
    DECISION_SERIES_KEY,
    move,
    set_clock,
    set_clock_before_decision,
    take,
    take_judged,
)
from fazhi.ledger import record as ledger
from fazhi.ledger.record import sha256_hex


@transaction.atomic(durable=True)
def submit_legal_review(actor: Staff, case: Case) -> Case:
    case = take(actor, case, "submit_review")
    move(case, Stage.LEGAL_REVIEW)
    case.save(update_fields=["stage", "updated_at"])
    ledger.record(actor, EnforcementEvent.REVIEW_SUBMITTED, case, {}, organisation=case.organisation)
    return case


@transaction.atomic(durable=True)
def review_case(
    actor: Staff, case: Case, *, opinion: str, reasons: str, proposal_sha256: str = ""
) -> LegalReview:
    """法制审核 (art. 58) by a 法制审核人员 holding the 法律职业资格, of the proposal as it stands: a
    review posted from a page that showed an earlier proposal (`proposal_sha256`, what the page showed)
    is refused. 存在问题 returns the case to the notified stage, to be fixed and resubmitted."""
    case = take(actor, case, "review")
    rules.check_reviewer_qualified(qualification_no=actor.legal_qualification_no)
    reviewed = selectors.fingerprint(case)
    if proposal_sha256 and proposal_sha256 != reviewed:
        message = "审核期间案件的调查结论、告知内容、陈述申辩或证据已有变化，请重新查看后再出具审核意见。"
        raise InvalidInput(message, field_errors={"opinion": message})
    review = LegalReview.objects.create(
        case=case,
        reviewer=actor,
        reviewer_qualification_no=actor.legal_qualification_no,
        opinion=opinion,
        reasons=reasons,
        reviewed_on=timezone.localdate(),
        notice=selectors.current_notice(case),
        proposal_sha256=reviewed,
    )
    if opinion == ReviewOpinionChoice.PROBLEMS:
        move(case, Stage.NOTIFIED)
        case.save(update_fields=["stage", "updated_at"])
    ledger.record(
        actor,
        EnforcementEvent.REVIEW_GIVEN,
        case,
        {"review": review.pk, "opinion": opinion, "proposal_sha256": reviewed},
        organisation=case.organisation,
    )
    return review


@transaction.atomic(durable=True)
def record_collective_discussion(
    actor: Staff,
    case: Case,
    *,
    held_on: datetime.date,
    attendees: str,
    minutes: str,
    conclusion: str,
    dissent: str = "",
) -> CollectiveDiscussion:
    """集体讨论 (art. 57): the heads decide together on complex or major cases."""
    case = take(actor, case, "discussion")
    # The heads discuss the case as investigated and notified: not before the investigation ended.
    report = InvestigationReport.objects.filter(case=case).first()
    core_rules.check_dates_in_order(
        held_on,
        what="集体讨论日期",
        after=[(report.closed_on if report else None, "调查终结日期")],
        today=timezone.localdate(),
        citation=f"{rules.LAW} 第五十七条",
    )
    move(case, Stage.COLLECTIVE_DISCUSSION)
    case.save(update_fields=["stage", "updated_at"])
    discussion = CollectiveDiscussion.objects.create(
        case=case,
        held_on=held_on,
        attendees=attendees,
        minutes=minutes,
        conclusion=conclusion,
        dissent=dissent,
    )
    ledger.record(
        actor,
        EnforcementEvent.DISCUSSION_RECORDED,
        case,
        {
            "held_on": held_on.isoformat(),
            "minutes_sha256": sha256_hex(discussion.minutes),
            "dissent": bool(discussion.dissent),
        },
        organisation=case.organisation,
    )
    return discussion


@dataclasses.dataclass(frozen=True)
class DecisionInput:
    """What the head decides: the kinds and content of the penalty (none for 不予行政处罚), its basis, and
    the answers the law asks of a decision — the discretion for the circumstances found (arts. 30–34),
    the education given where no penalty is (art. 33), why a second fine is a different act (art. 29),
    why the decision is late (art. 60)."""

    penalty_kinds: Sequence[str]
    penalties: str
    fine_fen: int
    basis: str
    confiscation_fen: int = 0
    mitigation: str = ""
    discretion_reasons: str = ""
    education: str = ""
    distinct_act_reason: str = ""
    overdue_reason: str = ""


@transaction.atomic(durable=True)
def decide(actor: Staff, case: Case, data: DecisionInput) -> PenaltyDecision:
    """行政处罚决定 or 不予行政处罚决定 (arts. 57, 59): every gate of rules.check_decision on the decision
    now proposed, the substance of arts. 29–33, then a 文号 from the penalty-decision series. Past the
    90 days of art. 60 the decision is not blocked, but needs its reason."""
    today = timezone.localdate()
    case, judged = take_judged(actor, case, "decide", today=today)
    kinds = tuple(dict.fromkeys(data.penalty_kinds))
    # The table's gate judged the case before the head said what to decide; now it is judged again.
    facts = dataclasses.replace(
        judged.decision_facts,
        decided_fine_fen=data.fine_fen,
        decided_confiscation_fen=data.confiscation_fen,
        decided_kinds=kinds,
        education=data.education,
    )
    rules.check_decision(facts, today=today)
    penalises = facts.outcome in (None, rules.InvestigationOutcome.PENALTY)
    if penalises:
        rules.check_kinds(
            kinds, fine_fen=data.fine_fen, confiscation_fen=data.confiscation_fen, what="决定的处罚"
        )
        rules.check_circumstances_addressed(
            facts.circumstances, mitigation=data.mitigation, reasons=data.discretion_reasons
        )
        rules.check_one_fine(
            selectors.earlier_fines(case), fine_fen=data.fine_fen, distinct_reason=data.distinct_act_reason
        )
    move(case, Stage.DECIDED)
    if case.decision_due and today > case.decision_due and not data.overdue_reason:
        raise InvalidInput(
            "决定内容不完整。",
            field_errors={
                "overdue_reason": "已超过立案之日起九十日（至 %(due)s），请写明理由。"
                % {"due": case.decision_due.isoformat()}
            },
            citation=f"{rules.LAW} 第六十条",
        )
    series = numbering.series_for(case.organisation, DECISION_SERIES_KEY, document="行政处罚决定书")
    service_due = rules.SERVICE.due(today).due
    set_clock(case, rules.SERVICE.key, service_due)
    case.save(update_fields=["stage", "clock_key", "clock_due", "updated_at"])
    decision = PenaltyDecision(
        case=case,
        decided_on=today,
        service_due=service_due,
        penalties=data.penalties.strip() or (rules.kind_labels(kinds) if penalises else "不予行政处罚"),
        penalty_kinds=list(kinds),
        fine_fen=data.fine_fen,
        confiscation_fen=data.confiscation_fen,
        basis=data.basis,
        mitigation=data.mitigation if penalises else "",
        discretion_reasons=data.discretion_reasons.strip(),
        education=data.education.strip(),
        distinct_act_reason=data.distinct_act_reason.strip(),
        overdue_reason=data.overdue_reason,
        decided_by=actor,
        number=core_services.issue_number(actor, series, year=today.year, subject=case),
    )
    decision.save()
    ledger.record(
        actor,
        EnforcementEvent.DECIDED,
        case,
        {
            "number": decision.number.text,
            "penalties": decision.penalties,
            "penalty_kinds": list(kinds),
            "fine_fen": data.fine_fen,
            "confiscation_fen": data.confiscation_fen,
            "mitigation": decision.mitigation,
            "decided_on": today.isoformat(),
            "overdue": bool(decision.overdue_reason),
        },
        organisation=case.organisation,
    )
    return decision


@transaction.atomic(durable=True)
def extend_decision_period(actor: Staff, case: Case, *, days: int, reason: str) -> DecisionExtension:
    """延长办案期限: the head approves a longer period than art. 60's 90 days, with a reason."""
    case = take(actor, case, "extend")
    rules.check_extension(days=days, reason=reason)
    previous = case.decision_due
    assert previous is not None, "a filed case has its decision period"
    case.decision_due = previous + datetime.timedelta(days=days)
    # A preservation awaiting its decision keeps its clock running (art. 56).
    set_clock_before_decision(case)
    case.save(update_fields=["decision_due", "clock_key", "clock_due", "updated_at"])
    extension = DecisionExtension.objects.create(
        case=case,
        days=days,
        reason=reason.strip(),
        previous_due=previous,
        new_due=case.decision_due,
        approved_by=actor,
        approved_on=timezone.localdate(),
    )
    ledger.record(
        actor,
        EnforcementEvent.PERIOD_EXTENDED,
        case,
        {"days": days, "previous_due": previous.isoformat(), "new_due": case.decision_due.isoformat()},
        organisation=case.organisation,
    )
    return extension
