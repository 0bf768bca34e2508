"""The supervision dashboards: the figures marked for a dashboard as tiles, and for a supervisor each
town's tiles side by side with its lapsed clocks and one comparison chart per compared figure. The
breakdowns by month come from core.charts, where each app registers its own; every tile and bar
links to the rows it counts."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from fazhi.core import charts
from fazhi.core.charts import Chart, Line, Point, Tile
from fazhi.core.figures import FIGURES, Figure, Scope
from fazhi.core.models import TOWN_KINDS, Organisation

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


def tiles(scope: Scope) -> list[Tile]:
    return [charts.tile(figure.key, scope) for figure in dashboard_figures()]


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
    overdue_series = charts.SERIES["overdue"]
    assert overdue_series.count_by_town is not None
    overdue = overdue_series.count_by_town(towns, today)
    table = []
    for town in towns:
        scope = Scope(town, year)
        table.append(
            TownRow(
                town=town,
                tiles=tiles(scope),
                overdue=overdue.get(town.pk, 0),
                overdue_url=charts.rows_url("overdue", scope),
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
