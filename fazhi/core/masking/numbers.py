"""Numbers and addresses that never reach the public: ID numbers, mobile and landline numbers, bank
accounts, however typed, and the house number of an address."""

from __future__ import annotations

import datetime
import re

from fazhi.core import validators
from fazhi.core.masking.findings import Finding, FindingKind, Known, overlaps

# Characters people put between the digits of one number.
_SEPARATORS = " \u3000\u00a0-－—–_.,/，．／·)）"
_CHINESE_DIGITS = {
    **dict.fromkeys("〇○零", "0"),
    **dict.fromkeys("一幺壹", "1"),
    **dict.fromkeys("二两贰", "2"),
    **dict.fromkeys("三叁", "3"),
    **dict.fromkeys("四肆", "4"),
    **dict.fromkeys("五伍", "5"),
    **dict.fromkeys("六陆", "6"),
    **dict.fromkeys("七柒", "7"),
    **dict.fromkeys("八捌", "8"),
    **dict.fromkeys("九玖", "9"),
}
_CHINESE_DIGIT = "[" + "".join(_CHINESE_DIGITS) + "]"
# Seven or more Chinese digits in a row (a phone or ID number read out); shorter runs are words (一一).
_CHINESE_NUMBER = re.compile(_CHINESE_DIGIT + r"(?:[\s\-－—]?" + _CHINESE_DIGIT + "){6,}")


def _fold(text: str) -> str:
    """Full-width ASCII folded to ASCII, one character for one, so positions stay those of the text."""
    return "".join(chr(ord(c) - 0xFEE0) if "！" <= c <= "～" else " " if c == "\u3000" else c for c in text)


def _digits_view(text: str) -> str:
    """The text folded, with numbers in Chinese numerals written as digits, one character for one."""
    view = list(_fold(text))
    for match in _CHINESE_NUMBER.finditer(text):
        for index in range(match.start(), match.end()):
            view[index] = _CHINESE_DIGITS.get(text[index], view[index])
    return "".join(view)


# Groups of digits joined by up to three separator characters; a + may lead, an X may end (an ID).
_CLUSTER = re.compile(r"(?<![0-9])\+?\d+(?:[" + re.escape(_SEPARATORS) + r"]{1,3}\d+)*[Xx]?(?![0-9A-Za-z])")
_GROUP = re.compile(r"\d+[Xx]?")

_PHONE_CUE = re.compile(r"(电话|手机|联系方式|号码|座机|致电|拨打|tel|phone|mobile|call)", re.IGNORECASE)
_BANK_CUE = re.compile(r"(账号|帐号|卡号|账户|帐户|银行|户名|开户|转账|汇款)")
_ID_CUE = re.compile(r"(身份证|证件|身份号码|IDNo|ID)", re.IGNORECASE)
_MOBILE = re.compile(r"1[3-9]\d{9}")


def _cue(before: str) -> str:
    """What the few characters before a number say it is: "phone", "bank", "id" or ""."""
    for name, pattern in (("bank", _BANK_CUE), ("id", _ID_CUE), ("phone", _PHONE_CUE)):
        if pattern.search(before):
            return name
    return ""


def _plausible_birth(digits: str) -> bool:
    try:
        born = datetime.date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        return False
    return 1900 <= born.year <= 2100


def _is_resident_id(number: str) -> bool:
    if len(number) != 18 or not number[:17].isdigit() or number[0] == "0":
        return False
    checks = validators.resident_id_check_character(number[:17]) == number[17]
    return checks or (number[17].isdigit() and _plausible_birth(number[6:14]))


def _is_old_id(number: str) -> bool:
    return (
        len(number) == 15
        and number.isdigit()
        and number[0] in "12345678"
        and _plausible_birth("19" + number[6:12])
    )


def _classify(number: str, cue: str) -> FindingKind | None:
    """What a run of digits (an X may end it) is, read with the cue before it."""
    for prefix in ("0086", "86"):
        if number.startswith(prefix) and _MOBILE.fullmatch(number[len(prefix) :]):
            return FindingKind.MOBILE
    if _MOBILE.fullmatch(number):
        return FindingKind.MOBILE
    if _is_resident_id(number) or _is_old_id(number):
        return FindingKind.ID_NUMBER
    if not number.isdigit():
        return None
    if re.fullmatch(r"0[1-9]\d{8,10}", number):
        return FindingKind.LANDLINE  # area code and number
    if 16 <= len(number) <= 19 or (cue == "bank" and 10 <= len(number) <= 25):
        return FindingKind.BANK_ACCOUNT
    if cue == "phone" and 7 <= len(number) <= 8:
        return FindingKind.LANDLINE
    if cue == "id" and len(number) in (15, 18):
        return FindingKind.ID_NUMBER
    return None


def _in_credit_code(view: str, start: int) -> bool:
    """Digits right after letters that end a valid 统一社会信用代码 belong to it, not to a phone."""
    begin = start
    while begin > 0 and view[begin - 1].isascii() and view[begin - 1].isalnum():
        begin -= 1
    end = start
    while end < len(view) and view[end].isascii() and view[end].isalnum():
        end += 1
    token = view[begin:end].upper()
    return begin < start and any(_is_credit_code(token[i : i + 18]) for i in range(len(token) - 17))


def _is_credit_code(code: str) -> bool:
    return (
        bool(validators.USCC_PATTERN.match(code)) and validators.uscc_check_character(code[:17]) == code[17]
    )


def numbers_in(text: str, known: Known) -> list[Finding]:
    """ID, phone and bank-card numbers, read through the separators people type inside them: the groups
    of a cluster are joined, longest first, into the numbers they make."""
    view = _digits_view(text)
    allowed = {validators.normalise_identifier(number) for number in known.allowed_numbers}
    findings = []
    for cluster in _CLUSTER.finditer(view):
        if _in_credit_code(view, cluster.start()):
            continue
        groups = [
            (m.start() + cluster.start(), m.end() + cluster.start()) for m in _GROUP.finditer(cluster.group())
        ]
        findings += _numbers_in_groups(text, view, groups, allowed)
    return findings


def _numbers_in_groups(
    text: str, view: str, groups: list[tuple[int, int]], allowed: set[str]
) -> list[Finding]:
    found = []
    first = 0
    while first < len(groups):
        cue = _cue(view[max(0, groups[first][0] - 10) : groups[first][0]])
        for last in range(len(groups) - 1, first - 1, -1):
            number = "".join(view[start:end] for start, end in groups[first : last + 1]).upper()
            kind = None if number in allowed else _classify(number, cue)
            if kind is not None:
                start = groups[first][0] - (
                    1 if groups[first][0] > 0 and view[groups[first][0] - 1] == "+" else 0
                )
                end = groups[last][1]
                found.append(Finding(kind, start, end, text[start:end]))
                first = last
                break
        first += 1
    return found


# ---------------------------------------------------------------------------------------------- addresses

_NUMERAL = r"[0-9一二三四五六七八九十百零〇两]+"
_UNIT = r"(?:号院|号楼|号|弄|栋|幢|座|单元|室|层|楼|组|队|社)"
_DETAIL = r"(?:" + _NUMERAL + _UNIT + r"(?:之" + _NUMERAL + r")?)+"
_DASHED = r"\d+(?:-\d+){1,3}(?:号|室)?"
# The road, street, lane or village (kept) and the house number, building, unit and room (hidden).
_ADDRESS = re.compile(
    r"(?P<keep>(?:大街|大道|路|街|巷|胡同|弄|里|村|庄|屯|寨|社区|小区|花园|家园|公寓|苑|新村|大厦))"
    r"(?P<detail>" + _DETAIL + "|" + _DASHED + ")"
)
# A building, unit and room without the road before them (住3栋2单元501室).
_BARE_DETAIL = re.compile(_NUMERAL + r"(?:号楼|栋|幢|座)" + _NUMERAL + r"单元(?:" + _NUMERAL + r"(?:室|号))?")


def addresses_in(text: str, known: Known) -> list[Finding]:
    """House numbers of addresses, masked down to the road or village; an address the records show as an
    organisation's registered address stays."""
    folded = _fold(text)
    spans = [(m.start("detail"), m.end("detail")) for m in _ADDRESS.finditer(folded)]
    spans += [m.span() for m in _BARE_DETAIL.finditer(folded) if not overlaps(*m.span(), spans)]
    allowed = [address for address in known.allowed_addresses if address]
    return [
        Finding(FindingKind.ADDRESS, start, end, text[start:end])
        for start, end in sorted(spans)
        if not any(_address_allowed(text, start, end, address) for address in allowed)
    ]


def _address_allowed(text: str, start: int, end: int, address: str) -> bool:
    """The house number is part of where `address` appears in the text."""
    for match in re.finditer(re.escape(address), text):
        if match.start() <= start and end <= match.end():
            return True
    return False
