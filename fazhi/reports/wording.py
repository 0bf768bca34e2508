"""Filling a paragraph's placeholders: as plain text (the .docx, the frozen report) or as HTML where
each figure links to the rows it counts. Pure functions of the text and the values."""

from __future__ import annotations

from collections.abc import Callable

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from fazhi.core.figures import FIGURES, Value
from fazhi.reports import rules


def unknown_placeholders(text: str) -> list[str]:
    return [
        name
        for name in dict.fromkeys(rules.PLACEHOLDER.findall(text))
        if name not in FIGURES and name not in rules.CONTEXT_NAMES
    ]


def fill(text: str, values: dict[str, Value], context: dict[str, str]) -> str:
    def replace(match: object) -> str:
        name = match.group(1)  # type: ignore[attr-defined]
        if name in context:
            return context[name]
        return values[name].display if name in values else match.group(0)  # type: ignore[attr-defined]

    return rules.PLACEHOLDER.sub(replace, text)


def fill_html(
    text: str, values: dict[str, Value], context: dict[str, str], link: Callable[[str], str]
) -> SafeString:
    """The paragraph as HTML: every figure a link to its rows, everything else escaped."""
    parts: list[str] = []
    position = 0
    for match in rules.PLACEHOLDER.finditer(text):
        parts.append(escape(text[position : match.start()]))
        name = match.group(1)
        if name in context:
            parts.append(escape(context[name]))
        elif name in values:
            value = values[name]
            parts.append(
                format_html(
                    '<a class="fz-figure" href="{}" title="{}" data-figure="{}">{}</a>',
                    link(name),
                    value.label,
                    name,
                    value.display,
                )
            )
        else:
            parts.append(escape(match.group(0)))
        position = match.end()
    parts.append(escape(text[position:]))
    return mark_safe("".join(parts))  # noqa: S308 (every part above is escaped or built by format_html)
