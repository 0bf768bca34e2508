"""文号 allocation (GB/T 9704-2012 7.2.5): 机关代字〔year〕sequence号, full year in 〔〕 (U+3014/U+3015),
no 第, no leading zeros; unique and gap-free per series and year.

Allocation runs inside the transaction that creates the document: the counter row is locked with
SELECT ... FOR UPDATE (PostgreSQL) or the database write lock (SQLite, BEGIN IMMEDIATE), so two requests
never get the same number, and a rolled-back document gives its number back with everything else.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.db import connection, models

from fazhi.core import rules
from fazhi.core.errors import InvalidInput
from fazhi.core.models import IssuedNumber, NumberCounter, NumberSeries, Organisation, Staff

NUMBER_PATTERN = re.compile(
    r"^(?P<code>[\u3400-\u4dbf\u4e00-\u9fffA-Za-z0-9]+)〔(?P<year>\d{4})〕(?P<seq>[1-9]\d*)号$"
)
CITATION_FORMAT = "GB/T 9704-2012 党政机关公文格式 7.2.5"


@dataclass(frozen=True)
class DocumentNumber:
    code: str
    year: int
    sequence: int

    @property
    def text(self) -> str:
        return f"{self.code}〔{self.year}〕{self.sequence}号"


def format_number(code: str, year: int, sequence: int) -> str:
    return DocumentNumber(code, year, sequence).text


def parse_number(text: str) -> DocumentNumber:
    match = NUMBER_PATTERN.match(text)
    if match is None:
        raise InvalidInput(
            "文号格式不正确：应为“机关代字〔四位年份〕序号号”，如 西青辛政〔2020〕12号（不编虚位、不加“第”）。",
            citation=CITATION_FORMAT,
        )
    return DocumentNumber(match["code"], int(match["year"]), int(match["seq"]))


def allocate(actor: Staff, series: NumberSeries, *, year: int, subject: models.Model) -> IssuedNumber:
    """The next number of a series in a year, recorded against the document it numbers."""
    if not connection.in_atomic_block:
        raise RuntimeError("allocate a 文号 inside the transaction that creates the document")
    counter, _ = NumberCounter.objects.select_for_update().get_or_create(series=series, year=year)
    counter.last_sequence += 1
    counter.save(update_fields=["last_sequence"])
    return IssuedNumber.objects.create(
        series=series,
        year=year,
        sequence=counter.last_sequence,
        text=format_number(series.code, year, counter.last_sequence),
        subject_type=subject._meta.label_lower,
        subject_id=str(subject.pk),
        issued_by=actor,
    )


def series_for(
    organisation: Organisation, key: str, *, document: str, citation: str = rules.NUMBERING_CITATION
) -> NumberSeries:
    """The series the organisation numbers `document` from: its own, or one of its departments'."""
    series = NumberSeries.objects.filter(organisation__path__startswith=organisation.path, key=key).first()
    rules.check_number_series(series is not None, document=document, key=key, citation=citation)
    assert series is not None
    return series
