"""Annual report pages: the reports, a report with its figures linked to their rows, editing (each
figure named by its Chinese label), the head's decision on each shortcoming the figures suggest, 定稿,
公开, the .docx, the wording an administrator sets, and the portal's copy. Thin: parse, call one
service, redirect."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from fazhi.core import permissions
from fazhi.core.access import public_page, rate_limited, request_staff, staff_required, step_required
from fazhi.core.errors import NotFoundOrHidden
from fazhi.core.figures import Scope, Value
from fazhi.core.pages import docx_download, form_page, paginate, query_without_page
from fazhi.core.public_cache import cached_public_page
from fazhi.core.roles import Role
from fazhi.reports import documents, rules, selectors, services, wording
from fazhi.reports.dashboard_views import DASHBOARD_ROLES
from fazhi.reports.forms import (
    ConfirmForm,
    DecisionForm,
    DraftForm,
    NewParagraphForm,
    ParagraphForm,
    StatementsForm,
)
from fazhi.reports.models import AnnualReport, ReportStatus, SuggestionDecision

READERS = (Role.HEAD, Role.ADMIN, Role.SUPERVISOR, Role.LEGAL_REVIEWER, Role.LEGAL_COUNSEL)


def _years() -> list[int]:
    this_year = timezone.localdate().year
    return [this_year, *range(this_year - 1, this_year - 8, -1)]


@staff_required(*READERS)
@require_http_methods(["GET", "POST"])
def report_list(request: HttpRequest) -> HttpResponse:
    actor = request_staff(request)
    form = DraftForm(request.POST or None, years=_years(), initial={"year": timezone.localdate().year - 1})

    def save(data: dict[str, Any]) -> tuple[str, HttpResponse]:
        report = services.draft_report(actor, year=data["year"])
        return "已生成%(t)s草稿，数据取自截至目前的记录。" % {"t": report.title}, redirect(
            "reports:detail", report.pk
        )

    if request.method == "POST":
        return form_page(request, form, title="生成年度报告", save=save)
    today = timezone.localdate()
    context = {
        "page": paginate(request, selectors.reports_for(actor)),
        "query_string": query_without_page(request),
        "form": form if permissions.may_take(actor, rules.STEPS["draft"]) else None,
        "publish_by": rules.publish_by(today.year - 1),
        "can_view_dashboard": permissions.has_role(actor, *DASHBOARD_ROLES),
        "can_reword": permissions.may_take(actor, rules.STEPS["reword"]),
    }
    return render(request, "reports/list.html", context)


def _figure_link(report: AnnualReport) -> Any:
    return lambda key: reverse("reports:figure", args=[report.pk, key])


def _editor_context(report: AnnualReport | None, values: dict[str, Value]) -> dict[str, object]:
    """The "插入数据" list of the paragraph editor: each figure by its label, with its value now."""
    context = selectors.context_of(report) if report else {}
    return {"report": report, "figure_choices": wording.editor_figures(values, context)}


@staff_required(*READERS)
def report_detail(request: HttpRequest, report_id: int) -> HttpResponse:
    actor = request_staff(request)
    report = selectors.access_report(actor, report_id)
    values = selectors.values_of(report)
    context_names = selectors.context_of(report)
    link = _figure_link(report)
    is_draft = report.status == ReportStatus.DRAFT
    report_sections = selectors.sections_of(report, values)
    sections = [
        (
            section,
            [
                (
                    paragraph,
                    wording.fill_html_marked(
                        paragraph.text,
                        values,
                        context_names,
                        link,
                        paragraph.confirmed_statements,
                        selectors.confirmed_note(paragraph),
                    )
                    if is_draft and section.key in rules.OWN_STATEMENT_SECTIONS and not paragraph.heading
                    else wording.fill_html(paragraph.text, values, context_names, link),
                )
                for paragraph in section.paragraphs
            ],
        )
        for section in report_sections
    ]
    checkpoint = selectors.checkpoint_of(report)
    own = report.organisation_id == getattr(permissions.scope_root(actor), "pk", None)
    steps = selectors.offers_for(actor, report)
    context = {
        "report": report,
        "sections": sections,
        "values": values,
        "suggestions": [
            (suggestion, wording.fill_html(suggestion.shortcoming, values, context_names, link))
            for suggestion in (selectors.suggestions_of(report, values) if is_draft else [])
        ],
        "undecided_mark": rules.UNDECIDED_MARK,
        "own_statements": [
            (found, [wording.fill(sentence, values, context_names) for sentence in found.unconfirmed])
            for found in selectors.own_statements_of(report)
            if found.unconfirmed
        ]
        if is_draft
        else [],
        "own_statement_note": rules.OWN_STATEMENT_NOTE,
        "appendix": selectors.appendix_of(report_sections, values),
        "appendix_title": rules.APPENDIX_TITLE,
        "can_confirm": own and "confirm_statements" in steps and steps["confirm_statements"].allowed,
        "can_edit": own and "edit" in steps and steps["edit"].allowed,
        "can_decide": own and "decide_suggestion" in steps and steps["decide_suggestion"].allowed,
        "can_finalise": own and "finalise" in steps and steps["finalise"].allowed,
        "can_publish": own and "publish" in steps and steps["publish"].allowed,
        "checkpoint": checkpoint,
        "checkpoint_root": bytes(checkpoint.root_hash).hex() if checkpoint else "",
        "publish_by": rules.publish_by(report.year),
    }
    return render(request, "reports/detail.html", context)


@step_required(rules.STEPS["edit"])
@require_http_methods(["GET", "POST"])
def paragraph_edit(request: HttpRequest, report_id: int, paragraph_id: int) -> HttpResponse:
    actor = request_staff(request)
    report = selectors.access_report(actor, report_id)
    paragraph = report.paragraphs.filter(pk=paragraph_id).first()
    if paragraph is None:
        raise NotFoundOrHidden()

    def save(data: dict[str, Any]) -> tuple[str, HttpResponse]:
        services.edit_paragraph(actor, paragraph, text=data["text"])
        return "已保存段落。", redirect(f"{reverse('reports:detail', args=[report.pk])}#p{paragraph.pk}")

    form = ParagraphForm(request.POST or None, initial={"text": wording.for_editor(paragraph.text)})
    return form_page(
        request,
        form,
        title="修改段落",
        save=save,
        template="reports/paragraph_form.html",
        extra_context=_editor_context(report, selectors.values_of(report)),
    )


@step_required(rules.STEPS["edit"])
@require_http_methods(["GET", "POST"])
def paragraph_create(request: HttpRequest, report_id: int) -> HttpResponse:
    actor = request_staff(request)
    report = selectors.access_report(actor, report_id)

    def save(data: dict[str, Any]) -> tuple[str, HttpResponse]:
        paragraph = services.add_paragraph(actor, report, section=data["section"], text=data["text"])
        return "已增加段落。", redirect(f"{reverse('reports:detail', args=[report.pk])}#p{paragraph.pk}")

    form = NewParagraphForm(request.POST or None, initial={"section": request.GET.get("section", "")})
    return form_page(
        request,
        form,
        title="增加段落",
        save=save,
        template="reports/paragraph_form.html",
        extra_context=_editor_context(report, selectors.values_of(report)),
    )


@step_required(rules.STEPS["edit"])
@require_http_methods(["POST"])
def paragraph_remove(request: HttpRequest, report_id: int, paragraph_id: int) -> HttpResponse:
    actor = request_staff(request)
    report = selectors.access_report(actor, report_id)
    paragraph = report.paragraphs.filter(pk=paragraph_id).first()
    if paragraph is None:
        raise NotFoundOrHidden()

    def save(data: dict[str, Any]) -> tuple[str, HttpResponse]:
        services.remove_paragraph(actor, paragraph)
        return "已删除段落。", redirect("reports:detail", report.pk)

    return form_page(request, ConfirmForm(request.POST), title="删除段落", save=save)


@step_required(rules.STEPS["decide_suggestion"])
@require_http_methods(["POST"])
def suggestion_decide(request: HttpRequest, report_id: int, prompt_key: str) -> HttpResponse:
    """确认 or 不采纳 from the report's page (改写 has its own page)."""
    actor = request_staff(request)
    report = selectors.access_report(actor, report_id)

    def save(data: dict[str, Any]) -> tuple[str, HttpResponse]:
        row = services.decide_suggestion(actor, report, prompt_key=prompt_key, decision=data["decision"])
        return "已%(d)s该建议。" % {
            "d": "确认" if row.decision == SuggestionDecision.CONFIRMED else "不采纳"
        }, redirect(f"{reverse('reports:detail', args=[report.pk])}#shortcomings")

    return form_page(request, DecisionForm(request.POST), title="确认不足建议", save=save)


@step_required(rules.STEPS["confirm_statements"])
@require_http_methods(["POST"])
def statements_confirm(request: HttpRequest, report_id: int) -> HttpResponse:
    """确认 the town's own statements of one paragraph, or all of them, from the report's page."""
    actor = request_staff(request)
    report = selectors.access_report(actor, report_id)

    def save(data: dict[str, Any]) -> tuple[str, HttpResponse]:
        count = services.confirm_statements(actor, report, paragraph_id=data["paragraph"])
        return "已确认%(n)d句本镇自述。" % {"n": count}, redirect(
            f"{reverse('reports:detail', args=[report.pk])}#own-statements"
        )

    return form_page(request, StatementsForm(request.POST), title="确认本镇自述", save=save)


@step_required(rules.STEPS["decide_suggestion"])
@require_http_methods(["GET", "POST"])
def suggestion_reword(request: HttpRequest, report_id: int, prompt_key: str) -> HttpResponse:
    """改写: the head's own words for the shortcoming, starting from the suggested text and its
    request for the reason."""
    actor = request_staff(request)
    report = selectors.access_report(actor, report_id)
    prompt = rules.PROMPTS_BY_KEY.get(prompt_key)
    if prompt is None:
        raise NotFoundOrHidden()
    decided = report.suggestions.filter(prompt=prompt.key, decision=SuggestionDecision.REWORDED).first()

    def save(data: dict[str, Any]) -> tuple[str, HttpResponse]:
        services.decide_suggestion(
            actor, report, prompt_key=prompt.key, decision="reworded", text=data["text"]
        )
        return "已改写该建议并采纳。", redirect(f"{reverse('reports:detail', args=[report.pk])}#shortcomings")

    form = ParagraphForm(
        request.POST or None,
        initial={"text": wording.for_editor(decided.text if decided else prompt.shortcoming)},
    )
    return form_page(
        request,
        form,
        title="改写不足建议",
        save=save,
        template="reports/paragraph_form.html",
        extra_context=_editor_context(report, selectors.values_of(report)),
    )


@step_required(rules.STEPS["finalise"])
@require_http_methods(["POST"])
def report_finalise(request: HttpRequest, report_id: int) -> HttpResponse:
    actor = request_staff(request)
    report = selectors.access_report(actor, report_id)

    def save(data: dict[str, Any]) -> tuple[str, HttpResponse]:
        frozen = services.finalise_report(actor, report)
        return "已定稿：数据和文字已按账本前 %(n)s 条事件固定。" % {"n": frozen.ledger_size}, redirect(
            "reports:detail", report.pk
        )

    return form_page(request, ConfirmForm(request.POST), title="定稿", save=save)


@step_required(rules.STEPS["publish"])
@require_http_methods(["POST"])
def report_publish(request: HttpRequest, report_id: int) -> HttpResponse:
    actor = request_staff(request)
    report = selectors.access_report(actor, report_id)

    def save(data: dict[str, Any]) -> tuple[str, HttpResponse]:
        services.publish_report(actor, report)
        return "已在政务公开栏目公开。", redirect("reports:detail", report.pk)

    return form_page(request, ConfirmForm(request.POST), title="公开", save=save)


def _docx_response(report: AnnualReport, *, public: bool = False) -> HttpResponse:
    """The report as .docx; the portal's copy is written from the sections as the portal shows them."""
    if public:
        sections, values = selectors.public_report(report)
    else:
        values = selectors.values_of(report)
        sections = selectors.sections_of(report, values)
    content = documents.report_docx(report, sections, values, selectors.context_of(report))
    return docx_download(content, documents.report_filename(report))


@staff_required(*READERS)
def report_docx(request: HttpRequest, report_id: int) -> HttpResponse:
    return _docx_response(selectors.access_report(request_staff(request), report_id))


@staff_required(*READERS)
def figure_rows(request: HttpRequest, report_id: int, key: str) -> HttpResponse:
    """The rows a figure of the report counts; a finalised report shows its frozen value beside them."""
    actor = request_staff(request)
    report = selectors.access_report(actor, report_id)
    return _figure_page(request, Scope(report.organisation, report.year), key, report=report)


@staff_required(*READERS)
def scope_figure_rows(request: HttpRequest, key: str) -> HttpResponse:
    """A figure's rows for an organisation and year outside a report (the dashboards link here)."""
    actor = request_staff(request)
    scope = selectors.access_scope(actor, request.GET.get("org", ""), request.GET.get("year", ""))
    return _figure_page(request, scope, key, report=None)


def _figure_page(
    request: HttpRequest, scope: Scope, key: str, *, report: AnnualReport | None
) -> HttpResponse:
    figure = selectors.figure(key)
    live = figure.compute(scope)
    frozen = selectors.values_of(report).get(key) if report and report.status != ReportStatus.DRAFT else None
    page = paginate(request, figure.drill_down(scope))
    rows = [
        (
            [column.value(row) for column in figure.columns],
            figure.link(row) if figure.link else "",
            getattr(row, "counted", None),
        )
        for row in page.rows
    ]
    context = {
        "figure": figure,
        "scope": scope,
        "value": live,
        "frozen": frozen,
        "report": report,
        "page": page,
        "rows": rows,
        "query_string": query_without_page(request),
    }
    return render(request, "reports/figure.html", context)


@step_required(rules.STEPS["reword"])
def wording_list(request: HttpRequest) -> HttpResponse:
    actor = request_staff(request)
    root = permissions.scope_root(actor)
    if root is None:
        raise NotFoundOrHidden()
    context = {
        "wordings": [(default, wording.for_editor(text)) for default, text in selectors.wordings(root)],
        "titles": rules.SECTION_TITLES,
        "root": root,
    }
    return render(request, "reports/wording_list.html", context)


@step_required(rules.STEPS["reword"])
@require_http_methods(["GET", "POST"])
def wording_edit(request: HttpRequest, key: str) -> HttpResponse:
    actor = request_staff(request)
    root = permissions.scope_root(actor)
    if root is None or key not in rules.DEFAULTS_BY_KEY:
        raise NotFoundOrHidden()

    def save(data: dict[str, Any]) -> tuple[str, HttpResponse]:
        services.set_wording(actor, key=key, text=data["text"])
        return "已保存段落模板，此后生成的报告采用新的文字。", redirect("reports:wording")

    form = ParagraphForm(
        request.POST or None, initial={"text": wording.for_editor(selectors.wording(root, key))}
    )
    return form_page(
        request,
        form,
        title="修改段落模板",
        save=save,
        template="reports/paragraph_form.html",
        extra_context=_editor_context(None, {}),
    )


# ------------------------------------------------------------------------------------------ the public


@rate_limited
@public_page
@cached_public_page
def public_list(request: HttpRequest) -> HttpResponse:
    context = {
        "page": paginate(request, selectors.published_reports()),
        "query_string": query_without_page(request),
    }
    return render(request, "reports/public_list.html", context)


@rate_limited
@public_page
@cached_public_page
def public_detail(request: HttpRequest, report_id: int) -> HttpResponse:
    report = selectors.access_published(report_id)
    sections, values = selectors.public_report(report)
    context = {
        "report": report,
        "sections": sections,
        "appendix": selectors.appendix_of(sections, values),
        "appendix_title": rules.APPENDIX_TITLE,
    }
    return render(request, "reports/public_detail.html", context)


@rate_limited
@public_page
def public_docx(request: HttpRequest, report_id: int) -> HttpResponse:
    return _docx_response(selectors.access_published(report_id), public=True)
