"""The disclosure figures of the annual report and the dashboards: decisions published in the year,
and whether each decision to publish came out within its 7 working days. Registered from
DisclosureConfig.ready."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db.models import F, Q, QuerySet
from django.utils import timezone

from fazhi.core import charts
from fazhi.core.charts import Chart, Element, Series
from fazhi.core.figures import Column, Figure, Scope, link_to
from fazhi.disclosure import selectors
from fazhi.disclosure.models import Publication, PublicationStatus
from fazhi.enforcement.figures import DECISION_COLUMNS, case_link, decisions_of_year
from fazhi.enforcement.models import PenaltyDecision

PUBLISHED = (PublicationStatus.PUBLISHED, PublicationStatus.WITHDRAWN)


def _publications_in_year(scope: Scope) -> QuerySet[Publication]:
    return Publication.objects.filter(
        scope.within(), status__in=PUBLISHED, published_at__year=scope.year
    ).order_by("published_at", "id")


def _decisions_to_publish(scope: Scope) -> QuerySet[PenaltyDecision]:
    """The year's decisions whose publication has settled — published, or past its 7 working days —
    less those lawfully not published (a minor's). One still within its period is not counted until it
    settles; a decision never drafted, or left a draft, past its period counts as not in time. The
    monthly table of the disclosure page (selectors.timeliness_by_month) sorts decisions the same way."""
    return (
        decisions_of_year(scope)
        .exclude(publication__status=PublicationStatus.NOT_PUBLISHED)
        .exclude(selectors.still_due(timezone.localdate()))
    )


PUBLISHED_IN_TIME = Q(
    publication__status__in=PUBLISHED, publication__published_at__date__lte=F("publication__due_on")
)
PUBLICATION_COLUMNS = (
    Column("决定书文号", lambda row: row.decision_number),
    Column("决定日期", lambda row: row.decided_on),
    Column("公示期限", lambda row: row.due_on),
    Column("公示时间", lambda row: row.published_at.date() if row.published_at else ""),
)

FIGURES = (
    Figure(
        "penalties_published",
        "公示行政处罚案件",
        "起",
        "当年首次公示的行政处罚决定（含此后撤回的）",
        _publications_in_year,
        PUBLICATION_COLUMNS,
        link_to("disclosure:publication"),
        dashboard="disclosure",
    ),
    Figure(
        "publications_on_time",
        "行政处罚决定按期公示率",
        "",
        "当年作出的处罚决定（依法不予公开的除外）中，已公示或公示期限已过的，在公示期限内公示的比例；"
        "逾期未公示的计为未按期，尚在公示期限内的不计",
        _decisions_to_publish,
        DECISION_COLUMNS,
        case_link,
        kind="share",
        counted=lambda scope: PUBLISHED_IN_TIME,
        dashboard="disclosure",
    ),
)


# ------------------------------------------------------------------------------------ the dashboards

TIMELINESS_STATES = {
    "on_time": "按期公示",
    "late": "逾期公示",
    "pending": "尚在公示期限内",
    "overdue": "逾期未公示",
}


def publication_timeliness(scope: Scope, today: datetime.date) -> Chart:
    """国办发〔2018〕118号: the year's decisions per month by whether they were published within 7
    working days (the count of selectors.timeliness_by_month)."""
    counts: dict[tuple[int, str], int | Decimal] = {}
    for month, row in zip(
        charts.MONTHS,
        selectors.timeliness_by_month(scope.organisation, year=scope.year, today=today),
        strict=True,
    ):
        for state in TIMELINESS_STATES:
            counts[(month, state)] = getattr(row, state)
    return charts.monthly_chart(
        "timeliness",
        "行政处罚决定公示及时性（按决定月份）",
        "件",
        scope,
        counts,
        TIMELINESS_STATES.items(),
        "state",
    )


def _timeliness_rows(scope: Scope, element: Element, today: datetime.date) -> QuerySet[PenaltyDecision]:
    """The month's decisions in one state, as selectors.timeliness_states reads them."""
    decisions = PenaltyDecision.objects.filter(
        scope.within("case__organisation"),
        decided_on__year=scope.year,
        decided_on__month=element.month,
    ).exclude(publication__status=PublicationStatus.NOT_PUBLISHED)
    chosen = [
        pk for pk, _day, state in selectors.timeliness_states(decisions, today) if state == element.part
    ]
    return (
        PenaltyDecision.objects.filter(pk__in=chosen)
        .select_related("number", "case")
        .order_by("decided_on", "id")
    )


SERIES = (
    Series(
        "timeliness",
        "行政处罚决定公示及时性",
        "state",
        "公示情况",
        publication_timeliness,
        _timeliness_rows,
        lambda: dict(TIMELINESS_STATES),
        DECISION_COLUMNS,
        case_link,
    ),
)
