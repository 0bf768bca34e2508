"""Prevention pages: the team's roster, a member's page and the end of their service, the activity log,
an activity's page and the form that records one, and the year's figures. Thin: parse, call one
service or selector, render."""

from __future__ import annotations

import datetime
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from fazhi.core import permissions
from fazhi.core.access import request_staff, staff_required, step_required
from fazhi.core.pages import form_page, paginate, query_without_page
from fazhi.core.roles import Role
from fazhi.ledger.selectors import verified_history
from fazhi.prevention import rules, selectors, services
from fazhi.prevention.forms import (
    ActivityFilterForm,
    ActivityForm,
    EndServiceForm,
    RosterFilterForm,
    VolunteerForm,
    YearForm,
)
from fazhi.prevention.models import ActivityKind

READERS = (*rules.WRITER_ROLES, Role.PETITION_STAFF, Role.SUPERVISOR)


@staff_required(*READERS)
@require_http_methods(["GET"])
def roster(request: HttpRequest) -> HttpResponse:
    """The team: serving members first, filtered by role or village, the count per role, and for those
    who keep the roster the form to add a member."""
    actor = request_staff(request)
    today = timezone.localdate()
    villages = selectors.villages_for(actor)
    filters = RosterFilterForm(request.GET, villages=villages)
    chosen = filters.cleaned_data if filters.is_valid() else {}
    village = chosen.get("village")
    root = permissions.scope_root(actor)
    can_write = permissions.may_take(actor, rules.STEPS["add_volunteer"])
    serving = selectors.active_members(root, on=today) if root else 0
    context = {
        "filters": filters,
        "page": paginate(
            request,
            selectors.roster_for(
                actor, role=chosen.get("role", ""), village_id=village.pk if village else None
            ),
        ),
        "query_string": query_without_page(request),
        "today": today,
        "by_role": selectors.members_by_role(root, on=today) if root else [],
        "serving": serving,
        "headcount": selectors.approximate_headcount(serving),
        # Its own ids: the filter form above has fields of the same names.
        "form": VolunteerForm(villages=villages, initial={"joined_on": today}, auto_id="add_%s")
        if can_write
        else None,
        "can_write": can_write,
    }
    return render(request, "prevention/roster.html", context)


@step_required(rules.STEPS["add_volunteer"])
@require_http_methods(["GET", "POST"])
def volunteer_add(request: HttpRequest) -> HttpResponse:
    actor = request_staff(request)

    def save(data: dict[str, Any]) -> tuple[str, HttpResponse]:
        volunteer = services.add_volunteer(actor, **data)
        return "已登记队员%(n)s。" % {"n": volunteer.name}, redirect("prevention:volunteer", volunteer.pk)

    form = VolunteerForm(
        request.POST or None,
        villages=selectors.villages_for(actor),
        initial={"joined_on": timezone.localdate()},
    )
    return form_page(request, form, title="登记群防群治队员", save=save)


@staff_required(*READERS)
@require_http_methods(["GET"])
def volunteer_detail(request: HttpRequest, volunteer_id: int) -> HttpResponse:
    actor = request_staff(request)
    volunteer = selectors.access_volunteer(actor, volunteer_id)
    today = timezone.localdate()
    context = {
        "volunteer": volunteer,
        "serving": volunteer.serves_on(today),
        "activities": selectors.activities_for(actor).filter(volunteers=volunteer),
        "history": verified_history(volunteer),
        "can_write": permissions.may_take(actor, rules.STEPS["add_volunteer"]),
    }
    return render(request, "prevention/volunteer.html", context)


@step_required(rules.STEPS["end_service"])
@require_http_methods(["GET", "POST"])
def volunteer_end(request: HttpRequest, volunteer_id: int) -> HttpResponse:
    actor = request_staff(request)
    volunteer = selectors.access_volunteer(actor, volunteer_id)

    def save(data: dict[str, Any]) -> tuple[str, HttpResponse]:
        services.end_service(actor, volunteer, **data)
        return "已办理%(n)s退出队伍。" % {"n": volunteer.name}, redirect("prevention:volunteer", volunteer.pk)

    form = EndServiceForm(request.POST or None, initial={"left_on": timezone.localdate()})
    return form_page(request, form, title="%(n)s退出群防群治队伍" % {"n": volunteer.name}, save=save)


def _month(value: str) -> tuple[int, int] | None:
    if not value:
        return None
    year, month = value.split("-")
    return int(year), int(month)


@staff_required(*READERS)
@require_http_methods(["GET"])
def activity_list(request: HttpRequest) -> HttpResponse:
    actor = request_staff(request)
    filters = ActivityFilterForm(request.GET)
    chosen = filters.cleaned_data if filters.is_valid() else {}
    month = _month(chosen.get("month", ""))
    activities = selectors.activities_for(
        actor,
        kind=chosen.get("kind", ""),
        channel=chosen.get("channel", ""),
        year=month[0] if month else None,
        month=month[1] if month else None,
    )
    context = {
        "filters": filters,
        "page": paginate(request, activities),
        "query_string": query_without_page(request),
        "can_write": permissions.may_take(actor, rules.STEPS["add_volunteer"]),
    }
    return render(request, "prevention/activities.html", context)


@step_required(rules.STEPS["record_activity"])
@require_http_methods(["GET", "POST"])
def activity_record(request: HttpRequest) -> HttpResponse:
    actor = request_staff(request)
    today = timezone.localdate()

    def save(data: dict[str, Any]) -> tuple[str, HttpResponse]:
        data["volunteers"] = list(data["volunteers"])
        activity = services.record_activity(actor, **data)
        return "已登记%(d)s的%(k)s。" % {
            "d": activity.held_on.isoformat(),
            "k": activity.get_kind_display(),
        }, redirect("prevention:activity", activity.pk)

    form = ActivityForm(
        request.POST or None,
        members=selectors.serving_volunteers(actor, on=today),
        initial={"held_on": today, "kind": ActivityKind.PATROL},
    )
    return form_page(request, form, title="登记群防群治、普法宣传活动", save=save)


@staff_required(*READERS)
@require_http_methods(["GET"])
def activity_detail(request: HttpRequest, activity_id: int) -> HttpResponse:
    actor = request_staff(request)
    activity = selectors.access_activity(actor, activity_id)
    context = {
        "activity": activity,
        "volunteers": activity.volunteers.select_related("village").order_by("name", "id"),
        "history": verified_history(activity),
    }
    return render(request, "prevention/activity.html", context)


@staff_required(*READERS)
@require_http_methods(["GET"])
def statistics(request: HttpRequest) -> HttpResponse:
    """The year's figures as the annual report states them, and the drill-down by kind and month."""
    actor = request_staff(request)
    form = YearForm(request.GET)
    year = (form.cleaned_data["year"] if form.is_valid() else None) or timezone.localdate().year
    root = permissions.scope_root(actor)
    context = {
        "form": form,
        "year": year,
        "year_end": datetime.date(year, 12, 31),
        "counts": selectors.counts_for_year(root, year=year) if root else None,
        "breakdown": selectors.kind_month_breakdown(root, year=year) if root else [],
        "kind_labels": dict(ActivityKind.choices),
    }
    return render(request, "prevention/statistics.html", context)
