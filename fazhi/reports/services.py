"""Every write of the annual report: the draft from the wording in force, paragraph edits, the head's
decision on each shortcoming the figures suggest, 定稿 (figures and text frozen with the ledger size,
then a signed checkpoint), publication on the portal, the wording an administrator sets, and the
reminder before 1 April."""

from __future__ import annotations

import datetime
import hashlib
import json
from dataclasses import dataclass

from django.db import transaction
from django.db.models import F, Max
from django.urls import reverse
from django.utils import timezone

from fazhi.core import locking, permissions
from fazhi.core import services as core_services
from fazhi.core.errors import InvalidInput, NotFoundOrHidden
from fazhi.core.figures import Scope, compute_all
from fazhi.core.models import TOWN_KINDS, Organisation, Staff
from fazhi.ledger import record as ledger
from fazhi.ledger import services as ledger_services
from fazhi.ledger.models import LedgerHead
from fazhi.reports import rules, selectors, wording
from fazhi.reports.events import ReportEvent
from fazhi.reports.models import (
    AnnualReport,
    ParagraphWording,
    ReportParagraph,
    ReportStatus,
    ReportSuggestion,
    SuggestionDecision,
)


def _take(actor: Staff, report: AnnualReport, step: str) -> AnnualReport:
    """The town's own report, locked, once reports.rules.STEPS lets the actor take `step` on it."""
    return locking.take_step(actor, report, rules.STEPS[step], selectors.ReportRowFacts)


def _check_placeholders(text: str) -> None:
    unknown = wording.unknown_placeholders(text)
    if unknown:
        message = "无法识别的数据占位符：%(p)s。请从数据清单中选用。" % {
            "p": "、".join("{%s}" % name for name in unknown)
        }
        raise InvalidInput(message, field_errors={"text": message})


@transaction.atomic(durable=True)
def draft_report(actor: Staff, *, year: int) -> AnnualReport:
    """The year's report, in the required structure, from the wording in force for the town."""
    permissions.require_step(actor, rules.STEPS["draft"])
    town = permissions.acting_town(actor)
    today = timezone.localdate()
    if not 2000 <= year <= today.year:
        raise InvalidInput("请选择今年或以前的年度。", field_errors={"year": "请选择今年或以前的年度。"})
    if AnnualReport.objects.filter(organisation=town, year=year).exists():
        raise InvalidInput(
            "%(y)d年度报告已经生成，请在原报告上修改。" % {"y": year},
            field_errors={"year": "%(y)d年度报告已经生成。" % {"y": year}},
        )
    report = AnnualReport.objects.create(
        organisation=town,
        year=year,
        title=rules.report_title(town.name, year),
        status=ReportStatus.DRAFT,
        created_by=actor,
    )
    ReportParagraph.objects.bulk_create(
        [
            ReportParagraph(
                report=report,
                section=default.section,
                position=(index + 1) * 10,
                key=default.key,
                heading=default.heading,
                text=text,
            )
            for index, (default, text) in enumerate(
                selectors.offered_wordings(town, compute_all(Scope(town, year)))
            )
        ]
    )
    ledger.record(
        actor, ReportEvent.DRAFTED, report, {"year": year, "title": report.title}, organisation=town
    )
    return report


@transaction.atomic(durable=True)
def edit_paragraph(actor: Staff, paragraph: ReportParagraph, *, text: str) -> ReportParagraph:
    report = _take(actor, paragraph.report, "edit")
    _check_placeholders(text)
    paragraph.text = text
    paragraph.save(update_fields=["text"])
    ledger.record(
        actor,
        ReportEvent.PARAGRAPH_EDITED,
        report,
        {"paragraph": paragraph.pk, "key": paragraph.key, "text": paragraph.text},
        organisation=report.organisation,
    )
    return paragraph


def _append(report: AnnualReport, *, section: str, text: str, key: str) -> ReportParagraph:
    last = report.paragraphs.filter(section=section).aggregate(last=Max("position"))["last"]
    if last is None:
        order = [name for name, _title in rules.SECTIONS]
        before = report.paragraphs.filter(section__in=order[: order.index(section)])
        last = before.aggregate(last=Max("position"))["last"] or 0
    # Positions are spaced by ten when drafted; shifting what follows keeps the order however many
    # paragraphs are added at one place.
    report.paragraphs.filter(position__gt=last).update(position=F("position") + 1)
    return ReportParagraph.objects.create(
        report=report, section=section, position=last + 1, key=key, text=text
    )


@transaction.atomic(durable=True)
def add_paragraph(actor: Staff, report: AnnualReport, *, section: str, text: str) -> ReportParagraph:
    report = _take(actor, report, "edit")
    _check_placeholders(text)
    paragraph = _append(report, section=section, text=text, key="")
    ledger.record(
        actor,
        ReportEvent.PARAGRAPH_ADDED,
        report,
        {"paragraph": paragraph.pk, "section": section, "text": paragraph.text},
        organisation=report.organisation,
    )
    return paragraph


@transaction.atomic(durable=True)
def decide_suggestion(
    actor: Staff, report: AnnualReport, *, prompt_key: str, decision: str, text: str = ""
) -> ReportSuggestion:
    """The head confirms a shortcoming the figures suggest, rewords it in their own words, or drops it.
    A decision may be changed while the report is a draft; each is recorded."""
    report = _take(actor, report, "decide_suggestion")
    prompt = rules.PROMPTS_BY_KEY.get(prompt_key)
    if prompt is None:
        raise NotFoundOrHidden()
    if decision not in SuggestionDecision.values:
        message = "请选择确认、改写或不采纳。"
        raise InvalidInput(message, field_errors={"decision": message})
    text = text.strip() if decision == SuggestionDecision.REWORDED else ""
    if decision == SuggestionDecision.REWORDED:
        _check_reworded(text)
    if not prompt.shows(selectors.values_of(report)):
        raise InvalidInput("记录已变化，数据不再提示这一不足，无需决定。")
    row, _ = ReportSuggestion.objects.update_or_create(
        report=report,
        prompt=prompt.key,
        defaults={"decision": decision, "text": text, "decided_by": actor, "decided_at": timezone.now()},
    )
    ledger.record(
        actor,
        ReportEvent.SUGGESTION_DECIDED,
        report,
        {"prompt": prompt.key, "decision": decision, "text": text},
        organisation=report.organisation,
    )
    return row


def _check_reworded(text: str) -> None:
    if not text:
        message = "请填写改写后的文字。"
        raise InvalidInput(message, field_errors={"text": message})
    if "（请写明原因）" in text:
        message = "请把“（请写明原因）”换成实际的原因。"
        raise InvalidInput(message, field_errors={"text": message})
    _check_placeholders(text)


@transaction.atomic(durable=True)
def confirm_statements(actor: Staff, report: AnnualReport, *, paragraph_id: int | None = None) -> int:
    """The head confirms the town's own statements (sentences no figure backs) of one paragraph, or
    of every paragraph with one still to confirm; returns how many sentences were confirmed."""
    report = _take(actor, report, "confirm_statements")
    pending = [found for found in selectors.own_statements_of(report) if found.unconfirmed]
    if paragraph_id is not None:
        pending = [found for found in pending if found.paragraph.pk == paragraph_id]
        if not pending:
            raise InvalidInput("该段落没有待确认的本镇自述。")
    if not pending:
        raise InvalidInput("报告中没有待确认的本镇自述。")
    now = timezone.now()
    for found in pending:
        found.paragraph.confirmed_statements = "\n".join(found.confirmed + found.unconfirmed)
        found.paragraph.confirmed_by = actor
        found.paragraph.confirmed_at = now
    ReportParagraph.objects.bulk_update(
        [found.paragraph for found in pending], ["confirmed_statements", "confirmed_by", "confirmed_at"]
    )
    ledger.record(
        actor,
        ReportEvent.STATEMENTS_CONFIRMED,
        report,
        {
            "paragraphs": [
                {"paragraph": found.paragraph.pk, "statements": found.unconfirmed} for found in pending
            ]
        },
        organisation=report.organisation,
    )
    return sum(len(found.unconfirmed) for found in pending)


@transaction.atomic(durable=True)
def remove_paragraph(actor: Staff, paragraph: ReportParagraph) -> None:
    report = _take(actor, paragraph.report, "edit")
    ledger.record(
        actor,
        ReportEvent.PARAGRAPH_REMOVED,
        report,
        {"paragraph": paragraph.pk, "key": paragraph.key, "text": paragraph.text},
        organisation=report.organisation,
    )
    paragraph.delete()


def figures_digest(figures: dict[str, object]) -> str:
    return hashlib.sha256(json.dumps(figures, ensure_ascii=False, sort_keys=True).encode()).hexdigest()


@transaction.atomic(durable=True)
def _freeze(actor: Staff, report: AnnualReport) -> AnnualReport:
    report = _take(actor, report, "finalise")
    paragraphs = {paragraph.pk: paragraph for paragraph in report.paragraphs.all()}
    unfinished = [paragraph for paragraph in paragraphs.values() if "（请写明原因）" in paragraph.text]
    if unfinished:
        raise InvalidInput(
            "“存在的不足和原因”中有%(n)d段尚未写明原因，请补充后再定稿。" % {"n": len(unfinished)}
        )
    rules.check_sections_written(selectors.empty_sections(report))
    # The ledger's size before this transaction's own event: the records the figures were counted from.
    head, _ = LedgerHead.objects.select_for_update().get_or_create(id=1)
    values = compute_all(Scope(report.organisation, report.year))
    suggestions = selectors.suggestions_of(report, values)
    rules.check_suggestions_decided(sum(s.status == rules.UNDECIDED for s in suggestions))
    rules.check_statements_confirmed(
        sum(len(found.unconfirmed) for found in selectors.own_statements_of(report))
    )
    context = selectors.context_of(report)
    # Every line as the sections place it (numbered, a lead closed) is frozen where it came from: a
    # stored paragraph, or the suggestion it was taken from.
    rows = {s.key: s.decision for s in suggestions if s.decision is not None}
    for s in suggestions:
        rows[s.key].rendered = wording.fill(s.shortcoming, values, context)  # a dropped one's too
    lines = [line for section in selectors.sections_of(report, values) for line in section.paragraphs]
    for line in lines:
        filled = wording.fill(line.text, values, context)
        if line.pk:
            paragraphs[line.pk].rendered = filled
        elif line.key.startswith("suggestion."):
            _, key, part = line.key.split(".")
            setattr(rows[key], "rendered" if part == "shortcoming" else "rendered_plan", filled)
    ReportParagraph.objects.bulk_update(paragraphs.values(), ["rendered"])
    ReportSuggestion.objects.bulk_update(rows.values(), ["rendered", "rendered_plan"])
    report.figures = {key: value.as_json() for key, value in values.items()}
    report.ledger_size = head.size
    report.status = ReportStatus.FINAL
    report.finalised_by = actor
    report.finalised_at = timezone.now()
    report.save(update_fields=["figures", "ledger_size", "status", "finalised_by", "finalised_at"])
    ledger.record(
        actor,
        ReportEvent.FINALISED,
        report,
        {
            "ledger_size": head.size,
            "figures_sha256": figures_digest(report.figures),
            "text_sha256": hashlib.sha256(
                "\n".join(wording.fill(line.text, values, context) for line in lines).encode()
            ).hexdigest(),
        },
        organisation=report.organisation,
    )
    return report


def finalise_report(actor: Staff, report: AnnualReport) -> AnnualReport:
    """定稿 (the head): figures and text frozen with the ledger size they were counted at, then a signed
    checkpoint over the ledger including the 定稿 event, so anyone can later prove both."""
    frozen = _freeze(actor, report)
    ledger_services.make_checkpoint()
    return frozen


@transaction.atomic(durable=True)
def publish_report(actor: Staff, report: AnnualReport) -> AnnualReport:
    """公开 on the portal, once finalised (before 1 April of the next year)."""
    report = _take(actor, report, "publish")
    report.status = ReportStatus.PUBLISHED
    report.published_by = actor
    report.published_at = timezone.now()
    report.save(update_fields=["status", "published_by", "published_at"])
    core_services.public_content_changed()
    ledger.record(
        actor,
        ReportEvent.PUBLISHED,
        report,
        {"late": timezone.localdate() >= rules.publish_by(report.year)},
        organisation=report.organisation,
    )
    return report


@transaction.atomic(durable=True)
def set_wording(actor: Staff, *, key: str, text: str) -> ParagraphWording:
    """An administrator words a default paragraph for their organisation (and the towns under it)."""
    permissions.require_step(actor, rules.STEPS["reword"])
    organisation = permissions.scope_root(actor)
    if organisation is None or key not in rules.DEFAULTS_BY_KEY:
        raise NotFoundOrHidden()
    _check_placeholders(text)
    row, _ = ParagraphWording.objects.update_or_create(
        organisation=organisation, key=key, defaults={"text": text, "updated_by": actor}
    )
    ledger.record(
        actor, ReportEvent.WORDING_CHANGED, row, {"key": key, "text": row.text}, organisation=organisation
    )
    return row


@dataclass(frozen=True)
class ReminderRun:
    towns: int


@transaction.atomic
def send_report_reminders(*, today: datetime.date) -> ReminderRun:
    """From REPORT_REMINDER_DAYS before 1 April: the heads and administrators of every town whose last
    year's report is not yet public are told, once a day."""
    year = today.year - 1
    deadline = rules.publish_by(year)
    if not rules.reminded_from(year) <= today < deadline:
        return ReminderRun(towns=0)
    published = AnnualReport.objects.filter(year=year, status=ReportStatus.PUBLISHED).values("organisation")
    towns = Organisation.objects.filter(kind__in=TOWN_KINDS).exclude(pk__in=published)
    reminded = 0
    for town in towns:
        people = list(
            Staff.objects.filter(
                is_active=True, organisation__path__startswith=town.path, role_grants__role__in=rules.WRITERS
            ).distinct()
        )
        if not people:
            continue
        core_services.notify(
            people,
            key=f"annual-report-{town.pk}-{year}",
            day=today,
            text="%(y)d年度法治政府建设情况报告应于 %(d)s 前向社会公开，目前尚未公开。"
            % {"y": year, "d": (deadline - datetime.timedelta(days=1)).isoformat()},
            url=reverse("reports:list"),
        )
        reminded += 1
    return ReminderRun(towns=reminded)
