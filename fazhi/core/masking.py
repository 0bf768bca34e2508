"""What never reaches the public: ID numbers, phone numbers, bank accounts and third persons' names in
free text, found however they are typed (full-width digits, digits split by spaces or dashes), and the
penalised person's name shown by the configured rule. Pure functions: the publication service calls
them for the preview and refuses to publish while `scan` still finds something.

Sources: 浙江省行政处罚结果信息网上公开暂行办法 art. 7 (what is hidden); 政府信息公开条例 art. 15;
总局令第45号 art. 5 (a person checks free text before publication)."""

from __future__ import annotations

import datetime
import logging
import re
import unicodedata
from collections.abc import Collection
from dataclasses import dataclass
from enum import StrEnum

import jieba
import jieba.posseg

jieba.setLogLevel(logging.WARNING)


class FindingKind(StrEnum):
    ID_NUMBER = "id_number"
    MOBILE = "mobile"
    LANDLINE = "landline"
    BANK_ACCOUNT = "bank_account"
    PERSON_NAME = "person_name"
    PARTY_DETAIL = "party_detail"


FINDING_LABELS = {
    FindingKind.ID_NUMBER: "身份证号码",
    FindingKind.MOBILE: "手机号码",
    FindingKind.LANDLINE: "固定电话号码",
    FindingKind.BANK_ACCOUNT: "银行账号",
    FindingKind.PERSON_NAME: "他人姓名",
    FindingKind.PARTY_DETAIL: "当事人的住址、电话或证件号码",
}

REDACTED = "（已隐去）"


@dataclass(frozen=True)
class Finding:
    kind: FindingKind
    start: int  # in the original text
    end: int
    text: str

    @property
    def label(self) -> str:
        return FINDING_LABELS[self.kind]


# Characters people put inside long numbers: spaces of every width and dashes of every kind.
_SEPARATORS = {" ", "\u3000", "\u00a0", "-", "－", "—", "–", "_"}


def _digits_view(text: str) -> tuple[str, list[int]]:
    """The text with full-width forms folded (NFKC) and separators between digits dropped, and for each
    character of that view its index in the original, so a match maps back to what the user typed."""
    view: list[str] = []
    origin: list[int] = []
    for index, raw in enumerate(text):
        char = unicodedata.normalize("NFKC", raw)
        if raw in _SEPARATORS or char in _SEPARATORS:
            previous_is_digit = bool(view) and view[-1].isdigit()
            following = next((c for c in text[index + 1 :] if c not in _SEPARATORS), "")
            if previous_is_digit and unicodedata.normalize("NFKC", following)[:1].isdigit():
                continue
        for piece in char:
            view.append(piece)
            origin.append(index)
    return "".join(view), origin


# A run of digits (an ID number may end in X) not touching other digits or ASCII letters.
_NUMBER_RUN = re.compile(r"(?<![0-9A-Za-z])\d{7,}[Xx]?(?![0-9A-Za-z])")


def _classify(number: str) -> FindingKind | None:
    digits = number.rstrip("Xx")
    if len(number) == 18 and len(digits) >= 17:
        return FindingKind.ID_NUMBER
    if len(number) == 15 and number.isdigit():
        return FindingKind.ID_NUMBER  # the first-generation card; a 工商注册号 is allowed by the caller
    if re.fullmatch(r"1[3-9]\d{9}", number):
        return FindingKind.MOBILE
    if re.fullmatch(r"0\d{9,11}", number) or re.fullmatch(r"\d{7,8}", number):
        return FindingKind.LANDLINE
    if re.fullmatch(r"\d{16,19}", number):
        return FindingKind.BANK_ACCOUNT
    return None


# Words jieba tags as names that are places or organisations in this domain.
_NOT_A_PERSON = re.compile(r"(村|镇|乡|街|区|县|市|省|路|道|队|所|局|办|委|会|公司|厂|店|园)$")


# A 文号 such as 西青辛综执罚〔2026〕12号: its 机关代字 is an abbreviation, never a person.
_DOCUMENT_NUMBER = re.compile(r"[\u4e00-\u9fff]{2,12}[〔\[［(（]\d{4}[〕\]］)）]\d+号")


# The commonest single-character surnames, which jieba sometimes leaves outside the name it tags
# (王 + 秀英): a tagged given name right after one of them takes it back.
COMMON_SURNAMES = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
    "姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)


def find_names(text: str) -> list[tuple[int, int, str]]:
    """Chinese personal names in free text, by jieba's part-of-speech tag nr, with their positions."""
    skipped = [match.span() for match in _DOCUMENT_NUMBER.finditer(text)]
    found = []
    position = 0
    for token in jieba.posseg.cut(text):
        start = text.find(token.word, position)
        position = start + len(token.word)
        if any(begin <= start < end for begin, end in skipped):
            continue
        if token.flag.startswith("nr") and len(token.word) >= 2 and not _NOT_A_PERSON.search(token.word):
            surname_left_out = (
                len(token.word) == 2
                and start > 0
                and text[start - 1] in COMMON_SURNAMES
                and token.word[0] not in COMMON_SURNAMES
            )
            begin = start - 1 if surname_left_out else start
            found.append((begin, position, text[begin:position]))
    return found


def scan(
    text: str,
    *,
    private_values: Collection[str] = (),
    allowed_numbers: Collection[str] = (),
    shown_names: Collection[str] = (),
) -> list[Finding]:
    """Everything in `text` that must not be published. `private_values` are what the records already
    know to be private (the person's address, phone, ID number), found first, as typed; then patterns
    and names. `allowed_numbers` are public identifiers of the party (统一社会信用代码, 工商注册号);
    `shown_names` are the names that may appear (the penalised party as the rule shows it, the officers,
    whose names and 执法证号 are public)."""
    findings = _known_values(text, private_values)
    taken = [(finding.start, finding.end) for finding in findings]
    findings += _numbers(text, allowed_numbers, taken)
    findings += _names(text, shown_names, taken)
    return sorted(findings, key=lambda finding: finding.start)


def _overlaps(start: int, end: int, taken: list[tuple[int, int]]) -> bool:
    return any(begin < end and start < finish for begin, finish in taken)


def _known_values(text: str, private_values: Collection[str]) -> list[Finding]:
    """The values the records know to be private, longest first, each place it appears."""
    findings: list[Finding] = []
    taken: list[tuple[int, int]] = []
    for value in sorted({v.strip() for v in private_values if len(v.strip()) >= 4}, key=len, reverse=True):
        for match in re.finditer(re.escape(value), text):
            if not _overlaps(match.start(), match.end(), taken):
                taken.append(match.span())
                findings.append(Finding(FindingKind.PARTY_DETAIL, match.start(), match.end(), value))
    return findings


def _numbers(text: str, allowed_numbers: Collection[str], taken: list[tuple[int, int]]) -> list[Finding]:
    """ID, phone and bank-card numbers, read through the separators people type inside them."""
    findings = []
    view, origin = _digits_view(text)
    for match in _NUMBER_RUN.finditer(view):
        number = match.group().upper()
        kind = None if number in allowed_numbers else _classify(number)
        if kind is None:
            continue
        start, end = origin[match.start()], origin[match.end() - 1] + 1
        if not _overlaps(start, end, taken):
            findings.append(Finding(kind, start, end, text[start:end]))
    return findings


def _names(text: str, shown_names: Collection[str], taken: list[tuple[int, int]]) -> list[Finding]:
    """Personal names other than those that may be shown, outside what was found already."""
    return [
        Finding(FindingKind.PERSON_NAME, start, end, word)
        for start, end, word in find_names(text)
        if not (word in shown_names or "某" in word or any(word in name for name in shown_names))
        and not _overlaps(start, end, taken)
    ]


def redact(text: str, findings: list[Finding]) -> str:
    """The text with every finding replaced, from the end so earlier positions stay right."""
    for finding in sorted(findings, key=lambda item: item.start, reverse=True):
        replacement = mask_name(finding.text) if finding.kind == FindingKind.PERSON_NAME else REDACTED
        text = text[: finding.start] + replacement + text[finding.end :]
    return text


# Two-character surnames, so that 欧阳明 becomes 欧阳某 and not 欧某某.
COMPOUND_SURNAMES = {
    "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒", "夏侯",
    "轩辕", "令狐", "钟离", "独孤", "南宫", "西门", "百里", "呼延", "端木", "申屠", "太史", "澹台", "万俟",
}  # fmt: skip


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
    if birth_date is None:
        return False
    had_birthday = (day.month, day.day) >= (birth_date.month, birth_date.day)
    return day.year - birth_date.year - (0 if had_birthday else 1) < 18
