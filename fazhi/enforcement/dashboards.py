"""The enforcement series of the dashboards: cases filed by month and the stage they are in now, the
clocks that have lapsed, and the decisions art. 58 required a review for, by month and whether they had
it. Registered from EnforcementConfig.ready."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db.models import Count, QuerySet
from django.db.models.functions import ExtractMonth

from fazhi.core import charts
from fazhi.core.charts import Chart, Element, Line, Point, Series
from fazhi.core.figures import FIGURES as REGISTERED
from fazhi.core.figures import Column, Figure, Scope, link_to
from fazhi.core.models import Organisation
from fazhi.enforcement.figures import DECISION_COLUMNS, case_link
from fazhi.enforcement.models import Case, PenaltyDecision
from fazhi.enforcement.rules import CLOCK_LABELS, STAGE_LABELS, Stage


def _stage_labels() -> dict[str, str]:
    return {stage.value: STAGE_LABELS[stage] for stage in Stage}


def _filed_cases(scope: Scope) -> QuerySet[Case]:
    return Case.objects.filter(scope.within(), filed_on__year=scope.year)


def cases_by_month_and_stage(scope: Scope, today: datetime.date) -> Chart:
    """Cases filed in the year, by the month of 立案 and the stage they are in now."""
    counts: dict[tuple[int, str], int | Decimal] = {
        (row["month"], row["stage"]): row["cases"]
        for row in _filed_cases(scope)
        .order_by()
        .annotate(month=ExtractMonth("filed_on"))
        .values("month", "stage")
        .annotate(cases=Count("id"))
    }
    present = {stage for _month_number, stage in counts}
    stages = [(stage, label) for stage, label in _stage_labels().items() if stage in present]
    return charts.monthly_chart(
        "cases", "立案数（按立案月份和当前阶段）", "件", scope, counts, stages, "stage"
    )


def _case_rows(scope: Scope, element: Element, today: datetime.date) -> QuerySet[Case]:
    return (
        _filed_cases(scope)
        .filter(filed_on__month=element.month, stage=element.part)
        .select_related("filing_number", "party")
        .order_by("filed_on", "id")
    )


def _overdue_cases(scope: Scope, today: datetime.date) -> QuerySet[Case]:
    """Open cases whose running clock has lapsed: a clock is cleared when the case closes, so a date
    still set is a clock still running (the clocks page's own test)."""
    return Case.objects.filter(scope.within(), clock_due__lt=today).exclude(clock_key="")


def overdue_clocks(scope: Scope, today: datetime.date) -> Chart:
    """Today's lapsed clocks, by which clock it is. The year does not apply: a clock is overdue now."""
    counts = {
        row["clock_key"]: row["cases"]
        for row in _overdue_cases(scope, today).order_by().values("clock_key").annotate(cases=Count("id"))
    }
    keys = list(CLOCK_LABELS)
    return Chart(
        "overdue",
        "当前已逾期的办案期限（按期限类别）",
        "件",
        [CLOCK_LABELS[key] for key in keys],
        [
            Line(
                "已逾期",
                [Point(counts.get(key, 0), charts.rows_url("overdue", scope, clock=key)) for key in keys],
            )
        ],
        stacked=False,
    )


def overdue_by_town(towns: list[Organisation], today: datetime.date) -> dict[int, int]:
    """Lapsed clocks per town, in one query: cases always belong to a town itself."""
    return {
        row["organisation"]: row["cases"]
        for row in Case.objects.filter(organisation__in=towns, clock_due__lt=today)
        .exclude(clock_key="")
        .order_by()
        .values("organisation")
        .annotate(cases=Count("id"))
    }


def _overdue_rows(scope: Scope, element: Element, today: datetime.date) -> QuerySet[Case]:
    cases = _overdue_cases(scope, today)
    if element.part:
        cases = cases.filter(clock_key=element.part)
    return cases.select_related("filing_number", "party").order_by("clock_due", "id")


CASE_COLUMNS = (
    Column("案件", lambda row: str(row)),
    Column("案由", lambda row: row.title),
    Column("立案日期", lambda row: row.filed_on),
    Column("阶段", lambda row: row.get_stage_display()),
)
CLOCK_COLUMNS = (
    Column("案件", lambda row: str(row)),
    Column("案由", lambda row: row.title),
    Column("期限", lambda row: row.clock_label),
    Column("届满日", lambda row: row.clock_due),
)
REVIEW_STATES = {"reviewed": "决定前经法制审核", "unreviewed": "未经法制审核"}


def _legal_review_figure() -> Figure:
    return REGISTERED["legal_review_coverage"]


def legal_review_by_month(scope: Scope, today: datetime.date) -> Chart:
    """The decisions of the year that art. 58 required a review for, per month, by whether the figure
    legal_review_coverage counts them as reviewed before the decision."""
    counts: dict[tuple[int, str], int | Decimal] = {
        (row["month"], "reviewed" if row["counted"] else "unreviewed"): row["decisions"]
        for row in _legal_review_figure()
        .drill_down(scope)
        .order_by()
        .annotate(month=ExtractMonth("decided_on"))
        .values("month", "counted")
        .annotate(decisions=Count("id"))
    }
    return charts.monthly_chart(
        "review",
        "须法制审核的处罚决定审核情况（按决定月份）",
        "件",
        scope,
        counts,
        REVIEW_STATES.items(),
        "state",
    )


def _review_rows(scope: Scope, element: Element, today: datetime.date) -> QuerySet[PenaltyDecision]:
    rows: QuerySet[PenaltyDecision] = (
        _legal_review_figure()
        .drill_down(scope)
        .filter(decided_on__month=element.month, counted=element.part == "reviewed")
        .select_related("number", "case")
    )
    return rows


SERIES = (
    Series(
        "cases",
        "立案数",
        "stage",
        "当前阶段",
        cases_by_month_and_stage,
        _case_rows,
        _stage_labels,
        CASE_COLUMNS,
        link_to("enforcement:case-detail"),
    ),
    Series(
        "overdue",
        "已逾期的办案期限",
        "clock",
        "期限",
        overdue_clocks,
        _overdue_rows,
        lambda: dict(CLOCK_LABELS),
        CLOCK_COLUMNS,
        link_to("enforcement:case-detail"),
        by_month=False,
        part_required=False,
        count_by_town=overdue_by_town,
    ),
    Series(
        "review",
        "一般程序处罚决定法制审核情况",
        "state",
        "法制审核",
        legal_review_by_month,
        _review_rows,
        lambda: dict(REVIEW_STATES),
        DECISION_COLUMNS,
        case_link,
    ),
)
