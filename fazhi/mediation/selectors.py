"""Reads of the mediation centre: the statistics the annual report states — batches (批) and persons
(人次) per category and month, closure rate, timeliness and satisfaction — and the deadline warnings."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from functools import cached_property

from django.conf import settings
from django.db.models import Count, F, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce, ExtractMonth
from django.urls import reverse

from fazhi.core import permissions
from fazhi.core.errors import NotFoundOrHidden
from fazhi.core.models import Organisation, Party, Staff
from fazhi.core.party_links import PartyLink
from fazhi.core.progress import PublicProgress
from fazhi.core.rules import Offer
from fazhi.core.selectors import int_id
from fazhi.mediation import rules
from fazhi.mediation.models import (
    Agreement,
    Dispatch,
    Dispute,
    DisputeStatus,
    FollowUp,
    HandlingUnit,
    MediationCentre,
    Outcome,
    Satisfaction,
)


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


@dataclass(frozen=True)
class CategoryTotal:
    category: str
    batches: int
    persons: int


def visits_by_category(
    organisation: Organisation, *, start: datetime.date, end: datetime.date
) -> list[CategoryTotal]:
    """批 and 人次 per top-level category, the way the report states them (城乡建设类38批70人次…)."""
    rows = (
        received_between(organisation, start, end)
        .annotate(top=Coalesce("category__parent__name", "category__name"))
        .values("top")
        .annotate(batches=Count("id"), persons=Sum("visitor_count"))
        .order_by("-batches", "top")
    )
    return [CategoryTotal(row["top"], row["batches"], row["persons"] or 0) for row in rows]


@dataclass(frozen=True)
class OutcomeStatistics:
    """The matters received in a period and how they ended, as of the period's last day."""

    batches: int
    persons: int
    closed: int
    closed_on_time: int
    followed_up: int
    satisfied: int
    by_outcome: dict[str, int]

    @staticmethod
    def _rate(part: int, whole: int) -> float | None:
        return round(100 * part / whole, 1) if whole else None

    @property
    def closure_rate(self) -> float | None:
        return self._rate(self.closed, self.batches)

    @property
    def timeliness_rate(self) -> float | None:
        return self._rate(self.closed_on_time, self.closed)

    @property
    def satisfaction_rate(self) -> float | None:
        return self._rate(self.satisfied, self.followed_up)


def received_between(
    organisation: Organisation, start: datetime.date, end: datetime.date
) -> QuerySet[Dispute]:
    return Dispute.objects.filter(
        organisation__path__startswith=organisation.path, received_on__gte=start, received_on__lte=end
    )


def outcome_statistics(
    organisation: Organisation, *, start: datetime.date, end: datetime.date
) -> OutcomeStatistics:
    """Closure rate = closed by `end` ÷ received; timeliness = closed by the closure target ÷ closed;
    satisfaction = latest follow-up 满意 or 基本满意 ÷ matters followed up."""
    latest_rating = (
        FollowUp.objects.filter(dispute=OuterRef("pk"), visited_on__lte=end)
        .order_by("-visited_on", "-id")
        .values("satisfaction")[:1]
    )
    rows = received_between(organisation, start, end).annotate(rating=Subquery(latest_rating))
    closed = Q(status=DisputeStatus.CLOSED, closed_on__lte=end)
    totals = rows.aggregate(
        batches=Count("id"),
        persons=Sum("visitor_count"),
        closed=Count("id", filter=closed),
        on_time=Count("id", filter=closed & Q(closed_on__lte=F("due_on"))),
        followed_up=Count("id", filter=Q(rating__isnull=False)),
        satisfied=Count("id", filter=Q(rating__in=[Satisfaction.SATISFIED, Satisfaction.FAIRLY])),
    )
    by_outcome = dict(
        rows.filter(closed).values_list("outcome").annotate(n=Count("id")).values_list("outcome", "n")
    )
    return OutcomeStatistics(
        batches=totals["batches"],
        persons=totals["persons"] or 0,
        closed=totals["closed"],
        closed_on_time=totals["on_time"],
        followed_up=totals["followed_up"],
        satisfied=totals["satisfied"],
        by_outcome={label: by_outcome.get(value, 0) for value, label in Outcome.choices},
    )


def disputes_for(actor: Staff) -> QuerySet[Dispute]:
    # Newest first by the day received, which a visit entered late may precede (dispute_org_received).
    return permissions.visible(actor, Dispute.objects.select_related("category__parent")).order_by(
        "-received_on", "-id"
    )


DEADLINE_FILTERS = {
    "open": "未办结",
    "due_soon": "即将到期",
    "overdue": "已超期",
    "closed": "已办结",
}


def filter_by_deadline(disputes: QuerySet[Dispute], state: str, today: datetime.date) -> QuerySet[Dispute]:
    """The list's filters: open matters, those due within settings.MEDIATION_WARNING_DAYS, those past
    their closure target, and closed ones."""
    open_ = disputes.exclude(status=DisputeStatus.CLOSED)
    soon = today + datetime.timedelta(days=settings.MEDIATION_WARNING_DAYS)
    return {
        "open": open_,
        "due_soon": open_.filter(due_on__gte=today, due_on__lte=soon),
        "overdue": open_.filter(due_on__lt=today),
        "closed": disputes.filter(status=DisputeStatus.CLOSED),
    }.get(state, disputes)


def deadline_state(dispute: Dispute, today: datetime.date) -> str:
    if dispute.status == DisputeStatus.CLOSED:
        return "closed_late" if dispute.closed_on and dispute.closed_on > dispute.due_on else "closed"
    if dispute.due_on < today:
        return "overdue"
    if (dispute.due_on - today).days <= settings.MEDIATION_WARNING_DAYS:
        return "due_soon"
    return "open"


def current_dispatch(dispute: Dispute) -> Dispatch | None:
    return dispute.dispatches.filter(end="").select_related("unit").first()


def agreement_of(dispute: Dispute) -> Agreement | None:
    return Agreement.objects.filter(dispute=dispute).select_related("number").first()


def confirmation_due(agreement: Agreement) -> datetime.date:
    return rules.judicial_confirmation_period().due(agreement.signed_on).due


def access_dispute(actor: Staff, dispute_id: object) -> Dispute:
    number = int_id(dispute_id)
    dispute = disputes_for(actor).filter(pk=number).first()
    if dispute is None:
        raise NotFoundOrHidden()
    return dispute


def centre_of(actor: Staff) -> MediationCentre | None:
    town = permissions.scope_root(actor)
    return MediationCentre.objects.filter(organisation=town).first() if town else None


def units_for(actor: Staff) -> QuerySet[HandlingUnit]:
    town = permissions.scope_root(actor)
    if town is None:
        return HandlingUnit.objects.none()
    return HandlingUnit.objects.filter(organisation=town, active=True)


def public_progress(town_id: int, normalised: str) -> PublicProgress | None:
    """The progress of the town's matter with this (upper-case) code, for core.progress."""
    if len(normalised) != 10:
        return None
    dispute = (
        Dispute.objects.filter(organisation_id=town_id, tracking_number=normalised)
        .select_related("category__parent")
        .first()
    )
    if dispute is None:
        return None
    last = current_dispatch(dispute) or dispute.dispatches.select_related("unit").order_by("-id").first()
    return PublicProgress(
        received_on=dispute.received_on,
        category=dispute.category.parent.name if dispute.category.parent else dispute.category.name,
        status=dispute.get_status_display(),
        unit=last.unit.name if last else "",
        due_on=dispute.due_on,
        closed_on=dispute.closed_on,
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


class DisputeRowFacts:
    """mediation.rules.DisputeFacts, read from the matter and its current dispatch."""

    def __init__(self, dispute: Dispute) -> None:
        self.dispute = dispute

    @property
    def status(self) -> str:
        return self.dispute.status

    @property
    def status_label(self) -> str:
        return self.dispute.get_status_display()

    @property
    def closed_on(self) -> str:
        return self.dispute.closed_on.isoformat() if self.dispute.closed_on else ""

    @cached_property
    def in_hand(self) -> bool:
        return current_dispatch(self.dispute) is not None


def open_with_dispatch(town_ids: tuple[int, ...]) -> list[tuple[DisputeRowFacts, Dispatch | None]]:
    """The towns' open matters, oldest target first, each with its facts and the dispatch in hand, in
    two queries (the 待办)."""
    disputes = list(
        Dispute.objects.filter(organisation_id__in=town_ids)
        .exclude(status=DisputeStatus.CLOSED)
        .select_related("category__parent")
        .order_by("due_on", "id")
    )
    current = {
        dispatch.dispute_id: dispatch
        for dispatch in Dispatch.objects.filter(dispute__in=disputes, end="").select_related("unit")
    }
    found = []
    for dispute in disputes:
        facts = DisputeRowFacts(dispute)
        facts.__dict__["in_hand"] = dispute.pk in current  # what the cached property would read
        found.append((facts, current.get(dispute.pk)))
    return found


def offers_for(actor: Staff, dispute: Dispute) -> dict[str, Offer]:
    """The steps of mediation.rules.STEPS the matter's page offers this actor, by name."""
    return {
        offer.name: offer for offer in permissions.offers_for(actor, rules.STEPS, DisputeRowFacts(dispute))
    }
