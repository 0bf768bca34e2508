"""Mediation centre pages: the visits, intake, a visit's page and its dispatch. Thin: parse, call one
service, redirect."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from fazhi.core import permissions
from fazhi.core import selectors as core_selectors
from fazhi.core.access import public_page, rate_limited, request_staff, staff_required
from fazhi.core.models import Role
from fazhi.core.pages import form_page, paginate, query_without_page
from fazhi.disclosure.selectors import public_authorities
from fazhi.ledger.selectors import verified_history
from fazhi.mediation import selectors, services
from fazhi.mediation.forms import DispatchForm, DisputeForm, UnitForm

READERS = (*services.STAFF_ROLES, Role.SUPERVISOR)


@staff_required(*READERS)
def dispute_list(request: HttpRequest) -> HttpResponse:
    actor = request_staff(request)
    context = {
        "page": paginate(request, selectors.disputes_for(actor)),
        "query_string": query_without_page(request),
        "today": timezone.localdate(),
    }
    return render(request, "mediation/list.html", context)


@staff_required(*services.STAFF_ROLES)
@require_http_methods(["GET", "POST"])
def dispute_create(request: HttpRequest) -> HttpResponse:
    actor = request_staff(request)

    def save(data: dict[str, Any]) -> tuple[str, HttpResponse]:
        lines = [line for line in data.pop("visitors").splitlines() if line.strip()]
        data["visitors"] = [core_selectors.find_party(actor, line, field="visitors") for line in lines]
        dispute = services.register_dispute(actor, services.DisputeInput(**data))
        return "已登记，查询码 %(t)s。" % {"t": dispute.tracking_number}, redirect(
            "mediation:detail", dispute.pk
        )

    form = DisputeForm(
        request.POST or None, initial={"received_on": timezone.localdate(), "visitor_count": 1}
    )
    return form_page(request, form, title="矛调中心来访登记", save=save)


@staff_required(*READERS)
def dispute_detail(request: HttpRequest, dispute_id: int) -> HttpResponse:
    actor = request_staff(request)
    dispute = selectors.access_dispute(actor, dispute_id)
    context = {
        "dispute": dispute,
        "visitors": dispute.visitors.all(),
        "dispatches": dispute.dispatches.select_related("unit"),
        "history": verified_history(dispute),
        "today": timezone.localdate(),
    }
    return render(request, "mediation/detail.html", context)


@staff_required(*services.STAFF_ROLES)
@require_http_methods(["GET", "POST"])
def dispute_dispatch(request: HttpRequest, dispute_id: int) -> HttpResponse:
    actor = request_staff(request)
    dispute = selectors.access_dispute(actor, dispute_id)

    def save(data: dict[str, Any]) -> tuple[str, HttpResponse]:
        sent = services.dispatch_dispute(actor, dispute, **data)
        return "已交办%(u)s。" % {"u": sent.unit.name}, redirect("mediation:detail", dispute.pk)

    form = DispatchForm(
        request.POST or None, units=selectors.units_for(actor), initial={"due_on": dispute.due_on}
    )
    return form_page(request, form, title="分流交办", save=save)


@staff_required(*READERS)
@require_http_methods(["GET", "POST"])
def units(request: HttpRequest) -> HttpResponse:
    """承办单位 (1+3+N): the list, and for an administrator or the head the form to add one."""
    actor = request_staff(request)
    form = UnitForm(request.POST or None)

    def save(data: dict[str, Any]) -> tuple[str, HttpResponse]:
        unit = services.add_handling_unit(actor, **data)
        return "已登记承办单位“%(n)s”。" % {"n": unit.name}, redirect("mediation:units")

    if request.method == "POST":
        return form_page(request, form, title="登记承办单位", save=save)
    context = {
        "units": selectors.units_for(actor),
        "form": form if permissions.has_role(actor, Role.ADMIN, Role.HEAD) else None,
    }
    return render(request, "mediation/units.html", context)


# ------------------------------------------------------------------------------------------ the public


@rate_limited
@public_page
def public_lookup(request: HttpRequest) -> HttpResponse:
    """A citizen checks a matter's progress with its tracking number, in their town; a wrong or guessed
    number and another town's number get the same answer."""
    towns = public_authorities()
    town_id = request.GET.get("org", "")
    code = request.GET.get("code", "")[:20]
    progress = None
    searched = bool(town_id and code)
    if searched and town_id.isdigit():
        progress = selectors.public_progress(town_id=int(town_id), code=code)
    context = {"towns": towns, "town_id": town_id, "code": code, "progress": progress, "searched": searched}
    return render(request, "mediation/public_lookup.html", context)
