"""Reads of the annual report: the reports an actor may see, the wording in force for an organisation,
the figures (live for a draft, frozen once finalised), the prompts they raise, and the published ones."""

from __future__ import annotations

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
from fazhi.reports.models import AnnualReport, ParagraphWording, ReportParagraph, ReportStatus
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


def sections_of(report: AnnualReport) -> list[Section]:
    """The report's sections in order; 五 only when it has something in it."""
    by_section: dict[str, list[ReportParagraph]] = {key: [] for key, _title in rules.SECTIONS}
    for paragraph in report.paragraphs.all():
        by_section.setdefault(paragraph.section, []).append(paragraph)
    return [
        Section(key, title, by_section[key])
        for key, title in rules.SECTIONS
        if by_section[key] or key != "other"
    ]


def public_sections(report: AnnualReport) -> list[Section]:
    """A published report's sections as the portal shows them, page and .docx alike: each paragraph's
    final text through the public-text gate (a report may name a person: a mediator, a petitioner)."""
    known = public_text.known_for(report.organisation)
    sections = sections_of(report)
    unfrozen = any(not paragraph.rendered for section in sections for paragraph in section.paragraphs)
    values, context = (values_of(report), context_of(report)) if unfrozen else ({}, {})
    return [
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
        for section in sections
    ]


def unsaved_report(organisation: Organisation, year: int) -> tuple[AnnualReport, list[Section]]:
    """The report as a draft of it would read now, without saving anything: for the command line and
    for organisations (a district, a city) that do not write a report of their own here."""
    report = AnnualReport(
        organisation=organisation,
        year=year,
        title=rules.report_title(organisation.name, year),
        status=ReportStatus.DRAFT,
    )
    by_section: dict[str, list[ReportParagraph]] = {key: [] for key, _title in rules.SECTIONS}
    for default, text in wordings(organisation):
        by_section[default.section].append(
            ReportParagraph(section=default.section, key=default.key, heading=default.heading, text=text)
        )
    return report, [Section(key, title, by_section[key]) for key, title in rules.SECTIONS if by_section[key]]


def prompts_for(report: AnnualReport, values: dict[str, Value]) -> list[rules.Prompt]:
    """The indicators' prompts not yet taken into the report."""
    taken = set(report.paragraphs.filter(key__startswith="prompt.").values_list("key", flat=True))
    return [
        prompt
        for prompt in rules.PROMPTS
        if prompt.shows(values) and f"prompt.{prompt.key}.shortcoming" not in taken
    ]


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
