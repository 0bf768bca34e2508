"""依法治镇 pages: the committee with its members, the meetings (with the 专题学法 the learning app
records), the year's key tasks and one page per task with its 反馈, the head's acts and the 督办单, the
法律咨询 the legal counsel answered; one form page per step. Thin: parse, call one service, redirect."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from fazhi.core import charts, files, permissions
from fazhi.core import selectors as core_selectors
from fazhi.core.access import request_staff, staff_required, step_required
from fazhi.core.errors import NotFoundOrHidden
from fazhi.core.figures import FIGURES, Scope
from fazhi.core.models import Staff
from fazhi.core.pages import docx_download, form_page
from fazhi.core.roles import Role
from fazhi.governance import documents, rules, selectors, services
from fazhi.governance.forms import (
    ActForm,
    AnswerForm,
    CommitteeForm,
    CompleteForm,
    ConsultationForm,
    FeedbackForm,
    MeetingForm,
    MemberForm,
    MemberLeftForm,
    SettingForm,
    TaskFilterForm,
    TaskForm,
)
from fazhi.governance.models import CommitteeMember, KeyTask
from fazhi.ledger.selectors import verified_history

READERS = (*rules.TOWN_ROLES, Role.SUPERVISOR)
SHOWN_FIGURES = (
    "governance_meetings",
    "key_tasks_deployed",
    "key_tasks_on_time",
    "key_tasks_late",
    "key_tasks_silent",
    "supervision_notices",
)
STEP_PAGES = {
    "feedback": "governance:feedback",
    "complete": "governance:complete",
    "act": "governance:act",
}


def _people(actor: Staff) -> QuerySet[Staff]:
    return permissions.visible(actor, Staff.objects.filter(is_active=True, is_system=False)).order_by(
        "full_name"
    )


def _year(request: HttpRequest) -> tuple[TaskFilterForm, int, str]:
    form = TaskFilterForm(request.GET)
    valid = form.is_valid()
    year = (form.cleaned_data["year"] if valid else None) or timezone.localdate().year
    return form, year, (form.cleaned_data["status"] if valid else "")


@staff_required(*READERS)
def overview(request: HttpRequest) -> HttpResponse:
    actor = request_staff(request)
    form, year, _status = _year(request)
    root = permissions.scope_root(actor)
    town = permissions.town_of(root) if root else None
    committee = selectors.committee_of(town) if town else None
    scope = Scope(root, year) if root else None
    context = {
        "form": form,
        "year": year,
        "committee": committee,
        "members": selectors.members_of(committee) if committee else [],
        "figures": [charts.tile(key, scope) for key in SHOWN_FIGURES if key in FIGURES] if scope else [],
        "silent_days": selectors.silent_days(town) if town else None,
        "can_write": permissions.may_take(actor, rules.STEPS["committee"]),
        "can_set": permissions.may_take(actor, rules.STEPS["settings"]),
    }
    return render(request, "governance/overview.html", context)


@staff_required(*READERS)
def meetings(request: HttpRequest) -> HttpResponse:
    actor = request_staff(request)
    form, year, _status = _year(request)
    root = permissions.scope_root(actor)
    context = {
        "form": form,
        "year": year,
        "meetings": selectors.meetings_for(actor, year=year),
        "studies": selectors.studies_recorded_by_learning(root, year) if root else None,
        "can_record": permissions.may_take(actor, rules.STEPS["meeting"]),
    }
    return render(request, "governance/meetings.html", context)


@staff_required(*READERS)
def meeting_detail(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = selectors.access_meeting(request_staff(request), meeting_id)
    context = {
        "meeting": meeting,
        "attendance": documents.attendance(meeting),
        "history": verified_history(meeting),
    }
    return render(request, "governance/meeting_detail.html", context)


@staff_required(*READERS)
def minutes_docx(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = selectors.access_meeting(request_staff(request), meeting_id)
    return docx_download(documents.minutes(meeting), documents.minutes_filename(meeting))


@step_required(rules.STEPS["meeting"])
@require_http_methods(["GET", "POST"])
def meeting_create(request: HttpRequest) -> HttpResponse:
    actor = request_staff(request)

    def save(data: dict[str, Any]) -> tuple[str, HttpResponse]:
        data["attendees"] = list(data["attendees"])
        meeting = services.record_meeting(actor, services.MeetingInput(**data))
        return "已登记会议“%(t)s”。" % {"t": meeting.title}, redirect("governance:meeting-detail", meeting.pk)

    form = MeetingForm(request.POST or None, people=_people(actor), initial={"held_on": timezone.localdate()})
    return form_page(request, form, title="登记会议", save=save)


@step_required(rules.STEPS["committee"])
@require_http_methods(["GET", "POST"])
def committee(request: HttpRequest) -> HttpResponse:
    actor = request_staff(request)

    def save(data: dict[str, Any]) -> tuple[str, HttpResponse]:
        services.set_committee(actor, **data)
        return "已登记委员会。", redirect("governance:overview")

    form = CommitteeForm(request.POST or None)
    return form_page(request, form, title="登记全面依法治镇委员会", save=save)


@step_required(rules.STEPS["committee"])
@require_http_methods(["GET", "POST"])
def member_create(request: HttpRequest) -> HttpResponse:
    actor = request_staff(request)

    def save(data: dict[str, Any]) -> tuple[str, HttpResponse]:
        member = services.add_member(actor, services.MemberInput(**data))
        return "已增加成员%(n)s。" % {"n": member.name}, redirect("governance:overview")

    form = MemberForm(
        request.POST or None, people=_people(actor), initial={"joined_on": timezone.localdate()}
    )
    return form_page(request, form, title="增加委员会成员", save=save)


@step_required(rules.STEPS["committee"])
@require_http_methods(["GET", "POST"])
def member_left(request: HttpRequest, member_id: int) -> HttpResponse:
    actor = request_staff(request)
    member = CommitteeMember.objects.select_related("committee__organisation").filter(pk=member_id).first()
    if member is None or not permissions.can_see(actor, member.committee.organisation):
        raise NotFoundOrHidden()

    def save(data: dict[str, Any]) -> tuple[str, HttpResponse]:
        services.member_leaves(actor, member, **data)
        return "已登记%(n)s离任。" % {"n": member.name}, redirect("governance:overview")

    form = MemberLeftForm(request.POST or None, initial={"left_on": timezone.localdate()})
    return form_page(request, form, title="成员离任：%(n)s" % {"n": member.name}, save=save)


@step_required(rules.STEPS["settings"])
@require_http_methods(["GET", "POST"])
def settings_page(request: HttpRequest) -> HttpResponse:
    actor = request_staff(request)

    def save(data: dict[str, Any]) -> tuple[str, HttpResponse]:
        setting = services.set_silent_days(actor, **data)
        return "反馈间隔已设为%(n)d天。" % {"n": setting.silent_days}, redirect("governance:overview")

    town = permissions.acting_town(actor)
    form = SettingForm(request.POST or None, initial={"days": selectors.silent_days(town)})
    return form_page(request, form, title="设置重点工作反馈间隔", save=save)


# ------------------------------------------------------------------------------------------ tasks


@staff_required(*READERS)
def tasks(request: HttpRequest) -> HttpResponse:
    actor = request_staff(request)
    form, year, status = _year(request)
    context = {
        "form": form,
        "year": year,
        "tasks": selectors.tasks_for(actor, year=year, status=status),
        "today": timezone.localdate(),
        "can_register": permissions.may_take(actor, rules.STEPS["register"]),
    }
    return render(request, "governance/tasks.html", context)


@step_required(rules.STEPS["register"])
@require_http_methods(["GET", "POST"])
def task_create(request: HttpRequest) -> HttpResponse:
    actor = request_staff(request)

    def save(data: dict[str, Any]) -> tuple[str, HttpResponse]:
        task = services.register_task(actor, services.TaskInput(**data))
        return "已登记重点工作“%(t)s”。" % {"t": task.title}, redirect("governance:task-detail", task.pk)

    today = timezone.localdate()
    form = TaskForm(
        request.POST or None,
        people=_people(actor),
        departments=core_selectors.departments_of(actor),
        initial={"year": today.year, "deployed_on": today},
    )
    return form_page(request, form, title="登记重点工作", save=save)


@staff_required(*READERS)
def task_detail(request: HttpRequest, task_id: int) -> HttpResponse:
    actor = request_staff(request)
    task = selectors.access_task(actor, task_id)
    context = {
        "task": task,
        **selectors.task_timeline(task),
        "steps": [
            {"offer": offer, "url_name": STEP_PAGES[offer.name]}
            for offer in selectors.next_steps(actor, task)
        ],
        "may_answer": selectors.may_report(actor, task)
        and permissions.may_take(actor, rules.STEPS["answer"]),
        "silent_days": selectors.silent_days(task.organisation),
        "today": timezone.localdate(),
        "history": verified_history(task),
        "evidence": {
            item.pk: list(core_selectors.attachments_of(item._meta.label_lower, item.pk))
            for item in task.feedback.all()
        },
    }
    return render(request, "governance/task_detail.html", context)


def _task_step(request: HttpRequest, task_id: int, *, title: str, form: Any, act: Any) -> HttpResponse:
    actor = request_staff(request)
    task = selectors.access_task(actor, task_id)

    def save(data: dict[str, Any]) -> tuple[str, HttpResponse]:
        return act(actor, task, data), redirect("governance:task-detail", task.pk)

    return form_page(request, form, title="%(s)s：%(t)s" % {"s": title, "t": task.title}, save=save)


@step_required(rules.STEPS["feedback"])
@require_http_methods(["GET", "POST"])
def feedback(request: HttpRequest, task_id: int) -> HttpResponse:
    def act(actor: Staff, task: KeyTask, data: dict[str, Any]) -> str:
        evidence = [
            files.StoredFile(*files.store(item, original_name=item.name)) for item in data.pop("evidence")
        ]
        services.report_feedback(actor, task, evidence=evidence, **data)
        return "已反馈进展。"

    form = FeedbackForm(
        request.POST or None, request.FILES or None, initial={"reported_on": timezone.localdate()}
    )
    return _task_step(request, task_id, title="反馈进展", form=form, act=act)


@step_required(rules.STEPS["complete"])
@require_http_methods(["GET", "POST"])
def complete(request: HttpRequest, task_id: int) -> HttpResponse:
    def act(actor: Staff, task: KeyTask, data: dict[str, Any]) -> str:
        done = services.complete_task(actor, task, **data)
        late = done.completed_on is not None and done.completed_on > done.deadline
        return "已登记完成%(l)s。" % {"l": "（超过完成时限）" if late else ""}

    form = CompleteForm(request.POST or None, initial={"completed_on": timezone.localdate()})
    return _task_step(request, task_id, title="登记完成", form=form, act=act)


@step_required(rules.STEPS["act"])
@require_http_methods(["GET", "POST"])
def act(request: HttpRequest, task_id: int) -> HttpResponse:
    def take(actor: Staff, task: KeyTask, data: dict[str, Any]) -> str:
        done = services.head_act(actor, task, **data)
        return "已记录%(k)s。" % {"k": done.get_kind_display()}

    form = ActForm(request.POST or None, initial={"acted_on": timezone.localdate()})
    return _task_step(request, task_id, title="部署、过问、协调、督办", form=form, act=take)


@step_required(rules.STEPS["answer"])
@require_http_methods(["GET", "POST"])
def answer(request: HttpRequest, notice_id: int) -> HttpResponse:
    actor = request_staff(request)
    notice = selectors.access_notice(actor, notice_id)

    def save(data: dict[str, Any]) -> tuple[str, HttpResponse]:
        services.answer_notice(actor, notice, **data)
        return "已答复督办。", redirect("governance:task-detail", notice.task_id)

    form = AnswerForm(request.POST or None, initial={"answered_on": timezone.localdate()})
    return form_page(request, form, title="答复督办：%(t)s" % {"t": notice.task.title}, save=save)


# ----------------------------------------------------------------------------- legal consultations


@staff_required(*READERS)
def consultations(request: HttpRequest) -> HttpResponse:
    actor = request_staff(request)
    form, year, _status = _year(request)
    context = {
        "form": form,
        "year": year,
        "consultations": selectors.consultations_for(actor, year=year),
        "can_record": permissions.may_take(actor, rules.STEPS["consult"]),
    }
    return render(request, "governance/consultations.html", context)


@step_required(rules.STEPS["consult"])
@require_http_methods(["GET", "POST"])
def consultation_create(request: HttpRequest) -> HttpResponse:
    actor = request_staff(request)

    def save(data: dict[str, Any]) -> tuple[str, HttpResponse]:
        consultation = services.record_consultation(actor, services.ConsultationInput(**data))
        page = f"{reverse('governance:consultations')}?year={consultation.asked_on.year}"
        return "已登记法律咨询。", redirect(page)

    counsels = selectors.counsels_of(actor)
    initial: dict[str, Any] = {"asked_on": timezone.localdate()}
    if actor in counsels:
        initial["counsel"] = actor
    form = ConsultationForm(
        request.POST or None,
        counsels=counsels,
        departments=core_selectors.departments_of(actor),
        initial=initial,
    )
    return form_page(request, form, title="登记法律咨询", save=save)
