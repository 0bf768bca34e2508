"""The figures every report and dashboard states: each a named query over one organisation's subtree
and one period, registered by the app that owns the records it counts (its figures.py, from its
AppConfig.ready) and read by the reports app by its key.

A figure's value and its drill-down come from the same queryset (`rows`), so the rows a user clicks
through to are exactly the rows counted: a count counts them, a sum adds one of their fields, a share
divides those matching `counted` by all of them. A phrase figure words other figures the way a report
states them ("40余人", "涉及城乡建设类38批70人次，…"). Every figure is a fixed number of queries, however
many records there are."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from functools import cached_property
from typing import Any, TypeVar

from django.db.models import BooleanField, Case, Count, Exists, OuterRef, Q, QuerySet, Sum, When
from django.db.models import Value as Value_
from django.urls import reverse

from fazhi.core.models import Organisation, Staff, StaffRole
from fazhi.core.roles import Role

MemoT = TypeVar("MemoT")


@dataclass(frozen=True)
class Scope:
    """One organisation (with everything under it) and one report year."""

    organisation: Organisation
    year: int
    _memo: dict[str, Any] = field(default_factory=dict, compare=False, hash=False, repr=False)

    @property
    def start(self) -> datetime.date:
        return datetime.date(self.year, 1, 1)

    @property
    def end(self) -> datetime.date:
        return datetime.date(self.year, 12, 31)

    @cached_property
    def organisation_ids(self) -> list[int]:
        """The organisation and everything under it, looked up once per scope (one query for all the
        figures). Filtering rows by `organisation_id IN (…)` rather than by a join on the path lets
        PostgreSQL use each table's (organisation, …) index: with the join it estimated how many
        organisations a path prefix matches from the prefix alone, and for some towns chose to scan
        all the city's disputes (docs/performance.md, "Annual report, 200 towns")."""
        return list(
            Organisation.objects.filter(path__startswith=self.organisation.path).values_list("pk", flat=True)
        )

    def memo(self, key: str, compute: Callable[[Scope], MemoT]) -> MemoT:
        """A value several figures of one app read, computed once per scope (the mediation centre's
        opening day, say)."""
        if key not in self._memo:
            self._memo[key] = compute(self)
        found: MemoT = self._memo[key]
        return found

    def within(self, prefix: str = "organisation") -> Q:
        return Q(**{f"{prefix}__in": self.organisation_ids})


@dataclass(frozen=True)
class Column:
    header: str
    value: Callable[[Any], object]


@dataclass(frozen=True)
class Value:
    """A figure as computed: what the report prints, and what it was counted from."""

    key: str
    label: str
    value: int | Decimal | str | None
    display: str
    start: datetime.date
    end: datetime.date
    source: str
    numerator: int | None = None
    denominator: int | None = None

    def as_json(self) -> dict[str, object]:
        value = self.value
        return {
            "key": self.key,
            "label": self.label,
            "value": str(value) if isinstance(value, Decimal) else value,
            "display": self.display,
            "numerator": self.numerator,
            "denominator": self.denominator,
            "period": {"start": self.start.isoformat(), "end": self.end.isoformat()},
            "source": self.source,
        }


@dataclass(frozen=True)
class Figure:
    key: str
    label: str
    unit: str
    source: str
    rows: Callable[[Scope], QuerySet[Any]]
    columns: tuple[Column, ...]
    link: Callable[[Any], str] | None = None
    kind: str = "count"  # count | sum | share | phrase
    summed: str = ""  # the field a sum adds up
    counted: Callable[[Scope], Q] | None = None  # the rows a share counts, among all its rows
    words: Callable[[Scope, QuerySet[Any]], str] | None = None  # a phrase's wording of its rows
    period_start: Callable[[Scope], datetime.date] | None = None
    dashboard: str = ""

    def start(self, scope: Scope) -> datetime.date:
        return self.period_start(scope) if self.period_start else scope.start

    def compute(self, scope: Scope) -> Value:
        rows = self.rows(scope)
        start = self.start(scope)
        if self.kind == "sum":
            total = rows.aggregate(total=Sum(self.summed))["total"] or 0
            return self._value(scope, start, total, number(total) + self.unit)
        if self.kind == "share":
            assert self.counted is not None
            counts = rows.aggregate(all=Count("pk"), counted=Count("pk", filter=self.counted(scope)))
            share = percent(counts["counted"], counts["all"])
            display = "—" if share is None else f"{number(share)}%"
            return self._value(scope, start, share, display, counts["counted"], counts["all"])
        if self.kind == "phrase":
            assert self.words is not None
            text = self.words(scope, rows)
            return self._value(scope, start, text, text)
        count = rows.count()
        return self._value(scope, start, count, f"{count}{self.unit}")

    def _value(
        self,
        scope: Scope,
        start: datetime.date,
        value: int | Decimal | str | None,
        display: str,
        numerator: int | None = None,
        denominator: int | None = None,
    ) -> Value:
        return Value(
            key=self.key,
            label=self.label,
            value=value,
            display=display,
            start=start,
            end=scope.end,
            source=self.source,
            numerator=numerator,
            denominator=denominator,
        )

    def drill_down(self, scope: Scope) -> QuerySet[Any]:
        """The rows behind the figure; for a share each carries `counted`, whether it is among those
        the share counts (one query for the page, not one per row)."""
        rows = self.rows(scope)
        if self.counted is None:
            return rows
        flagged: QuerySet[Any] = rows.annotate(
            counted=Case(
                When(self.counted(scope), then=Value_(True)),
                default=Value_(False),
                output_field=BooleanField(),
            )
        )
        return flagged


def number(value: int | Decimal) -> str:
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return str(value)


def percent(part: int, whole: int) -> Decimal | None:
    if not whole:
        return None
    return (Decimal(100 * part) / whole).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def date_column(field_name: str) -> Column:
    return Column("日期", lambda row: getattr(row, field_name))


def link_to(name: str) -> Callable[[Any], str]:
    """A drill-down row's page, by its URL name and the row's own id."""
    return lambda row: reverse(name, args=[row.pk])


def staff_with_roles(scope: Scope, *roles: Role) -> QuerySet[Staff]:
    """The active staff of the scope holding any of the roles. EXISTS rather than a join, so that a
    person holding two of them is one row and a share's aggregate needs no DISTINCT around it."""
    holding = StaffRole.objects.filter(staff=OuterRef("pk"), role__in=roles)
    return (
        Staff.objects.filter(Exists(holding), scope.within(), is_active=True)
        .select_related("organisation")
        .order_by("id")
    )


def held_by(staff_field: str, *roles: Role) -> Exists:
    """Whether the staff member a row names (by `staff_field`) holds any of the roles: the rows of work
    done by the holders of a role (the legal counsel's reviews), each row once."""
    return Exists(StaffRole.objects.filter(staff=OuterRef(staff_field), role__in=roles))


STAFF_COLUMNS = (
    Column("姓名", lambda row: row.full_name),
    Column("单位", lambda row: row.organisation.name if row.organisation else ""),
)


# ------------------------------------------------------------------------------------ the registry


@dataclass
class Registry:
    """Every app's figures by key. They are listed in the order the reports app presents them
    (present_in), then any others in the order their apps registered them."""

    figures: dict[str, Figure] = field(default_factory=dict)
    order: tuple[str, ...] = ()

    def add(self, figure: Figure) -> None:
        if figure.key in self.figures:
            raise ValueError("a figure is registered once: %s" % figure.key)
        self.figures[figure.key] = figure

    def present_in(self, order: tuple[str, ...]) -> None:
        self.order = order

    def __getitem__(self, key: str) -> Figure:
        return self.figures[key]

    def __contains__(self, key: object) -> bool:
        return key in self.figures

    def __iter__(self) -> Iterator[Figure]:
        ranked = {key: position for position, key in enumerate(self.order)}
        return iter(sorted(self.figures.values(), key=lambda figure: ranked.get(figure.key, len(ranked))))


FIGURES = Registry()


def register(*figures: Figure) -> None:
    """An app's figures, from its AppConfig.ready (see each app's figures.py)."""
    for figure in figures:
        FIGURES.add(figure)


def compute_all(scope: Scope) -> dict[str, Value]:
    return {figure.key: figure.compute(scope) for figure in FIGURES}
