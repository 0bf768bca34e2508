"""重大行政决策's 待办: each open decision's next step as its page offers it (国务院令第713号) — the public
consultation, the legality review's submission and the reviewer's opinion (due on the day the office
gave the reviewer), the collective discussion, publication and the archive — and the citizens' comments
still to moderate or answer (art. 18), which the discussion waits for."""

from __future__ import annotations

import datetime
from collections.abc import Iterator

from django.db.models import Count, Q
from django.urls import reverse

from fazhi.core import todos
from fazhi.core.todos import Seat, Todo, TodoKind
from fazhi.decisions import rules, selectors
from fazhi.decisions.models import DecisionStatus, LegalityReview, MajorDecision, Moderation

STEP = TodoKind("decision_step", "重大行政决策待办理", "decisions")
OPINION = TodoKind("decision_legality_opinion", "重大行政决策待出具合法性审查意见", "decisions")
COMMENTS = TodoKind("decision_comments", "公众意见待审核或答复", "decisions")
KINDS = (STEP, OPINION, COMMENTS)

# The steps owed, in the course's order; assessing, adding files and the post-evaluation (art. 35:
# 可以组织) are taken when the office chooses to, so they are not listed.
OWED = ("open_comments", "legality_submit", "legality_opinion", "discuss", "publish", "archive")
# The steps with a page of their own; the others (the archive) are taken from the decision's page.
STEP_PAGES = {
    "open_comments": "decisions:open-comments",
    "legality_submit": "decisions:legality-submit",
    "legality_opinion": "decisions:legality-opinion",
    "discuss": "decisions:discuss",
    "publish": "decisions:publish",
}
OPINION_BASIS = "送审时给予审查人员的期限（不少于%(n)d个工作日，%(c)s 第二十七条）" % {
    "n": rules.LEGALITY_REVIEW.days,
    "c": rules.ORDER,
}


def _open_decisions(seat: Seat) -> list[MajorDecision]:
    """The town's decisions with a step still owed: not yet published, or published and not archived."""
    return list(
        MajorDecision.objects.filter(organisation_id__in=seat.town_ids)
        .filter(~Q(status=DecisionStatus.PUBLISHED) | Q(archive__isnull=True))
        .select_related("catalogue_item")
        .annotate(
            pending_comments=Count(
                "comment_period__comments",
                filter=Q(comment_period__comments__moderation=Moderation.PENDING)
                | Q(
                    comment_period__comments__moderation=Moderation.APPROVED,
                    comment_period__comments__answer="",
                ),
            )
        )
        .order_by("id")
    )


def _pending_review_due(decisions: list[MajorDecision]) -> dict[int, datetime.date]:
    pending = LegalityReview.objects.filter(decision__in=decisions, passed__isnull=True)
    return dict(pending.values_list("decision_id", "due_on"))


def _owed(step: str, facts: selectors.DecisionRowFacts) -> bool:
    """Submitting for review is owed until a review has passed; after it, a new submission is a choice."""
    return step != "legality_submit" or not facts.readiness.legality_passed


def decision_todos(seat: Seat, today: datetime.date) -> Iterator[Todo]:
    steps = [rules.STEPS[name] for name in OWED if seat.holds(rules.STEPS[name].roles)]
    answer = rules.STEPS["answer"]
    if not steps and not seat.holds(answer.roles):
        return
    decisions = _open_decisions(seat)
    review_due = _pending_review_due(decisions)
    for decision in decisions:
        facts = selectors.DecisionRowFacts(decision, today=today)
        title = decision.catalogue_item.title
        for step in steps:
            if not step.applies(facts) or step.blocked_by(facts) is not None or not _owed(step.name, facts):
                continue
            opinion = step.name == "legality_opinion"
            page = STEP_PAGES.get(step.name, "decisions:detail")
            yield Todo(
                kind=(OPINION if opinion else STEP).code,
                title=title,
                record_type="decision",
                record_id=decision.pk,
                step=step.name,
                step_label=step.label,
                why=todos.why_role(step.roles),
                due_on=review_due.get(decision.pk) if opinion else None,
                due_basis=OPINION_BASIS if opinion else "",
                url=reverse(page, args=[decision.pk]),
                town_id=decision.organisation_id,
            )
        if decision.pending_comments and seat.holds(answer.roles):  # type: ignore[attr-defined]
            yield Todo(
                kind=COMMENTS.code,
                title=title,
                record_type="decision",
                record_id=decision.pk,
                step=answer.name,
                step_label=answer.label,
                why=todos.why_role(answer.roles),
                due_on=None,
                url=reverse("decisions:detail", args=[decision.pk]),
                town_id=decision.organisation_id,
            )
