"""Learning pages: the year's study sessions, trainings and each officer's hours against the target;
the forms that record a session or a training; one page each. Thin: parse, call one service."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from fazhi.core import charts, files, permissions
from fazhi.core.access import request_staff, staff_required, step_required
from fazhi.core.figures import Scope
from fazhi.core.pages import form_page
from fazhi.core.roles import Role
from fazhi.core.selectors import attachments_of
from fazhi.learning import rules, selectors, services
from fazhi.learning.forms import StudyForm, TrainingForm, YearForm
from fazhi.ledger.selectors import verified_history

SHOWN_FIGURES = ("study_sessions", "lectures", "training_hours")
READERS = (Role.ADMIN, Role.HEAD, Role.OFFICER, Role.AUXILIARY, Role.LEGAL_REVIEWER, Role.SUPERVISOR)


@staff_required(*READERS)
def overview(request: HttpRequest) -> HttpResponse:
    actor = request_staff(request)
    form = YearForm(request.GET)
    year = (form.cleaned_data["year"] if form.is_valid() else None) or timezone.localdate().year
    root = permissions.scope_root(actor)
    scope = Scope(root, year) if root else None
    context = {
        "form": form,
        "year": year,
        "sessions": selectors.sessions_for(actor, year=year),
        "trainings": selectors.trainings_for(actor, year=year),
        "hours": selectors.hours_by_officer(root, year=year) if root else [],
        # The report's own figures, so this page and the dashboards say the same.
        "figures": {key: charts.tile(key, scope) for key in SHOWN_FIGURES} if scope else None,
        "target": rules.yearly_hours_target(),
        "lectures_target": rules.yearly_lectures_target(),
        "hours_citation": rules.HOURS_CITATION,
        "lectures_citation": rules.LECTURES_CITATION,
        "can_record": permissions.may_take(actor, rules.STEPS["record_study"]),
    }
    return render(request, "learning/overview.html", context)


def _materials(uploads: list[Any]) -> list[files.StoredFile]:
    return [files.StoredFile(*files.store(upload, original_name=upload.name)) for upload in uploads]


@step_required(rules.STEPS["record_study"])
@require_http_methods(["GET", "POST"])
def study_create(request: HttpRequest) -> HttpResponse:
    actor = request_staff(request)

    def save(data: dict[str, Any]) -> tuple[str, HttpResponse]:
        materials = _materials(data.pop("materials"))
        data["attendees"] = list(data["attendees"])
        session = services.record_study_session(actor, services.StudyInput(**data), materials=materials)
        return "已登记学法活动“%(t)s”。" % {"t": session.topic}, redirect("learning:study-detail", session.pk)

    form = StudyForm(
        request.POST or None,
        request.FILES or None,
        people=selectors.staff_of(actor),
        initial={"held_on": timezone.localdate()},
    )
    return form_page(request, form, title="登记学法活动", save=save)


@step_required(rules.STEPS["record_training"])
@require_http_methods(["GET", "POST"])
def training_create(request: HttpRequest) -> HttpResponse:
    actor = request_staff(request)

    def save(data: dict[str, Any]) -> tuple[str, HttpResponse]:
        materials = _materials(data.pop("materials"))
        data["attendees"] = list(data["attendees"])
        training = services.record_training(actor, services.TrainingInput(**data), materials=materials)
        return "已登记培训“%(t)s”。" % {"t": training.topic}, redirect(
            "learning:training-detail", training.pk
        )

    form = TrainingForm(
        request.POST or None,
        request.FILES or None,
        people=selectors.staff_of(actor),
        initial={"held_on": timezone.localdate()},
    )
    return form_page(request, form, title="登记培训", save=save)


@staff_required(*READERS)
def study_detail(request: HttpRequest, session_id: int) -> HttpResponse:
    actor = request_staff(request)
    session = selectors.access_session(actor, session_id)
    context = {
        "item": session,
        "title": session.get_kind_display(),
        "attendees": session.attendees.order_by("full_name"),
        "attachments": attachments_of(session._meta.label_lower, session.pk),
        "history": verified_history(session),
    }
    return render(request, "learning/detail.html", context)


@staff_required(*READERS)
def training_detail(request: HttpRequest, training_id: int) -> HttpResponse:
    actor = request_staff(request)
    training = selectors.access_training(actor, training_id)
    context = {
        "item": training,
        "title": training.get_kind_display(),
        "attendees": training.attendees.order_by("full_name"),
        "attachments": attachments_of(training._meta.label_lower, training.pk),
        "history": verified_history(training),
    }
    return render(request, "learning/detail.html", context)
