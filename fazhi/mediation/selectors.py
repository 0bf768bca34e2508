"""Reads of the mediation centre: the statistics the annual report states — batches (批) and persons
(人次) per category and month."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, QuerySet, Sum
from django.db.models.functions import ExtractMonth
from django.urls import reverse

from fazhi.core import permissions
from fazhi.core.errors import NotFoundOrHidden
from fazhi.core.models import Organisation, Party, Staff
from fazhi.core.party_links import PartyLink
from fazhi.core.selectors import int_id
from fazhi.mediation.models import Dispute, HandlingUnit


@dataclass(frozen=True)
class CategoryCount:
    category: str
    month: int
    batches: int
    persons: int


def visits_by_category_and_month(organisation: Organisation, *, year: int) -> list[CategoryCount]:
    rows = (
        Dispute.objects.filter(organisation__path__startswith=organisation.path, received_on__year=year)
        .annotate(month=ExtractMonth("received_on"))
        .values("category__parent__name", "category__name", "month")
        .annotate(batches=Count("id"), persons=Sum("visitor_count"))
        .order_by("category__parent__name", "category__name", "month")
    )
    return [
        CategoryCount(
            category=f"{row['category__parent__name']}／{row['category__name']}"
            if row["category__parent__name"]
            else row["category__name"],
            month=row["month"],
            batches=row["batches"],
            persons=row["persons"] or 0,
        )
        for row in rows
    ]


def disputes_for(actor: Staff) -> QuerySet[Dispute]:
    return permissions.visible(actor, Dispute.objects.select_related("category__parent")).order_by("-id")


def access_dispute(actor: Staff, dispute_id: object) -> Dispute:
    number = int_id(dispute_id)
    dispute = disputes_for(actor).filter(pk=number).first()
    if dispute is None:
        raise NotFoundOrHidden()
    return dispute


def units_for(actor: Staff) -> QuerySet[HandlingUnit]:
    town = permissions.scope_root(actor)
    if town is None:
        return HandlingUnit.objects.none()
    return HandlingUnit.objects.filter(organisation=town, active=True)


@dataclass(frozen=True)
class PublicProgress:
    """What a citizen may learn by the tracking number: no names, no facts, no claims."""

    received_on: datetime.date
    category: str
    status: str
    unit: str
    due_on: datetime.date


def public_progress(*, town_id: int, code: str) -> PublicProgress | None:
    """The progress of the town's matter with this code; None for a wrong code, another town's code or
    a guess, alike, so the answer reveals nothing about which."""
    normalised = code.strip().upper()
    if len(normalised) != 10:
        return None
    dispute = (
        Dispute.objects.filter(organisation_id=town_id, tracking_number=normalised)
        .select_related("category__parent")
        .first()
    )
    if dispute is None:
        return None
    last = dispute.dispatches.select_related("unit").order_by("-dispatched_at", "-id").first()
    return PublicProgress(
        received_on=dispute.received_on,
        category=dispute.category.parent.name if dispute.category.parent else dispute.category.name,
        status=dispute.get_status_display(),
        unit=last.unit.name if last else "",
        due_on=dispute.due_on,
    )


def party_dispute_links(actor: Staff, party: Party) -> list[PartyLink]:
    """The party's visits to the mediation centre, for its page (一户一档)."""
    return [
        PartyLink(
            title="矛调中心来访 %(d)s" % {"d": dispute.received_on.isoformat()},
            url=reverse("mediation:detail", args=[dispute.pk]),
            detail="%(c)s · %(s)s" % {"c": dispute.category, "s": dispute.get_status_display()},
        )
        for dispute in disputes_for(actor).filter(visitors=party)
    ]
