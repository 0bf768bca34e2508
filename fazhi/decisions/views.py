"""Major decision pages for staff (the catalogue, a decision's file and one page per step) and for the
public (open consultations, where anyone may comment). Thin: parse, call one service, redirect."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from fazhi.core import files, permissions
from fazhi.core import selectors as core_selectors
from fazhi.core.access import public_page, rate_limited, request_staff, staff_required, step_required
from fazhi.core.errors import DomainError
from fazhi.core.models import Staff
from fazhi.core.pages import form_page
from fazhi.core.public_cache import cached_public_page
from fazhi.core.roles import Role
from fazhi.core.selectors import attachments_of
from fazhi.decisions import rules, selectors, services
from fazhi.decisions.forms import (
    AnswerForm,
    ArchiveForm,
    AssessmentForm,
    CatalogueItemForm,
    CataloguePublishForm,
    CommentPeriodForm,
    DiscussionForm,
    EvaluationForm,
    LegalityOpinionForm,
    LegalitySubmitForm,
    PublicCommentForm,
    PublishForm,
    RegisterForm,
    StepFileForm,
)
from fazhi.decisions.models import MajorDecision
from fazhi.ledger.selectors import verified_history

READERS = (Role.ADMIN, Role.HEAD, Role.LEGAL_COUNSEL, Role.LEGAL_REVIEWER, Role.SUPERVISOR)


@staff_required(*READERS)
@require_http_methods(["GET", "POST"])
def catalogue(request: HttpRequest) -> HttpResponse:
    actor = request_staff(request)
    today = timezone.localdate()
    try:
        year = int(request.GET.get("year", today.year))
    except ValueError:
        year = today.year
    departments = [(org.pk, org.name) for org in core_selectors.departments_of(actor)]
    form = CatalogueItemForm(request.POST or None, departments=departments, initial={"year": year})

    def save(data: dict[str, Any]) -> tuple[str, HttpResponse]:
        department = core_selectors.departments_of(actor).get(pk=data["department"])
        item = services.add_catalogue_item(
            actor, year=data["year"], title=data["title"], department=department
        )
        return "已列入目录：%(t)s。" % {"t": item.title}, redirect(f"/decisions/?year={item.year}")

    if request.method == "POST":
        return form_page(request, form, title="列入决策事项目录", save=save)
    context = {
        "year": year,
        "items": selectors.catalogue_for(actor, year=year),
        "form": form if permissions.may_take(actor, rules.STEPS["add_item"]) else None,
        "may_publish": permissions.may_take(actor, rules.STEPS["publish_catalogue"]),
        "catalogue_publish_form": CataloguePublishForm(auto_id="catalogue_%s"),
    }
    return render(request, "decisions/catalogue.html", context)


@step_required(rules.STEPS["publish_catalogue"])
@require_POST
def catalogue_publish(request: HttpRequest) -> HttpResponse:
    actor = request_staff(request)
    year = int(request.POST.get("year", "0") or 0)
    if not CataloguePublishForm(request.POST).is_valid():
        messages.error(request, "此操作不可撤销，请阅读提示并勾选确认。")
        return redirect(f"/decisions/?year={year}")
    try:
        count = services.publish_catalogue(actor, year=year)
    except DomainError as error:
        messages.error(request, "%(m)s（依据：%(c)s）" % {"m": error.message, "c": error.citation})
    else:
        messages.success(request, "已公布 %(y)d 年度目录 %(n)d 项。" % {"y": year, "n": count})
    return redirect(f"/decisions/?year={year}")


@step_required(rules.STEPS["start"])
@require_http_methods(["GET", "POST"])
def start(request: HttpRequest, item_id: int) -> HttpResponse:
    actor = request_staff(request)
    item = selectors.access_catalogue_item(actor, item_id)

    def save(data: dict[str, Any]) -> tuple[str, HttpResponse]:
        decision = services.register_decision(actor, item, **data)
        return "已启动决策程序。", redirect("decisions:detail", decision.pk)

    return form_page(
        request, RegisterForm(request.POST or None), title="决策启动：%(t)s" % {"t": item.title}, save=save
    )


@staff_required(*READERS)
def detail(request: HttpRequest, decision_id: int) -> HttpResponse:
    actor = request_staff(request)
    decision = selectors.access_decision(actor, decision_id)
    today = timezone.localdate()
    period = getattr(decision, "comment_period", None)
    context = {
        "decision": decision,
        "period": period,
        "comments": list(period.comments.all()) if period else [],
        "assessments": list(decision.assessments.all()),
        "reviews": list(decision.legality_reviews.select_related("reviewer")),
        "discussion": getattr(decision, "discussion", None),
        "steps": selectors.offers_for(actor, decision, today=today),
        "may_moderate": permissions.may_take(actor, rules.STEPS["moderate"]),
        "may_answer": permissions.may_take(actor, rules.STEPS["answer"]),
        "history": verified_history(decision),
        "today": today,
        "evaluations": list(decision.evaluations.all()),
        "archive_form": ArchiveForm(),
        "archive_file": attachments_of(decision._meta.label_lower, decision.pk)
        .filter(description="决策档案")
        .first(),
    }
    return render(request, "decisions/detail.html", context)


def _step(request: HttpRequest, decision_id: int, *, title: str, form: Any, act: Any) -> HttpResponse:
    actor = request_staff(request)
    decision = selectors.access_decision(actor, decision_id)

    def save(data: dict[str, Any]) -> tuple[str, HttpResponse]:
        return act(actor, decision, data), redirect("decisions:detail", decision.pk)

    return form_page(request, form, title="%(s)s：%(t)s" % {"s": title, "t": decision}, save=save)


@step_required(rules.STEPS["open_comments"])
@require_http_methods(["GET", "POST"])
def open_comments(request: HttpRequest, decision_id: int) -> HttpResponse:
    def act(actor: Staff, decision: MajorDecision, data: dict[str, Any]) -> str:
        period = services.open_comment_period(actor, decision, **data)
        return "已在公示网页公开征求意见，至 %(d)s 截止。" % {"d": period.closes_on.isoformat()}

    today = timezone.localdate()
    initial = {"opens_on": today, "closes_on": today + datetime.timedelta(days=rules.COMMENT_MIN_DAYS)}
    return _step(
        request,
        decision_id,
        title="公开征求意见",
        form=CommentPeriodForm(request.POST or None, initial=initial),
        act=act,
    )


@step_required(rules.STEPS["moderate"])
@require_POST
def moderate(request: HttpRequest, comment_id: int) -> HttpResponse:
    actor = request_staff(request)
    comment = selectors.access_comment(actor, comment_id)
    try:
        services.moderate_comment(actor, comment, approve=request.POST.get("approve") == "1")
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, "已审核。")
    return redirect("decisions:detail", comment.period.decision_id)


@step_required(rules.STEPS["answer"])
@require_http_methods(["GET", "POST"])
def answer(request: HttpRequest, comment_id: int) -> HttpResponse:
    actor = request_staff(request)
    comment = selectors.access_comment(actor, comment_id)

    def save(data: dict[str, Any]) -> tuple[str, HttpResponse]:
        services.answer_comment(actor, comment, **data)
        return "已答复。", redirect("decisions:detail", comment.period.decision_id)

    return form_page(request, AnswerForm(request.POST or None), title="答复公众意见", save=save)


@step_required(rules.STEPS["assess"])
@require_http_methods(["GET", "POST"])
def assess(request: HttpRequest, decision_id: int) -> HttpResponse:
    def act(actor: Staff, decision: MajorDecision, data: dict[str, Any]) -> str:
        done = services.record_assessment(actor, decision, **data)
        return "已记录%(k)s。" % {"k": done.get_kind_display()}

    form = AssessmentForm(request.POST or None, initial={"held_on": timezone.localdate()})
    return _step(request, decision_id, title="专家论证或风险评估", form=form, act=act)


@step_required(rules.STEPS["legality_submit"])
@require_http_methods(["GET", "POST"])
def legality_submit(request: HttpRequest, decision_id: int) -> HttpResponse:
    def act(actor: Staff, decision: MajorDecision, data: dict[str, Any]) -> str:
        review = services.submit_legality_review(actor, decision, **data)
        return "已提交合法性审查，审查期限 %(d)s。" % {"d": review.due_on.isoformat()}

    initial = {"due_on": rules.LEGALITY_REVIEW.due(timezone.localdate()).due}
    form = LegalitySubmitForm(request.POST or None, initial=initial)
    return _step(request, decision_id, title="提交合法性审查", form=form, act=act)


@step_required(rules.STEPS["legality_opinion"])
@require_http_methods(["GET", "POST"])
def legality_opinion(request: HttpRequest, decision_id: int) -> HttpResponse:
    def act(actor: Staff, decision: MajorDecision, data: dict[str, Any]) -> str:
        review = services.give_legality_opinion(actor, decision, **data)
        return "已出具合法性审查意见（%(r)s）。" % {"r": "通过" if review.passed else "须修改"}

    return _step(
        request, decision_id, title="合法性审查意见", form=LegalityOpinionForm(request.POST or None), act=act
    )


@step_required(rules.STEPS["discuss"])
@require_http_methods(["GET", "POST"])
def discuss(request: HttpRequest, decision_id: int) -> HttpResponse:
    actor = request_staff(request)
    people = permissions.visible(actor, Staff.objects.filter(is_active=True, is_system=False)).order_by(
        "full_name"
    )

    def act(actor: Staff, decision: MajorDecision, data: dict[str, Any]) -> str:
        data["attendees"] = list(data["attendees"])
        services.record_discussion(actor, decision, services.DiscussionInput(**data))
        return "已记录集体讨论决定。"

    form = DiscussionForm(request.POST or None, people=people, initial={"meeting_on": timezone.localdate()})
    return _step(request, decision_id, title="集体讨论决定", form=form, act=act)


@step_required(rules.STEPS["publish"])
@require_http_methods(["GET", "POST"])
def publish(request: HttpRequest, decision_id: int) -> HttpResponse:
    def act(actor: Staff, decision: MajorDecision, data: dict[str, Any]) -> str:
        services.publish_decision(actor, decision, published_on=data["published_on"], where=data["where"])
        return "已公布。"

    form = PublishForm(request.POST or None, initial={"published_on": timezone.localdate()})
    return _step(request, decision_id, title="公布决策", form=form, act=act)


@step_required(rules.STEPS["evaluate"])
@require_http_methods(["GET", "POST"])
def evaluate(request: HttpRequest, decision_id: int) -> HttpResponse:
    def act(actor: Staff, decision: MajorDecision, data: dict[str, Any]) -> str:
        services.record_post_evaluation(actor, decision, **data)
        return "已记录决策后评估。"

    form = EvaluationForm(request.POST or None, initial={"evaluated_on": timezone.localdate()})
    return _step(request, decision_id, title="决策后评估", form=form, act=act)


@step_required(rules.STEPS["attach"])
@require_http_methods(["GET", "POST"])
def attach(request: HttpRequest, decision_id: int) -> HttpResponse:
    def act(actor: Staff, decision: MajorDecision, data: dict[str, Any]) -> str:
        stored = files.StoredFile(*files.store(data["file"], original_name=data["file"].name))
        services.attach_file(actor, decision, step=data["step"], stored=stored)
        return "已添加材料“%(n)s”。" % {"n": stored.name}

    return _step(
        request,
        decision_id,
        title="添加材料",
        form=StepFileForm(request.POST or None, request.FILES or None),
        act=act,
    )


@step_required(rules.STEPS["archive"])
@require_POST
def archive(request: HttpRequest, decision_id: int) -> HttpResponse:
    actor = request_staff(request)
    decision = selectors.access_decision(actor, decision_id)
    form = ArchiveForm(request.POST)
    if not form.is_valid():
        messages.error(request, "此操作不可撤销，请阅读提示并勾选确认。")
        return redirect("decisions:detail", decision.pk)
    try:
        services.archive_decision(actor, decision)
    except DomainError as error:
        messages.error(request, "%(m)s（依据：%(c)s）" % {"m": error.message, "c": error.citation})
    else:
        messages.success(request, "已归档，决策档案已存证。")
    return redirect("decisions:detail", decision.pk)


# ------------------------------------------------------------------------------------------ the public


@rate_limited
@public_page
@cached_public_page
def public_list(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    context = {
        "consultations": selectors.public_consultations(today=today)[:50],
        "catalogue": selectors.published_catalogue(year=today.year),
        "today": today,
        "year": today.year,
    }
    return render(request, "decisions/public_list.html", context)


@rate_limited
@public_page
@require_http_methods(["GET", "POST"])
def public_consultation(request: HttpRequest, period_id: int) -> HttpResponse:
    """A draft open for comment: anyone may comment without an account; a comment appears once it is
    reviewed, with its ID and phone numbers hidden, and later with its answer."""
    today = timezone.localdate()
    period, draft, comments = selectors.public_consultation(period_id, today=today)
    form = PublicCommentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.submit_comment(period, services.CommentInput(**form.cleaned_data), today=today)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, "已收到您的意见，经审核后公开。")
            return redirect("juece:detail", period.pk)
    context = {
        "period": period,
        "draft": draft,
        "comments": comments,
        "form": form,
        "open": period.opens_on <= today <= period.closes_on,
    }
    return render(request, "decisions/public_detail.html", context, status=422 if form.errors else 200)
