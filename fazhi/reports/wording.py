"""Filling a paragraph's placeholders: as plain text (the .docx, the frozen report) or as HTML where
each figure links to the rows it counts; and the text as the editor shows it, each figure named by its
Chinese label. Pure functions of the text and the values."""

from __future__ import annotations

import re
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


NOTHING_TO_COUNT = "—（当年无可统计的记录）"


def shown(value: Value) -> str:
    """A figure as a sentence of the report states it: a rate over no records says there were none,
    rather than a bare dash ("比例为—")."""
    if value.value is None and value.denominator == 0:
        return NOTHING_TO_COUNT
    return value.display


def fill(text: str, values: dict[str, Value], context: dict[str, str]) -> str:
    def replace(match: object) -> str:
        name = match.group(1)  # type: ignore[attr-defined]
        if name in context:
            return context[name]
        return shown(values[name]) if name in values else match.group(0)  # type: ignore[attr-defined]

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
                    shown(value),
                )
            )
        else:
            parts.append(escape(match.group(0)))
        position = match.end()
    parts.append(escape(text[position:]))
    return mark_safe("".join(parts))  # noqa: S308 (every part above is escaped or built by format_html)


def fill_html_marked(
    text: str,
    values: dict[str, Value],
    context: dict[str, str],
    link: Callable[[str], str],
    confirmed: str,
    confirmed_note: str,
) -> SafeString:
    """A draft's paragraph of 一, 二 or 五 as HTML, each sentence no figure backs marked as the town's
    own statement, and as still to confirm unless the head confirmed it in these words (then titled
    `confirmed_note`: who confirmed it, and when)."""
    pending = set(rules.unconfirmed_statements(text, confirmed))
    parts: list[str] = []
    for sentence in rules.sentences(text):
        filled = fill_html(sentence, values, context, link)
        if rules.backed(sentence):
            parts.append(filled)
            continue
        parts.append(
            format_html(
                '<span class="fz-own{}" title="{}" data-testid="own-statement" data-confirmed="{}">{}</span>',
                " fz-own-pending" if sentence in pending else "",
                rules.OWN_STATEMENT_NOTE if sentence in pending else confirmed_note,
                "no" if sentence in pending else "yes",
                filled,
            )
        )
    return mark_safe("".join(parts))  # noqa: S308 (each part is built by fill_html or format_html)


# The editor names each figure by its Chinese label in 【】 (a chip when scripts run); the stored text
# keeps the key in braces. A user never sees or types a key.
CHIP = re.compile(r"【([^【】]+)】")


def _labels() -> dict[str, str]:
    return {**rules.CONTEXT_LABELS, **{figure.key: figure.label for figure in FIGURES}}


def for_editor(text: str) -> str:
    """The stored text as the editor shows it: {study_sessions} → 【专题学法活动】."""
    labels = _labels()
    return rules.PLACEHOLDER.sub(
        lambda match: "【%s】" % labels[match.group(1)] if match.group(1) in labels else match.group(0), text
    )


def from_editor(text: str) -> tuple[str, list[str]]:
    """The editor's text as stored, with the labels in 【】 that name no figure (to refuse)."""
    keys = {label: key for key, label in _labels().items()}
    unknown = [label for label in dict.fromkeys(CHIP.findall(text)) if label not in keys]
    return CHIP.sub(lambda match: "{%s}" % keys.get(match.group(1), match.group(1)), text), unknown


def editor_figures(values: dict[str, Value], context: dict[str, str]) -> list[dict[str, str]]:
    """What the "插入数据" list offers: each figure by its label with its value now (or none)."""
    named = [(label, context.get(key, "")) for key, label in rules.CONTEXT_LABELS.items()]
    named += [
        (figure.label, values[figure.key].display if figure.key in values else "") for figure in FIGURES
    ]
    return [{"label": label, "value": value} for label, value in named]
