"""Natural persons' names: from the town's registers, after person cues (邻居, 证人, 司机…) and from
jieba's part-of-speech tags; place names of the organisation tree and the gazetteer are never names.
Word lists in data/ beside this file."""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Collection
from pathlib import Path

import jieba
import jieba.posseg

from fazhi.core.masking.findings import Finding, FindingKind, Known, overlaps

jieba.setLogLevel(logging.WARNING)


def _read_list(name: str) -> frozenset[str]:
    path = Path(__file__).with_name("data") / name
    lines = (line.split("#", 1)[0].strip() for line in path.read_text(encoding="utf-8").splitlines())
    return frozenset(word for line in lines for word in line.split() if word)


@functools.cache
def gazetteer() -> frozenset[str]:
    """Place names that are never names (fazhi/core/masking/data/gazetteer.txt)."""
    return _read_list("gazetteer.txt")


@functools.cache
def not_names() -> frozenset[str]:
    """Words jieba tags as names that are not (银行卡, 高峰…): fazhi/core/masking/data/not_names.txt."""
    return _read_list("not_names.txt")


@functools.cache
def surnames() -> frozenset[str]:
    """Single-character surnames (fazhi/core/masking/data/surnames.txt), the commonest first there."""
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


@functools.lru_cache(maxsize=64)
def place_words(places: frozenset[str]) -> frozenset[str]:
    """The gazetteer and the given place names with their administrative suffix taken off (水高庄村 →
    水高庄), so both forms are protected. Kept per set of places: a page passes many texts through the
    gate with one town's places."""
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


def names_in(text: str, known: Known) -> list[Finding]:
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
            overlaps(start, end, taken)
            or overlaps(start, end, protected)
            or "某" in word
            or any(word in name for name in known.shown_names)
        ):
            continue
        taken.append((start, end))
        findings.append(Finding(FindingKind.PERSON_NAME, start, end, word))
    return findings
