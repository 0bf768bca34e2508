"""Cells of every .xlsx and .csv the software writes. Text that starts like a formula (`=`, `+`, `-`, `@`,
a tab or a carriage return) is what a spreadsheet would run when the file is opened — a party's name
typed as `=HYPERLINK(…)` would become a live link in a clerk's WPS. Such text is written with a leading
apostrophe, which Excel and WPS show as plain text (OWASP, "CSV Injection")."""

from __future__ import annotations

from collections.abc import Iterable

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def inert(value: object) -> object:
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def inert_row(values: Iterable[object]) -> list[object]:
    return [inert(value) for value in values]
