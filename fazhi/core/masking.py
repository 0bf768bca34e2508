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
import functools
import logging
import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

import jieba
import jieba.posseg

from fazhi.core import validators

jieba.setLogLevel(logging.WARNING)


class FindingKind(StrEnum):
    ID_NUMBER = "id_number"
    MOBILE = "mobile"
    LANDLINE = "landline"
    BANK_ACCOUNT = "bank_account"
    ADDRESS = "address"
    PERSON_NAME = "person_name"
    PARTY_DETAIL = "party_detail"
    MARKED = "marked"


FINDING_LABELS = {
    FindingKind.ID_NUMBER: "身份证号码",
    FindingKind.MOBILE: "手机号码",
    FindingKind.LANDLINE: "固定电话号码",
    FindingKind.BANK_ACCOUNT: "银行账号",
    FindingKind.ADDRESS: "住址门牌",
    FindingKind.PERSON_NAME: "自然人姓名",
    FindingKind.PARTY_DETAIL: "当事人的住址、电话或证件号码",
    FindingKind.MARKED: "人工标记的内容",
}

# What a person must settle before publication: masked names follow the configured rule by themselves,
# these are never published unless a person releases them with a reason.
BLOCKING_KINDS = frozenset(
    {
        FindingKind.ID_NUMBER,
        FindingKind.MOBILE,
        FindingKind.LANDLINE,
        FindingKind.BANK_ACCOUNT,
        FindingKind.ADDRESS,
        FindingKind.PARTY_DETAIL,
    }
)

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

    @property
    def blocking(self) -> bool:
        return self.kind in BLOCKING_KINDS


@dataclass(frozen=True)
class Known:
    """What the scan is told. `people`: natural persons' names in the town's registers; `places`: the
    names of the organisation tree and their parts (水高庄村, 水高庄), added to the gazetteer;
    `shown_names`: names that may appear (the legal representative of a penalised organisation, the
    officers); `private_values`: what the records know to be private (a person's address, phone, ID
    number), found as typed; `allowed_numbers`: public identifiers (统一社会信用代码, 工商注册号, 执法证号);
    `allowed_addresses`: an organisation's registered address (双公示 publishes it)."""

    people: frozenset[str] = frozenset()
    places: frozenset[str] = frozenset()
    shown_names: frozenset[str] = frozenset()
    private_values: frozenset[str] = frozenset()
    allowed_numbers: frozenset[str] = frozenset()
    allowed_addresses: frozenset[str] = frozenset()

    @classmethod
    def of(cls, **values: Iterable[str]) -> Known:
        return cls(**{name: frozenset(v for v in value if v) for name, value in values.items()})

    def adding(self, **values: Iterable[str]) -> Known:
        merged = {
            name: getattr(self, name) | frozenset(v for v in value if v) for name, value in values.items()
        }
        return Known(**{**self.__dict__, **merged})


@dataclass(frozen=True)
class Review:
    """A person's decisions on a text: spans to hide that the scan missed, and findings released with a
    reason (their text stays). Both are kept by their text, so they survive edits elsewhere."""

    hidden: frozenset[str] = frozenset()
    released: frozenset[str] = frozenset()
    reasons: dict[str, str] = field(default_factory=dict)


def scan(text: str, known: Known | None = None) -> list[Finding]:
    """Everything in `text` that must not be published, without overlaps, in order."""
    known = known or Known()
    findings = _known_values(text, known.private_values)
    taken = [(finding.start, finding.end) for finding in findings]
    for found in (_numbers(text, known), _addresses(text, known)):
        for finding in found:
            if not _overlaps(finding.start, finding.end, taken):
                findings.append(finding)
                taken.append((finding.start, finding.end))
    findings += [
        finding for finding in _names(text, known) if not _overlaps(finding.start, finding.end, taken)
    ]
    return sorted(findings, key=lambda finding: finding.start)


def findings_after_review(text: str, known: Known | None, review: Review) -> list[Finding]:
    """The scan's findings less those released, with every place a hidden span appears. A hidden span
    that overlaps findings takes them in: the whole stretch is hidden."""
    found = [finding for finding in scan(text, known) if finding.text not in review.released]
    for hidden in sorted(review.hidden, key=len, reverse=True):
        for match in re.finditer(re.escape(hidden), text):
            overlapping = [f for f in found if _overlaps(match.start(), match.end(), [(f.start, f.end)])]
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


def _overlaps(start: int, end: int, taken: Iterable[tuple[int, int]]) -> bool:
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


# ------------------------------------------------------------------------------------------------ numbers

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


def _luhn(number: str) -> bool:
    total = 0
    for index, char in enumerate(reversed(number)):
        value = int(char) * (2 if index % 2 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0


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
    shaped = re.fullmatch(r"[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}", code)
    return bool(shaped) and validators.uscc_check_character(code[:17]) == code[17]


def _numbers(text: str, known: Known) -> list[Finding]:
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


def _addresses(text: str, known: Known) -> list[Finding]:
    """House numbers of addresses, masked down to the road or village; an address the records show as an
    organisation's registered address stays."""
    folded = _fold(text)
    spans = [(m.start("detail"), m.end("detail")) for m in _ADDRESS.finditer(folded)]
    spans += [m.span() for m in _BARE_DETAIL.finditer(folded) if not _overlaps(*m.span(), spans)]
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


# -------------------------------------------------------------------------------------------------- names


def _read_list(name: str) -> frozenset[str]:
    path = Path(__file__).with_name("masking_data") / name
    lines = (line.split("#", 1)[0].strip() for line in path.read_text(encoding="utf-8").splitlines())
    return frozenset(word for line in lines for word in line.split() if word)


@functools.cache
def gazetteer() -> frozenset[str]:
    """Place names that are never names (fazhi/core/masking_data/gazetteer.txt)."""
    return _read_list("gazetteer.txt")


@functools.cache
def not_names() -> frozenset[str]:
    """Words jieba tags as names that are not (银行卡, 高峰…): fazhi/core/masking_data/not_names.txt."""
    return _read_list("not_names.txt")


@functools.cache
def surnames() -> frozenset[str]:
    """Single-character surnames (fazhi/core/masking_data/surnames.txt), the commonest first there."""
    return _read_list("surnames.txt")


# Two-character surnames, so that 欧阳明 becomes 欧阳某 and not 欧某某.
COMPOUND_SURNAMES = {
    "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒", "夏侯",
    "轩辕", "令狐", "钟离", "独孤", "南宫", "西门", "百里", "呼延", "端木", "申屠", "太史", "澹台", "万俟",
}  # fmt: skip

# Words before a person's name that say it is one (the name follows, maybe after a colon).
PERSON_CUES = (
    "邻居", "证人", "见证人", "司机", "驾驶员", "驾驶人", "配偶", "妻子", "丈夫", "爱人", "儿子", "女儿", "父亲", "母亲",
    "委托代理人", "代理人", "联系人", "监护人", "法定代理人", "举报人", "投诉人", "申请人", "被申请人", "受害人",
    "租户", "承租人", "出租人", "房东", "店主", "户主", "雇员", "员工", "工人", "同事", "朋友", "亲属", "村民",
    "居民", "业主", "乘客", "行人", "老人", "当事人", "来访人", "信访人", "志愿者", "网格员", "经营者", "负责人",
    "营业员", "收银员", "厨师", "保安", "值班人员", "在场人", "陪同人", "弟弟", "哥哥", "姐姐", "妹妹", "侄子",
    "外甥", "孙子", "女婿", "儿媳", "母亲", "岳父", "岳母", "公公", "婆婆", "男友", "女友", "同乡", "老板", "法定代表人",
)  # fmt: skip
# Words after a name that say it is one.
PERSON_TITLES = (
    "先生",
    "女士",
    "同志",
    "师傅",
    "老人",
    "大爷",
    "大妈",
    "阿姨",
    "大姐",
    "大哥",
    "老师",
    "医生",
    "律师",
)
# Characters that end a name found after a cue: what commonly follows a name in a sentence.
_AFTER_NAME = set(
    "的在于称说等与和及因将把被向对从为是系未已曾也都又就到时后前了驾经所家处同共均一二三四五六七八九十（(，,。；;：:、 "
)

# Characters that end a place name: a word followed by one of them is a place (水高庄 + 村).
_PLACE_SUFFIXES = set("村庄镇乡屯营寨堡店桥河湾沟坡岭园路街道巷里区县市省港口台坨洼圈铺集场站湖山岛州")

# A 文号 such as 西青辛综执罚〔2026〕12号: its 机关代字 is an abbreviation, never a person.
_DOCUMENT_NUMBER = re.compile(r"[\u4e00-\u9fff]{2,12}[〔\[［(（]\d{4}[〕\]］)）]\d+号")


def _surname_of(word: str) -> str:
    if word[:2] in COMPOUND_SURNAMES and len(word) > 2:
        return word[:2]
    return word[:1] if word[:1] in surnames() else ""


def place_words(places: Collection[str]) -> frozenset[str]:
    """The gazetteer and the given place names with their administrative suffix taken off (水高庄村 →
    水高庄), so both forms are protected."""
    words = set(gazetteer()) | set(places)
    for place in list(words):
        stem = re.sub(
            r"(村民委员会|居民委员会|村委会|居委会|街道办事处|街道|社区|委员会|村|镇|乡|区|县|市|省)$",
            "",
            place,
        )
        if len(stem) >= 2:
            words.add(stem)
    return frozenset(words)


def _protected_spans(text: str, known: Known) -> list[tuple[int, int]]:
    spans = [match.span() for match in _DOCUMENT_NUMBER.finditer(text)]
    for word in place_words(known.places):
        start = text.find(word)
        while start >= 0:
            spans.append((start, start + len(word)))
            start = text.find(word, start + 1)
    return spans


def _register_names(text: str, people: Collection[str]) -> list[tuple[int, int]]:
    """Every place a name in the registers appears, the longest name at each position."""
    names = {name for name in people if 2 <= len(name) <= 6 and "某" not in name}
    lengths = sorted({len(name) for name in names}, reverse=True)
    found = []
    position = 0
    while position < len(text):
        length = next((n for n in lengths if text[position : position + n] in names), 0)
        if length:
            found.append((position, position + length))
            position += length
        else:
            position += 1
    return found


def _cued_names(text: str, known_names: Collection[str], words: dict[int, int]) -> list[tuple[int, int]]:
    """A name right after a person cue (邻居丁国华) or right before a title (张伟先生)."""
    found = []
    for cue in PERSON_CUES:
        start = text.find(cue)
        while start >= 0:
            begin = start + len(cue)
            while begin < len(text) and text[begin] in "：: ":
                begin += 1
            span = _known_name_at(text, begin, known_names) or _name_at(text, begin, words)
            if span:
                found.append(span)
            start = text.find(cue, start + 1)
    for title in PERSON_TITLES:
        start = text.find(title)
        while start >= 0:
            for length in (2, 3, 4):
                begin = start - length
                if begin >= 0 and _surname_of(text[begin:start]) and _is_name_body(text[begin:start]):
                    found.append((begin, start))
                    break
            start = text.find(title, start + 1)
    return found


def _is_name_body(word: str) -> bool:
    return all("\u4e00" <= char <= "\u9fff" and char not in _AFTER_NAME and char != "某" for char in word)


def _known_name_at(text: str, begin: int, known_names: Collection[str]) -> tuple[int, int] | None:
    lengths = [len(name) for name in known_names if text.startswith(name, begin)]
    return (begin, begin + max(lengths)) if lengths else None


def _name_at(text: str, begin: int, words: dict[int, int]) -> tuple[int, int] | None:
    """The name that starts at `begin`: a surname and one or two given characters, ended by a
    character that follows names (的, 在, 称, a comma…) or by the third given character."""
    surname = _surname_of(text[begin : begin + 3])
    if not surname:
        return None
    end = begin + len(surname)
    while end < len(text) and end - begin - len(surname) < 2 and _is_name_body(text[end]):
        end += 1
    if end == begin + len(surname) or "某" in text[begin : end + 1]:
        return None
    # The last character may begin the next word, as jieba cuts the text (郑伟 + 委托, 程功 + 代收):
    # then the name is one shorter. `words` maps where each of jieba's words starts to where it ends.
    if end - begin - len(surname) == 2 and words.get(end - 1, end) > end:
        end -= 1
    return begin, end


# Tags of a word that can be a given name after a lone surname (周 + 建平, 徐 + 国庆, 梁 + 宏伟).
_GIVEN_NAME_TAGS = ("n", "nz", "nr", "t", "a", "ns", "nt", "j", "ng", "s")


Token = tuple[int, int, str, str]  # start, end, word, part-of-speech tag


def _tokens(text: str) -> list[Token]:
    tokens = []
    position = 0
    for token in jieba.posseg.cut(text):
        start = text.find(token.word, position)
        position = start + len(token.word)
        tokens.append((start, position, token.word, token.flag))
    return tokens


def _tagged_names(text: str, tokens: list[Token]) -> list[tuple[int, int]]:
    """Names by jieba's part-of-speech tag nr, beginning with a surname; a surname jieba cut off as a
    word of its own takes the word after it when that can be a given name (王 + 秀英, 周 + 建平), but
    not the end of another word (规范 + 公正)."""
    found = []
    for index, (start, end, word, flag) in enumerate(tokens):
        following = tokens[index + 1] if index + 1 < len(tokens) else None
        if len(word) == 1 and word in surnames() and following:
            if _lone_surname_takes(flag, following[2], following[3]):
                found.append((start, following[1]))
            continue
        if not flag.startswith("nr") or not 2 <= len(word) <= 4:
            continue
        # 朱文 + 斌: a tagged name and a single character tagged as a name part after it.
        if following and len(word) == 2 and len(following[2]) == 1 and following[3] in ("nr", "ng"):
            end = following[1]
        # Four characters only with a compound surname: 欧阳晓明, not 严格执行.
        compound = word[:2] in COMPOUND_SURNAMES
        if _surname_of(word) and (len(word) < 4 or compound) and not (len(word) == 2 and _common_word(word)):
            found.append((start, end))
    return found


def _lone_surname_takes(flag: str, word: str, word_flag: str) -> bool:
    """A surname standing alone takes the next word as its given name: always a word tagged as a name
    (马 + 俊杰); a word that can be a given name (周 + 建平) when the surname itself is tagged so."""
    if word_flag.startswith("nr") and len(word) == 2 and not _surname_of(word):
        return True
    return flag in ("nr", "j", "ng") and _could_be_given_name(word, word_flag)


# jieba's dictionary tags some common words nr (陈述 763, 高峰 1556, 黎明 670 occurrences in its
# corpus); names it knows are rare there (王建国 12, 刘德华 37, 李强 159).
_COMMON_WORD_FREQUENCY = 200


def _common_word(word: str) -> bool:
    frequency: int = jieba.dt.FREQ.get(word, 0)
    return frequency >= _COMMON_WORD_FREQUENCY


def _could_be_given_name(word: str, flag: str) -> bool:
    return (
        1 <= len(word) <= 2
        and flag in _GIVEN_NAME_TAGS
        and _is_name_body(word)
        and word[-1] not in _PLACE_SUFFIXES
    )


# Tags of a one-character word that is not a surname there: preposition, conjunction, adverb, verb,
# pronoun, particle, locality.
_FUNCTION_TAGS = set("pcdvruf")


def _names(text: str, known: Known) -> list[Finding]:
    """Natural persons' names, other than those that may be shown, never inside a place name. The
    registers and the cues are trusted; a name only jieba tags must not run into a place suffix
    (水高庄 + 村) nor be a word known not to be a name (银行卡)."""
    protected = _protected_spans(text, known)
    tokens = _tokens(text)
    # A surname after a cue that jieba reads as a preposition or adverb is one (当事人向执法人员…).
    function_words = {
        start for start, _end, word, flag in tokens if len(word) == 1 and flag[:1] in _FUNCTION_TAGS
    }
    cued = [
        (start, end)
        for start, end in _cued_names(text, known.people | known.shown_names, {t[0]: t[1] for t in tokens})
        if start not in function_words or text[start:end] in known.people | known.shown_names
    ]
    strong = set(_register_names(text, known.people) + cued)
    tagged = [
        (start, end)
        for start, end in _tagged_names(text, tokens)
        if not (end < len(text) and text[end] in _PLACE_SUFFIXES) and text[start:end] not in not_names()
    ]
    findings: list[Finding] = []
    taken: list[tuple[int, int]] = []
    # Longer candidates first, so 刘德明 wins over 刘德.
    for start, end in sorted(strong | set(tagged), key=lambda span: (span[0] - span[1], span[0])):
        word = text[start:end]
        if (
            _overlaps(start, end, taken)
            or _overlaps(start, end, protected)
            or "某" in word
            or any(word in name for name in known.shown_names)
        ):
            continue
        taken.append((start, end))
        findings.append(Finding(FindingKind.PERSON_NAME, start, end, word))
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
    if birth_date is None:
        return False
    had_birthday = (day.month, day.day) >= (birth_date.month, birth_date.day)
    return day.year - birth_date.year - (0 if had_birthday else 1) < 18
