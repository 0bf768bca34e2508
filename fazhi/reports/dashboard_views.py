"""The supervision dashboards: a town's (its figures and monthly charts) and a supervisor's (the same
for the whole area, a table of each town's figures, and the towns compared), and the rows behind any
chart element. Read-only pages; every number links to the rows it counts."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from fazhi.core import charts, permissions
from fazhi.core.access import request_staff, staff_required
from fazhi.core.errors import NotFoundOrHidden
from fazhi.core.figures import Scope
from fazhi.core.models import TOWN_KINDS
from fazhi.core.pages import paginate, query_without_page
from fazhi.core.roles import Role
from fazhi.reports import dashboards, selectors

DASHBOARD_ROLES = (Role.HEAD, Role.ADMIN, Role.SUPERVISOR)
YEARS_SHOWN = 8


def _scope(request: HttpRequest) -> Scope:
    """The organisation and year asked for: by default the actor's own area and the current year."""
    actor = request_staff(request)
    root = permissions.scope_root(actor)
    if root is None:
        raise NotFoundOrHidden()
    return selectors.access_scope(
        actor,
        request.GET.get("org") or root.pk,
        request.GET.get("year") or timezone.localdate().year,
    )


@staff_required(*DASHBOARD_ROLES)
@require_http_methods(["GET"])
def dashboard(request: HttpRequest) -> HttpResponse:
    scope = _scope(request)
    today = timezone.localdate()
    organisation = scope.organisation
    towns = [] if organisation.kind in TOWN_KINDS else dashboards.towns_under(organisation)
    table = dashboards.town_table(towns, scope.year, today) if towns else []
    comparisons = (
        [*dashboards.comparison_charts(table), dashboards.overdue_comparison(table)] if table else []
    )
    shown = charts.charts(scope, today)
    context = {
        "scope": scope,
        "years": range(today.year, today.year - YEARS_SHOWN, -1),
        "tiles": dashboards.tiles(scope),
        "figures": dashboards.dashboard_figures(),
        "table": table,
        "charts": shown,
        "comparisons": comparisons,
        "overdue_url": charts.rows_url("overdue", scope),
        "overdue_total": charts.total(next(chart for chart in shown if chart.key == "overdue")),
        "data": {"charts": [chart.as_json() for chart in [*comparisons, *shown]]},
    }
    return render(request, "reports/dashboard.html", context)


@staff_required(*DASHBOARD_ROLES)
@require_http_methods(["GET"])
def dashboard_rows(request: HttpRequest, series: str) -> HttpResponse:
    """The rows behind one chart element: a month of the year and one part (stage, category…)."""
    scope = _scope(request)
    chosen = charts.series(series)
    part = request.GET.get(chosen.part_name, "") if chosen.part_name else ""
    element = charts.element_of(chosen, month=request.GET.get("month", ""), part=part)
    page = paginate(request, chosen.rows(scope, element, timezone.localdate()))
    rows = [
        ([(column.header, column.value(row)) for column in chosen.columns], chosen.link(row))
        for row in page.rows
    ]
    context = {
        "scope": scope,
        "series": chosen,
        "element": element,
        "part": chosen.part_display(element.part) if element.part else "",
        "page": page,
        "rows": rows,
        "query_string": query_without_page(request),
    }
    return render(request, "reports/dashboard_rows.html", context)
