"""Reads of the annual report: the reports an actor may see, the wording in force for an organisation,
the figures (live for a draft, frozen once finalised), the prompts they raise, and the published ones."""

from __future__ import annotations

import dataclasses
import datetime
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import timezone

from fazhi.core import permissions, public_text
from fazhi.core.errors import NotFoundOrHidden
from fazhi.core.figures import FIGURES, Figure, Scope, Value, compute_all
from fazhi.core.models import Organisation, Staff
from fazhi.core.rules import Offer
from fazhi.core.selectors import int_id
from fazhi.ledger.models import Checkpoint
from fazhi.reports import rules
from fazhi.reports.models import (
    AnnualReport,
    ParagraphWording,
    ReportParagraph,
    ReportStatus,
    ReportSuggestion,
    SuggestionDecision,
)
from fazhi.reports.wording import fill as fill_wording


def reports_for(actor: Staff) -> QuerySet[AnnualReport]:
    return permissions.visible(actor, AnnualReport.objects.select_related("organisation")).order_by(
        "-year", "organisation__path"
    )


def access_report(actor: Staff, report_id: object) -> AnnualReport:
    report = reports_for(actor).filter(pk=int_id(report_id)).first()
    if report is None:
        raise NotFoundOrHidden()
    return report


def access_scope(actor: Staff, organisation_id: object, year: object) -> Scope:
    """An organisation the actor may see, and a year, for a figure's rows outside a report."""
    organisation = (
        permissions.visible(actor, Organisation.objects.all(), org_field="")
        .filter(pk=int_id(organisation_id))
        .first()
    )
    number = int_id(year)
    if organisation is None or not 2000 <= number <= timezone.localdate().year:
        raise NotFoundOrHidden()
    return Scope(organisation, number)


def wording(organisation: Organisation, key: str) -> str:
    """The paragraph's wording for the organisation: its own, else the nearest ancestor's, else the
    default."""
    overrides = {
        row.organisation_id: row.text
        for row in ParagraphWording.objects.filter(key=key, organisation_id__in=organisation.ancestor_ids())
    }
    for ancestor in reversed(organisation.ancestor_ids()):
        if ancestor in overrides:
            return overrides[ancestor]
    return rules.DEFAULTS_BY_KEY[key].text


def wordings(organisation: Organisation) -> list[tuple[rules.ParagraphDefault, str]]:
    return [(paragraph, wording(organisation, paragraph.key)) for paragraph in rules.DEFAULT_PARAGRAPHS]


def offered_wordings(
    organisation: Organisation, values: dict[str, Value]
) -> list[tuple[rules.ParagraphDefault, str]]:
    """The wording in force as a draft of these figures is offered it: a default paragraph whose figures
    all count nothing gives way to its shorter text; an organisation's own wording is kept as written."""
    return [
        (default, default.offered(values) if text == default.text else text)
        for default, text in wordings(organisation)
    ]


def values_of(report: AnnualReport) -> dict[str, Value]:
    """A draft's figures are live; a finalised report's are those frozen at 定稿."""
    if report.status == ReportStatus.DRAFT:
        return compute_all(Scope(report.organisation, report.year))
    return {key: _thawed(data) for key, data in report.figures.items()}


def _thawed(data: dict[str, object]) -> Value:
    period = data["period"]
    assert isinstance(period, dict)
    value = data["value"]
    return Value(
        key=str(data["key"]),
        label=str(data["label"]),
        value=value if isinstance(value, int | str) or value is None else str(value),
        display=str(data["display"]),
        start=datetime.date.fromisoformat(period["start"]),
        end=datetime.date.fromisoformat(period["end"]),
        source=str(data["source"]),
        numerator=data.get("numerator"),  # type: ignore[arg-type]
        denominator=data.get("denominator"),  # type: ignore[arg-type]
    )


def context_of(report: AnnualReport) -> dict[str, str]:
    return {
        "organisation": report.organisation.name,
        "year": str(report.year),
        "next_year": str(report.year + 1),
    }


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    paragraphs: list[ReportParagraph]


@dataclass(frozen=True)
class Suggestion:
    """A shortcoming the figures raise for the report (reports.rules.PROMPTS), as the draft holds it:
    undecided until the head confirms, rewords or drops it."""

    key: str
    status: str  # rules.UNDECIDED or a SuggestionDecision
    shortcoming: str  # as it would read in 三, with placeholders (a finalised report's: as frozen)
    plan: str  # its area in 四
    decision: ReportSuggestion | None
    # A finalised report's item as written, with its figures' placeholders, so that the figures it
    # states are known (reports.selectors.printed_keys) and not listed again after the text.
    template: str = ""
    area: str = ""  # the standing paragraph of 四 its plan joins (reports.rules.Prompt.area)

    @property
    def taken(self) -> bool:
        return self.status in (SuggestionDecision.CONFIRMED, SuggestionDecision.REWORDED)

    @property
    def status_label(self) -> str:
        if self.decision is None:
            return "建议（待负责人确认）"
        return self.decision.get_decision_display()


def suggestions_of(report: AnnualReport, values: dict[str, Value]) -> list[Suggestion]:
    """Every prompt the figures raise, in the order of the prompts, with the head's decision. A draft's
    prompts are those its live figures raise now; a finalised report's those raised at 定稿."""
    decisions = {row.prompt: row for row in report.suggestions.select_related("decided_by")}
    if report.status != ReportStatus.DRAFT:
        order = {prompt.key: index for index, prompt in enumerate(rules.PROMPTS)}
        frozen = sorted(
            (row for row in decisions.values() if row.rendered),
            key=lambda row: order.get(row.prompt, len(order)),
        )
        return [_frozen_suggestion(row) for row in frozen]
    found: list[Suggestion] = []
    for prompt in rules.PROMPTS:
        if not prompt.shows(values):
            continue
        row = decisions.get(prompt.key)
        statement = rules.suggested_shortcoming(prompt)
        if row is None:
            found.append(
                Suggestion(prompt.key, rules.UNDECIDED, statement, prompt.plan, None, area=prompt.area)
            )
            continue
        text = row.text if row.decision == SuggestionDecision.REWORDED else statement
        found.append(Suggestion(prompt.key, row.decision, text, prompt.plan, row, area=prompt.area))
    return found


def _frozen_suggestion(row: ReportSuggestion) -> Suggestion:
    """A suggestion as 定稿 froze it. A plan that joined its standing area was frozen in that paragraph
    and joins it again here; one of its own comes as frozen."""
    prompt = rules.PROMPTS_BY_KEY.get(row.prompt)
    plan = row.rendered_plan or (prompt.plan if prompt else "")
    area = "" if row.rendered_plan or prompt is None else prompt.area
    return Suggestion(row.prompt, row.decision, row.rendered, plan, row, _template(row), area)


@dataclass(frozen=True)
class Item:
    """A taken suggestion's line in 三 or 四: its text (with placeholders), as frozen at 定稿 (if so),
    and the standing paragraph of 四 it joins (if any)."""

    name: str
    text: str
    frozen: str = ""
    area: str = ""


def _template(row: ReportSuggestion) -> str:
    """What a taken suggestion said before 定稿 filled it: the head's own words, else the prompt's."""
    if row.decision == SuggestionDecision.REWORDED:
        return row.text
    prompt = rules.PROMPTS_BY_KEY.get(row.prompt)
    return rules.suggested_shortcoming(prompt) if prompt else row.rendered


def _line(paragraph: ReportParagraph, text: str) -> ReportParagraph:
    """A stored paragraph as its section places it (numbered, closed), keeping its id for the edit
    link and its frozen text; never saved."""
    return ReportParagraph(
        pk=paragraph.pk,
        section=paragraph.section,
        position=paragraph.position,
        key=paragraph.key,
        heading=paragraph.heading,
        text=text,
        rendered=paragraph.rendered,
        confirmed_statements=paragraph.confirmed_statements,
        confirmed_by=paragraph.confirmed_by,
        confirmed_at=paragraph.confirmed_at,
    )


def _listed(
    key: str, stored: list[ReportParagraph], items: list[Item], undecided: list[str]
) -> list[ReportParagraph]:
    """三 or 四: the first paragraph leads; the rest, then the suggestions taken, are numbered （一）、（二）…
    (a finalised report's, frozen already numbered, come out the same); a plan whose standing area is
    there joins that paragraph instead; a draft's undecided suggestions follow, marked. A lead left on
    its colon is closed."""
    lead, rest = (stored[0], stored[1:]) if stored else (None, [])
    standing = {paragraph.key for paragraph in rest if paragraph.key}
    joined: dict[str, str] = {}
    for item in items:
        if item.area in standing:
            joined[item.area] = joined.get(item.area, "") + item.text
    lines: list[ReportParagraph] = []
    position = 0
    for paragraph in rest:
        if paragraph.heading:
            lines.append(paragraph)
            continue
        position += 1
        lines.append(
            _line(paragraph, rules.numbered(position, paragraph.text + joined.get(paragraph.key, "")))
        )
    for item in items:
        if item.area in standing:
            continue
        position += 1
        lines.append(
            ReportParagraph(
                section=key, key=item.name, text=rules.numbered(position, item.text), rendered=item.frozen
            )
        )
    lines.extend(
        ReportParagraph(section=key, key="suggestion.undecided", text=rules.UNDECIDED_MARK + text)
        for text in undecided
    )
    if lead is not None:
        sentence = rules.NO_SHORTCOMINGS if key == "shortcomings" else ""
        lines.insert(0, _line(lead, rules.closed(lead.text, sentence) if not lines else lead.text))
    return lines


def sections_of(report: AnnualReport, values: dict[str, Value]) -> list[Section]:
    """The report's sections in order as a reader sees them: 三 lists the shortcomings the head took
    from the suggestions, 四 their plans; a draft shows its undecided suggestions marked as such; no
    section is empty or ends on a colon. 五 only when it has something in it."""
    by_section: dict[str, list[ReportParagraph]] = {key: [] for key, _title in rules.SECTIONS}
    for paragraph in report.paragraphs.select_related("confirmed_by"):
        by_section.setdefault(paragraph.section, []).append(paragraph)
    suggestions = suggestions_of(report, values)
    taken = [suggestion for suggestion in suggestions if suggestion.taken]
    items = {
        "shortcomings": [
            Item(f"suggestion.{s.key}.shortcoming", s.template, s.shortcoming)
            if s.template
            else Item(f"suggestion.{s.key}.shortcoming", s.shortcoming)
            for s in taken
        ],
        "plans": [
            Item(f"suggestion.{s.key}.plan", s.plan, s.plan if s.template and not s.area else "", s.area)
            for s in taken
        ],
    }
    undecided = [s.shortcoming for s in suggestions if s.status == rules.UNDECIDED]
    return _sections(by_section, items, undecided, keep_empty=True)


def _sections(
    by_section: dict[str, list[ReportParagraph]],
    items: dict[str, list[Item]],
    undecided: list[str],
    *,
    keep_empty: bool,
) -> list[Section]:
    sections: list[Section] = []
    for key, title in rules.SECTIONS:
        lines = by_section[key]
        if key in rules.LISTED_SECTIONS:
            lines = _listed(key, lines, items[key], undecided if key == "shortcomings" else [])
        if key == "other" and not lines:
            continue
        if not lines and keep_empty:
            lines = [ReportParagraph(section=key, key="empty", text=rules.EMPTY_SECTION)]
        if lines:
            # Whatever the writer left last in a section, it does not end on a colon.
            lines = [*lines[:-1], _line(lines[-1], rules.closed(lines[-1].text, ""))]
            sections.append(Section(key, title, lines))
    return sections


@dataclass(frozen=True)
class OwnStatements:
    """A paragraph's sentences with no figure behind them: those the head confirmed and those still
    to confirm."""

    paragraph: ReportParagraph
    confirmed: list[str]
    unconfirmed: list[str]


def confirmed_note(paragraph: ReportParagraph) -> str:
    """Who confirmed a paragraph's own statements, and when, as its marks say it."""
    if paragraph.confirmed_by is None or paragraph.confirmed_at is None:
        return ""
    return "本镇自述，%(n)s于%(d)s确认" % {
        "n": paragraph.confirmed_by.full_name,
        "d": timezone.localtime(paragraph.confirmed_at).date().isoformat(),
    }


def own_statements_of(report: AnnualReport) -> list[OwnStatements]:
    """The paragraphs of 一, 二 and 五 that state something no figure backs, in the report's order."""
    found: list[OwnStatements] = []
    for paragraph in report.paragraphs.filter(section__in=rules.OWN_STATEMENT_SECTIONS, heading=False):
        statements = rules.own_statements(paragraph.text)
        if not statements:
            continue
        unconfirmed = rules.unconfirmed_statements(paragraph.text, paragraph.confirmed_statements)
        confirmed = [sentence for sentence in statements if sentence not in unconfirmed]
        found.append(OwnStatements(paragraph, confirmed, unconfirmed))
    return found


def printed_keys(sections: list[Section]) -> set[str]:
    """The figures the report's text states, wherever in it."""
    return {
        name
        for section in sections
        for line in section.paragraphs
        for name in rules.PLACEHOLDER.findall(line.text)
    }


def appendix_of(sections: list[Section], values: dict[str, Value]) -> list[Value]:
    """The year's figures the text does not state, for the table after it: every figure counted is
    printed once, in the text or there. In the registry's order."""
    printed = printed_keys(sections)
    order = {figure.key: position for position, figure in enumerate(FIGURES)}
    return [
        values[key]
        for key in sorted(values, key=lambda key: order.get(key, len(order)))
        if key not in printed
    ]


def empty_sections(report: AnnualReport) -> list[str]:
    """The titles of the required sections (一 to 四) with nothing written in them."""
    written = set(report.paragraphs.values_list("section", flat=True))
    return [title for key, title in rules.SECTIONS if key != "other" and key not in written]


def public_report(report: AnnualReport) -> tuple[list[Section], dict[str, Value]]:
    """A published report as the portal shows it, page and .docx alike: each paragraph's final text, and
    each figure as the table after the text states it, through the public-text gate (a report may name a
    person: a mediator, a petitioner; a phrase figure words the rows it counts)."""
    known = public_text.known_for(report.organisation)
    values, context = values_of(report), context_of(report)
    sections = [
        Section(
            section.key,
            section.title,
            [
                ReportParagraph(
                    section=paragraph.section,
                    position=paragraph.position,
                    key=paragraph.key,
                    heading=paragraph.heading,
                    text=paragraph.text,
                    rendered=public_text.for_public(
                        paragraph.rendered or fill_wording(paragraph.text, values, context), known
                    ),
                )
                for paragraph in section.paragraphs
            ],
        )
        for section in sections_of(report, values)
    ]
    shown = {
        key: dataclasses.replace(value, display=public_text.for_public(value.display, known))
        for key, value in values.items()
    }
    return sections, shown


def unsaved_report(organisation: Organisation, year: int) -> AnnualReport:
    """The report as a draft of it would read now, without saving anything: for the command line and
    for organisations (a district, a city) that do not write a report of their own here; its sections
    are `unsaved_sections`."""
    return AnnualReport(
        organisation=organisation,
        year=year,
        title=rules.report_title(organisation.name, year),
        status=ReportStatus.DRAFT,
    )


def unsaved_sections(organisation: Organisation, values: dict[str, Value]) -> list[Section]:
    """The sections of a draft not saved: the wording in force, every suggestion undecided."""
    by_section: dict[str, list[ReportParagraph]] = {key: [] for key, _title in rules.SECTIONS}
    for default, text in offered_wordings(organisation, values):
        by_section[default.section].append(
            ReportParagraph(section=default.section, key=default.key, heading=default.heading, text=text)
        )
    undecided = [rules.suggested_shortcoming(prompt) for prompt in rules.PROMPTS if prompt.shows(values)]
    no_items: dict[str, list[Item]] = {"shortcomings": [], "plans": []}
    return _sections(by_section, no_items, undecided, keep_empty=False)


def checkpoint_of(report: AnnualReport) -> Checkpoint | None:
    """The first signed checkpoint covering the ledger as it stood at 定稿 (and the 定稿 event itself)."""
    if report.ledger_size is None:
        return None
    return Checkpoint.objects.filter(tree_size__gt=report.ledger_size).order_by("tree_size").first()


def published_reports() -> QuerySet[AnnualReport]:
    return (
        AnnualReport.objects.filter(status=ReportStatus.PUBLISHED)
        .select_related("organisation")
        .order_by("-year", "organisation__path")
    )


def access_published(report_id: object) -> AnnualReport:
    report = published_reports().filter(pk=int_id(report_id)).first()
    if report is None:
        raise NotFoundOrHidden()
    return report


def figure(key: str) -> Figure:
    if key not in FIGURES:
        raise NotFoundOrHidden()
    return FIGURES[key]


class ReportRowFacts:
    """reports.rules.ReportFacts, read from the report on the day it is judged."""

    def __init__(self, report: AnnualReport) -> None:
        self.report = report
        self.today = timezone.localdate()

    @property
    def status(self) -> str:
        return self.report.status

    @property
    def status_label(self) -> str:
        return self.report.get_status_display()

    @property
    def year(self) -> int:
        return self.report.year

    @property
    def finalised_on(self) -> str:
        finalised = self.report.finalised_at
        return timezone.localtime(finalised).date().isoformat() if finalised else ""


def offers_for(actor: Staff, report: AnnualReport) -> dict[str, Offer]:
    """The steps of reports.rules.STEPS the report's page offers this actor, by name."""
    return {offer.name: offer for offer in permissions.offers_for(actor, rules.STEPS, ReportRowFacts(report))}
