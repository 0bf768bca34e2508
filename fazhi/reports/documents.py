"""The annual report as .docx in the GB/T 9704 layout: title in 2号小标宋, body in 3号仿宋, 一、 headings in
黑体 and （一） headings in 楷体, page numbers; after the text, the table of the figures it does not state. A pure read of the paragraphs and figures given."""

from __future__ import annotations

from fazhi.core.figures import Value
from fazhi.core.official_document import OfficialDocument
from fazhi.reports import rules, wording
from fazhi.reports.models import AnnualReport, ReportParagraph, ReportStatus
from fazhi.reports.selectors import Section, appendix_of


def report_docx(
    report: AnnualReport, sections: list[Section], values: dict[str, Value], context: dict[str, str]
) -> bytes:
    document = OfficialDocument(report.title)
    document.title_only()
    for section in sections:
        document.heading(section.title, 1)
        for paragraph in section.paragraphs:
            text = paragraph_text(report, paragraph, values, context)
            if paragraph.heading:
                document.heading(text, 2)
            else:
                document.body(text)
    appendix = appendix_of(sections, values)
    if appendix:
        document.heading(rules.APPENDIX_TITLE, 1)
        document.table([(value.label, value.display) for value in appendix])
    return document.to_bytes()


def paragraph_text(
    report: AnnualReport, paragraph: ReportParagraph, values: dict[str, Value], context: dict[str, str]
) -> str:
    """A paragraph as printed: frozen at 定稿, else filled with the figures now."""
    if report.status != ReportStatus.DRAFT and paragraph.rendered:
        return paragraph.rendered
    return wording.fill(paragraph.text, values, context)


def report_filename(report: AnnualReport) -> str:
    suffix = "" if report.status != ReportStatus.DRAFT else "（草稿）"
    return f"{report.title}{suffix}.docx"
