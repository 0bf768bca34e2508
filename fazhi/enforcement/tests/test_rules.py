"""The penalty procedure's gates and periods, each refusing with its article (DOMAIN.md §3.3, §4)."""

import dataclasses
import datetime

import pytest

from fazhi.core.errors import RuleViolation
from fazhi.enforcement import rules
from fazhi.enforcement.rules import (
    DecisionFacts,
    Investigator,
    Procedure,
    ReviewGrounds,
    ReviewOpinion,
    Stage,
)

D = datetime.date


def test_every_stage_has_a_label_and_every_ordinary_stage_is_reachable():
    assert set(rules.STAGE_LABELS) == set(Stage)
    reachable = {rules.FIRST_STAGE[Procedure.ORDINARY]}
    frontier = list(reachable)
    while frontier:
        for stage in rules.next_stages(Procedure.ORDINARY, frontier.pop()):
            if stage not in reachable:
                reachable.add(stage)
                frontier.append(stage)
    summary_only = {Stage.DECIDED_ON_SPOT, Stage.RECORDED_WITH_AGENCY}
    assert reachable == set(Stage) - summary_only


def test_a_skipped_stage_is_refused_with_the_stages_that_may_follow():
    with pytest.raises(RuleViolation) as raised:
        rules.require_transition(Procedure.ORDINARY, Stage.FILED, Stage.DECIDED)
    assert "不能进入“决定”" in raised.value.message
    assert "只能进入：调查取证" in raised.value.message


def test_legal_review_with_problems_may_go_back_to_investigation():
    transition = rules.require_transition(Procedure.ORDINARY, Stage.LEGAL_REVIEW, Stage.INVESTIGATING)
    assert transition.citation == "行政处罚法 第五十八条"


def test_summary_procedure_runs_from_the_spot_decision_to_the_archive():
    stage = rules.FIRST_STAGE[Procedure.SUMMARY]
    path = [stage]
    while rules.next_stages(Procedure.SUMMARY, stage):
        stage = rules.next_stages(Procedure.SUMMARY, stage)[0]
        path.append(stage)
    assert path == [
        Stage.DECIDED_ON_SPOT,
        Stage.SERVED,
        Stage.PAID,
        Stage.RECORDED_WITH_AGENCY,
        Stage.CLOSED,
        Stage.ARCHIVED,
    ]


@pytest.mark.parametrize(
    ("act", "filed", "serious", "allowed"),
    [
        (D(2020, 3, 1), D(2022, 3, 1), False, True),
        (D(2020, 3, 1), D(2022, 3, 2), False, False),
        (D(2020, 3, 1), D(2025, 3, 1), True, True),
        (D(2020, 3, 1), D(2025, 3, 2), True, False),
        (D(2020, 2, 29), D(2022, 2, 28), False, True),
        (D(2020, 2, 29), D(2022, 3, 1), False, False),
    ],
)
def test_limitation_is_two_years_or_five_with_harm_to_life_health_or_finance(act, filed, serious, allowed):
    if allowed:
        rules.check_limitation(act, filed, endangers_life_health_or_finance=serious)
    else:
        with pytest.raises(RuleViolation) as raised:
            rules.check_limitation(act, filed, endangers_life_health_or_finance=serious)
        assert raised.value.citation == "行政处罚法 第三十六条"


def test_filing_needs_the_heads_approval():
    with pytest.raises(RuleViolation, match="负责人批准") as raised:
        rules.STEPS["file"].check_role(held=False)
    assert raised.value.citation == "行政处罚法 第五十四条第二款"
    rules.STEPS["file"].check_role(held=True)


def officer(name, *, auxiliary=False, valid=True, recused=False):
    return Investigator(name=name, is_auxiliary=auxiliary, has_valid_credential=valid, recused=recused)


def test_two_officers_with_valid_credentials_may_investigate():
    rules.check_investigators([officer("张执法"), officer("赵执法")])


@pytest.mark.parametrize(
    ("team", "count"),
    [
        ([officer("张执法")], 1),
        ([officer("张执法"), officer("孙协管", auxiliary=True)], 1),
        ([officer("张执法"), officer("赵执法", valid=False)], 1),
        ([officer("孙协管", auxiliary=True), officer("钱协管", auxiliary=True)], 0),
    ],
)
def test_investigation_needs_two_credentialed_officers_and_auxiliaries_never_count(team, count):
    with pytest.raises(RuleViolation) as raised:
        rules.check_investigators(team)
    assert f"现有 {count} 名" in raised.value.message
    assert raised.value.citation == "行政处罚法 第四十二条"


def test_a_recused_officer_does_not_investigate():
    with pytest.raises(RuleViolation) as raised:
        rules.check_investigators([officer("张执法", recused=True), officer("赵执法"), officer("钱执法")])
    assert raised.value.citation == "行政处罚法 第四十三条"


READY = DecisionFacts(
    notice_served_on=D(2026, 3, 2),
    defence_waived=False,
    statement_period_ends=D(2026, 3, 9),
    hearing_requested=False,
    hearing_closed=False,
    review_grounds=ReviewGrounds(major_public_interest=True),
    latest_review=ReviewOpinion.AGREED,
    reviewer_qualified=True,
    major_or_complex=True,
    collective_discussion_recorded=True,
    notified_fine_fen=5_000_00,
    decided_fine_fen=5_000_00,
)


def test_a_case_that_passed_every_gate_may_be_decided():
    rules.check_decision(READY, today=D(2026, 3, 10))


@pytest.mark.parametrize(
    ("change", "today", "citation"),
    [
        ({"notice_served_on": None}, D(2026, 3, 10), "行政处罚法 第四十四条、第六十二条"),
        ({}, D(2026, 3, 9), "行政处罚法 第四十四条、第四十五条"),
        ({"hearing_requested": True}, D(2026, 3, 10), "行政处罚法 第六十四条、第六十五条"),
        ({"latest_review": None}, D(2026, 3, 10), "行政处罚法 第五十八条"),
        ({"latest_review": ReviewOpinion.PROBLEMS}, D(2026, 3, 10), "行政处罚法 第五十八条"),
        ({"reviewer_qualified": False}, D(2026, 3, 10), "行政处罚法 第五十八条第二款"),
        ({"collective_discussion_recorded": False}, D(2026, 3, 10), "行政处罚法 第五十七条第二款"),
        ({"decided_fine_fen": 6_000_00}, D(2026, 3, 10), "行政处罚法 第四十五条第二款"),
    ],
)
def test_each_decision_gate_blocks_with_its_article(change, today, citation):
    with pytest.raises(RuleViolation) as raised:
        rules.check_decision(dataclasses.replace(READY, **change), today=today)
    assert raised.value.citation == citation


def test_without_art_58_grounds_no_review_is_needed_and_a_waiver_ends_the_statement_period():
    facts = dataclasses.replace(
        READY, review_grounds=ReviewGrounds(), latest_review=None, defence_waived=True, major_or_complex=False
    )
    rules.check_decision(facts, today=D(2026, 3, 3))


def test_the_hearing_chair_is_not_an_investigator_by_who_they_are_not_by_name():
    with pytest.raises(RuleViolation, match="张执法 是本案调查人员"):
        rules.check_hearing_chair(1, "张执法", investigators=[1, 2])
    # Another 张执法, who did not investigate, may chair; the one renamed since still may not.
    rules.check_hearing_chair(7, "张执法", investigators=[1, 2])
    with pytest.raises(RuleViolation, match="是本案调查人员"):
        rules.check_hearing_chair(2, "赵新名", investigators=[1, 2])
    with pytest.raises(RuleViolation, match="已在本案回避") as withdrawn:
        rules.check_hearing_chair(3, "钱执法", investigators=[1, 2], withdrawn=[3])
    assert withdrawn.value.citation == "行政处罚法 第四十三条、第六十四条第四项"
    with pytest.raises(RuleViolation, match="参与了本案证据或笔录"):
        rules.check_hearing_chair(4, "孙协管", investigators=[1, 2], took_part=[4])
    rules.check_hearing_chair(5, "周审核", investigators=[1, 2], withdrawn=[3], took_part=[4])


@pytest.mark.parametrize(
    ("kind", "fine_fen", "allowed"),
    [
        ("person", 200_00, True),
        ("person", 200_01, False),
        ("organisation", 3_000_00, True),
        ("organisation", 3_000_01, False),
        ("individual_business", 201_00, False),
    ],
)
def test_summary_procedure_limits(kind, fine_fen, allowed):
    if allowed:
        rules.check_summary_procedure(party_kind=kind, fine_fen=fine_fen, warning_only=False)
    else:
        with pytest.raises(RuleViolation) as raised:
            rules.check_summary_procedure(party_kind=kind, fine_fen=fine_fen, warning_only=False)
        assert raised.value.citation == "行政处罚法 第五十一条"


def test_on_the_spot_collection_only_up_to_100_yuan_unless_an_exception_applies():
    rules.check_on_the_spot_collection(
        fine_fen=100_00, hard_to_enforce_later=False, remote_area_on_request=False
    )
    rules.check_on_the_spot_collection(
        fine_fen=150_00, hard_to_enforce_later=True, remote_area_on_request=False
    )
    with pytest.raises(RuleViolation, match="150 元"):
        rules.check_on_the_spot_collection(
            fine_fen=150_00, hard_to_enforce_later=False, remote_area_on_request=False
        )


def test_periods_count_working_days_across_the_2020_national_day_holidays(db):
    assert rules.SERVICE.due(D(2020, 9, 30)).due == D(2020, 10, 16)
    assert rules.HEARING_REQUEST.due(D(2020, 9, 30)).due == D(2020, 10, 14)
    # 90 calendar days from 2020-07-03 is 2020-10-01 (国庆): the period runs to the next working day.
    decision = rules.DECISION.due(D(2020, 7, 3))
    assert decision.due == D(2020, 10, 9)
    assert decision.citation == "行政处罚法 第六十条"
    assert rules.PAYMENT.due(D(2020, 3, 2)).due == D(2020, 3, 17)


def test_a_hearing_notice_goes_out_seven_working_days_ahead(db):
    # 29, 30 September; 9, 10 (the swapped Saturday), 12, 13, 14 October.
    assert rules.hearing_must_start_no_earlier_than(D(2020, 9, 28)) == D(2020, 10, 14)


def test_surcharge_is_three_percent_a_day_capped_at_the_fine_and_paused_during_review():
    due = D(2026, 3, 1)
    assert rules.surcharge_fen(fine_fen=1_000_00, payment_due=due, on=due) == 0
    assert rules.surcharge_fen(fine_fen=1_000_00, payment_due=due, on=D(2026, 3, 11)) == 300_00
    assert rules.surcharge_fen(fine_fen=1_000_00, payment_due=due, on=D(2026, 12, 31)) == 1_000_00
    paused = [(D(2026, 3, 2), D(2026, 3, 6))]
    assert rules.surcharge_fen(fine_fen=1_000_00, payment_due=due, on=D(2026, 3, 11), paused=paused) == 150_00
