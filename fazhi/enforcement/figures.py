"""The enforcement figures of the annual report and the dashboards: the year's penalty decisions, made
within their period, reviewed where art. 58 requires it; officers with credentials and recording
devices; cases by month and stage and the clocks that have lapsed. Registered from
EnforcementConfig.ready."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet
from django.db.models.functions import ExtractMonth
from django.urls import reverse
from django.utils import timezone

from fazhi.core import charts
from fazhi.core.charts import Chart, Element, Line, Point, Series
from fazhi.core.figures import FIGURES as REGISTERED
from fazhi.core.figures import STAFF_COLUMNS, Column, Figure, Scope, link_to, staff_with_roles
from fazhi.core.models import EnforcementCredential, Organisation
from fazhi.core.roles import Role
from fazhi.enforcement.models import (
    Case,
    DeviceAssignment,
    Hearing,
    LegalReview,
    PenaltyDecision,
    ReviewOpinionChoice,
)
from fazhi.enforcement.rules import CLOCK_LABELS, STAGE_LABELS, Procedure, Stage


def decisions_of_year(scope: Scope) -> QuerySet[PenaltyDecision]:
    """The penalty decisions made in the year, both procedures."""
    return PenaltyDecision.objects.filter(
        scope.within("case__organisation"), decided_on__year=scope.year
    ).order_by("decided_on", "id")


def _ordinary_decisions(scope: Scope) -> QuerySet[PenaltyDecision]:
    return decisions_of_year(scope).filter(case__procedure=Procedure.ORDINARY)


# Art. 58(2) is met by a hearing held in the case (enforcement.selectors.decision_facts reads it so).
HEARING_HELD = Exists(Hearing.objects.filter(case=OuterRef("case"), record_signed=True))
REVIEW_GROUNDS = (
    Q(case__investigation_report__review_public_interest=True)
    | Q(HEARING_HELD)
    | Q(case__investigation_report__review_complex=True)
    | Q(case__investigation_report__review_other_law=True)
)


def _decisions_requiring_review(scope: Scope) -> QuerySet[PenaltyDecision]:
    """The year's decisions that art. 58 required a legal review for, as the investigation report found."""
    return _ordinary_decisions(scope).filter(REVIEW_GROUNDS)


REVIEWED_BEFORE_DECISION = Exists(
    LegalReview.objects.filter(
        case=OuterRef("case"), opinion=ReviewOpinionChoice.AGREED, reviewed_on__lte=OuterRef("decided_on")
    )
)


def _enforcement_staff(scope: Scope) -> QuerySet[Any]:
    return staff_with_roles(scope, Role.OFFICER, Role.AUXILIARY)


def _officers(scope: Scope) -> QuerySet[Any]:
    """执法人员 only: auxiliaries carry no 执法证 (DOMAIN: they never count as one of art. 42's two)."""
    return staff_with_roles(scope, Role.OFFICER)


def _credential_valid_at_year_end(scope: Scope) -> Q:
    end = min(scope.end, timezone.localdate())
    valid = EnforcementCredential.objects.filter(
        staff=OuterRef("pk"), valid_from__lte=end, valid_to__gte=end
    ).filter(Q(revoked_on__isnull=True) | Q(revoked_on__gt=end))
    return Q(Exists(valid))


def _with_device_at_year_end(scope: Scope) -> Q:
    end = min(scope.end, timezone.localdate())
    assigned = DeviceAssignment.objects.filter(staff=OuterRef("pk"), valid_from__lte=end).filter(
        Q(valid_to__isnull=True) | Q(valid_to__gte=end)
    )
    return Q(Exists(assigned))


DECISION_COLUMNS = (
    Column("决定书文号", lambda row: row.number.text),
    Column("决定日期", lambda row: row.decided_on),
    Column("案由", lambda row: row.case.title),
)


def decision_link(row: Any) -> str:
    """A decision's drill-down row opens its case."""
    return reverse("enforcement:case-detail", args=[row.case_id])


FIGURES = (
    Figure(
        "penalty_decisions",
        "作出行政处罚决定",
        "件",
        "当年作出的行政处罚决定",
        decisions_of_year,
        DECISION_COLUMNS,
        decision_link,
        dashboard="cases",
    ),
    Figure(
        "decisions_on_time",
        "处罚决定按期作出率",
        "",
        "当年作出的一般程序处罚决定中，在立案之日起的决定期限（含经批准的延长）内作出的比例",
        _ordinary_decisions,
        DECISION_COLUMNS,
        decision_link,
        kind="share",
        counted=lambda scope: Q(decided_on__lte=F("case__decision_due")),
        dashboard="cases",
    ),
    Figure(
        "legal_review_coverage",
        "重大执法决定法制审核率",
        "",
        "当年作出的处罚决定中，调查终结时认定属于行政处罚法第五十八条须法制审核情形的，决定前经法制审核且意见为同意的比例",
        _decisions_requiring_review,
        DECISION_COLUMNS,
        decision_link,
        kind="share",
        counted=lambda scope: Q(REVIEWED_BEFORE_DECISION),
        dashboard="cases",
    ),
    Figure(
        "device_coverage",
        "执法人员（含辅助执法人员）配备执法记录仪比例",
        "",
        "年末（本年度为今天）在岗执法人员和辅助执法人员中，有在用执法记录仪的比例",
        _enforcement_staff,
        STAFF_COLUMNS,
        link_to("core:staff-detail"),
        kind="share",
        counted=_with_device_at_year_end,
    ),
    Figure(
        "credential_coverage",
        "执法人员持证上岗率",
        "",
        "年末（本年度为今天）在岗执法人员中，持有效行政执法证的比例",
        _officers,
        STAFF_COLUMNS,
        link_to("core:staff-detail"),
        kind="share",
        counted=_credential_valid_at_year_end,
    ),
)


# ------------------------------------------------------------------------------------ the dashboards


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
        decision_link,
    ),
)
