"""The major-decision figure of the annual report: the decisions of the year's catalogue that were made.
Registered from DecisionsConfig.ready."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from fazhi.core.figures import Column, Figure, Scope, link_to
from fazhi.decisions.models import DecisionStatus, MajorDecision, Outcome


def _major_decisions(scope: Scope) -> QuerySet[MajorDecision]:
    """Decisions of the year's catalogue that were made: adopted by the collective discussion, or
    published; one the meeting rejected or postponed was not made."""
    return (
        MajorDecision.objects.filter(scope.within(), catalogue_item__year=scope.year)
        .filter(Q(status=DecisionStatus.PUBLISHED) | Q(discussion__outcome=Outcome.ADOPTED))
        .order_by("id")
    )


FIGURES = (
    Figure(
        "major_decisions",
        "重大行政决策",
        "项",
        "列入当年目录、经集体讨论通过或已公布的重大行政决策",
        _major_decisions,
        (
            Column("决策事项", lambda row: row.catalogue_item.title),
            Column("状态", lambda row: row.get_status_display()),
        ),
        link_to("decisions:detail"),
        dashboard="decisions",
    ),
)
