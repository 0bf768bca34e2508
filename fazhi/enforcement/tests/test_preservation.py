"""先行登记保存 (art. 56): with the head's approval, by two of the case's officers, dates in order; a
decision within seven working days, whose clock the case runs meanwhile, later only with a reason."""

from __future__ import annotations

import datetime
import json
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from fazhi.core.errors import InvalidInput, RuleViolation
from fazhi.core.models import Notification
from fazhi.enforcement import rules, selectors, services
from fazhi.enforcement.models import Case, Preservation
from fazhi.ledger.models import Event
from fazhi.testing.api import token_client
from fazhi.testing.enforcement import FILED_ON, TODAY, close, decide, notify

DAY = datetime.timedelta(days=1)


def preservation_input(town, **overrides) -> services.PreservationInput:
    fields: dict[str, Any] = {
        "items": "流动摊车一辆、遮阳伞一把",
        "reason": "当事人系流动经营，事后难以取得。",
        "approved_by": town.head,
        "approved_on": TODAY,
        "preserved_on": TODAY,
        "officers": [town.officer, town.officer2],
    }
    return services.PreservationInput(**{**fields, **overrides})


def _post(client: Client, url: str, body: dict[str, Any]) -> Any:
    return client.post(url, json.dumps(body), content_type="application/json")


def test_preservation_needs_the_heads_approval(town, investigated):
    events = Event.objects.count()
    with pytest.raises(RuleViolation, match="须经行政机关负责人批准") as refused:
        services.preserve(town.officer, investigated, preservation_input(town, approved_by=town.officer))
    assert refused.value.citation == "行政处罚法 第五十六条"
    assert not Preservation.objects.exists()
    assert Event.objects.count() == events
    assert Case.objects.get(pk=investigated.pk).clock_key == rules.DECISION.key


def test_preservation_is_done_by_two_officers_of_the_case(town, investigated):
    with pytest.raises(RuleViolation) as refused:
        services.preserve(
            town.officer, investigated, preservation_input(town, officers=[town.officer, town.auxiliary])
        )
    assert refused.value.citation == "行政处罚法 第四十二条"
    assert not Preservation.objects.exists()


def test_preservation_dates_follow_the_filing_and_the_approval(town, investigated):
    for overrides in (
        {"approved_on": FILED_ON - DAY, "preserved_on": FILED_ON},
        {"approved_on": TODAY, "preserved_on": TODAY - DAY},
        {"approved_on": TODAY, "preserved_on": TODAY + DAY},
    ):
        with pytest.raises(RuleViolation) as refused:
            services.preserve(town.officer, investigated, preservation_input(town, **overrides))
        assert refused.value.citation == "行政处罚法 第五十六条"
    assert not Preservation.objects.exists()


def test_the_case_runs_the_preservation_clock_until_it_is_handled(town, investigated):
    preservation = services.preserve(town.officer, investigated, preservation_input(town))
    due = rules.PRESERVATION_DECISION.due(TODAY).due
    assert preservation.decision_due == due
    case = Case.objects.get(pk=investigated.pk)
    assert (case.clock_key, case.clock_due) == (rules.PRESERVATION_DECISION.key, due)
    clock = selectors.case_clock(case, today=TODAY)
    assert clock is not None
    assert clock.label == "先行登记保存后作出处理决定"
    assert clock.citation == "行政处罚法 第五十六条、第八十五条"
    assert selectors.recounted_due(case) == due
    services.handle_preservation(
        town.officer, case, preservation, handled_on=TODAY, handling="return", handling_note="已返还"
    )
    case.refresh_from_db()
    assert (case.clock_key, case.clock_due) == (rules.DECISION.key, case.decision_due)


def test_the_reminder_names_the_preservation_clock(town, investigated):
    preserved_on = TODAY - 8 * DAY
    services.preserve(
        town.officer,
        investigated,
        preservation_input(town, approved_on=preserved_on, preserved_on=preserved_on),
    )
    run = services.send_clock_reminders(today=TODAY)
    assert run.reminded_cases == 1
    note = Notification.objects.filter(recipient=town.officer).get()
    assert "先行登记保存后作出处理决定期限" in note.text


def test_handling_after_seven_working_days_needs_its_reason(town, investigated):
    preserved_on = FILED_ON + DAY
    preservation = services.preserve(
        town.officer,
        investigated,
        preservation_input(town, approved_on=preserved_on, preserved_on=preserved_on),
    )
    events = Event.objects.count()
    with pytest.raises(InvalidInput) as late:
        services.handle_preservation(
            town.officer, investigated, preservation, handled_on=TODAY, handling="release"
        )
    assert "late_reason" in late.value.field_errors
    assert late.value.citation == "行政处罚法 第五十六条"
    preservation.refresh_from_db()
    assert preservation.handled_on is None
    assert Event.objects.count() == events
    assert Case.objects.get(pk=investigated.pk).clock_key == rules.PRESERVATION_DECISION.key
    services.handle_preservation(
        town.officer,
        investigated,
        preservation,
        handled_on=TODAY,
        handling="release",
        late_reason="等待鉴定结果",
    )
    preservation.refresh_from_db()
    assert preservation.late_reason == "等待鉴定结果"


def test_handling_is_dated_after_the_preservation_and_taken_once(town, investigated):
    preserved_on = TODAY - 2 * DAY
    preservation = services.preserve(
        town.officer,
        investigated,
        preservation_input(town, approved_on=preserved_on, preserved_on=preserved_on),
    )
    for day in (preserved_on - DAY, TODAY + DAY):
        with pytest.raises(RuleViolation) as refused:
            services.handle_preservation(
                town.officer, investigated, preservation, handled_on=day, handling="return"
            )
        assert refused.value.citation == "行政处罚法 第五十六条"
    services.handle_preservation(
        town.officer, investigated, preservation, handled_on=TODAY, handling="return"
    )
    with pytest.raises(RuleViolation, match="没有待作出处理决定的先行登记保存"):
        services.handle_preservation(
            town.officer, investigated, preservation, handled_on=TODAY, handling="return"
        )


def test_preservation_is_taken_in_the_investigation_only(town, investigated):
    case = close(town, investigated, review=False)
    notify(town, case, served_on=TODAY - DAY)
    with pytest.raises(RuleViolation, match="调查取证中进行"):
        services.preserve(town.officer, case, preservation_input(town))


def test_preservation_through_the_api(town, investigated):
    officer = token_client(town, town.officer)
    url = f"/api/v1/cases/{investigated.pk}/preservations"
    body = {
        "items": "流动摊车一辆",
        "reason": "事后难以取得",
        "approved_by_id": town.officer.pk,
        "approved_on": TODAY.isoformat(),
        "preserved_on": TODAY.isoformat(),
        "officer_ids": [town.officer.pk, town.officer2.pk],
    }
    events = Event.objects.count()
    refused = _post(officer, url, body)
    assert refused.status_code == 422
    assert refused.json()["citation"] == "行政处罚法 第五十六条"
    assert not Preservation.objects.exists()
    assert Event.objects.count() == events
    created = _post(officer, url, {**body, "approved_by_id": town.head.pk})
    assert created.status_code == 201, created.content
    handling = f"{url}/{created.json()['id']}/handling"
    future = _post(officer, handling, {"handled_on": (TODAY + DAY).isoformat(), "handling": "return"})
    assert future.status_code == 422
    assert future.json()["citation"] == "行政处罚法 第五十六条"
    assert Preservation.objects.get().handled_on is None
    handled = _post(officer, handling, {"handled_on": TODAY.isoformat(), "handling": "return"})
    assert handled.status_code == 200, handled.content
    assert handled.json()["handled_on"] == TODAY.isoformat()
    assert Case.objects.get(pk=investigated.pk).clock_key == rules.DECISION.key


def test_preservation_pages(town, investigated):
    officer = Client()
    officer.force_login(town.officer)
    response = officer.post(
        reverse("enforcement:case-preserve", args=[investigated.pk]),
        {
            "items": "流动摊车一辆",
            "reason": "事后难以取得",
            "approved_by": town.head.pk,
            "approved_on": TODAY.isoformat(),
            "preserved_on": TODAY.isoformat(),
            "officers": [town.officer.pk, town.officer2.pk],
        },
        follow=True,
    )
    page = response.content.decode()
    assert "已先行登记保存" in page
    assert "先行登记保存后作出处理决定期限" in page
    response = officer.post(
        reverse("enforcement:case-preservation-handle", args=[investigated.pk]),
        {
            "preservation": Preservation.objects.get().pk,
            "handled_on": TODAY.isoformat(),
            "handling": "return",
        },
        follow=True,
    )
    assert "已对先行登记保存的证据作出处理决定" in response.content.decode()


def test_extending_the_decision_period_keeps_the_preservation_clock_running(town, investigated):
    previous = investigated.decision_due
    services.preserve(town.officer, investigated, preservation_input(town))
    due = rules.PRESERVATION_DECISION.due(TODAY).due
    services.extend_decision_period(town.head, investigated, days=10, reason="需补充鉴定。")
    case = Case.objects.get(pk=investigated.pk)
    assert (case.clock_key, case.clock_due) == (rules.PRESERVATION_DECISION.key, due)
    assert case.decision_due == previous + datetime.timedelta(days=10)


def test_the_decision_waits_for_the_preservation_to_be_handled(town, investigated):
    preservation = services.preserve(town.officer, investigated, preservation_input(town))
    case = close(town, investigated, review=False)
    notify(town, case, served_on=TODAY - 12 * DAY)
    head = token_client(town, town.head)
    events = Event.objects.count()
    response = head.post(
        f"/api/v1/cases/{case.pk}/decide",
        {"penalty_kinds": ["fine"], "fine_fen": 2_000_00, "basis": "《城市道路管理条例》第四十二条"},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert response.json()["citation"] == "行政处罚法 第五十六条"
    assert Event.objects.count() == events
    services.handle_preservation(
        town.officer, case, preservation, handled_on=TODAY, handling="return", handling_note="已返还"
    )
    assert decide(town, case).fine_fen == 2_000_00
