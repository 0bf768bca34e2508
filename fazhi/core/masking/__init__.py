"""What never reaches the public: ID numbers, phone numbers, bank accounts, the house number of a natural
person's address and the names of natural persons, found however they are typed (full-width digits,
digits split by spaces, dashes, dots, slashes or commas, digits right after Latin letters such as
`tel` or `IDNo`, a `+86` before a mobile number, numbers written in Chinese numerals). Names come from
what the town already knows (its registers, passed in as `Known.people`), from person cues (邻居, 证人,
司机…) and from jieba's part-of-speech tags; the names of the organisation tree and of the gazetteer are
places, never names. Pure functions: `core.public_text.for_public` gives them what the town knows and is
the one gate every public text passes.

Sources: 浙江省行政处罚结果信息网上公开暂行办法 art. 7 (what is hidden); 政府信息公开条例 art. 15;
个人信息保护法 art. 28 (身份证件号码、金融账户、行踪轨迹 are sensitive); 总局令第45号 art. 5 (a person
checks free text before publication)."""

from __future__ import annotations

import datetime
import re
from collections.abc import Collection
from enum import StrEnum

from fazhi.core.masking.findings import (
    BLOCKING_KINDS,
    FINDING_LABELS,
    REDACTED,
    Finding,
    FindingKind,
    Known,
    Review,
    overlaps,
)
from fazhi.core.masking.names import COMPOUND_SURNAMES, names_in
from fazhi.core.masking.numbers import addresses_in, numbers_in
from fazhi.core.periods import full_years

__all__ = [
    "BLOCKING_KINDS",
    "FINDING_LABELS",
    "REDACTED",
    "Finding",
    "FindingKind",
    "Known",
    "NameRule",
    "Review",
    "findings_after_review",
    "is_minor_on",
    "mask",
    "mask_id_number",
    "mask_name",
    "redact",
    "scan",
]


def scan(text: str, known: Known | None = None) -> list[Finding]:
    """Everything in `text` that must not be published, without overlaps, in order."""
    known = known or Known()
    findings = _known_values(text, known.private_values)
    taken = [(finding.start, finding.end) for finding in findings]
    for found in (numbers_in(text, known), addresses_in(text, known)):
        for finding in found:
            if not overlaps(finding.start, finding.end, taken):
                findings.append(finding)
                taken.append((finding.start, finding.end))
    findings += [
        finding for finding in names_in(text, known) if not overlaps(finding.start, finding.end, taken)
    ]
    return sorted(findings, key=lambda finding: finding.start)


def findings_after_review(text: str, known: Known | None, review: Review) -> list[Finding]:
    """The scan's findings less those released, with every place a hidden span appears. A hidden span
    that overlaps findings takes them in: the whole stretch is hidden."""
    found = [finding for finding in scan(text, known) if finding.text not in review.released]
    for hidden in sorted(review.hidden, key=len, reverse=True):
        for match in re.finditer(re.escape(hidden), text):
            overlapping = [f for f in found if overlaps(match.start(), match.end(), [(f.start, f.end)])]
            if (
                len(overlapping) == 1
                and overlapping[0].start <= match.start()
                and match.end() <= overlapping[0].end
            ):
                continue  # already inside what the scan found
            start = min([match.start(), *(f.start for f in overlapping)])
            end = max([match.end(), *(f.end for f in overlapping)])
            found = [f for f in found if f not in overlapping]
            found.append(Finding(FindingKind.MARKED, start, end, text[start:end]))
    return sorted(found, key=lambda finding: finding.start)


def mask(
    text: str, known: Known | None = None, *, rule: NameRule | None = None, review: Review | None = None
) -> str:
    """The text as the public may read it: names by the name rule, everything else replaced."""
    return redact(text, findings_after_review(text, known, review or Review()), rule=rule or NameRule.SURNAME)


def _known_values(text: str, private_values: Collection[str]) -> list[Finding]:
    """The values the records know to be private, longest first, each place it appears."""
    findings: list[Finding] = []
    taken: list[tuple[int, int]] = []
    for value in sorted({v.strip() for v in private_values if len(v.strip()) >= 4}, key=len, reverse=True):
        for match in re.finditer(re.escape(value), text):
            if not overlaps(match.start(), match.end(), taken):
                taken.append(match.span())
                findings.append(Finding(FindingKind.PARTY_DETAIL, match.start(), match.end(), value))
    return findings


def redact(text: str, findings: list[Finding], *, rule: NameRule | None = None) -> str:
    """The text with every finding replaced, from the end so earlier positions stay right."""
    for finding in sorted(findings, key=lambda item: item.start, reverse=True):
        replacement = (
            mask_name(finding.text, rule or NameRule.SURNAME)
            if finding.kind == FindingKind.PERSON_NAME
            else REDACTED
        )
        text = text[: finding.start] + replacement + text[finding.end :]
    return text


class NameRule(StrEnum):
    FULL = "full"  # 张三丰
    SURNAME = "surname"  # 张某某: the default
    HIDDEN = "hidden"  # 某某


def mask_name(name: str, rule: NameRule = NameRule.SURNAME) -> str:
    name = name.strip()
    if rule == NameRule.FULL:
        return name
    if rule == NameRule.HIDDEN or not name:
        return "某某"
    surname = name[:2] if name[:2] in COMPOUND_SURNAMES and len(name) > 2 else name[:1]
    return surname + "某" * max(1, len(name) - len(surname))


def mask_id_number(number: str) -> str:
    """Digits 7 to 14 hidden (the birth date): 110105********002X."""
    if len(number) <= 10:
        return "*" * len(number)
    return number[:6] + "*" * (len(number) - 10) + number[-4:]


def is_minor_on(birth_date: datetime.date | None, day: datetime.date) -> bool:
    """Under 18 on `day`: decisions against minors are not published (浙江 办法 art. 5)."""
    return birth_date is not None and full_years(birth_date, day) < 18
