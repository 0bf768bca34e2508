"""The substance of 行政处罚法 that decides whether a penalty stands (issue 15): each unlawful step refused
with its article and nothing changed, through the API where the step has one; each right derived from the
case's facts, never from a checkbox."""

from __future__ import annotations

import datetime
import io
import json
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from docx import Document

from conftest import resident_id
from fazhi.core import services as core_services
from fazhi.core.errors import InvalidInput, RuleViolation
from fazhi.core.models import IdType, PartyKind
from fazhi.enforcement import documents, rules, services
from fazhi.enforcement.models import Case, DocumentKind, LargeAmountStandard, Notice, PenaltyDecision
from fazhi.enforcement.rules import Stage
from fazhi.ledger.models import Event
from fazhi.testing.api import refused_fields, token_client
from fazhi.testing.enforcement import (
    FILED_ON,
    HEARING_FINE_FEN,
    TODAY,
    close,
    decide,
    file,
    lead,
    notify,
    on_spot,
    ready_to_decide,
    review,
    services_on,
)
from fazhi.testing.pages import client_for

DAY = datetime.timedelta(days=1)
# Past both the three working days to state a defence and the five to ask for a hearing.
LONG_AGO = TODAY - 12 * DAY


def _post(client: Client, url: str, body: dict[str, Any]) -> Any:
    return client.post(url, json.dumps(body), content_type="application/json")


def refused(client: Client, url: str, body: dict[str, Any], citation: str) -> str:
    """The call is refused citing `citation`, and nothing was written: no event, no row changed."""
    events, notices, decisions = (
        Event.objects.count(),
        Notice.objects.count(),
        PenaltyDecision.objects.count(),
    )
    response = _post(client, url, body)
    assert response.status_code == 422, response.content.decode()
    assert citation in response.json()["citation"], response.json()
    assert (Event.objects.count(), Notice.objects.count(), PenaltyDecision.objects.count()) == (
        events,
        notices,
        decisions,
    )
    message: str = response.json()["message"]
    return message


def accepted(client: Client, url: str, body: dict[str, Any]) -> Any:
    response = _post(client, url, body)
    assert response.status_code in {200, 201}, response.content.decode()
    return response.json()


def person(town, name: str, born: str):
    """A natural person registered with a 居民身份证, so that the birth date is on record."""
    return core_services.register_party(
        town.officer,
        core_services.PartyInput(
            kind=PartyKind.PERSON,
            name=name,
            id_type=IdType.RESIDENT_ID,
            id_number=resident_id(f"120111{born}123"),
        ),
    ).party


def investigated_for(town, party, *, act_on=FILED_ON, place="辛口镇政府路") -> Case:
    if not hasattr(town, "reviewer"):
        ready_to_decide(town)
    with services_on(FILED_ON):
        case = file(town, lead(town, received_on=FILED_ON, act_on=act_on, place=place), party=party)
        return services.start_investigation(town.officer, case, investigators=[town.officer, town.officer2])


def notice_body(kinds: list[str], fine_fen: int = 0, served_on: datetime.date = LONG_AGO) -> dict[str, Any]:
    return {
        "proposed_penalties": "、".join(dict(rules.PenaltyKind.choices)[kind] for kind in kinds),
        "penalty_kinds": kinds,
        "proposed_fine_fen": fine_fen,
        "facts": "当事人擅自占用城市道路……",
        "served_on": served_on.isoformat(),
        "statement_working_days": 3,
    }


def decide_body(kinds: list[str], fine_fen: int = 0, **extra: Any) -> dict[str, Any]:
    return {"penalty_kinds": kinds, "fine_fen": fine_fen, "basis": "《城市道路管理条例》第四十二条", **extra}


def step_names(client: Client, case: Case) -> dict[str, Any]:
    return {step["name"]: step for step in client.get(f"/api/v1/cases/{case.pk}/steps").json()}


# --------------------------------------------------------------------- 1. the hearing right, art. 63


def test_a_heavy_proposal_carries_the_hearing_right_whatever_the_investigation_said(town, investigated):
    """The issue's case: 吊销 + 停产停业 + 200,000 yuan, with no hearing ticked anywhere: the party's request
    is taken and the decision waits for the hearing."""
    officer, head = token_client(town, town.officer), token_client(town, town.head)
    base = f"/api/v1/cases/{investigated.pk}"
    with services_on(FILED_ON):
        # A client that still sends the old flag cannot turn the right off: the field is not read.
        accepted(
            officer,
            base + "/close-investigation",
            {"outcome": "penalty", "findings": "属实", "hearing_right": False},
        )
    accepted(
        officer,
        base + "/notice",
        notice_body(["fine", "suspend_business", "revoke_licence"], 200_000_00, TODAY),
    )
    notice = Notice.objects.get(case=investigated)
    assert notice.hearing_right
    assert "吊销许可证件" in notice.hearing_right_grounds
    assert "较大数额罚款" in notice.hearing_right_grounds
    accepted(officer, base + "/defence", {"waived": True})
    message = refused(head, base + "/decide", decide_body(["fine"], 100_000_00), "第六十三条")
    assert "要求听证的期限" in message
    assert step_names(officer, investigated)["request_hearing"]["blocked_by"] is None
    assert (
        accepted(officer, base + "/hearing-request", {"requested_on": TODAY.isoformat()})["stage"]
        == "hearing"
    )


def test_a_warning_carries_no_hearing_right_and_a_request_is_refused(town, investigated):
    officer = token_client(town, town.officer)
    base = f"/api/v1/cases/{investigated.pk}"
    case = close(town, investigated, review=False)
    accepted(officer, base + "/notice", notice_body(["warning"], 0, TODAY))
    assert not Notice.objects.get(case=case).hearing_right
    refused(officer, base + "/hearing-request", {"requested_on": TODAY.isoformat()}, "第六十三条")
    assert Case.objects.get(pk=case.pk).stage == Stage.NOTIFIED


def test_the_towns_large_amount_standard_decides_what_a_large_fine_is(town, investigated):
    case = close(town, investigated, review=False)
    assert not notify(town, case, fine_fen=3_000_00).hearing_right  # under the default of 5,000 yuan
    services.record_large_amount_standard(
        town.admin,
        person_fen=2_000_00,
        organisation_fen=20_000_00,
        source="某省行政处罚听证较大数额标准",
        in_force_from=TODAY,
    )
    again = notify(town, close(town, investigated_for(town, town.party), review=False), fine_fen=3_000_00)
    assert again.hearing_right
    assert "某省行政处罚听证较大数额标准" in again.hearing_right_grounds
    with pytest.raises(InvalidInput, match="较大数额标准有误"):
        services.record_large_amount_standard(
            town.admin, person_fen=2_000_00, organisation_fen=20_000_00, source=" ", in_force_from=TODAY
        )


def test_a_standard_in_force_later_does_not_reach_back(town, investigated):
    case = close(town, investigated, review=False)
    services.record_large_amount_standard(
        town.admin, person_fen=1_000_00, organisation_fen=10_000_00, source="新标准", in_force_from=TODAY
    )
    assert not notify(town, case, fine_fen=3_000_00, served_on=TODAY - DAY).hearing_right
    other = close(town, investigated_for(town, town.party), review=False)
    assert notify(town, other, fine_fen=3_000_00, served_on=TODAY).hearing_right


# ------------------------------------------------------------------- 2. a new notice reopens the hearing


def test_a_new_heavier_notice_reopens_the_hearing_held_on_the_earlier_one(town, investigated):
    case = close(town, investigated, review=False)
    first = TODAY - 40 * DAY
    notify(town, case, served_on=first, fine_fen=HEARING_FINE_FEN)
    services.request_hearing(town.officer, case, requested_on=first + DAY)
    services.hold_hearing(
        town.head,
        case,
        chair=town.reviewer,
        notice_sent_on=first + 2 * DAY,
        held_on=first + 20 * DAY,
        record_signed=True,
    )
    # New facts: back to investigation, a heavier notice; the party waives the statement at once.
    services.start_investigation(town.officer, case, investigators=[town.officer, town.officer2])
    close(town, case, review=False)
    notify(town, case, fine_fen=8_000_00, served_on=TODAY, days=0)
    head = token_client(town, town.head)
    message = refused(head, f"/api/v1/cases/{case.pk}/decide", decide_body(["fine"], 8_000_00), "第六十三条")
    assert "要求听证的期限" in message
    services.request_hearing(town.officer, case, requested_on=TODAY)
    message = refused(head, f"/api/v1/cases/{case.pk}/decide", decide_body(["fine"], 8_000_00), "第六十四条")
    assert "听证结束" in message


# ------------------------------------------------------------------------- 3. minors and mental illness


def test_a_child_under_fourteen_on_the_day_of_the_act_is_not_penalised(town):
    child = person(town, "小明", (FILED_ON - datetime.timedelta(days=13 * 365)).strftime("%Y%m%d"))
    case = investigated_for(town, child)
    officer, head = token_client(town, town.officer), token_client(town, town.head)
    base = f"/api/v1/cases/{case.pk}"
    with services_on(FILED_ON):
        message = refused(
            officer, base + "/close-investigation", {"outcome": "penalty", "findings": "属实"}, "第三十条"
        )
        assert "不满十四周岁" in message
        accepted(officer, base + "/close-investigation", {"outcome": "no_penalty_minor", "findings": "属实"})
    refused(officer, base + "/notice", notice_body(["warning"]), "第四十四条")
    message = refused(head, base + "/decide", decide_body([]), "第三十条")
    assert "责令监护人加以管教" in message
    decision = accepted(
        head, base + "/decide", decide_body([], education="已对当事人进行批评教育，并责令其监护人加以管教。")
    )
    assert decision["penalties"] == "不予行政处罚"
    assert decision["fine_fen"] == 0


def test_a_sixteen_year_old_is_penalised_more_lightly_and_the_decision_says_why(town):
    youth = person(town, "小刚", (FILED_ON - datetime.timedelta(days=16 * 365)).strftime("%Y%m%d"))
    case = investigated_for(town, youth)
    close(town, case, review=False)
    notify(town, case, served_on=LONG_AGO)
    head = token_client(town, town.head)
    message = refused(head, f"/api/v1/cases/{case.pk}/decide", decide_body(["fine"], 1_000_00), "第三十条")
    assert "应当从轻或者减轻" in message
    accepted(
        head,
        f"/api/v1/cases/{case.pk}/decide",
        decide_body(
            ["fine"], 1_000_00, mitigation="lighter", discretion_reasons="当事人系未成年人，依法从轻。"
        ),
    )
    text = "\n".join(
        p.text for p in Document(io.BytesIO(documents.render(case, DocumentKind.PENALTY_DECISION))).paragraphs
    )
    assert "已满十四周岁不满十八周岁" in text
    assert "应当从轻或者减轻行政处罚" in text
    assert "从轻处罚" in text


def test_an_act_done_while_unable_to_control_oneself_is_not_penalised(town, investigated):
    with pytest.raises(RuleViolation, match="不能辨认或者不能控制") as raised:
        close(town, investigated, circumstances=["mental_unable"])
    assert raised.value.citation == "行政处罚法 第三十一条"
    assert Case.objects.get(pk=investigated.pk).stage == Stage.INVESTIGATING


# --------------------------------------------------------------------- 4. facts not established


def test_facts_not_established_end_without_a_penalty(town, investigated):
    officer, head = token_client(town, town.officer), token_client(town, town.head)
    base = f"/api/v1/cases/{investigated.pk}"
    with services_on(FILED_ON):
        accepted(
            officer, base + "/close-investigation", {"outcome": "not_established", "findings": "证据不足"}
        )
    message = refused(officer, base + "/notice", notice_body(["fine"], 2_000_00), "第四十条")
    assert "违法事实不能成立" in message
    refused(head, base + "/decide", decide_body(["fine"], 2_000_00), "第四十条")
    decision = accepted(head, base + "/decide", decide_body([]))
    assert decision["penalties"] == "不予行政处罚"
    assert PenaltyDecision.objects.get(case=investigated).penalty_kinds == []


def test_a_suspected_crime_is_transferred_not_decided(town, investigated):
    case = close(town, investigated, outcome="transfer")
    with pytest.raises(RuleViolation, match="移送司法机关"):
        decide(town, case, fine_fen=0, penalty_kinds=[], penalties="")


# --------------------------------------------------------------- 5. no heavier kind than notified


def test_a_warning_notified_cannot_become_a_revocation(town, investigated):
    case = close(town, investigated, review=False)
    notify(town, case, fine_fen=0, served_on=LONG_AGO)
    head = token_client(town, town.head)
    message = refused(
        head,
        f"/api/v1/cases/{case.pk}/decide",
        decide_body(["revoke_licence", "suspend_business"]),
        "第四十五条",
    )
    assert "吊销许可证件" in message
    assert "未经告知" in message
    assert Case.objects.get(pk=case.pk).stage == Stage.NOTIFIED
    assert accepted(head, f"/api/v1/cases/{case.pk}/decide", decide_body(["warning"]))["penalties"] == "警告"


@pytest.mark.parametrize(
    ("notified", "decided", "lawful"),
    [
        (["revoke_licence"], ["fine"], True),  # a lighter kind in place of the heavier one dropped
        (["revoke_licence"], ["revoke_licence", "fine"], False),  # added on top
        (["fine"], ["warning"], True),
        (["warning"], ["fine"], False),
        (["fine", "confiscate_gains"], ["fine"], True),
        (["suspend_licence"], ["suspend_business"], False),
    ],
)
def test_kinds_are_compared_by_severity(notified, decided, lawful):
    def check() -> None:
        rules.check_no_heavier(
            notified_kinds=notified, decided_kinds=decided, notified_fine_fen=100, decided_fine_fen=100
        )

    if lawful:
        check()
    else:
        with pytest.raises(RuleViolation, match="未经告知"):
            check()


# -------------------------------------------------------------------------------- 6. 一事不再罚


def test_one_act_is_fined_once(town, investigated):
    first = close(town, investigated, review=False)
    notify(town, first, served_on=LONG_AGO)
    decide(town, first)
    second = investigated_for(town, town.party)
    close(town, second, review=False)
    notify(town, second, served_on=LONG_AGO)
    head = token_client(town, town.head)
    message = refused(
        head, f"/api/v1/cases/{second.pk}/decide", decide_body(["fine"], 2_000_00), "第二十九条"
    )
    assert "不得给予两次以上罚款" in message
    assert first.decision.number.text in message
    accepted(
        head,
        f"/api/v1/cases/{second.pk}/decide",
        decide_body(
            ["fine"], 2_000_00, distinct_act_reason="第二次系当日下午在另一路段另行占道，为独立的违法行为。"
        ),
    )


def test_acts_on_other_days_or_at_other_places_are_other_acts(town, investigated):
    first = close(town, investigated, review=False)
    notify(town, first, served_on=LONG_AGO)
    decide(town, first)
    for other in (
        investigated_for(town, town.party, act_on=FILED_ON - 5 * DAY),
        investigated_for(town, town.party, place="辛口镇工业园东路"),
    ):
        close(town, other, review=False)
        notify(town, other, served_on=LONG_AGO)
        assert decide(town, other).fine_fen == 2_000_00


# --------------------------------------------------------------------- 7. 从轻、减轻、不予处罚


def test_a_coerced_act_must_be_lightened_and_the_reasons_must_answer_it(town, investigated):
    case = close(town, investigated, review=False, circumstances=["coerced"])
    notify(town, case, served_on=LONG_AGO)
    head = token_client(town, town.head)
    base = f"/api/v1/cases/{case.pk}"
    refused(head, base + "/decide", decide_body(["fine"], 1_000_00), "第三十二条第二项")
    message = refused(
        head, base + "/decide", decide_body(["fine"], 1_000_00, mitigation="reduced"), "第三十二条"
    )
    assert "受他人胁迫或者诱骗实施违法行为" in message
    accepted(
        head,
        base + "/decide",
        decide_body(["fine"], 500_00, mitigation="reduced", discretion_reasons="受胁迫，减轻处罚。"),
    )
    assert PenaltyDecision.objects.get(case=case).mitigation == "reduced"


def test_a_minor_act_corrected_at_once_is_not_penalised(town, investigated):
    with pytest.raises(RuleViolation, match="不予行政处罚") as raised:
        close(town, investigated, circumstances=["minor_corrected"])
    assert raised.value.citation == "行政处罚法 第三十三条第一款"
    with pytest.raises(RuleViolation, match="法定情形"):
        close(town, investigated, outcome="no_penalty_minor")
    case = close(town, investigated, outcome="no_penalty_minor", circumstances=["first_minor"])
    with pytest.raises(RuleViolation, match="应当对当事人进行教育"):
        decide(town, case, fine_fen=0, penalty_kinds=[], penalties="")
    decision = decide(town, case, fine_fen=0, penalty_kinds=[], penalties="", education="当场批评教育。")
    assert decision.penalties == "不予行政处罚"


def test_an_unknown_circumstance_is_refused_beside_its_field(town, investigated):
    officer = token_client(town, town.officer)
    with services_on(FILED_ON):
        fields = refused_fields(
            officer,
            f"/api/v1/cases/{investigated.pk}/close-investigation",
            {"outcome": "penalty", "findings": "属实", "circumstances": ["bribed_the_officer"]},
        )
    assert fields["circumstances.0"].startswith("请选择其一：mental_unable（")
    assert "under_14" not in fields["circumstances.0"]  # read from the birth date, never entered
    assert Case.objects.get(pk=investigated.pk).stage == Stage.INVESTIGATING


# ----------------------------------------------------------------- 9. review after a hearing held


def test_after_a_hearing_the_decision_waits_for_legal_review_through_the_api(town, investigated):
    case = close(town, investigated, review=False)
    served = TODAY - 40 * DAY
    notify(town, case, served_on=served, fine_fen=HEARING_FINE_FEN)
    services.request_hearing(town.officer, case, requested_on=served + DAY)
    services.hold_hearing(
        town.head,
        case,
        chair=town.reviewer,
        notice_sent_on=served + 2 * DAY,
        held_on=served + 20 * DAY,
        record_signed=True,
    )
    head = token_client(town, town.head)
    refused(head, f"/api/v1/cases/{case.pk}/decide", decide_body(["fine"], 2_000_00), "第五十八条")
    review(town, case)
    accepted(head, f"/api/v1/cases/{case.pk}/decide", decide_body(["fine"], 2_000_00))


# -------------------------------------------------------------------------- 14. limitation, art. 36


def test_an_act_found_within_two_years_may_be_filed_later(town):
    act_on = TODAY - datetime.timedelta(days=2 * 365 + 30)
    found = lead(town, act_on=act_on, received_on=act_on + datetime.timedelta(days=300))
    assert file(town, found).stage == Stage.FILED
    late = lead(town, act_on=act_on, received_on=TODAY)
    with pytest.raises(RuleViolation, match="未被发现") as raised:
        file(town, late)
    assert raised.value.citation == "行政处罚法 第三十六条"
    late.refresh_from_db()
    assert late.stage == Stage.LEAD


def test_a_continuing_act_counts_from_its_end(town):
    act_on = TODAY - datetime.timedelta(days=3 * 365)
    case = lead(town, act_on=act_on, received_on=TODAY)
    assert file(town, case, act_ended_on=TODAY - 30 * DAY).stage == Stage.FILED


# ------------------------------------------------------------------ the town's 较大数额 standard


def test_the_admin_records_the_standard_on_the_powers_page_and_the_api_reads_it(town):
    page = client_for(town.admin).get(reverse("enforcement:power-list")).content.decode()
    assert "暂按默认值（公民 5000 元" in page
    response = client_for(town.admin).post(
        reverse("enforcement:large-amount-create"),
        {
            "person": "10000",
            "organisation": "100000",
            "source": "某省规定第五条",
            "in_force_from": TODAY.isoformat(),
        },
        follow=True,
    )
    assert "已登记听证较大数额标准" in response.content.decode()
    assert "公民 10,000 元以上" in response.content.decode()
    standards = token_client(town, town.officer).get("/api/v1/large-amount-standards").json()
    assert standards["in_force"] == {
        "person_fen": 10_000_00,
        "organisation_fen": 100_000_00,
        "source": "某省规定第五条",
        "in_force_from": None,
    }
    assert [row["source"] for row in standards["recorded"]] == ["某省规定第五条"]


def test_only_the_admin_records_a_standard_and_bad_input_changes_nothing(town):
    officer = token_client(town, town.officer)
    body = {
        "person_fen": 1_000_00,
        "organisation_fen": 10_000_00,
        "source": "某省",
        "in_force_from": TODAY.isoformat(),
    }
    assert (
        officer.post("/api/v1/large-amount-standards", body, content_type="application/json").status_code
        == 403
    )
    admin = token_client(town, town.admin)
    fields = refused_fields(admin, "/api/v1/large-amount-standards", {**body, "person_fen": 0, "source": " "})
    assert set(fields) == {"person_fen", "source"}
    assert not LargeAmountStandard.objects.exists()
    created = admin.post("/api/v1/large-amount-standards", body, content_type="application/json")
    assert created.status_code == 201
    assert LargeAmountStandard.objects.get().organisation == town.town


# ----------------------------------------------------------------- the same rules on the spot


def test_no_penalty_on_the_spot_for_a_child_and_only_a_warning_for_a_minor(spot):
    child = person(spot, "小明", (TODAY - datetime.timedelta(days=13 * 365)).strftime("%Y%m%d"))
    cases = Case.objects.count()
    with pytest.raises(RuleViolation, match="不满十四周岁") as raised:
        on_spot(spot, party=child, warning_only=True, fine_fen=0)
    assert raised.value.citation == "行政处罚法 第三十条"
    youth = person(spot, "小刚", (TODAY - datetime.timedelta(days=16 * 365)).strftime("%Y%m%d"))
    with pytest.raises(RuleViolation, match="当场只能给予警告"):
        on_spot(spot, party=youth)
    assert Case.objects.count() == cases
    assert on_spot(spot, party=youth, warning_only=True, fine_fen=0).decision.penalties == "警告"


def test_a_second_fine_on_the_spot_for_the_same_act_is_refused(spot):
    first = on_spot(spot)
    with pytest.raises(RuleViolation, match="不得给予两次以上罚款") as raised:
        on_spot(spot)
    assert raised.value.citation == "行政处罚法 第二十九条"
    assert first.decision.number.text in str(raised.value)
    assert on_spot(spot, place="辛口镇工业园东路").decision.fine_fen == 100_00


# --------------------------------------------------------- art. 64(6): the party gives up the hearing


def test_a_party_who_stays_away_gives_up_the_hearing_and_the_decision_no_longer_waits(town, investigated):
    case = close(town, investigated, review=False)
    served = TODAY - 40 * DAY
    notify(town, case, served_on=served, fine_fen=HEARING_FINE_FEN)
    services.request_hearing(town.officer, case, requested_on=served + DAY)
    officer, head = token_client(town, town.officer), token_client(town, town.head)
    base = f"/api/v1/cases/{case.pk}"
    refused(head, base + "/decide", decide_body(["fine"], 2_000_00), "第六十四条")
    message = refused(
        officer,
        base + "/hearing/waiver",
        {"waived_on": served.isoformat(), "waiver": "absent"},
        "第六十四条第六项",
    )
    assert "不能早于当事人要求听证日期" in message
    fields = refused_fields(
        officer, base + "/hearing/waiver", {"waived_on": TODAY.isoformat(), "waiver": "bored"}
    )
    assert set(fields) == {"waiver"}
    accepted(
        officer, base + "/hearing/waiver", {"waived_on": (served + 20 * DAY).isoformat(), "waiver": "absent"}
    )
    notice = Notice.objects.get(case=case)
    assert notice.get_hearing_waiver_display() == "当事人无正当理由拒不出席听证"
    # Ended once: no hearing is recorded afterwards; no hearing was held, so no review is due for it.
    assert step_names(officer, case).get("hold_hearing") is None
    with pytest.raises(RuleViolation, match="听证已经结束"):
        services.hold_hearing(
            town.head,
            case,
            chair=town.reviewer,
            notice_sent_on=served + 2 * DAY,
            held_on=served + 20 * DAY,
            record_signed=True,
        )
    assert accepted(head, base + "/decide", decide_body(["fine"], 2_000_00))["fine_fen"] == 2_000_00


def test_no_more_is_confiscated_than_was_notified(town, investigated):
    case = close(town, investigated, review=False)
    services.issue_notice(
        town.officer,
        case,
        proposed_penalties="罚款，没收违法所得",
        penalty_kinds=["fine", "confiscate_gains"],
        proposed_fine_fen=1_000_00,
        proposed_confiscation_fen=800_00,
        facts="……",
        served_on=LONG_AGO,
        statement_working_days=3,
    )
    head = token_client(town, town.head)
    body = decide_body(["fine", "confiscate_gains"], 1_000_00, confiscation_fen=5_000_00)
    message = refused(head, f"/api/v1/cases/{case.pk}/decide", body, "第四十五条")
    assert "没收的数额（5,000 元）高于告知的数额（800 元）" in message
    accepted(head, f"/api/v1/cases/{case.pk}/decide", {**body, "confiscation_fen": 800_00})
    assert PenaltyDecision.objects.get(case=case).confiscation_fen == 800_00
