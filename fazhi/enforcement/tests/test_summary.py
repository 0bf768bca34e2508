"""简易程序: within art. 51's limits, two officers, the decision handed over on the spot, on-the-spot
collection only within art. 68, then 备案 and 结案."""

import pytest

from conftest import credit_code
from fazhi.core import calendar
from fazhi.core import services as core_services
from fazhi.core.errors import InvalidInput, RuleViolation
from fazhi.core.models import PartyKind
from fazhi.enforcement import services
from fazhi.enforcement.models import Case, Payment
from fazhi.enforcement.rules import Stage
from fazhi.ledger.models import Event
from fazhi.testing.enforcement import TODAY, on_spot


def test_a_small_fine_decided_on_the_spot_is_served_at_once_and_numbered(spot):
    case = on_spot(spot)
    assert case.procedure == "summary"
    assert case.stage == Stage.SERVED
    assert case.decision.number.text == f"西青辛综简〔{TODAY.year}〕1号"
    assert case.clock_key == "payment"
    assert case.clock_due == calendar.compute_calendar_days(TODAY, 15).due
    assert list(case.officers.values_list("staff__username", flat=True)) == ["officer", "officer2"]
    actions = Event.objects.filter(subject_id=str(case.pk), subject_type="enforcement.case").values_list(
        "action", flat=True
    )
    assert list(actions) == ["enforcement.case.decided_on_spot", "enforcement.case.served"]


def test_above_the_citizen_limit_is_refused_and_nothing_is_created(spot):
    with pytest.raises(RuleViolation) as raised:
        on_spot(spot, fine_fen=201_00)
    assert raised.value.citation == "行政处罚法 第五十一条"
    assert "不超过 200 元" in raised.value.message
    assert not Case.objects.exists()


def test_an_organisation_may_be_fined_up_to_3000_on_the_spot(spot):
    company = core_services.register_party(
        spot.officer,
        core_services.PartyInput(
            kind=PartyKind.ORGANISATION,
            name="天津某某商贸有限公司",
            uscc=credit_code("91120111MA05KXXX1"),
            legal_representative="王某",
        ),
    )
    with pytest.raises(RuleViolation):
        on_spot(spot, party=company.party, fine_fen=3_000_01)
    case = on_spot(spot, party=company.party, fine_fen=3_000_00)
    assert case.decision.fine_fen == 3_000_00


def test_on_the_spot_collection_only_up_to_100_yuan(spot):
    with pytest.raises(RuleViolation) as raised:
        on_spot(spot, fine_fen=150_00, collected_on_spot=True, receipt_number="No.0001")
    assert raised.value.citation == "行政处罚法 第六十八条、第六十九条"
    case = on_spot(spot, fine_fen=100_00, collected_on_spot=True, receipt_number="No.0001")
    assert case.stage == Stage.PAID
    payment = Payment.objects.get(case=case)
    assert payment.method == "on_the_spot"
    assert case.clock_key == "cash_hand_in"
    assert payment.cash_hand_in_due == calendar.add_working_days(TODAY, 2)


def test_one_officer_alone_cannot_decide_on_the_spot(spot):
    with pytest.raises(RuleViolation) as raised:
        on_spot(spot, co_officer=spot.auxiliary)
    assert raised.value.citation == "行政处罚法 第四十二条"
    assert not Case.objects.exists()


def test_the_defence_is_heard_or_waived_and_a_refusal_to_sign_is_noted(spot):
    with pytest.raises(InvalidInput) as raised:
        on_spot(spot, defence_waived=False, statement="", party_signed=False)
    assert set(raised.value.field_errors) == {"statement", "party_signed"}
    case = on_spot(
        spot, defence_waived=False, statement="称系初次摆摊", party_signed=False, refusal_noted=True
    )
    assert case.service.refused


def test_paid_then_recorded_with_the_agency_then_closed(spot):
    case = on_spot(spot)
    with pytest.raises(RuleViolation, match="缴纳后再备案"):
        services.record_with_agency(spot.officer, case)
    services.record_payment(spot.officer, case, paid_on=TODAY, paid_fen=100_00, receipt_number="B1")
    services.record_with_agency(spot.officer, case)
    services.close_case(spot.head, case, reason="performed", summary="罚款已缴纳，已备案")
    case.refresh_from_db()
    assert case.stage == Stage.CLOSED
    assert case.summary_details.recorded_with_agency_on == TODAY


def test_a_warning_is_recorded_without_payment(spot):
    case = on_spot(spot, warning_only=True, fine_fen=0)
    assert case.clock_due is None
    services.record_with_agency(spot.officer, case)
    services.close_case(spot.head, case, reason="warning_only", summary="警告已送达")
    case.refresh_from_db()
    assert case.stage == Stage.CLOSED
