"""Annual report endpoints: the reports, drafting, paragraphs (with the sentences no figure backs), the
head's decisions on the suggested shortcomings and confirmation of the town's own statements, 定稿 and 公开, and any
organisation's figures for a year — with the same services, rules and errors as the pages."""

from __future__ import annotations

import dataclasses
import datetime
from decimal import Decimal
from typing import Annotated

from django.http import HttpRequest
from ninja import Router, Schema, Status

from fazhi.core import api_params
from fazhi.core.api_input import Choice, OptionalText, RecordId, Required
from fazhi.core.errors import NotFoundOrHidden
from fazhi.core.figures import Scope, Value, compute_all
from fazhi.reports import rules, selectors, services, wording
from fazhi.reports.models import AnnualReport, ReportParagraph, SuggestionDecision

router = Router(tags=["年度报告"])


class ReportOut(Schema):
    id: int
    organisation_id: int
    year: int
    title: str
    status: str
    ledger_size: int | None
    finalised_at: datetime.datetime | None
    published_at: datetime.datetime | None


class ParagraphOut(Schema):
    id: int
    section: str
    key: str
    heading: bool
    text: str
    filled: str
    own_statements: list[str]
    unconfirmed_statements: list[str]


class FigureOut(Schema):
    key: str
    label: str
    value: int | float | str | None
    display: str
    numerator: int | None
    denominator: int | None
    start: datetime.date
    end: datetime.date
    source: str


class SuggestionOut(Schema):
    prompt: str
    status: str
    status_label: str
    shortcoming: str
    plan: str
    decided_by: str
    decided_at: datetime.datetime | None


class ReportDetailOut(Schema):
    report: ReportOut
    paragraphs: list[ParagraphOut]
    suggestions: list[SuggestionOut]
    figures: list[FigureOut]


def _figures(values: dict[str, Value]) -> list[dict[str, object]]:
    """Shares go out as numbers (87.5), not as strings of decimals."""
    return [
        {
            **dataclasses.asdict(value),
            "value": float(value.value) if isinstance(value.value, Decimal) else value.value,
        }
        for value in values.values()
    ]


def _suggestions(report: AnnualReport, values: dict[str, Value]) -> list[dict[str, object]]:
    context = selectors.context_of(report)
    return [
        {
            "prompt": suggestion.key,
            "status": suggestion.status,
            "status_label": suggestion.status_label,
            "shortcoming": wording.fill(suggestion.shortcoming, values, context),
            "plan": wording.fill(suggestion.plan, values, context),
            "decided_by": suggestion.decision.decided_by.full_name if suggestion.decision else "",
            "decided_at": suggestion.decision.decided_at if suggestion.decision else None,
        }
        for suggestion in selectors.suggestions_of(report, values)
    ]


def _detail(report: AnnualReport) -> dict[str, object]:
    """The report's stored paragraphs (`text` with its figures' keys, `filled` as it reads in its
    place: numbered in 三 and 四) and the suggestions of 三 with the head's decisions."""
    values = selectors.values_of(report)
    context = selectors.context_of(report)
    placed = {
        line.pk: line
        for section in selectors.sections_of(report, values)
        for line in section.paragraphs
        if line.pk
    }
    own = {
        found.paragraph.pk: (found.confirmed + found.unconfirmed, found.unconfirmed)
        for found in selectors.own_statements_of(report)
    }
    paragraphs = [
        {
            "id": paragraph.pk,
            "section": paragraph.section,
            "key": paragraph.key,
            "heading": paragraph.heading,
            "text": paragraph.text,
            "filled": paragraph.rendered
            or wording.fill(placed.get(paragraph.pk, paragraph).text, values, context),
            "own_statements": own.get(paragraph.pk, ([], []))[0],
            "unconfirmed_statements": own.get(paragraph.pk, ([], []))[1],
        }
        for paragraph in report.paragraphs.all()
    ]
    return {
        "report": report,
        "paragraphs": paragraphs,
        "suggestions": _suggestions(report, values),
        "figures": _figures(values),
    }


@router.get("/reports", response=list[ReportOut], summary="年度报告")
def list_reports(
    request: HttpRequest, limit: api_params.Limit = 50, offset: api_params.Offset = 0
) -> list[AnnualReport]:
    return list(api_params.page(selectors.reports_for(api_params.actor(request)), limit, offset))


class DraftIn(Schema):
    year: int


@router.post("/reports", response={201: ReportDetailOut}, summary="生成年度报告草稿")
def draft(request: HttpRequest, payload: DraftIn) -> Status[dict[str, object]]:
    return Status(201, _detail(services.draft_report(api_params.actor(request), year=payload.year)))


@router.get("/reports/{id:report_id}", response=ReportDetailOut, summary="年度报告全文和数据")
def detail(request: HttpRequest, report_id: int) -> dict[str, object]:
    return _detail(selectors.access_report(api_params.actor(request), report_id))


class TextIn(Schema):
    text: Annotated[str, Required("请填写段落文字。")]


def _paragraph(request: HttpRequest, report_id: int, paragraph_id: int) -> ReportParagraph:
    report = selectors.access_report(api_params.actor(request), report_id)
    paragraph = report.paragraphs.filter(pk=paragraph_id).first()
    if paragraph is None:
        raise NotFoundOrHidden()
    return paragraph


@router.put(
    "/reports/{id:report_id}/paragraphs/{id:paragraph_id}", response=ReportDetailOut, summary="修改段落"
)
def edit(request: HttpRequest, report_id: int, paragraph_id: int, payload: TextIn) -> dict[str, object]:
    paragraph = _paragraph(request, report_id, paragraph_id)
    services.edit_paragraph(api_params.actor(request), paragraph, text=payload.text)
    return _detail(selectors.access_report(api_params.actor(request), report_id))


class NewParagraphIn(TextIn):
    section: Annotated[str, Choice(rules.SECTIONS, "请选择报告的部分。")]


@router.post("/reports/{id:report_id}/paragraphs", response={201: ReportDetailOut}, summary="增加段落")
def add(request: HttpRequest, report_id: int, payload: NewParagraphIn) -> Status[dict[str, object]]:
    report = selectors.access_report(api_params.actor(request), report_id)
    services.add_paragraph(api_params.actor(request), report, section=payload.section, text=payload.text)
    return Status(201, _detail(report))


@router.delete(
    "/reports/{id:report_id}/paragraphs/{id:paragraph_id}", response={204: None}, summary="删除段落"
)
def remove(request: HttpRequest, report_id: int, paragraph_id: int) -> Status[None]:
    services.remove_paragraph(api_params.actor(request), _paragraph(request, report_id, paragraph_id))
    return Status(204, None)


@router.get(
    "/reports/{id:report_id}/suggestions", response=list[SuggestionOut], summary="数据提示的不足建议及决定"
)
def suggestions(request: HttpRequest, report_id: int) -> list[dict[str, object]]:
    report = selectors.access_report(api_params.actor(request), report_id)
    return _suggestions(report, selectors.values_of(report))


class SuggestionDecisionIn(Schema):
    decision: Annotated[str, Choice(SuggestionDecision, "请选择确认、改写或不采纳。")]
    text: OptionalText = ""


@router.post(
    "/reports/{id:report_id}/suggestions/{prompt_key}",
    response=ReportDetailOut,
    summary="确认、改写或不采纳不足建议",
)
def decide(
    request: HttpRequest, report_id: int, prompt_key: str, payload: SuggestionDecisionIn
) -> dict[str, object]:
    report = selectors.access_report(api_params.actor(request), report_id)
    services.decide_suggestion(
        api_params.actor(request), report, prompt_key=prompt_key, decision=payload.decision, text=payload.text
    )
    return _detail(report)


class StatementsIn(Schema):
    paragraph: RecordId | None = None


@router.post("/reports/{id:report_id}/statements/confirm", response=ReportDetailOut, summary="确认本镇自述")
def confirm_statements(request: HttpRequest, report_id: int, payload: StatementsIn) -> dict[str, object]:
    """The head confirms the sentences no figure backs: of one paragraph, or (no paragraph) all."""
    report = selectors.access_report(api_params.actor(request), report_id)
    services.confirm_statements(api_params.actor(request), report, paragraph_id=payload.paragraph)
    return _detail(report)


@router.post("/reports/{id:report_id}/finalise", response=ReportDetailOut, summary="定稿")
def finalise(request: HttpRequest, report_id: int) -> dict[str, object]:
    report = selectors.access_report(api_params.actor(request), report_id)
    return _detail(services.finalise_report(api_params.actor(request), report))


@router.post("/reports/{id:report_id}/publish", response=ReportDetailOut, summary="公开")
def publish(request: HttpRequest, report_id: int) -> dict[str, object]:
    report = selectors.access_report(api_params.actor(request), report_id)
    return _detail(services.publish_report(api_params.actor(request), report))


@router.get("/reports-figures", response=list[FigureOut], summary="某机构某年度的报告数据")
def figures(request: HttpRequest, org: RecordId, year: api_params.Year) -> list[dict[str, object]]:
    scope: Scope = selectors.access_scope(api_params.actor(request), org, year)
    return _figures(compute_all(scope))
