"""The petition figures of the annual report and the dashboards: matters received, key matters with
their leaders in charge and 工作专班, the contacts made with their petitioners, and whether they were
cleared (清仓见底) within their periods. Registered from PetitionsConfig.ready."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet
from django.db.models.functions import ExtractMonth
from django.template.defaultfilters import truncatechars
from django.urls import reverse
from django.utils import timezone

from fazhi.core import charts
from fazhi.core.charts import Chart, Element, Series
from fazhi.core.figures import Column, Figure, Scope, link_to
from fazhi.petitions.models import ContactMethod, Petition, PetitionContact, PetitionStatus


def _petitions(scope: Scope) -> QuerySet[Petition]:
    return Petition.objects.filter(scope.within(), received_on__year=scope.year).order_by("received_on", "id")


def _key_petitions(scope: Scope) -> QuerySet[Petition]:
    return _petitions(scope).filter(is_key=True)


def _key_petitions_with_team(scope: Scope) -> QuerySet[Petition]:
    return _key_petitions(scope).select_related("key_leader").prefetch_related("key_team")


def _assigned(scope: Scope) -> Q:
    """A leader in charge (包案领导) and at least one member of a 工作专班."""
    team = Petition.key_team.through.objects.filter(petition_id=OuterRef("pk"))
    return Q(Exists(team), key_leader__isnull=False)


def _key_contacts(scope: Scope) -> QuerySet[PetitionContact]:
    """The contacts made in the year with the petitioners of a key matter, whatever year the matter
    came in: the year's work on the matters it carried over counts too."""
    return (
        PetitionContact.objects.filter(
            scope.within("petition__organisation"), contacted_on__year=scope.year, petition__is_key=True
        )
        .select_related("petition", "made_by")
        .order_by("contacted_on", "id")
    )


def _contact_phrase(scope: Scope, rows: QuerySet[PetitionContact]) -> str:
    """约访6次、电话沟通9次: each way in the order of ContactMethod, those used only."""
    counts = dict(rows.order_by().values_list("method").annotate(n=Count("pk")).values_list("method", "n"))
    parts = [
        "%(m)s%(n)d次" % {"m": label, "n": counts[value]}
        for value, label in ContactMethod.choices
        if counts.get(value)
    ]
    return "、".join(parts) or "未记录沟通情况"


CLEARED = Q(concluded_on__isnull=False, concluded_on__lte=F("due_on"))


def _pending(today: datetime.date) -> Q:
    """Unconcluded and still within its period when the report is written (received late in the year)."""
    return Q(concluded_on__isnull=True) & (Q(due_on__isnull=True) | Q(due_on__gte=today))


def _late(scope: Scope) -> Q:
    """Neither concluded within its period nor still within it: concluded late, or past it unconcluded."""
    return ~CLEARED & ~_pending(timezone.localdate())


def _key_petition_phrase(scope: Scope, rows: QuerySet[Petition]) -> str:
    """清仓见底 when every key matter was concluded within its period; a matter still within its period
    when the report is written is neither."""
    counts = rows.aggregate(
        all=Count("pk"),
        cleared=Count("pk", filter=CLEARED),
        late=Count("pk", filter=_late(scope)),
    )
    if not counts["all"]:
        return "全年无重点信访事项"
    pending = counts["all"] - counts["cleared"] - counts["late"]
    if not counts["late"] and not pending:
        return "重点信访问题均已在规定时限内实现了“清仓见底”"
    if not counts["late"]:
        return "重点信访事项%(n)d件，在规定时限内办结%(c)d件，其余%(p)d件尚在办理期限内" % {
            "n": counts["all"],
            "c": counts["cleared"],
            "p": pending,
        }
    return "重点信访事项%(n)d件，在规定时限内办结%(c)d件，尚有%(o)d件未按期办结" % {
        "n": counts["all"],
        "c": counts["cleared"],
        "o": counts["late"],
    }


PETITION_COLUMNS = (
    Column("收到日期", lambda row: row.received_on),
    Column("信访形式", lambda row: row.get_channel_display()),
    Column("状态", lambda row: row.get_status_display()),
    Column("办结期限", lambda row: row.due_on or ""),
    Column("办结日期", lambda row: row.concluded_on or ""),
)

KEY_PETITION_COLUMNS = (
    *PETITION_COLUMNS,
    Column("包案领导", lambda row: row.key_leader.full_name if row.key_leader else ""),
    Column("工作专班", lambda row: "、".join(member.full_name for member in row.key_team.all())),
)
CONTACT_COLUMNS = (
    Column("日期", lambda row: row.contacted_on),
    Column("方式", lambda row: row.get_method_display()),
    Column(
        "信访事项",
        lambda row: (
            "%(d)s %(r)s"
            % {"d": row.petition.received_on.isoformat(), "r": truncatechars(row.petition.request, 20)}
        ),
    ),
    Column("沟通人员", lambda row: row.made_by.full_name),
)


def _contact_link(row: PetitionContact) -> str:
    return reverse("petitions:detail", args=[row.petition_id])


FIGURES = (
    Figure(
        "petitions_received",
        "登记信访事项",
        "件",
        "收到日期在当年的信访事项",
        _petitions,
        PETITION_COLUMNS,
        link_to("petitions:detail"),
        dashboard="petitions",
    ),
    Figure(
        "key_petitions",
        "重点信访事项",
        "件",
        "当年收到并列为重点的信访事项",
        _key_petitions,
        PETITION_COLUMNS,
        link_to("petitions:detail"),
    ),
    Figure(
        "key_petitions_cleared",
        "重点信访事项清仓见底情况",
        "",
        "当年重点信访事项是否均在办结期限（含经批准的延期）内办结",
        _key_petitions,
        PETITION_COLUMNS,
        link_to("petitions:detail"),
        kind="phrase",
        words=_key_petition_phrase,
    ),
    Figure(
        "key_petitions_late",
        "未按期办结的重点信访事项",
        "件",
        "当年重点信访事项中，超过办结期限（含经批准的延期）才办结，或已过期限仍未办结的",
        lambda scope: _key_petitions(scope).filter(_late(scope)),
        PETITION_COLUMNS,
        link_to("petitions:detail"),
    ),
    Figure(
        "key_petitions_assigned",
        "明确包案领导并成立工作专班的重点信访事项比例",
        "",
        "当年收到并列为重点的信访事项中，明确了包案领导且工作专班至少有一名成员的比例",
        _key_petitions_with_team,
        KEY_PETITION_COLUMNS,
        link_to("petitions:detail"),
        kind="share",
        counted=_assigned,
    ),
    Figure(
        "petition_contacts",
        "与重点信访事项信访人沟通",
        "次",
        "沟通日期在当年、与重点信访事项（不论收到年份）信访人的约访、电话沟通、走访等沟通记录，每次沟通计一次",
        _key_contacts,
        CONTACT_COLUMNS,
        _contact_link,
    ),
    Figure(
        "petition_contacts_wording",
        "与信访人沟通方式（报告表述）",
        "",
        "沟通日期在当年、与重点信访事项信访人的沟通记录，按沟通方式分别计数（未使用的方式不列）",
        _key_contacts,
        CONTACT_COLUMNS,
        _contact_link,
        kind="phrase",
        words=_contact_phrase,
    ),
)


# ------------------------------------------------------------------------------------ the dashboards


def petitions_by_status(scope: Scope, today: datetime.date) -> Chart:
    """Petitions received in the year per month, by where each stands now."""
    counts: dict[tuple[int, str], int | Decimal] = {
        (row["month"], row["status"]): row["petitions"]
        for row in _petitions(scope)
        .order_by()
        .annotate(month=ExtractMonth("received_on"))
        .values("month", "status")
        .annotate(petitions=Count("id"))
    }
    present = {status for _month_number, status in counts}
    statuses = [(value, label) for value, label in PetitionStatus.choices if value in present]
    return charts.monthly_chart(
        "petitions", "信访事项（按收到月份和当前状态）", "件", scope, counts, statuses, "status"
    )


def _petition_rows(scope: Scope, element: Element, today: datetime.date) -> QuerySet[Any]:
    return _petitions(scope).filter(received_on__month=element.month, status=element.part)


SERIES = (
    Series(
        "petitions",
        "信访事项",
        "status",
        "当前状态",
        petitions_by_status,
        _petition_rows,
        lambda: dict(PetitionStatus.choices),
        PETITION_COLUMNS,
        link_to("petitions:detail"),
    ),
)
