"""manage.py annual_report: a town's (or a district's, or a city's) annual report and its figures, as
.docx and JSON (with every prompt the figures raise and whether the draft took it, the sentences no
figure backs and whether the head confirmed them, and the figures the text does not state), or as text on
the screen; with --each-town, one pair of files per town under the organisation, in one batch."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from fazhi.core import selectors as core_selectors
from fazhi.core.errors import DomainError
from fazhi.core.figures import FIGURES, Scope, Value, compute_all
from fazhi.core.models import TOWN_KINDS, Organisation
from fazhi.reports import documents, rules, selectors, wording
from fazhi.reports.models import AnnualReport


class Command(BaseCommand):
    help = "生成法治政府建设年度报告（.docx）及其数据（JSON，含每项数据的统计口径和查询语句）。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--org", required=True, help="组织机构的区划码或名称")
        parser.add_argument("--year", required=True, type=int, help="报告年度，如 2020")
        parser.add_argument("--docx", help="写入 .docx 的文件（--each-town 时为目录）")
        parser.add_argument(
            "--json",
            nargs="?",
            const="-",
            help="写入 JSON 的文件（--each-town 时为目录）；不写文件名时输出到屏幕",
        )
        parser.add_argument("--each-town", action="store_true", help="为该机构下的每个镇（街道）各生成一份")

    def handle(self, *args: Any, **options: Any) -> None:
        year: int = options["year"]
        if not 2000 <= year <= timezone.localdate().year:
            raise CommandError("年度应为 2000 年至今年。")
        try:
            organisation = core_selectors.organisation_named(options["org"])
        except DomainError as error:
            raise CommandError(error.message) from None
        if options["each_town"]:
            if options["json"] == "-":
                raise CommandError("--each-town 时 --json 应为已存在的目录。")
            towns = list(
                Organisation.objects.filter(path__startswith=organisation.path, kind__in=TOWN_KINDS).order_by(
                    "path"
                )
            )
            for town in towns:
                self._write(
                    town,
                    year,
                    _in_directory(options["docx"], town, year, "docx"),
                    _in_directory(options["json"], town, year, "json"),
                )
            self.stdout.write("已生成 %(n)d 个镇（街道）的报告。" % {"n": len(towns)})
            return
        json_target = "-" if options["json"] == "-" else _file(options["json"])
        self._write(organisation, year, _file(options["docx"]), json_target)

    def _write(
        self, organisation: Organisation, year: int, docx_path: Path | None, json_path: Path | str | None
    ) -> None:
        saved = AnnualReport.objects.filter(organisation=organisation, year=year).first()
        report = saved or selectors.unsaved_report(organisation, year)
        values = selectors.values_of(report) if saved else compute_all(Scope(organisation, year))
        sections = (
            selectors.sections_of(saved, values)
            if saved
            else selectors.unsaved_sections(organisation, values)
        )
        context = selectors.context_of(report)
        status = report.get_status_display() if saved else "未保存的草稿"
        if docx_path is not None:
            docx_path.write_bytes(documents.report_docx(report, sections, values, context))
        if json_path is not None:
            scope = Scope(organisation, year)
            data = {
                "organisation": organisation.name,
                "division_code": organisation.division_code,
                "year": year,
                "title": report.title,
                "status": status,
                "ledger_size": report.ledger_size,
                "prompts": _prompts(saved, values, context),
                "own_statements": _own_statements(saved, sections),
                "appendix": [value.key for value in selectors.appendix_of(sections, values)],
                "figures": [
                    {**value.as_json(), "query": str(FIGURES[key].rows(scope).query)}
                    for key, value in values.items()
                ],
            }
            written = json.dumps(data, ensure_ascii=False, indent=2)
            if json_path == "-":
                self.stdout.write(written)
                return
            assert isinstance(json_path, Path)
            json_path.write_text(written, encoding="utf-8")
        if docx_path is None and json_path is None:
            self._print(report, sections, values, context)
        self.stdout.write("%(t)s：%(s)s，%(n)d 项数据。" % {"t": report.title, "s": status, "n": len(values)})

    def _print(
        self,
        report: AnnualReport,
        sections: list[selectors.Section],
        values: dict[str, Value],
        context: dict[str, str],
    ) -> None:
        """The report's text, as the .docx has it."""
        self.stdout.write(report.title)
        for section in sections:
            self.stdout.write(section.title)
            for paragraph in section.paragraphs:
                self.stdout.write(documents.paragraph_text(report, paragraph, values, context))
        appendix = selectors.appendix_of(sections, values)
        if appendix:
            self.stdout.write(rules.APPENDIX_TITLE)
            for value in appendix:
                self.stdout.write("%(l)s：%(v)s" % {"l": value.label, "v": value.display})


def _prompts(
    saved: AnnualReport | None, values: dict[str, Value], context: dict[str, str]
) -> list[dict[str, object]]:
    """Every prompt the figures raise, and whether the draft took it: the head's decision, or undecided
    (always, for a report not saved)."""
    if saved is None:
        raised = [prompt for prompt in rules.PROMPTS if prompt.shows(values)]
        return [
            {
                "prompt": prompt.key,
                "shortcoming": wording.fill(rules.suggested_shortcoming(prompt), values, context),
                "status": rules.UNDECIDED,
                "taken": False,
            }
            for prompt in raised
        ]
    return [
        {
            "prompt": suggestion.key,
            "shortcoming": wording.fill(suggestion.shortcoming, values, context),
            "status": suggestion.status,
            "taken": suggestion.taken,
        }
        for suggestion in selectors.suggestions_of(saved, values)
    ]


def _own_statements(saved: AnnualReport | None, sections: list[selectors.Section]) -> list[dict[str, object]]:
    """Each sentence of 一, 二 and 五 that no figure backs, and whether the head has confirmed it (never,
    for a report not saved)."""
    if saved is not None:
        return [
            {
                "paragraph": found.paragraph.key,
                "statement": sentence,
                "confirmed": sentence in found.confirmed,
            }
            for found in selectors.own_statements_of(saved)
            for sentence in found.confirmed + found.unconfirmed
        ]
    return [
        {"paragraph": line.key, "statement": sentence, "confirmed": False}
        for section in sections
        if section.key in rules.OWN_STATEMENT_SECTIONS
        for line in section.paragraphs
        if not line.heading
        for sentence in rules.own_statements(line.text)
    ]


def _file(name: str | None) -> Path | None:
    if not name:
        return None
    path = Path(name)
    if not path.parent.is_dir():
        raise CommandError("输出目录不存在：%(d)s" % {"d": path.parent})
    return path


def _in_directory(name: str | None, town: Organisation, year: int, suffix: str) -> Path | None:
    if not name:
        return None
    directory = Path(name)
    if not directory.is_dir():
        raise CommandError("--each-town 时 --%(s)s 应为已存在的目录：%(d)s" % {"s": suffix, "d": directory})
    return directory / f"{town.division_code or town.pk}-{town.name}-{year}.{suffix}"
