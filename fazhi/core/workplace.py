"""The 工作台 and the notifications: what each person must do now, and what the reminder jobs told
them. Each view reads the one registry (core.todos) or the person's own notifications."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from fazhi.core import calendar, permissions, selectors, services, todos
from fazhi.core.access import request_staff, staff_required
from fazhi.core.context_processors import counted_items
from fazhi.core.forms import TodoFilterForm
from fazhi.core.models import Staff
from fazhi.core.pages import COUNT_CAP, paginate
from fazhi.core.roles import Role
from fazhi.core.todos import Todo

# How far ahead "本周内到期" looks, in calendar days.
SOON_DAYS = 7


def due_words(todo: Todo, today: datetime.date) -> str:
    """ "还剩 3 个工作日" / "今日到期" / "已逾期 2 天"."""
    if todo.due_on is None:
        return "无期限"
    if todo.due_on < today:
        return "已逾期 %d 天" % (today - todo.due_on).days
    if todo.due_on == today:
        return "今日到期"
    left = calendar.working_days_between(today, todo.due_on)
    return "还剩 %d 个工作日" % left if left else "还剩 %d 天（期间无工作日）" % (todo.due_on - today).days


@dataclass(frozen=True)
class Row:
    todo: Todo
    kind_label: str
    due_words: str
    overdue: bool


def rows(items: list[Todo], today: datetime.date) -> list[Row]:
    return [
        Row(todo, todos.kind(todo.kind).label, due_words(todo, today), todo.overdue(today)) for todo in items
    ]


def filtered(items: list[Todo], *, kind: str, due: str, today: datetime.date) -> list[Todo]:
    if kind:
        items = [todo for todo in items if todo.kind == kind]
    if due == "overdue":
        items = [todo for todo in items if todo.overdue(today)]
    elif due == "soon":
        soon = today + datetime.timedelta(days=SOON_DAYS)
        items = [todo for todo in items if todo.due_on is not None and todo.due_on <= soon]
    return items


def _filters(request: HttpRequest) -> tuple[TodoFilterForm, str, str]:
    form = TodoFilterForm(request.GET, kinds=[(kind.code, kind.label) for kind in todos.kinds()])
    form.is_valid()
    data = {name: form.cleaned_data.get(name) or "" for name in form.fields if name not in form.errors}
    return form, data.get("kind", ""), data.get("due", "")


@staff_required()
def home(request: HttpRequest) -> HttpResponse:
    actor = request_staff(request)
    today = timezone.localdate()
    next_year = today.year + 1
    form, kind, due = _filters(request)
    mine = todos.for_actor(actor, today)
    is_supervisor = permissions.has_role(actor, Role.SUPERVISOR)
    # The team's items are each member's own list judged again: read when the head asks for them.
    show_team = request.GET.get("who") == "team"
    context = {
        "today": today,
        "filter_form": form,
        "todos": rows(filtered(mine, kind=kind, due=due, today=today), today),
        "todo_total": len(mine),
        "leads_a_team": permissions.has_role(actor, Role.HEAD),
        "show_team": show_team,
        "team": [
            (person, rows(filtered(items, kind=kind, due=due, today=today), today))
            for person, items in (todos.for_team(actor, today) if show_team else [])
        ],
        "towns": [(town, rows(items, today)) for town, items in todos.towns_overdue(actor, today)],
        "party_count": selectors.search_parties_for(actor)[: COUNT_CAP + 1].count(),
        "staff_count": selectors.list_staff_for(actor).count(),
        "expiring": selectors.credentials_expiring_for(actor, today=today)[:10],
        "next_year": next_year,
        "next_year_known": calendar.year_is_known(next_year),
        "this_year_known": calendar.year_is_known(today.year),
        "scope": permissions.scope_root(actor),
        "may_set_holidays": permissions.may_set_holidays(actor),
        "is_supervisor": is_supervisor,
        "notifications": selectors.unread_notifications(actor)[:5],
    }
    return render(request, "core/home.html", context)


@staff_required()
def nav_counts(request: HttpRequest) -> HttpResponse:
    """The sidebar again, with the reader's 待办 counted (htmx, after the page has loaded)."""
    items = counted_items(request_staff(request))
    section = request.GET.get("section", "")
    context = {
        "nav_items": items,
        "nav_section": section if section in {item.section for item in items} else "",
        "nav_counted": True,
    }
    return render(request, "core/_sidebar.html", context)


@staff_required()
def notification_list(request: HttpRequest) -> HttpResponse:
    actor: Staff = request_staff(request)
    page = paginate(request, selectors.notifications_of(actor))
    return render(request, "core/notifications.html", {"page": page})


@staff_required()
@require_POST
def notification_read(request: HttpRequest, notification_id: int) -> HttpResponse:
    services.mark_notification_read(request_staff(request), notification_id)
    return redirect("core:notification-list" if request.POST.get("next") == "list" else "core:home")


@staff_required()
@require_POST
def notification_read_all(request: HttpRequest) -> HttpResponse:
    services.mark_all_notifications_read(request_staff(request))
    return redirect("core:notification-list")
