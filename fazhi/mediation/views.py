"""Mediation centre pages: the visits, intake, a visit's page, its dispatch, hand-on and hand-back, the
sessions, the closure with its outcome and agreement, the follow-up and the statistics. Thin: parse,
call one service, redirect."""

from __future__ import annotations

import datetime
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from fazhi.core import permissions
from fazhi.core import progress as progress_lookups
from fazhi.core import selectors as core_selectors
from fazhi.core.access import public_page, rate_limited, request_staff, staff_required, step_required
from fazhi.core.errors import NotFoundOrHidden
from fazhi.core.pages import docx_download, form_page, paginate, query_without_page
from fazhi.core.roles import Role
from fazhi.ledger.selectors import verified_history
from fazhi.mediation import documents, rules, selectors, services
from fazhi.mediation.forms import (
    CentreForm,
    ClosureForm,
    DispatchForm,
    DisputeForm,
    FollowUpForm,
    HandBackForm,
    HandOnForm,
    SessionForm,
    UnitForm,
)
from fazhi.mediation.models import Dispute, Outcome

READERS = (*rules.STAFF_ROLES, Role.SUPERVISOR)


@staff_required(*READERS)
@require_http_methods(["GET"])
def dispute_list(request: HttpRequest) -> HttpResponse:
    actor = request_staff(request)
    today = timezone.localdate()
    state = request.GET.get("state", "")
    disputes = selectors.filter_by_deadline(selectors.disputes_for(actor), state, today)
    page = paginate(request, disputes)
    context = {
        "page": page,
        "states": {dispute.pk: selectors.deadline_state(dispute, today) for dispute in page.rows},
        "filters": selectors.DEADLINE_FILTERS,
        "state": state,
        "query_string": query_without_page(request),
        "today": today,
    }
    return render(request, "mediation/list.html", context)


@step_required(rules.STEPS["register"])
@require_http_methods(["GET", "POST"])
def dispute_create(request: HttpRequest) -> HttpResponse:
    actor = request_staff(request)

    def save(data: dict[str, Any]) -> tuple[str, HttpResponse]:
        dispute = services.register_dispute(actor, services.DisputeInput(**data))
        return "已登记，查询码 %(t)s。" % {"t": dispute.tracking_number}, redirect(
            "mediation:detail", dispute.pk
        )

    form = DisputeForm(
        request.POST or None, initial={"received_on": timezone.localdate(), "visitor_count": 1}
    )
    return form_page(request, form, title="矛调中心来访登记", save=save)


@staff_required(*READERS)
@require_http_methods(["GET"])
def dispute_detail(request: HttpRequest, dispute_id: int) -> HttpResponse:
    actor = request_staff(request)
    dispute = selectors.access_dispute(actor, dispute_id)
    agreement = selectors.agreement_of(dispute)
    today = timezone.localdate()
    context = {
        "dispute": dispute,
        "state": selectors.deadline_state(dispute, today),
        "visitors": dispute.disputevisitor_set.select_related("party").order_by("id"),
        "dispatches": dispute.dispatches.select_related("unit"),
        "current": selectors.current_dispatch(dispute),
        "sessions": dispute.sessions.all(),
        "agreement": agreement,
        "confirmation_due": selectors.confirmation_due(agreement) if agreement else None,
        "checklist": [(label, dispute.checklist.get(key, "")) for key, label in services.checklist_items()],
        "follow_ups": dispute.follow_ups.all(),
        "steps": selectors.offers_for(actor, dispute),
        "history": verified_history(dispute),
        "today": today,
    }
    return render(request, "mediation/detail.html", context)


def _unit_due_on(dispute: Dispute) -> datetime.date:
    """The unit's due date the form proposes: the closure target, or today for a matter past it."""
    return max(dispute.due_on, timezone.localdate())


@step_required(rules.STEPS["dispatch"])
@require_http_methods(["GET", "POST"])
def dispute_dispatch(request: HttpRequest, dispute_id: int) -> HttpResponse:
    actor = request_staff(request)
    dispute = selectors.access_dispute(actor, dispute_id)

    def save(data: dict[str, Any]) -> tuple[str, HttpResponse]:
        sent = services.dispatch_dispute(actor, dispute, **data)
        return "已交办%(u)s。" % {"u": sent.unit.name}, redirect("mediation:detail", dispute.pk)

    form = DispatchForm(
        request.POST or None, units=selectors.units_for(actor), initial={"due_on": _unit_due_on(dispute)}
    )
    return form_page(request, form, title="分流交办", save=save)


@step_required(rules.STEPS["hand_on"])
@require_http_methods(["GET", "POST"])
def dispute_hand_on(request: HttpRequest, dispute_id: int) -> HttpResponse:
    actor = request_staff(request)
    dispute = selectors.access_dispute(actor, dispute_id)

    def save(data: dict[str, Any]) -> tuple[str, HttpResponse]:
        sent = services.hand_on(actor, dispute, **data)
        return "已转交%(u)s。" % {"u": sent.unit.name}, redirect("mediation:detail", dispute.pk)

    form = HandOnForm(
        request.POST or None, units=selectors.units_for(actor), initial={"due_on": _unit_due_on(dispute)}
    )
    return form_page(request, form, title="转交其他承办单位", save=save)


@step_required(rules.STEPS["hand_back"])
@require_http_methods(["GET", "POST"])
def dispute_hand_back(request: HttpRequest, dispute_id: int) -> HttpResponse:
    actor = request_staff(request)
    dispute = selectors.access_dispute(actor, dispute_id)

    def save(data: dict[str, Any]) -> tuple[str, HttpResponse]:
        services.hand_back(actor, dispute, **data)
        return "已退回矛调中心，请重新分流交办。", redirect("mediation:detail", dispute.pk)

    return form_page(request, HandBackForm(request.POST or None), title="退回矛调中心", save=save)


@step_required(rules.STEPS["session"])
@require_http_methods(["GET", "POST"])
def session_create(request: HttpRequest, dispute_id: int) -> HttpResponse:
    actor = request_staff(request)
    dispute = selectors.access_dispute(actor, dispute_id)

    def save(data: dict[str, Any]) -> tuple[str, HttpResponse]:
        services.record_session(actor, dispute, services.SessionInput(**data))
        return "已登记调解记录。", redirect("mediation:detail", dispute.pk)

    form = SessionForm(
        request.POST or None, initial={"held_on": timezone.localdate(), "mediators": actor.full_name}
    )
    return form_page(request, form, title="调解记录", save=save)


@step_required(rules.STEPS["close"])
@require_http_methods(["GET", "POST"])
def dispute_close(request: HttpRequest, dispute_id: int) -> HttpResponse:
    actor = request_staff(request)
    dispute = selectors.access_dispute(actor, dispute_id)
    checklist = services.checklist_items()

    def save(data: dict[str, Any]) -> tuple[str, HttpResponse]:
        agreement = None
        if data["outcome"] == Outcome.AGREEMENT:
            agreement = services.AgreementInput(
                **{field: data[field] for field in services.AGREEMENT_FIELDS},
                signed_on=data["signed_on"] or data["closed_on"],
            )
        closed = services.close_dispute(
            actor,
            dispute,
            services.ClosureInput(
                outcome=data["outcome"],
                closed_on=data["closed_on"],
                note=data["note"],
                checklist={key: data[f"check_{key}"] for key, _label in checklist},
                agreement=agreement,
            ),
        )
        return "已办结：%(o)s。" % {"o": closed.get_outcome_display()}, redirect(
            "mediation:detail", dispute.pk
        )

    visitors = "\n".join(
        "、".join(filter(None, (party.name, party.address))) for party in dispute.visitors.all()
    )
    form = ClosureForm(
        request.POST or None,
        checklist=checklist,
        initial={
            "closed_on": timezone.localdate(),
            "signed_on": timezone.localdate(),
            "parties": visitors,
            "facts": dispute.summary,
            "mediator": actor.full_name,
            "committee": "%(t)s人民调解委员会" % {"t": dispute.organisation.name},
        },
    )
    return form_page(request, form, title="办结", save=save)


@step_required(rules.STEPS["follow_up"])
@require_http_methods(["GET", "POST"])
def follow_up_create(request: HttpRequest, dispute_id: int) -> HttpResponse:
    actor = request_staff(request)
    dispute = selectors.access_dispute(actor, dispute_id)

    def save(data: dict[str, Any]) -> tuple[str, HttpResponse]:
        services.record_follow_up(actor, dispute, services.FollowUpInput(**data))
        return "已登记回访。", redirect("mediation:detail", dispute.pk)

    form = FollowUpForm(request.POST or None, initial={"visited_on": timezone.localdate()})
    return form_page(request, form, title="回访", save=save)


@staff_required(*READERS)
@require_http_methods(["GET"])
def agreement_docx(request: HttpRequest, dispute_id: int) -> HttpResponse:
    actor = request_staff(request)
    agreement = selectors.agreement_of(selectors.access_dispute(actor, dispute_id))
    if agreement is None:
        raise NotFoundOrHidden()
    return docx_download(documents.agreement_docx(agreement), documents.agreement_filename(agreement))


@staff_required(*READERS)
@require_http_methods(["GET"])
def statistics(request: HttpRequest) -> HttpResponse:
    """A year's batches and persons per category and month, closure rate, timeliness and satisfaction,
    over the actor's town or, for a supervisor, their towns."""
    actor = request_staff(request)
    today = timezone.localdate()
    year_text = request.GET.get("year", "")
    year = int(year_text) if year_text.isdigit() and 2000 <= int(year_text) <= today.year else today.year
    start, end = datetime.date(year, 1, 1), min(datetime.date(year, 12, 31), today)
    root = permissions.scope_root(actor)
    context: dict[str, Any] = {"year": year, "years": range(today.year, today.year - 6, -1), "end": end}
    if root is not None:
        context["by_category"] = selectors.visits_by_category(root, start=start, end=end)
        context["by_month"] = selectors.visits_by_category_and_month(root, year=year)
        context["stats"] = selectors.outcome_statistics(root, start=start, end=end)
    return render(request, "mediation/statistics.html", context)


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
        "centre": selectors.centre_of(actor),
        "form": form if permissions.may_take(actor, rules.STEPS["manage_centre"]) else None,
    }
    return render(request, "mediation/units.html", context)


@step_required(rules.STEPS["manage_centre"])
@require_http_methods(["GET", "POST"])
def centre(request: HttpRequest) -> HttpResponse:
    """The town's centre and the day it opened (挂牌成立), which the annual report counts from."""
    actor = request_staff(request)
    current = selectors.centre_of(actor)

    def save(data: dict[str, Any]) -> tuple[str, HttpResponse]:
        recorded = services.record_centre_opening(actor, **data)
        return "已登记%(n)s，%(d)s挂牌成立。" % {
            "n": recorded.name,
            "d": recorded.opened_on.isoformat(),
        }, redirect("mediation:units")

    initial = {"name": current.name, "opened_on": current.opened_on} if current else {}
    return form_page(request, CentreForm(request.POST or None, initial=initial), title="矛调中心", save=save)


# ------------------------------------------------------------------------------------------ the public


@rate_limited
@public_page
def public_lookup(request: HttpRequest) -> HttpResponse:
    """A citizen checks a matter's progress with its tracking number, in their town; a wrong or guessed
    number and another town's number get the same answer."""
    towns = core_selectors.public_towns()
    town_id = request.GET.get("org", "")
    code = request.GET.get("code", "")[:20]
    progress = None
    searched = bool(town_id and code)
    if searched and town_id.isdigit():
        progress = progress_lookups.find(town_id=int(town_id), code=code)
    context = {"towns": towns, "town_id": town_id, "code": code, "progress": progress, "searched": searched}
    return render(request, "mediation/public_lookup.html", context)
