"""Petition pages: the list with its deadline warnings, registration, a petition's page with its
history, each step of the 信访工作条例 as a form page, the opinion's .docx and the key matters board.
Thin: parse, call one service, redirect."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from fazhi.core import permissions
from fazhi.core.access import request_staff, staff_required, step_required
from fazhi.core.forms import ServiceErrorsMixin
from fazhi.core.models import Staff
from fazhi.core.pages import docx_download, form_page, paginate, query_without_page
from fazhi.core.roles import Role
from fazhi.ledger.selectors import verified_history
from fazhi.petitions import documents, rules, selectors, services
from fazhi.petitions.forms import (
    AcceptForm,
    ContactForm,
    DeclineForm,
    ExtendForm,
    KeyMatterForm,
    OpinionForm,
    PetitionForm,
    ReReviewAnswerForm,
    ReviewAnswerForm,
    ReviewRequestForm,
)
from fazhi.petitions.models import Petition

READERS = (*rules.STAFF_ROLES, Role.SUPERVISOR)


@staff_required(*READERS)
@require_http_methods(["GET"])
def petition_list(request: HttpRequest) -> HttpResponse:
    actor = request_staff(request)
    today = timezone.localdate()
    state = request.GET.get("state", "")
    page = paginate(request, selectors.filter_by_deadline(selectors.petitions_for(actor), state, today))
    context = {
        "page": page,
        "rows": [
            (petition, selectors.clock_of(petition), selectors.deadline_state(petition, today))
            for petition in page.rows
        ],
        "filters": selectors.DEADLINE_FILTERS,
        "state": state,
        "query_string": query_without_page(request),
        "can_register": permissions.may_take(actor, rules.STEPS["register"]),
    }
    return render(request, "petitions/list.html", context)


@step_required(rules.STEPS["register"])
@require_http_methods(["GET", "POST"])
def petition_create(request: HttpRequest) -> HttpResponse:
    actor = request_staff(request)

    def save(data: dict[str, Any]) -> tuple[str, HttpResponse]:
        data["earlier"] = selectors.find_earlier(actor, data["earlier"])
        petition = services.register_petition(actor, services.PetitionInput(**data))
        return "已登记，查询码 %(t)s；应于 %(d)s 前书面告知是否受理。" % {
            "t": petition.tracking_number,
            "d": petition.notice_due_on.isoformat(),
        }, redirect("petitions:detail", petition.pk)

    form = PetitionForm(
        request.POST or None, initial={"received_on": timezone.localdate(), "person_count": 1}
    )
    return form_page(request, form, title="信访事项登记", save=save)


@staff_required(*READERS)
@require_http_methods(["GET"])
def petition_detail(request: HttpRequest, petition_id: int) -> HttpResponse:
    actor = request_staff(request)
    petition = selectors.access_petition(actor, petition_id)
    today = timezone.localdate()
    opinion = selectors.opinion_of(petition)
    reviews = list(selectors.reviews_of(petition))
    context = {
        "petition": petition,
        "clock": selectors.clock_of(petition),
        "deadline": selectors.deadline_state(petition, today),
        "petitioners": petition.petitioners.all(),
        "extension": selectors.extension_of(petition),
        "opinion": opinion,
        "review_request_due": selectors.review_request_due(opinion) if opinion else None,
        "reviews": [(review, selectors.re_review_request_due(review)) for review in reviews],
        "team": petition.key_team.all(),
        "contacts": selectors.contacts_of(petition),
        "contact_form": _contact_form(actor, None) if selectors.may_record_contact(actor, petition) else None,
        "steps": selectors.offers_for(actor, petition),
        "history": verified_history(petition),
        "today": today,
    }
    return render(request, "petitions/detail.html", context)


def _step(
    request: HttpRequest,
    petition_id: int,
    *,
    title: str,
    form_class: type[ServiceErrorsMixin],
    initial: Callable[[Petition], dict[str, Any]],
    act: Callable[[Petition, dict[str, Any]], str],
) -> HttpResponse:
    """One step of the procedure on a petition: its form, then one service, back to the petition."""
    actor = request_staff(request)
    petition = selectors.access_petition(actor, petition_id)

    def save(data: dict[str, Any]) -> tuple[str, HttpResponse]:
        return act(petition, data), redirect("petitions:detail", petition.pk)

    form = form_class(request.POST or None, initial=initial(petition))
    return form_page(request, form, title=title, save=save)


def _today(*fields: str) -> Callable[[Petition], dict[str, Any]]:
    return lambda _petition: dict.fromkeys(fields, timezone.localdate())


@step_required(rules.STEPS["accept"])
@require_http_methods(["GET", "POST"])
def petition_accept(request: HttpRequest, petition_id: int) -> HttpResponse:
    actor = request_staff(request)

    def act(petition: Petition, data: dict[str, Any]) -> str:
        accepted = services.accept_petition(actor, petition, **data)
        assert accepted.due_on is not None
        return "已受理并书面告知，应于 %(d)s 前办结。" % {"d": accepted.due_on.isoformat()}

    return _step(
        request,
        petition_id,
        title="受理并书面告知",
        form_class=AcceptForm,
        initial=_today("decided_on", "notice_on"),
        act=act,
    )


@step_required(rules.STEPS["decline"])
@require_http_methods(["GET", "POST"])
def petition_decline(request: HttpRequest, petition_id: int) -> HttpResponse:
    actor = request_staff(request)

    def act(petition: Petition, data: dict[str, Any]) -> str:
        services.decline_petition(actor, petition, **data)
        return "已决定不予受理，并书面告知理由和途径。"

    return _step(
        request,
        petition_id,
        title="不予受理并书面告知",
        form_class=DeclineForm,
        initial=_today("decided_on", "notice_on"),
        act=act,
    )


@step_required(rules.STEPS["extend"])
@require_http_methods(["GET", "POST"])
def petition_extend(request: HttpRequest, petition_id: int) -> HttpResponse:
    actor = request_staff(request)

    def act(petition: Petition, data: dict[str, Any]) -> str:
        extension = services.extend_handling(actor, petition, **data)
        return "已批准延长 %(n)d 日，办结期限延至 %(d)s。" % {
            "n": extension.days,
            "d": extension.due_on.isoformat(),
        }

    return _step(
        request,
        petition_id,
        title="延长办理期限（负责人批准）",
        form_class=ExtendForm,
        initial=_today("approved_on", "notice_on"),
        act=act,
    )


@step_required(rules.STEPS["opinion"])
@require_http_methods(["GET", "POST"])
def petition_opinion(request: HttpRequest, petition_id: int) -> HttpResponse:
    actor = request_staff(request)

    def act(petition: Petition, data: dict[str, Any]) -> str:
        opinion = services.issue_opinion(actor, petition, services.OpinionInput(**data))
        return "已出具信访处理意见书 %(n)s，事项办结。" % {"n": opinion.number.text}

    def initial(petition: Petition) -> dict[str, Any]:
        today = timezone.localdate()
        return {
            "request": petition.request,
            "facts": petition.facts_and_reasons,
            "issued_on": today,
            "served_on": today,
        }

    return _step(
        request, petition_id, title="出具信访处理意见书", form_class=OpinionForm, initial=initial, act=act
    )


@staff_required(*READERS)
@require_http_methods(["GET"])
def opinion_docx(request: HttpRequest, petition_id: int) -> HttpResponse:
    opinion = selectors.access_opinion(request_staff(request), petition_id)
    return docx_download(documents.opinion_docx(opinion), documents.opinion_filename(opinion))


@step_required(rules.STEPS["request_review"])
@require_http_methods(["GET", "POST"])
def review_request(request: HttpRequest, petition_id: int) -> HttpResponse:
    actor = request_staff(request)

    def act(petition: Petition, data: dict[str, Any]) -> str:
        review = services.request_review(actor, petition, **data)
        return "已登记复查请求，复查意见应于 %(d)s 前作出。" % {"d": review.due_on.isoformat()}

    return _step(
        request,
        petition_id,
        title="请求复查",
        form_class=ReviewRequestForm,
        initial=_today("requested_on"),
        act=act,
    )


@step_required(rules.STEPS["review_opinion"])
@require_http_methods(["GET", "POST"])
def review_answer(request: HttpRequest, petition_id: int) -> HttpResponse:
    actor = request_staff(request)

    def act(petition: Petition, data: dict[str, Any]) -> str:
        services.record_review_opinion(actor, petition, services.ReviewAnswerInput(**data))
        return "已登记复查意见。"

    return _step(
        request,
        petition_id,
        title="登记复查意见",
        form_class=ReviewAnswerForm,
        initial=_today("answered_on", "served_on"),
        act=act,
    )


@step_required(rules.STEPS["request_re_review"])
@require_http_methods(["GET", "POST"])
def re_review_request(request: HttpRequest, petition_id: int) -> HttpResponse:
    actor = request_staff(request)

    def act(petition: Petition, data: dict[str, Any]) -> str:
        review = services.request_re_review(actor, petition, **data)
        return "已登记复核请求，复核意见应于 %(d)s 前作出（听证时间不计入）。" % {
            "d": review.due_on.isoformat()
        }

    return _step(
        request,
        petition_id,
        title="请求复核",
        form_class=ReviewRequestForm,
        initial=_today("requested_on"),
        act=act,
    )


@step_required(rules.STEPS["re_review_opinion"])
@require_http_methods(["GET", "POST"])
def re_review_answer(request: HttpRequest, petition_id: int) -> HttpResponse:
    actor = request_staff(request)

    def act(petition: Petition, data: dict[str, Any]) -> str:
        services.record_re_review_opinion(actor, petition, services.ReviewAnswerInput(**data))
        return "已登记复核意见；信访人仍以同一事实和理由提出投诉请求的，不再受理。"

    return _step(
        request,
        petition_id,
        title="登记复核意见",
        form_class=ReReviewAnswerForm,
        initial=_today("answered_on", "served_on"),
        act=act,
    )


@step_required(rules.STEPS["mark_key"])
@require_http_methods(["GET", "POST"])
def key_matter(request: HttpRequest, petition_id: int) -> HttpResponse:
    actor = request_staff(request)
    petition = selectors.access_petition(actor, petition_id)

    def save(data: dict[str, Any]) -> tuple[str, HttpResponse]:
        services.mark_key_matter(actor, petition, leader=data["leader"], team=list(data["team"]))
        return "已列为重点信访事项。", redirect("petitions:detail", petition.pk)

    form = KeyMatterForm(
        request.POST or None,
        heads=selectors.town_heads(actor),
        staff=selectors.town_staff(actor),
        initial={"leader": petition.key_leader_id, "team": list(petition.key_team.all())},
    )
    return form_page(request, form, title="列为重点信访事项", save=save)


def _contact_form(actor: Staff, data: Any) -> ContactForm:
    return ContactForm(
        data,
        staff=selectors.town_staff(actor),
        initial={"contacted_on": timezone.localdate(), "made_by": actor.pk},
    )


@step_required(rules.STEPS["contact"])
@require_http_methods(["GET", "POST"])
def petition_contact(request: HttpRequest, petition_id: int) -> HttpResponse:
    """与信访人沟通: the petition's contacts and the form to add one. A key matter's 工作专班 may hold no
    petition role, and so not read the petition's own page: they record here and come back here."""
    actor = request_staff(request)
    petition = selectors.access_petition(actor, petition_id)
    rules.check_contact_recorder(**selectors.recorder_facts(actor, petition))
    back = "petitions:detail" if permissions.has_role(actor, *READERS) else "petitions:contact"

    def save(data: dict[str, Any]) -> tuple[str, HttpResponse]:
        contact = services.record_contact(actor, petition, **data)
        return "已登记 %(d)s 的%(m)s。" % {
            "d": contact.contacted_on.isoformat(),
            "m": contact.get_method_display(),
        }, redirect(back, petition.pk)

    return form_page(
        request,
        _contact_form(actor, request.POST or None),
        title="登记与信访人沟通情况",
        save=save,
        template="petitions/contact.html",
        extra_context={"petition": petition, "contacts": selectors.contacts_of(petition)},
    )


@staff_required(*READERS)
@require_http_methods(["GET"])
def key_matters(request: HttpRequest) -> HttpResponse:
    """清仓见底: the year's key matters and whether each was concluded within its period."""
    actor = request_staff(request)
    today = timezone.localdate()
    year_text = request.GET.get("year", "")
    year = int(year_text) if year_text.isdigit() and 2000 <= int(year_text) <= today.year else today.year
    root = permissions.scope_root(actor)
    context: dict[str, Any] = {"year": year, "years": range(today.year, today.year - 6, -1)}
    if root is not None:
        context["board"] = selectors.key_matters_board(root, year=year)
        context["counts"] = selectors.counts_for_year(root, year=year)
    return render(request, "petitions/key_matters.html", context)
