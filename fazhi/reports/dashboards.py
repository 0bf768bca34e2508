"""The supervision dashboards' breakdowns: cases by month and stage, the overdue clocks, publication
timeliness, legal-review coverage, disputes by category, petitions, contracts reviewed and training
hours, for one organisation's subtree and one year.

Each breakdown is one grouped query, however many records there are, with one exception it inherits:
publication timeliness is the disclosure app's count, which reads the holiday calendar (two queries)
for each distinct day of a decision not yet prepared for publication. Each chart element carries the address of the rows behind it, and those rows come
from the same query narrowed to the element, so the rows a user clicks through to are exactly the rows
the bar counted. Where a report figure states the same total (contracts reviewed, petitions, training
hours, mediation batches, legal-review coverage) the breakdown starts from that figure's rows."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any
from urllib.parse import urlencode

from django.db.models import Count, OuterRef, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce, ExtractMonth
from django.urls import reverse
from django.utils import timezone

from fazhi.contracts.models import ContractReview
from fazhi.core.errors import NotFoundOrHidden
from fazhi.core.models import TOWN_KINDS, Organisation
from fazhi.disclosure import rules as disclosure_rules
from fazhi.disclosure import selectors as disclosure_selectors
from fazhi.disclosure.models import PublicationStatus
from fazhi.enforcement.models import Case, PenaltyDecision
from fazhi.enforcement.rules import CLOCK_LABELS, STAGE_LABELS, Stage
from fazhi.petitions.models import PetitionStatus
from fazhi.reports.figures import (
    CONTRACT_COLUMNS,
    DECISION_COLUMNS,
    DISPUTE_COLUMNS,
    FIGURES,
    PETITION_COLUMNS,
    TRAINING_COLUMNS,
    Column,
    Figure,
    Scope,
    Value,
)

MONTHS = range(1, 13)
MONTH_LABELS = [f"{month}月" for month in MONTHS]


@dataclass(frozen=True)
class Element:
    """What one chart element stands for: a month of the year (None for a chart not by month) and one
    part of it (a stage, a category, a status…; empty for a chart of one series)."""

    month: int | None
    part: str


@dataclass(frozen=True)
class Point:
    value: int | Decimal | None
    url: str


@dataclass(frozen=True)
class Line:
    name: str
    points: list[Point]


@dataclass(frozen=True)
class Chart:
    key: str
    title: str
    unit: str
    categories: list[str]
    lines: list[Line]
    stacked: bool = True

    def as_json(self) -> dict[str, object]:
        return {
            "key": self.key,
            "title": self.title,
            "unit": self.unit,
            "categories": self.categories,
            "stacked": self.stacked,
            "series": [
                {
                    "name": line.name,
                    "data": [{"value": _plain(point.value), "url": point.url} for point in line.points],
                }
                for line in self.lines
            ],
        }


def total(chart: Chart) -> int | Decimal:
    return sum((point.value or 0 for line in chart.lines for point in line.points), start=0)


def _plain(value: int | Decimal | None) -> int | float | None:
    return float(value) if isinstance(value, Decimal) else value


@dataclass(frozen=True)
class Series:
    """A breakdown: its chart, and the rows behind any one of its elements."""

    key: str
    title: str
    part_name: str  # the query parameter that names an element's part ("stage", "category"…)
    part_label: str  # how the rows page names that part (阶段, 类别…)
    chart: Callable[[Scope, datetime.date], Chart]
    rows: Callable[[Scope, Element, datetime.date], QuerySet[Any]]
    parts: Callable[[], dict[str, str]]  # the parts an element may name, with their labels; {} for any
    columns: tuple[Column, ...]
    link: Callable[[Any], str]
    by_month: bool = True
    part_required: bool = True  # False: an element without a part stands for all of them

    def part_display(self, part: str) -> str:
        return self.parts().get(part, part)


def rows_url(series_key: str, scope: Scope, *, month: int | None = None, **part: str) -> str:
    query: dict[str, object] = {"org": scope.organisation.pk, "year": scope.year}
    if month is not None:
        query["month"] = month
    query.update(part)
    return "%(path)s?%(query)s" % {
        "path": reverse("reports:dashboard-rows", args=[series_key]),
        "query": urlencode(query),
    }


def figure_url(key: str, scope: Scope) -> str:
    return "%(path)s?%(query)s" % {
        "path": reverse("reports:scope-figure", args=[key]),
        "query": urlencode({"org": scope.organisation.pk, "year": scope.year}),
    }


def _monthly_chart(
    key: str,
    title: str,
    unit: str,
    scope: Scope,
    counts: dict[tuple[int, str], int | Decimal],
    parts: Iterable[tuple[str, str]],
    part_name: str,
) -> Chart:
    """A chart by month with one stacked series per part; counts are keyed by (month, part)."""
    lines = [
        Line(
            label,
            [
                Point(
                    counts.get((month, part), 0),
                    rows_url(key, scope, month=month, **({part_name: part} if part_name else {})),
                )
                for month in MONTHS
            ],
        )
        for part, label in parts
    ]
    return Chart(key, title, unit, MONTH_LABELS, lines)


# ------------------------------------------------------------------------------------- enforcement


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
    return _monthly_chart("cases", "立案数（按立案月份和当前阶段）", "件", scope, counts, stages, "stage")


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
                [Point(counts.get(key, 0), rows_url("overdue", scope, clock=key)) for key in keys],
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


def _case_link(row: Any) -> str:
    return reverse("enforcement:case-detail", args=[row.pk])


def _decision_link(row: Any) -> str:
    return reverse("enforcement:case-detail", args=[row.case_id])


# -------------------------------------------------------------------------------------- disclosure

TIMELINESS_STATES = {
    "on_time": "按期公示",
    "late": "逾期公示",
    "pending": "尚在公示期限内",
    "overdue": "逾期未公示",
}


def publication_timeliness(scope: Scope, today: datetime.date) -> Chart:
    """国办发〔2018〕118号: the year's decisions per month by whether they were published within 7
    working days (the disclosure app's count)."""
    counts: dict[tuple[int, str], int | Decimal] = {}
    for month, row in zip(
        MONTHS,
        disclosure_selectors.timeliness_by_month(scope.organisation, year=scope.year, today=today),
        strict=True,
    ):
        for state in TIMELINESS_STATES:
            counts[(month, state)] = getattr(row, state)
    return _monthly_chart(
        "timeliness",
        "行政处罚决定公示及时性（按决定月份）",
        "件",
        scope,
        counts,
        TIMELINESS_STATES.items(),
        "state",
    )


def _timeliness_state(
    decided_on: datetime.date,
    published_at: datetime.datetime | None,
    due: datetime.date,
    today: datetime.date,
) -> str:
    """The same test as disclosure.selectors.timeliness_by_month, for one decision."""
    if published_at is not None:
        return "on_time" if timezone.localdate(published_at) <= due else "late"
    return "pending" if today <= due else "overdue"


def _timeliness_rows(scope: Scope, element: Element, today: datetime.date) -> QuerySet[PenaltyDecision]:
    """The month's decisions in one state. The state needs the stored deadline, or for a decision not
    yet prepared for publication the calendar, so it is decided here for each of the month's decisions
    and the page lists those ids."""
    decisions = (
        PenaltyDecision.objects.filter(
            scope.within("case__organisation"),
            decided_on__year=scope.year,
            decided_on__month=element.month,
        )
        .exclude(publication__status=PublicationStatus.NOT_PUBLISHED)
        .values_list("pk", "decided_on", "publication__published_at", "publication__due_on")
    )
    computed: dict[datetime.date, datetime.date] = {}
    chosen = []
    for pk, decided_on, published_at, publication_due in decisions:
        stored_due: datetime.date | None = publication_due  # None without a publication (a LEFT JOIN)
        if stored_due is None:
            if decided_on not in computed:
                computed[decided_on] = disclosure_rules.PUBLISH.due(decided_on).due
            stored_due = computed[decided_on]
        if _timeliness_state(decided_on, published_at, stored_due, today) == element.part:
            chosen.append(pk)
    return (
        PenaltyDecision.objects.filter(pk__in=chosen)
        .select_related("number", "case")
        .order_by("decided_on", "id")
    )


# -------------------------------------------------------------------------------- legal review

REVIEW_STATES = {"reviewed": "决定前经法制审核", "unreviewed": "未经法制审核"}


def _legal_review_figure() -> Figure:
    return FIGURES["legal_review_coverage"]


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
    return _monthly_chart(
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


# ---------------------------------------------------------------------------------------- mediation


def _top_category() -> Coalesce:
    return Coalesce("category__parent__name", "category__name")


def disputes_by_category(scope: Scope, today: datetime.date) -> Chart:
    """The centre's visits (批) per month by top-level category, 其他 last; counted from the figure
    mediation_batches' rows, so from the centre's opening in the year it opened."""
    rows = (
        FIGURES["mediation_batches"]
        .rows(scope)
        .order_by()
        .annotate(month=ExtractMonth("received_on"), top=_top_category())
        .values("month", "top")
        .annotate(batches=Count("id"))
    )
    counts: dict[tuple[int, str], int | Decimal] = {
        (row["month"], row["top"]): row["batches"] for row in rows
    }
    totals: dict[str, int] = {}
    for (_month_number, top), batches in counts.items():
        totals[top] = totals.get(top, 0) + int(batches)
    ranked = sorted(totals, key=lambda top: (top == "其他", -totals[top], top))
    return _monthly_chart(
        "disputes",
        "矛调中心来访批次（按月份和一级类别）",
        "批",
        scope,
        counts,
        [(top, top) for top in ranked],
        "category",
    )


def _dispute_rows(scope: Scope, element: Element, today: datetime.date) -> QuerySet[Any]:
    rows: QuerySet[Any] = (
        FIGURES["mediation_batches"]
        .rows(scope)
        .annotate(top=_top_category())
        .filter(received_on__month=element.month, top=element.part)
        .select_related("category__parent")
    )
    return rows


# ---------------------------------------------------------------------------------------- petitions


def petitions_by_status(scope: Scope, today: datetime.date) -> Chart:
    """Petitions received in the year per month, by where each stands now."""
    counts: dict[tuple[int, str], int | Decimal] = {
        (row["month"], row["status"]): row["petitions"]
        for row in FIGURES["petitions_received"]
        .rows(scope)
        .order_by()
        .annotate(month=ExtractMonth("received_on"))
        .values("month", "status")
        .annotate(petitions=Count("id"))
    }
    present = {status for _month_number, status in counts}
    statuses = [(value, label) for value, label in PetitionStatus.choices if value in present]
    return _monthly_chart(
        "petitions", "信访事项（按收到月份和当前状态）", "件", scope, counts, statuses, "status"
    )


def _petition_rows(scope: Scope, element: Element, today: datetime.date) -> QuerySet[Any]:
    return (
        FIGURES["petitions_received"]
        .rows(scope)
        .filter(received_on__month=element.month, status=element.part)
    )


# ---------------------------------------------------------------------------------------- contracts


def _contracts_by_first_review(scope: Scope) -> QuerySet[Any]:
    """The figure contracts_reviewed's contracts, each with the month of its first review in the year
    (a contract reviewed twice is one contract, in the month it was first reviewed)."""
    first_review = (
        ContractReview.objects.filter(contract=OuterRef("pk"), reviewed_on__year=scope.year)
        .order_by("reviewed_on", "id")
        .values("reviewed_on")[:1]
    )
    contracts: QuerySet[Any] = (
        FIGURES["contracts_reviewed"]
        .rows(scope)
        .annotate(first_review=Subquery(first_review))
        .annotate(month=ExtractMonth("first_review"))
    )
    return contracts


def contracts_reviewed_by_month(scope: Scope, today: datetime.date) -> Chart:
    counts: dict[tuple[int, str], int | Decimal] = {
        (row["month"], ""): row["contracts"]
        for row in _contracts_by_first_review(scope)
        .order_by()
        .values("month")
        .annotate(contracts=Count("id"))
    }
    return _monthly_chart(
        "contracts", "审核合同协议（按首次审查月份）", "份", scope, counts, [("", "审核合同")], ""
    )


def _contract_rows(scope: Scope, element: Element, today: datetime.date) -> QuerySet[Any]:
    return _contracts_by_first_review(scope).filter(month=element.month).select_related("counterparty")


# ----------------------------------------------------------------------------------------- learning


def training_hours_by_month(scope: Scope, today: datetime.date) -> Chart:
    counts: dict[tuple[int, str], int | Decimal] = {
        (row["month"], ""): row["hours"] or Decimal(0)
        for row in FIGURES["training_hours"]
        .rows(scope)
        .order_by()
        .annotate(month=ExtractMonth("held_on"))
        .values("month")
        .annotate(hours=Sum("hours"))
    }
    return _monthly_chart("training", "培训学时（按培训月份）", "学时", scope, counts, [("", "培训学时")], "")


def _training_rows(scope: Scope, element: Element, today: datetime.date) -> QuerySet[Any]:
    return FIGURES["training_hours"].rows(scope).filter(held_on__month=element.month)


# ------------------------------------------------------------------------------------ the registry


def _url_of(name: str) -> Callable[[Any], str]:
    return lambda row: reverse(name, args=[row.pk])


SERIES: dict[str, Series] = {
    series.key: series
    for series in (
        Series(
            "cases",
            "立案数",
            "stage",
            "当前阶段",
            cases_by_month_and_stage,
            _case_rows,
            _stage_labels,
            CASE_COLUMNS,
            _case_link,
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
            _case_link,
            by_month=False,
            part_required=False,
        ),
        Series(
            "timeliness",
            "行政处罚决定公示及时性",
            "state",
            "公示情况",
            publication_timeliness,
            _timeliness_rows,
            lambda: dict(TIMELINESS_STATES),
            DECISION_COLUMNS,
            _decision_link,
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
            _decision_link,
        ),
        Series(
            "disputes",
            "矛调中心来访批次",
            "category",
            "一级类别",
            disputes_by_category,
            _dispute_rows,
            dict,
            DISPUTE_COLUMNS,
            _url_of("mediation:detail"),
        ),
        Series(
            "petitions",
            "信访事项",
            "status",
            "当前状态",
            petitions_by_status,
            _petition_rows,
            lambda: dict(PetitionStatus.choices),
            PETITION_COLUMNS,
            _url_of("petitions:detail"),
        ),
        Series(
            "contracts",
            "审核合同协议",
            "",
            "",
            contracts_reviewed_by_month,
            _contract_rows,
            dict,
            CONTRACT_COLUMNS,
            _url_of("contracts:detail"),
        ),
        Series(
            "training",
            "培训学时",
            "",
            "",
            training_hours_by_month,
            _training_rows,
            dict,
            TRAINING_COLUMNS,
            _url_of("learning:training-detail"),
        ),
    )
}


def series(key: str) -> Series:
    if key not in SERIES:
        raise NotFoundOrHidden()
    return SERIES[key]


def element_of(chosen: Series, *, month: str, part: str) -> Element:
    """The element a rows address names; a month out of range or a part the series does not have is
    the same 404 as a hidden record."""
    if chosen.by_month:
        if month not in {str(number) for number in MONTHS}:
            raise NotFoundOrHidden()
        month_number: int | None = int(month)
    else:
        month_number = None
    allowed = chosen.parts()
    if chosen.part_name and not part and chosen.part_required:
        raise NotFoundOrHidden()
    if part and allowed and part not in allowed:
        raise NotFoundOrHidden()
    return Element(month_number, part if chosen.part_name else "")


def charts(scope: Scope, today: datetime.date) -> list[Chart]:
    return [entry.chart(scope, today) for entry in SERIES.values()]


# ------------------------------------------------------------------------------------- the figures


def dashboard_figures() -> list[Figure]:
    """The figures shown as tiles and in the supervisor's per-town table: those the figure registry
    marks for a dashboard."""
    return [figure for figure in FIGURES if figure.dashboard]


# The dashboard figures compared town by town, each in a chart of its own, on the supervisor's page.
COMPARED = (
    "penalty_decisions",
    "legal_review_coverage",
    "publications_on_time",
    "mediation_batches",
    "petitions_received",
    "contracts_reviewed",
    "training_hours",
)


@dataclass(frozen=True)
class Tile:
    figure: Figure
    value: Value
    url: str


def tiles(scope: Scope) -> list[Tile]:
    return [
        Tile(figure, figure.compute(scope), figure_url(figure.key, scope)) for figure in dashboard_figures()
    ]


@dataclass(frozen=True)
class TownRow:
    town: Organisation
    tiles: list[Tile]
    overdue: int
    overdue_url: str


def towns_under(root: Organisation) -> list[Organisation]:
    return list(Organisation.objects.filter(path__startswith=root.path, kind__in=TOWN_KINDS).order_by("path"))


def town_table(towns: list[Organisation], year: int, today: datetime.date) -> list[TownRow]:
    """Each town's figures, computed on the town's own scope so that each cell's rows page (the
    figure's, for that town) lists exactly what the cell counts: a fixed number of queries per town."""
    overdue = overdue_by_town(towns, today)
    table = []
    for town in towns:
        scope = Scope(town, year)
        table.append(
            TownRow(
                town=town,
                tiles=tiles(scope),
                overdue=overdue.get(town.pk, 0),
                overdue_url=rows_url("overdue", scope),
            )
        )
    return table


def comparison_charts(table: list[TownRow]) -> list[Chart]:
    """One chart per compared figure, a bar per town, each bar linking to that town's rows."""
    names = [row.town.name for row in table]
    shown = [figure.key for figure in dashboard_figures()]
    result = []
    for key in (key for key in COMPARED if key in shown):
        figure = FIGURES[key]
        points = []
        for row in table:
            tile = row.tiles[shown.index(key)]
            value = tile.value.value
            points.append(Point(value if isinstance(value, int | Decimal) else None, tile.url))
        unit = "%" if figure.kind == "share" else figure.unit
        result.append(
            Chart(
                f"compare-{key}", f"{figure.label}（各镇街比较）", unit, names, [Line(figure.label, points)]
            )
        )
    return result


def overdue_comparison(table: list[TownRow]) -> Chart:
    return Chart(
        "compare-overdue",
        "当前已逾期的办案期限（各镇街比较）",
        "件",
        [row.town.name for row in table],
        [
            Line(
                "已逾期",
                [Point(row.overdue, row.overdue_url) for row in table],
            )
        ],
    )
