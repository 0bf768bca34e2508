"""Identifier checks: 居民身份证号码 (GB 11643-1999) and 统一社会信用代码 (GB 32100-2015).

Each check normalises first (NFKC full-width to half-width, spaces and hyphens removed, upper case)
and returns the normalised value, or raises InvalidInput with a Chinese message that says what is wrong.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from dataclasses import dataclass

from fazhi.core.errors import InvalidInput

RESIDENT_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
RESIDENT_ID_CHECK = "10X98765432"
RESIDENT_ID_PATTERN = re.compile(r"^\d{17}[\dX]$")

USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
USCC_PATTERN = re.compile(r"^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$")
ORG_CODE_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)
# The 双公示 standard's placeholder for an individual business without a credit code; valid only
# together with its 工商注册号.
INDIVIDUAL_BUSINESS_PLACEHOLDER = "00000000000000000X"

CITATION_RESIDENT_ID = "GB 11643-1999 公民身份号码"
CITATION_USCC = "GB 32100-2015 法人和其他组织统一社会信用代码编码规则"


def normalise_identifier(raw: str) -> str:
    folded = unicodedata.normalize("NFKC", raw)
    return re.sub(r"[\s\-]", "", folded).upper()


@dataclass(frozen=True)
class ResidentId:
    number: str
    birth_date: datetime.date
    is_male: bool


def resident_id_check_character(first17: str) -> str:
    total = sum(int(digit) * weight for digit, weight in zip(first17, RESIDENT_ID_WEIGHTS, strict=True))
    return RESIDENT_ID_CHECK[total % 11]


def check_resident_id(raw: str, *, today: datetime.date) -> ResidentId:
    number = normalise_identifier(raw)
    if len(number) != 18:
        raise InvalidInput(
            "居民身份证号码应为18位，当前为%(n)d位。" % {"n": len(number)}, citation=CITATION_RESIDENT_ID
        )
    if not RESIDENT_ID_PATTERN.match(number):
        raise InvalidInput("居民身份证号码前17位应为数字，第18位应为数字或X。", citation=CITATION_RESIDENT_ID)
    try:
        birth_date = datetime.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        raise InvalidInput(
            "居民身份证号码中的出生日期 %(d)s 不是有效日期。" % {"d": number[6:14]},
            citation=CITATION_RESIDENT_ID,
        ) from None
    if birth_date > today:
        raise InvalidInput(
            "居民身份证号码中的出生日期 %(d)s 晚于今天。" % {"d": birth_date.isoformat()},
            citation=CITATION_RESIDENT_ID,
        )
    expected = resident_id_check_character(number[:17])
    if number[17] != expected:
        raise InvalidInput(
            "居民身份证号码校验码错误：第18位应为 %(e)s，而不是 %(g)s，请核对号码。"
            % {"e": expected, "g": number[17]},
            citation=CITATION_RESIDENT_ID,
        )
    return ResidentId(number=number, birth_date=birth_date, is_male=int(number[16]) % 2 == 1)


@dataclass(frozen=True)
class CreditCode:
    code: str
    warnings: tuple[str, ...]


def uscc_check_character(first17: str) -> str:
    total = sum(
        USCC_ALPHABET.index(char) * weight for char, weight in zip(first17, USCC_WEIGHTS, strict=True)
    )
    return USCC_ALPHABET[(31 - total % 31) % 31]


def _organisation_code_check(code8: str) -> str:
    total = sum(int(char, 36) * weight for char, weight in zip(code8, ORG_CODE_WEIGHTS, strict=True))
    remainder = 11 - total % 11
    return {10: "X", 11: "0"}.get(remainder, str(remainder))


def check_uscc(raw: str) -> CreditCode:
    code = normalise_identifier(raw)
    if len(code) != 18:
        raise InvalidInput(
            "统一社会信用代码应为18位，当前为%(n)d位。" % {"n": len(code)}, citation=CITATION_USCC
        )
    forbidden = sorted({char for char in code if char in "IOSVZ"})
    if forbidden:
        raise InvalidInput(
            "统一社会信用代码不使用字母 I、O、S、V、Z，其中出现了 %(c)s（请确认是否应为数字）。"
            % {"c": "、".join(forbidden)},
            citation=CITATION_USCC,
        )
    if not USCC_PATTERN.match(code):
        raise InvalidInput(
            "统一社会信用代码格式不正确：第3至8位应为数字（行政区划码），其余位为数字或大写字母。",
            citation=CITATION_USCC,
        )
    if code == INDIVIDUAL_BUSINESS_PLACEHOLDER:
        raise InvalidInput(
            "00000000000000000X 仅可作为个体工商户无统一社会信用代码时的占位，须同时填写工商注册号。",
            citation="双公示数据标准",
        )
    expected = uscc_check_character(code[:17])
    if code[17] != expected:
        raise InvalidInput(
            "统一社会信用代码校验码错误：第18位应为 %(e)s，而不是 %(g)s，请核对代码。"
            % {"e": expected, "g": code[17]},
            citation=CITATION_USCC,
        )
    warnings: list[str] = []
    inner_expected = _organisation_code_check(code[8:16])
    if code[16] != inner_expected:
        warnings.append(
            "组织机构代码（第9至17位）本体校验不符：第17位按规则应为 %(e)s，请核对。" % {"e": inner_expected}
        )
    return CreditCode(code=code, warnings=tuple(warnings))
