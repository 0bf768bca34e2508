"""The identifier checks against the examples of DOMAIN.md §6 (GB 11643 and GB 32100)."""

import datetime

import pytest

from fazhi.core.errors import InvalidInput
from fazhi.core.validators import check_resident_id, check_uscc, normalise_identifier

TODAY = datetime.date(2026, 11, 28)


@pytest.mark.parametrize(
    ("number", "birth", "male"),
    [
        ("11010519491231002X", datetime.date(1949, 12, 31), False),
        ("360426199101010071", datetime.date(1991, 1, 1), True),
        # python-stdnum rejects this one for its region table; region checks are warnings only.
        ("440524188001010014", datetime.date(1880, 1, 1), True),
    ],
)
def test_valid_resident_ids_give_birth_date_and_sex(number, birth, male):
    resident = check_resident_id(number, today=TODAY)
    assert resident.number == number
    assert resident.birth_date == birth
    assert resident.is_male is male


@pytest.mark.parametrize(
    ("number", "message"),
    [
        ("110105194912310021", "校验码错误：第18位应为 X，而不是 1"),
        ("110105194902300020", "出生日期 19490230 不是有效日期"),
        ("110105202302290022", "出生日期 20230229 不是有效日期"),
        ("110105194913310021", "出生日期 19491331 不是有效日期"),
        ("110105209901010020", "晚于今天"),
        ("1101051949123100AX", "前17位应为数字"),
        ("11010519491231002Y", "第18位应为数字或X"),
        ("11010519491231002", "应为18位，当前为17位"),
    ],
)
def test_invalid_resident_ids_say_what_is_wrong(number, message):
    with pytest.raises(InvalidInput) as raised:
        check_resident_id(number, today=TODAY)
    assert message in raised.value.message
    assert raised.value.citation.startswith("GB 11643")


def test_resident_id_is_normalised_before_checking():
    full_width = "１１０１０５ １９４９１２３１００２ｘ"
    assert check_resident_id(full_width, today=TODAY).number == "11010519491231002X"


@pytest.mark.parametrize("code", ["91110000600037341L", "91350100M000100Y43"])
def test_valid_credit_codes(code):
    result = check_uscc(code)
    assert result.code == code
    assert result.warnings == ()


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("91110000600037341M", "第18位应为 L，而不是 M"),
        ("91110000600073341L", "第18位应为 N"),
        ("911A0000600037341R", "第3至8位应为数字"),
        ("9111000060003734IL", "不使用字母 I、O、S、V、Z，其中出现了 I"),
        ("91110000600O37341L", "其中出现了 O"),
        ("91110000600037341", "应为18位，当前为17位"),
        ("00000000000000000X", "须同时填写工商注册号"),
    ],
)
def test_invalid_credit_codes_say_what_is_wrong(code, message):
    with pytest.raises(InvalidInput) as raised:
        check_uscc(code)
    assert message in raised.value.message


def test_credit_code_with_failing_inner_check_is_accepted_with_a_warning():
    result = check_uscc("91110000600037342P")
    assert result.code == "91110000600037342P"
    assert len(result.warnings) == 1
    assert "第17位按规则应为 1" in result.warnings[0]


def test_credit_code_with_letter_in_position_one_is_valid_by_regex_not_stdnum():
    # Position 1 may be a letter (Y 其他); python-stdnum rejects it, GB 32100 does not.
    from fazhi.core.validators import uscc_check_character

    code = "Y1120111MB1712345" + uscc_check_character("Y1120111MB1712345")
    assert check_uscc(code.lower()).code == code


def test_normalise_folds_width_case_spaces_and_hyphens():
    assert normalise_identifier(" ９１１１-００００ ６０００３７３４１ｌ ") == "91110000600037341L"
