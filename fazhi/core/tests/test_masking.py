"""Masking: private data found however it is typed, names shown by the rule, minors recognised."""

import datetime

import pytest

from conftest import resident_id
from fazhi.core import masking
from fazhi.core.masking import FindingKind, NameRule

ID = resident_id("11010519491231002")  # 11010519491231002X


def kinds(text: str, **options) -> list[FindingKind]:
    return [finding.kind for finding in masking.scan(text, masking.Known.of(**options))]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        (f"当事人身份证号{ID}。", FindingKind.ID_NUMBER),
        ("身份证号１１０１０５１９４９１２３１００２Ｘ。", FindingKind.ID_NUMBER),  # full-width
        ("身份证号 110105 19491231 002X。", FindingKind.ID_NUMBER),  # split by spaces
        ("旧身份证 110105491231002。", FindingKind.ID_NUMBER),
        ("联系电话13812345678。", FindingKind.MOBILE),
        ("联系电话138-1234-5678。", FindingKind.MOBILE),
        ("联系电话１３８ １２３４ ５６７８。", FindingKind.MOBILE),
        ("办公电话022-27391234。", FindingKind.LANDLINE),
        ("罚款转入6222 0212 3456 7890 123账户。", FindingKind.BANK_ACCOUNT),
    ],
)
def test_private_numbers_are_found_however_typed(text, kind):
    assert kinds(text) == [kind]


def test_amounts_dates_and_document_numbers_are_not_private():
    text = "于2026年3月5日罚款2000元，西青辛综执罚〔2026〕12号，占道约6平方米。"
    assert masking.scan(text) == []


def test_the_partys_public_identifiers_are_allowed():
    code = "120111600123456"
    assert kinds(f"个体工商户注册号{code}。") == [FindingKind.ID_NUMBER]
    assert kinds(f"个体工商户注册号{code}。", allowed_numbers={code}) == []


def test_third_persons_names_are_found_but_the_shown_names_are_not():
    text = "经查，当事人刘某在政府路摆摊，证人王建国、李秀英称其已经营一个月，执法队员张执法在场。"
    found = masking.scan(text, masking.Known.of(shown_names={"张执法"}))
    assert [(finding.kind, finding.text) for finding in found] == [
        (FindingKind.PERSON_NAME, "王建国"),
        (FindingKind.PERSON_NAME, "李秀英"),
    ]
    assert masking.redact(text, found) == (
        "经查，当事人刘某在政府路摆摊，证人王某某、李某某称其已经营一个月，执法队员张执法在场。"
    )


def test_places_tagged_as_names_are_not_names():
    assert masking.scan("辛口村村民在辛口村村口摆摊。") == []


def test_redact_replaces_numbers_where_they_were_typed():
    text = "电话 138 1234 5678，身份证" + ID + "。"
    assert masking.redact(text, masking.scan(text)) == "电话 （已隐去），身份证（已隐去）。"


@pytest.mark.parametrize(
    ("name", "rule", "shown"),
    [
        ("张三丰", NameRule.SURNAME, "张某某"),
        ("张三", NameRule.SURNAME, "张某"),
        ("欧阳明月", NameRule.SURNAME, "欧阳某某"),
        ("张三丰", NameRule.FULL, "张三丰"),
        ("张三丰", NameRule.HIDDEN, "某某"),
    ],
)
def test_names_follow_the_rule(name, rule, shown):
    assert masking.mask_name(name, rule) == shown


def test_an_id_number_is_never_shown_in_full():
    assert masking.mask_id_number(ID) == "110105********002X"


def test_a_minor_is_recognised_on_the_day_of_the_act():
    born = datetime.date(2008, 6, 1)
    assert masking.is_minor_on(born, datetime.date(2026, 5, 31))
    assert not masking.is_minor_on(born, datetime.date(2026, 6, 1))
    assert not masking.is_minor_on(None, datetime.date(2026, 6, 1))


def test_the_partys_known_details_are_found_first_as_typed():
    text = "当事人住西青区辛口镇辛口村3号，电话13800000001。"
    found = masking.scan(text, masking.Known.of(private_values={"西青区辛口镇辛口村3号", "13800000001"}))
    assert [(finding.kind, finding.text) for finding in found] == [
        (FindingKind.PARTY_DETAIL, "西青区辛口镇辛口村3号"),
        (FindingKind.PARTY_DETAIL, "13800000001"),
    ]
    assert masking.redact(text, found) == "当事人住（已隐去），电话（已隐去）。"


def test_a_surname_left_outside_the_tagged_name_is_taken_back():
    found = masking.scan("证人王秀英称其摆摊已一个月。")
    assert [finding.text for finding in found] == ["王秀英"]


def test_a_span_the_publisher_hides_takes_in_what_it_overlaps_and_a_released_finding_stays():
    text = "邻居丁国华（tel13911112222）称。"
    hide = masking.Review(hidden=frozenset({"（tel1391"}))
    assert masking.mask(text, review=hide) == "邻居丁某某（已隐去））称。"
    release = masking.Review(released=frozenset({"丁国华"}))
    assert masking.mask(text, review=release) == "邻居丁国华（tel（已隐去））称。"
    confirmed = masking.Review(hidden=frozenset({"13911112222"}))
    assert [f.kind for f in masking.findings_after_review(text, None, confirmed)] == [
        FindingKind.PERSON_NAME,
        FindingKind.MOBILE,
    ]
