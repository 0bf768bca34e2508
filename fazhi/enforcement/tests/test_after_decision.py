"""From 决定 to 结案: service within 7 working days, payment within 15 days with the 3% surcharge paused
during 复议/诉讼, 催告 and the court application in their windows, closure on a supported reason, and the
head's extension of the 90-day period."""

import datetime

import pytest

from fazhi.core import calendar, public_text
from fazhi.core.errors import InvalidInput, NotFoundOrHidden, PermissionDenied, RuleViolation
from fazhi.enforcement import rules, selectors, services
from fazhi.enforcement.models import Case, Closure, Payment
from fazhi.enforcement.rules import Stage
from fazhi.ledger.models import Event
from fazhi.testing.enforcement import TODAY, file, lead, serve

DAY = datetime.timedelta(days=1)


def events_of(case):
    return list(
        Event.objects.filter(subject_type="enforcement.case", subject_id=str(case.pk)).values_list(
            "action", flat=True
        )
    )


def test_service_starts_the_15_day_payment_clock_and_payment_closes_the_case(town, decided):
    service = serve(town, decided)
    # Fifteen calendar days, moved to the next working day when they end on a rest day.
    due = calendar.compute_calendar_days(TODAY, 15).due
    assert due >= TODAY + 15 * DAY
    assert calendar.is_working_day(due)
    assert service.payment_due == due
    decided.refresh_from_db()
    assert (decided.stage, decided.clock_key, decided.clock_due) == (Stage.SERVED, "payment", due)

    with pytest.raises(RuleViolation) as raised:
        services.close_case(town.head, decided, reason="performed", summary="已缴纳")
    assert "罚款未缴纳" in raised.value.message

    payment = services.record_payment(
        town.officer, decided, paid_on=TODAY, paid_fen=2_000_00, receipt_number="TJ20261128001"
    )
    assert (payment.fine_fen, payment.surcharge_fen) == (2_000_00, 0)
    closure = services.close_case(town.head, decided, reason="performed", summary="罚款已缴清")
    decided.refresh_from_db()
    assert decided.stage == Stage.CLOSED
    assert decided.clock_due is None
    assert closure.approved_by == town.head
    assert events_of(decided)[-3:] == [
        "enforcement.case.served",
        "enforcement.case.paid",
        "enforcement.case.closed",
    ]


def test_late_service_needs_its_reason(town, decided, on_day):
    due = calendar.add_working_days(TODAY, 7)
    on_day(due + 3 * DAY)
    with pytest.raises(RuleViolation) as raised:
        serve(town, decided, served_on=due + 3 * DAY)
    assert raised.value.citation == "行政处罚法 第六十一条、第八十五条"
    assert Case.objects.get(pk=decided.pk).stage == Stage.DECIDED
    service = serve(town, decided, served_on=due + 3 * DAY, late_reason="当事人外出，多次上门未遇")
    assert service.late_reason == "当事人外出，多次上门未遇"


def test_service_before_the_decision_is_refused(town, decided):
    with pytest.raises(RuleViolation, match="不能早于决定日期"):
        serve(town, decided, served_on=TODAY - DAY)


def test_a_late_payment_owes_3_percent_a_day_except_during_reconsideration(town, decided, on_day):
    serve(town, decided)
    due = calendar.compute_calendar_days(TODAY, 15).due
    on_day(due + 20 * DAY)
    services.start_remedy(town.officer, decided, kind="reconsideration", started_on=due + 2 * DAY)
    services.end_remedy(town.officer, decided, ended_on=due + 6 * DAY, result="upheld")
    # 20 days late, of which 5 (the 2nd to the 6th, both included) were under reconsideration.
    with pytest.raises(RuleViolation) as raised:
        services.record_payment(
            town.officer, decided, paid_on=due + 20 * DAY, paid_fen=2_000_00, receipt_number="R1"
        )
    assert "应缴 2,900 元（罚款 2,000 元，加处罚款 900 元）" in raised.value.message
    assert not Payment.objects.exists()
    payment = services.record_payment(
        town.officer, decided, paid_on=due + 20 * DAY, paid_fen=2_900_00, receipt_number="R1"
    )
    assert payment.surcharge_fen == 900_00


def test_the_surcharge_never_exceeds_the_fine(town, decided, on_day):
    serve(town, decided)
    on_day(TODAY + 200 * DAY)
    fine, surcharge = selectors.amount_owed(decided, on=TODAY + 200 * DAY)
    assert (fine, surcharge) == (2_000_00, 2_000_00)


def test_demand_and_court_application_wait_for_their_periods(town, decided, on_day):
    serve(town, decided)
    due = calendar.compute_calendar_days(TODAY, 15).due
    with pytest.raises(RuleViolation, match="届满前不能催告"):
        services.issue_demand(town.officer, decided, served_on=TODAY)

    on_day(due + DAY)
    demand = services.issue_demand(town.officer, decided, served_on=due + DAY)
    assert demand.wait_until == calendar.add_working_days(due + DAY, 10)
    decided.refresh_from_db()
    assert (decided.stage, decided.clock_key) == (Stage.EXECUTING, "demand_wait")

    on_day(demand.wait_until + DAY)
    with pytest.raises(RuleViolation) as raised:
        services.apply_to_court(
            town.head, decided, court="天津市西青区人民法院", applied_on=demand.wait_until + DAY
        )
    assert raised.value.citation == "行政强制法 第五十三条"
    assert "复议、提起行政诉讼（或上诉）的期限至" in raised.value.message

    later = TODAY + 300 * DAY  # past the 6 months of litigation plus the 3 months of art. 53
    on_day(later)
    with pytest.raises(RuleViolation, match="期限已于"):
        services.apply_to_court(town.head, decided, court="天津市西青区人民法院", applied_on=later)

    in_window = TODAY + 200 * DAY
    on_day(in_window)
    services.apply_to_court(town.head, decided, court="天津市西青区人民法院", applied_on=in_window)
    with pytest.raises(RuleViolation, match="结案理由只能是：终结执行"):
        services.close_case(town.head, decided, reason="performed", summary="……")
    services.close_case(town.head, decided, reason="enforcement_ended", summary="法院裁定准予执行")
    assert Closure.objects.get(case=decided).reason == "enforcement_ended"


def test_no_demand_while_litigation_is_pending(town, decided, on_day):
    serve(town, decided)
    on_day(TODAY + 20 * DAY)
    services.start_remedy(town.officer, decided, kind="litigation", started_on=TODAY + 3 * DAY)
    with pytest.raises(RuleViolation) as raised:
        services.issue_demand(town.officer, decided, served_on=TODAY + 20 * DAY)
    assert raised.value.citation == "行政处罚法 第七十三条"


def test_a_payment_with_no_receipt_is_refused(town, decided):
    serve(town, decided)
    with pytest.raises(RuleViolation, match="凭证号"):
        services.record_payment(town.officer, decided, paid_on=TODAY, paid_fen=2_000_00, receipt_number=" ")


def test_the_head_extends_the_decision_period_with_a_reason(town):
    case = file(town, lead(town))
    with pytest.raises(RuleViolation, match="负责人批准"):
        services.extend_decision_period(town.officer, case, days=30, reason="案情复杂")
    with pytest.raises(RuleViolation, match="1 至 30 日"):
        services.extend_decision_period(town.head, case, days=60, reason="案情复杂")
    with pytest.raises(RuleViolation, match="写明理由"):
        services.extend_decision_period(town.head, case, days=30, reason="  ")
    case.refresh_from_db()
    ninety = rules.DECISION.due(TODAY).due  # 90 days, moved past a rest day
    assert case.decision_due == ninety
    extension = services.extend_decision_period(town.head, case, days=30, reason="需要鉴定")
    case.refresh_from_db()
    assert extension.new_due == case.decision_due == case.clock_due == ninety + 30 * DAY
    assert events_of(case)[-1] == "enforcement.case.period_extended"


def test_a_period_that_has_run_out_is_not_extended_afterwards(town, on_day):
    case = file(town, lead(town))
    due = case.decision_due
    assert due is not None
    on_day(due + DAY)
    with pytest.raises(RuleViolation, match="不能事后延长") as raised:
        services.extend_decision_period(town.head, case, days=30, reason="需要鉴定")
    assert raised.value.citation.endswith("第六十条")
    case.refresh_from_db()
    assert case.decision_due == due
    assert not case.extensions.exists()


def test_another_town_cannot_serve_the_decision(town, decided):
    with pytest.raises(NotFoundOrHidden):
        services.serve_decision(
            town.other_admin, decided, method="direct", served_on=TODAY, recipient="x", proof="y"
        )
    assert Case.objects.get(pk=decided.pk).stage == Stage.DECIDED


def test_service_input_errors_name_their_fields(town, decided):
    with pytest.raises(InvalidInput) as raised:
        services.serve_decision(
            town.officer,
            decided,
            method="direct",
            served_on=TODAY + datetime.timedelta(days=1),
            recipient="刘某",
            proof="回证",
        )
    assert set(raised.value.field_errors) == {"served_on"}


def test_only_the_head_closes(town, decided):
    serve(town, decided)
    services.record_payment(town.officer, decided, paid_on=TODAY, paid_fen=2_000_00, receipt_number="R")
    with pytest.raises(PermissionDenied):
        services.close_case(town.officer, decided, reason="performed", summary="……")


def test_who_signed_for_a_decision_is_known_to_the_public_text_gate_of_the_town(town, decided):
    """The case file names persons outside the party register: the gate masks them on the portal."""
    text = "回证由方圆代为签收。"
    assert public_text.masked(text, town.town) == text
    serve(town, decided, recipient="方圆")
    assert public_text.masked(text, town.town) == "回证由方某代为签收。"
    assert public_text.masked(text, town.other_town) == text
