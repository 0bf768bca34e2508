"""Reads of the prevention team and its activity log, scoped to what the actor may see, and the figures
the annual report states ("40余人组建群防群治工作队伍", the year's publicity events)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Case, Count, IntegerField, Q, QuerySet, Sum, Value, When
from django.db.models.functions import ExtractMonth
from django.utils import timezone

from fazhi.core import permissions
from fazhi.core.errors import NotFoundOrHidden
from fazhi.core.models import Organisation, OrganisationKind, Staff
from fazhi.core.selectors import int_id
from fazhi.prevention.models import (
    PUBLICITY_KINDS,
    ActivityChannel,
    ActivityKind,
    CommunityVolunteer,
    PreventionActivity,
    VolunteerRole,
)


def serving_on(day: datetime.date) -> Q:
    """Members whose period of service (both ends included) covers the day."""
    return Q(joined_on__lte=day) & (Q(left_on__isnull=True) | Q(left_on__gte=day))


# ------------------------------------------------------------------------------------------ the roster


def volunteers_for(actor: Staff) -> QuerySet[CommunityVolunteer]:
    return permissions.visible(actor, CommunityVolunteer.objects.select_related("village", "organisation"))


def roster_for(
    actor: Staff, *, role: str = "", village_id: int | None = None
) -> QuerySet[CommunityVolunteer]:
    """The team as the actor may see it: members serving today first, then those who have left; by
    village, role and name within each."""
    today = timezone.localdate()
    members = volunteers_for(actor).annotate(
        former=Case(When(serving_on(today), then=Value(0)), default=Value(1), output_field=IntegerField())
    )
    if role in VolunteerRole.values:
        members = members.filter(role=role)
    if village_id is not None:
        members = members.filter(village_id=village_id)
    return members.order_by("former", "village__name", "role", "name", "id")


def access_volunteer(actor: Staff, volunteer_id: object) -> CommunityVolunteer:
    volunteer = volunteers_for(actor).filter(pk=int_id(volunteer_id)).first()
    if volunteer is None:
        raise NotFoundOrHidden()
    return volunteer


def serving_volunteers(actor: Staff, *, on: datetime.date) -> QuerySet[CommunityVolunteer]:
    """The members serving on the day, to choose an activity's participants from."""
    return volunteers_for(actor).filter(serving_on(on)).order_by("village__name", "role", "name", "id")


def villages_for(actor: Staff) -> QuerySet[Organisation]:
    """The villages and communities the actor may see: where members live and serve."""
    return permissions.visible(
        actor,
        Organisation.objects.filter(kind__in=[OrganisationKind.VILLAGE, OrganisationKind.COMMUNITY]),
        org_field="",
    ).order_by("path")


@dataclass(frozen=True)
class RoleCount:
    role: str
    label: str
    members: int


def members_by_role(organisation: Organisation, *, on: datetime.date) -> list[RoleCount]:
    """Serving members per role on the day, every role listed."""
    counted = dict(
        CommunityVolunteer.objects.filter(serving_on(on), organisation__path__startswith=organisation.path)
        .values_list("role")
        .annotate(n=Count("id"))
        .values_list("role", "n")
    )
    return [RoleCount(role, label, counted.get(role, 0)) for role, label in VolunteerRole.choices]


def active_members(organisation: Organisation, *, on: datetime.date) -> int:
    """Members serving on the day in the organisation and everything under it."""
    return CommunityVolunteer.objects.filter(
        serving_on(on), organisation__path__startswith=organisation.path
    ).count()


def approximate_headcount(members: int) -> str:
    """How the report states the team's size: "40余人" for 43, "40人" for 40, "9人" for 9."""
    if members < 10 or members % 10 == 0:
        return "%(n)d人" % {"n": members}
    return "%(n)d余人" % {"n": members // 10 * 10}


# ------------------------------------------------------------------------------------ the activity log


def activities_for(
    actor: Staff,
    *,
    kind: str = "",
    channel: str = "",
    year: int | None = None,
    month: int | None = None,
) -> QuerySet[PreventionActivity]:
    activities = permissions.visible(actor, PreventionActivity.objects.all())
    if kind in ActivityKind.values:
        activities = activities.filter(kind=kind)
    if channel in ActivityChannel.values:
        activities = activities.filter(channel=channel)
    if year is not None:
        activities = activities.filter(held_on__year=year)
        if month is not None:
            activities = activities.filter(held_on__month=month)
    return activities.annotate(participants=Count("volunteers")).order_by("-held_on", "-id")


def access_activity(actor: Staff, activity_id: object) -> PreventionActivity:
    activity = activities_for(actor).filter(pk=int_id(activity_id)).first()
    if activity is None:
        raise NotFoundOrHidden()
    return activity


# ------------------------------------------------------------------------------------ the annual report


@dataclass(frozen=True)
class YearCounts:
    """The year's figures for the annual report, over the organisation and everything under it.
    Materials and people reached are summed over every kind of activity; the breakdown by kind and
    month (kind_month_breakdown) separates publicity from patrols."""

    year: int
    members_at_year_end: int
    joined: int
    left: int
    activities_by_kind: dict[str, int]
    activities: int
    publicity_events: int
    materials_handed_out: int
    people_reached: int

    @property
    def headcount(self) -> str:
        return approximate_headcount(self.members_at_year_end)


def counts_for_year(organisation: Organisation, *, year: int) -> YearCounts:
    """Members serving on 31 December, those who joined and those who left in the year, and the year's
    activities by kind with the materials handed out and the people reached."""
    members = CommunityVolunteer.objects.filter(organisation__path__startswith=organisation.path)
    activities = PreventionActivity.objects.filter(
        organisation__path__startswith=organisation.path, held_on__year=year
    )
    by_kind = dict(activities.values_list("kind").annotate(n=Count("id")).values_list("kind", "n"))
    totals = activities.aggregate(materials=Sum("materials_handed_out"), people=Sum("people_reached"))
    return YearCounts(
        year=year,
        members_at_year_end=active_members(organisation, on=datetime.date(year, 12, 31)),
        joined=members.filter(joined_on__year=year).count(),
        left=members.filter(left_on__year=year).count(),
        activities_by_kind={kind: by_kind.get(kind, 0) for kind in ActivityKind.values},
        activities=sum(by_kind.values()),
        publicity_events=sum(by_kind.get(kind, 0) for kind in PUBLICITY_KINDS),
        materials_handed_out=totals["materials"] or 0,
        people_reached=totals["people"] or 0,
    )


@dataclass(frozen=True)
class KindMonthCount:
    kind: str
    label: str
    is_publicity: bool
    month: int
    activities: int
    materials_handed_out: int
    people_reached: int


def kind_month_breakdown(organisation: Organisation, *, year: int) -> list[KindMonthCount]:
    """The year's activities per kind and month, for the report's drill-down."""
    labels = dict(ActivityKind.choices)
    rows = (
        PreventionActivity.objects.filter(
            organisation__path__startswith=organisation.path, held_on__year=year
        )
        .annotate(month=ExtractMonth("held_on"))
        .values("kind", "month")
        .annotate(n=Count("id"), materials=Sum("materials_handed_out"), people=Sum("people_reached"))
        .order_by("kind", "month")
    )
    order = {kind: index for index, kind in enumerate(ActivityKind.values)}
    counts = [
        KindMonthCount(
            kind=row["kind"],
            label=labels.get(row["kind"], row["kind"]),
            is_publicity=row["kind"] in PUBLICITY_KINDS,
            month=row["month"],
            activities=row["n"],
            materials_handed_out=row["materials"] or 0,
            people_reached=row["people"] or 0,
        )
        for row in rows
    ]
    return sorted(counts, key=lambda count: (order.get(count.kind, len(order)), count.month))


def volunteer_names(organisation: Organisation | None) -> list[str]:
    """The team members' names (staff pages only), for the public-text gate's register of persons."""
    volunteers = CommunityVolunteer.objects.all()
    if organisation is not None:
        volunteers = volunteers.filter(organisation__path__startswith=organisation.path)
    return list(volunteers.values_list("name", flat=True).distinct())
