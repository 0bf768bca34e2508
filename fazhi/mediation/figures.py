"""The mediation centre's figures of the annual report and the dashboards: visits (批) and visitors (人次)
from the centre's opening in the year it opened, by category, disposed by the 三到位一处理 and closed on
time, and the handling units of its "1+3+N" that took part. Registered from MediationConfig.ready."""

from __future__ import annotations

import datetime
from collections import Counter
from decimal import Decimal
from typing import Any

from django.db.models import Count, F, Q, QuerySet, Sum
from django.db.models.functions import Coalesce, ExtractMonth
from django.utils import timezone

from fazhi.core import charts
from fazhi.core.charts import Chart, Element, Series
from fazhi.core.figures import Column, Figure, Scope, link_to
from fazhi.mediation.models import Dispute, DisputeStatus, HandlingUnit, MediationCentre, UnitKind


def _centre_opened_on(scope: Scope) -> datetime.date | None:
    """The day the organisation's 矛调中心 opened, read once per scope for the mediation figures."""
    return scope.memo(
        "mediation_centre_opened_on",
        lambda scope: (
            MediationCentre.objects.filter(organisation=scope.organisation)
            .values_list("opened_on", flat=True)
            .first()
        ),
    )


def _centre_opened_in_year(scope: Scope) -> datetime.date | None:
    opened = _centre_opened_on(scope)
    return opened if opened and opened.year == scope.year else None


def _mediation_start(scope: Scope) -> datetime.date:
    """A town's centre opened in the report year is counted from its opening (自中心成立以来)."""
    return _centre_opened_in_year(scope) or scope.start


def _disputes(scope: Scope) -> QuerySet[Dispute]:
    return (
        Dispute.objects.filter(
            scope.within(), received_on__gte=_mediation_start(scope), received_on__lte=scope.end
        )
        .select_related("category__parent")
        .order_by("received_on", "id")
    )


def _by_category(scope: Scope, rows: QuerySet[Dispute]) -> str:
    """涉及城乡建设类38批70人次，…，其他类别15批19人次: largest first, 其他 last."""
    totals = (
        rows.order_by()
        .annotate(top=Coalesce("category__parent__name", "category__name"))
        .values("top")
        .annotate(batches=Count("id"), persons=Sum("visitor_count"))
    )
    ranked = sorted(totals, key=lambda row: (row["top"] == "其他", -row["batches"], row["top"]))
    parts = [
        ("其他类别%(b)d批%(p)d人次" if row["top"] == "其他" else "涉及%(c)s类%(b)d批%(p)d人次")
        % {"c": row["top"], "b": row["batches"], "p": row["persons"] or 0}
        for row in ranked
    ]
    return "，".join(parts)


def _disputes_due(scope: Scope) -> QuerySet[Dispute]:
    """The visits whose closure target has come: closed ones, and open ones past their target."""
    today = timezone.localdate()
    return _disputes(scope).filter(Q(status=DisputeStatus.CLOSED) | Q(due_on__lt=today))


def _since(scope: Scope, rows: QuerySet[Any]) -> str:
    """How the report opens the centre's figures: from its opening, in the year it opened."""
    opened = _centre_opened_in_year(scope)
    if opened is None:
        return "全年"
    return "今年%(m)d月，社会矛盾纠纷调处化解中心挂牌成立。自中心成立以来" % {"m": opened.month}


def _units_taking_part(scope: Scope) -> QuerySet[HandlingUnit]:
    """The scope's handling units that were given at least one of the visits mediation_batches counts,
    dispatched by the centre or handed on by another unit, with how many of those visits each had (a
    visit handed back and dispatched to the same unit again is one)."""
    received = Q(
        dispatches__dispute__organisation__in=scope.organisation_ids,
        dispatches__dispute__received_on__gte=_mediation_start(scope),
        dispatches__dispute__received_on__lte=scope.end,
    )
    # One filter() and then annotate(): the count runs over the same join, so over those visits only.
    return (
        HandlingUnit.objects.filter(scope.within(), received)
        .annotate(handled=Count("dispatches__dispute", distinct=True))
        .order_by("kind", "id")
    )


# 1+3+N: the three core forces are named; the N departments and villages are counted.
KIND_WORDING = {UnitKind.DEPARTMENT: "%(n)d个职能部门", UnitKind.VILLAGE: "%(n)d个村（社区）"}


def _units_by_kind(scope: Scope, rows: QuerySet[HandlingUnit]) -> str:
    """司法所、综治中心、信访办等3个核心力量单位、5个职能部门和4个村（社区）: the kinds that took part, in
    the order of 1+3+N."""
    units = list(rows.values_list("kind", "name"))
    core = [name for kind, name in units if kind == UnitKind.CORE]
    counted = Counter(kind for kind, _name in units)
    # A district's towns each have a 司法所: each name once, the count of all the units.
    names = "、".join(dict.fromkeys(core))
    parts = ["%(names)s等%(n)d个核心力量单位" % {"names": names, "n": len(core)}] if core else []
    parts += [KIND_WORDING[kind] % {"n": counted[kind]} for kind in KIND_WORDING if counted[kind]]
    if not parts:
        return "尚无承办单位参与办理"
    if len(parts) == 1:
        return parts[0]
    return "%(head)s和%(last)s" % {"head": "、".join(parts[:-1]), "last": parts[-1]}


DISPOSED = Q(status=DisputeStatus.CLOSED) & ~Q(outcome="")
DISPUTE_COLUMNS = (
    Column("接待日期", lambda row: row.received_on),
    Column("类别", lambda row: str(row.category)),
    Column("人次", lambda row: row.visitor_count),
    Column("状态", lambda row: row.get_status_display()),
    Column("办理结果", lambda row: row.get_outcome_display()),
)
_DETAIL = link_to("mediation:detail")
UNIT_COLUMNS = (
    Column("承办单位", lambda row: row.name),
    Column("类别", lambda row: row.get_kind_display()),
    Column("承办件数", lambda row: row.handled),
)

FIGURES = (
    Figure(
        "mediation_batches",
        "矛调中心接待来访（批）",
        "批",
        "接待日期在期间内的来访登记，一次来访为一批；当年成立的中心自成立之日起计",
        _disputes,
        DISPUTE_COLUMNS,
        _DETAIL,
        period_start=_mediation_start,
        dashboard="mediation",
    ),
    Figure(
        "mediation_persons",
        "矛调中心接待来访（人次）",
        "人次",
        "上述来访登记的人次之和",
        _disputes,
        DISPUTE_COLUMNS,
        _DETAIL,
        kind="sum",
        summed="visitor_count",
        period_start=_mediation_start,
    ),
    Figure(
        "mediation_by_category",
        "按类别的批次和人次",
        "",
        "上述来访按一级类别的批次和人次，其他类别列在最后",
        _disputes,
        DISPUTE_COLUMNS,
        _DETAIL,
        kind="phrase",
        words=_by_category,
        period_start=_mediation_start,
    ),
    Figure(
        "mediation_since",
        "矛调中心统计起点",
        "",
        "矛调中心当年挂牌成立的，自成立之日起计并写明成立月份；否则为全年",
        _disputes,
        DISPUTE_COLUMNS,
        _DETAIL,
        kind="phrase",
        words=_since,
        period_start=_mediation_start,
    ),
    Figure(
        "mediation_disposed",
        "按“三到位一处理”处置率",
        "",
        "上述来访中已选择办理结果并确认“三到位一处理”后办结的比例",
        _disputes,
        DISPUTE_COLUMNS,
        _DETAIL,
        kind="share",
        counted=lambda scope: DISPOSED,
        period_start=_mediation_start,
    ),
    Figure(
        "mediation_on_time",
        "矛调中心按期办结率",
        "",
        "上述来访中已到办结期限的（已办结或已超期未办结）在期限内办结的比例",
        _disputes_due,
        DISPUTE_COLUMNS,
        _DETAIL,
        kind="share",
        counted=lambda scope: DISPOSED & Q(closed_on__lte=F("due_on")),
        period_start=_mediation_start,
    ),
    Figure(
        "mediation_units",
        "参与化解矛盾纠纷的承办单位",
        "个",
        "上述来访交办或转交到的承办单位，每个单位计一次；承办件数为其承办的上述来访批数",
        _units_taking_part,
        UNIT_COLUMNS,
        period_start=_mediation_start,
    ),
    Figure(
        "mediation_units_wording",
        "“1+3+N”承办单位（报告表述）",
        "",
        "上述承办单位按类别：核心力量（司法所、综治、信访）列出名称和个数，职能部门、村（社区）计个数",
        _units_taking_part,
        UNIT_COLUMNS,
        kind="phrase",
        words=_units_by_kind,
        period_start=_mediation_start,
    ),
)


# ------------------------------------------------------------------------------------ the dashboards


def _top_category() -> Coalesce:
    return Coalesce("category__parent__name", "category__name")


def disputes_by_category(scope: Scope, today: datetime.date) -> Chart:
    """The centre's visits (批) per month by top-level category, 其他 last; counted from the figure
    mediation_batches' rows, so from the centre's opening in the year it opened."""
    rows = (
        _disputes(scope)
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
    return charts.monthly_chart(
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
        _disputes(scope)
        .annotate(top=_top_category())
        .filter(received_on__month=element.month, top=element.part)
        .select_related("category__parent")
    )
    return rows


SERIES = (
    Series(
        "disputes",
        "矛调中心来访批次",
        "category",
        "一级类别",
        disputes_by_category,
        _dispute_rows,
        dict,
        DISPUTE_COLUMNS,
        _DETAIL,
    ),
)
