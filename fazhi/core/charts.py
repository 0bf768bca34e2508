"""The dashboards' breakdowns of the figures: charts by month and by part (a stage, a category, a
status…), each registered by the app whose records it counts (its figures.py) and shown by the
reports app's dashboards. Each chart element carries the address of the rows behind it, and those rows
come from the same query narrowed to the element, so the rows a user clicks through to are exactly
the rows the bar counted."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any
from urllib.parse import urlencode

from django.db.models import QuerySet
from django.urls import reverse

from fazhi.core.errors import NotFoundOrHidden
from fazhi.core.figures import FIGURES, Column, Figure, Scope, Value
from fazhi.core.models import Organisation

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
    # For a series a supervisor compares town by town: each town's total now, in one query.
    count_by_town: Callable[[list[Organisation], datetime.date], dict[int, int]] | None = None

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


@dataclass(frozen=True)
class Tile:
    """A figure's value for a scope, with the address of the rows it counts. Every page that shows a
    figure — a dashboard tile, a line on an app's own page — shows this, so no page counts it twice
    over in a way of its own."""

    figure: Figure
    value: Value
    url: str


def tile(key: str, scope: Scope) -> Tile:
    figure = FIGURES[key]
    return Tile(figure, figure.compute(scope), figure_url(key, scope))


def monthly_chart(
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


SERIES: dict[str, Series] = {}


def register(*registered: Series) -> None:
    """An app's breakdowns, from its AppConfig.ready."""
    for entry in registered:
        if entry.key in SERIES:
            raise ValueError("a breakdown is registered once: %s" % entry.key)
        SERIES[entry.key] = entry


def present_in(order: tuple[str, ...]) -> None:
    """The order the dashboards show the breakdowns in (the reports app's choice); any not named
    follow in the order they were registered."""
    ranked = {key: position for position, key in enumerate(order)}
    arranged = sorted(SERIES.values(), key=lambda entry: ranked.get(entry.key, len(ranked)))
    SERIES.clear()
    SERIES.update((entry.key, entry) for entry in arranged)


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
