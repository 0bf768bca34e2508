"""The statute's order of dates, through the API: each step out of order is refused with its article and
changes nothing (issue 14 §4)."""

from __future__ import annotations

import datetime
import json
from typing import Any

from django.test import Client

from fazhi.enforcement import services
from fazhi.enforcement.models import (
    Case,
    CaseOfficer,
    InvestigationReport,
    LegalReview,
    Notice,
    PenaltyDecision,
)
from fazhi.ledger.models import Event
from fazhi.testing.api import token_client
from fazhi.testing.enforcement import FILED_ON, HEARING_FINE_FEN, TODAY, close, file, lead, notify, serve

DAY = datetime.timedelta(days=1)


def _post(client: Client, url: str, body: dict[str, Any]) -> Any:
    return client.post(url, json.dumps(body), content_type="application/json")


def _refused(client: Client, url: str, body: dict[str, Any], citation: str) -> str:
    events = Event.objects.count()
    response = _post(client, url, body)
    assert response.status_code == 422, response.content.decode()
    assert citation in response.json()["citation"]
    assert Event.objects.count() == events
    message: str = response.json()["message"]
    return message


def _notice(days_ago: int) -> dict[str, Any]:
    return {
        "proposed_penalties": "罚款",
        "penalty_kinds": ["fine"],
        "proposed_fine_fen": 200000,
        "facts": "……",
        "served_on": (TODAY - datetime.timedelta(days=days_ago)).isoformat(),
        "statement_working_days": 3,
    }


def test_a_notice_dated_before_the_case_was_filed_is_refused(town, investigated):
    # Served "before" filing, its statement period had run at once and the head could decide that day.
    case = file(town, lead(town, title="另一案"))
    services.start_investigation(town.officer, case, investigators=[town.officer, town.officer2])
    close(town, case)  # filed, investigated and closed today
    officer = token_client(town, town.officer)
    message = _refused(officer, f"/api/v1/cases/{case.pk}/notice", _notice(30), "第四十四条")
    assert "不能早于立案日期" in message
    assert not Notice.objects.filter(case=case).exists()


def test_a_notice_dated_before_the_investigation_ended_is_refused(town, investigated):
    case = close(town, investigated)
    Case.objects.filter(pk=case.pk).update(filed_on=FILED_ON - 10 * DAY)
    InvestigationReport.objects.filter(case=case).update(closed_on=TODAY - 5 * DAY)
    message = _refused(
        token_client(town, town.officer), f"/api/v1/cases/{case.pk}/notice", _notice(8), "第五十五条"
    )
    assert "不能早于调查终结日期" in message


def test_waiving_the_statement_does_not_waive_the_hearing(town, investigated):
    case = close(town, investigated, review=False)
    notify(town, case, served_on=TODAY, fine_fen=HEARING_FINE_FEN)
    officer, head = token_client(town, town.officer), token_client(town, town.head)
    assert _post(officer, f"/api/v1/cases/{case.pk}/defence", {"waived": True}).status_code == 200
    message = _refused(
        head,
        f"/api/v1/cases/{case.pk}/decide",
        {"penalty_kinds": ["fine"], "penalties": "罚款", "fine_fen": 200000, "basis": "……"},
        "第六十三条、第六十四条第一项",
    )
    assert "放弃陈述、申辩不等于放弃听证" in message
    assert not PenaltyDecision.objects.filter(case=case).exists()


def test_a_hearing_notice_dated_before_the_request_is_refused(town, investigated):
    case = close(town, investigated, review=False)
    notify(town, case, served_on=TODAY - 20 * DAY, fine_fen=HEARING_FINE_FEN)
    officer = token_client(town, town.officer)
    requested = TODAY - 17 * DAY
    assert (
        _post(
            officer, f"/api/v1/cases/{case.pk}/hearing-request", {"requested_on": requested.isoformat()}
        ).status_code
        == 200
    )
    for url in (f"/api/v1/cases/{case.pk}/hearing/schedule", f"/api/v1/cases/{case.pk}/hearing"):
        body = {
            "chair_id": town.reviewer.pk,
            "notice_sent_on": (requested - 14 * DAY).isoformat(),
            "held_on": TODAY.isoformat(),
            "place": "镇政府会议室",
            "record_signed": True,
        }
        message = _refused(officer, url, body, "第六十四条第二项")
        assert "不能早于当事人要求听证日期" in message
    assert not case.hearings.exists()


def test_a_hearing_request_before_the_notice_or_in_the_future_is_refused(town, investigated):
    case = close(town, investigated, review=False)
    notify(town, case, served_on=TODAY - 3 * DAY, fine_fen=HEARING_FINE_FEN)
    officer = token_client(town, town.officer)
    for requested in (TODAY - 4 * DAY, TODAY + DAY):
        _refused(
            officer,
            f"/api/v1/cases/{case.pk}/hearing-request",
            {"requested_on": requested.isoformat()},
            "第六十四条",
        )
    assert Notice.objects.get(case=case).hearing_requested_on is None


def test_a_review_of_an_earlier_notice_does_not_cover_a_heavier_new_one(town, investigated):
    # 法制审核 agreed to 2,000 yuan; a new notice proposed 8,000, and the head decided 8,000.
    case = close(town, investigated, review=True)
    notify(town, case, served_on=TODAY - 20 * DAY)
    officer, reviewer, head = (token_client(town, who) for who in (town.officer, town.reviewer, town.head))
    _post(officer, f"/api/v1/cases/{case.pk}/submit-review", {"confirm": True})
    assert (
        _post(
            reviewer, f"/api/v1/cases/{case.pk}/review", {"opinion": "agreed", "reasons": "同意"}
        ).status_code
        == 200
    )
    notify(town, case, fine_fen=8_000_00, served_on=TODAY - 10 * DAY)
    message = _refused(
        head,
        f"/api/v1/cases/{case.pk}/decide",
        {"penalty_kinds": ["fine"], "penalties": "罚款", "fine_fen": 800000, "basis": "……"},
        "第五十八条",
    )
    assert "须就现在告知的拟处罚决定重新提交法制审核" in message
    _post(officer, f"/api/v1/cases/{case.pk}/submit-review", {"confirm": True})
    _post(reviewer, f"/api/v1/cases/{case.pk}/review", {"opinion": "agreed", "reasons": "同意新的告知"})
    latest = LegalReview.objects.filter(case=case).first()
    assert latest is not None
    assert latest.notice == Notice.objects.get(case=case, superseded=False)
    assert (
        _post(
            head,
            f"/api/v1/cases/{case.pk}/decide",
            {"penalty_kinds": ["fine"], "penalties": "罚款", "fine_fen": 800000, "basis": "……"},
        ).status_code
        == 201
    )


def test_investigating_again_after_legal_review_keeps_the_officers(town, investigated):
    # It answered 500: the same officers were inserted a second time.
    case = close(town, investigated, review=True)
    notify(town, case, served_on=TODAY - 10 * DAY)
    officer = token_client(town, town.officer)
    _post(officer, f"/api/v1/cases/{case.pk}/submit-review", {"confirm": True})
    again = _post(
        officer,
        f"/api/v1/cases/{case.pk}/investigate",
        {"investigator_ids": [town.officer.pk, town.officer2.pk]},
    )
    assert again.status_code == 200, again.content.decode()
    assert again.json()["stage"] == "investigating"
    assert CaseOfficer.objects.filter(case=case).count() == 2


def test_a_remedy_before_the_decision_was_served_and_a_payment_before_it_was_made_are_refused(town, decided):
    serve(town, decided, served_on=TODAY)
    officer = token_client(town, town.officer)
    message = _refused(
        officer,
        f"/api/v1/cases/{decided.pk}/remedies",
        {"kind": "reconsideration", "started_on": (TODAY - DAY).isoformat()},
        "第七十三条",
    )
    assert "不能早于决定书送达日期" in message
    assert not decided.remedies.exists()
    message = _refused(
        officer,
        f"/api/v1/cases/{decided.pk}/payment",
        {"paid_on": (TODAY - 30 * DAY).isoformat(), "paid_fen": 200000, "receipt_number": "TJ-1"},
        "第六十七条",
    )
    assert "不能早于处罚决定日期" in message


def test_a_collective_discussion_dated_before_the_investigation_ended_is_refused(town, investigated):
    case = close(town, investigated, review=False, major=True)
    notify(town, case, served_on=TODAY - 10 * DAY)
    body = {
        "held_on": (FILED_ON - DAY).isoformat(),
        "attendees": "李镇长、王副镇长",
        "minutes": "……",
        "conclusion": "同意",
    }
    message = _refused(
        token_client(town, town.head), f"/api/v1/cases/{case.pk}/discussion", body, "第五十七条"
    )
    assert "不能早于调查终结日期" in message
    assert not case.discussions.exists()
