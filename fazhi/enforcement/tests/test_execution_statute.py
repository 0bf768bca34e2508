"""Issue 15, after the decision: an unpaid on-the-spot fine enforced like any other (arts. 52, 67;
行政强制法 arts. 53, 54), service that takes effect (公告送达, 电子送达 with consent, art. 61), 暂缓或分期
缴纳 (art. 66), and the court window after every remedy period (行政强制法 art. 53; 民法典 art. 203).
Each refusal through the service and the API, with nothing changed."""

import datetime
import json
from typing import Any

import pytest

from fazhi.core.errors import InvalidInput, RuleViolation
from fazhi.enforcement import rules, selectors, services
from fazhi.enforcement.models import (
    Case,
    Closure,
    CourtApplication,
    DecisionService,
    Demand,
    PaymentPlan,
    ServiceConsent,
)
from fazhi.enforcement.rules import Stage
from fazhi.ledger.models import Event
from fazhi.testing.api import token_client
from fazhi.testing.enforcement import TODAY, on_spot, serve

DAY = datetime.timedelta(days=1)
COURT = "天津市西青区人民法院"


def post(client, url, body):
    return client.post(url, json.dumps(body, default=str), content_type="application/json")


def payment_due_of(case) -> datetime.date:
    due = DecisionService.objects.get(case=case).payment_due
    assert due is not None
    return due


def unchanged(case, stage, events):
    """A refusal left the case where it was and wrote nothing to the ledger."""
    assert Case.objects.get(pk=case.pk).stage == stage
    assert Event.objects.count() == events


# ------------------------------------------------------------------ A. the summary procedure executes


def test_an_unpaid_on_the_spot_fine_goes_to_demand_the_court_record_and_closure(spot, on_day):
    case = on_spot(spot)
    due = rules.PAYMENT.due(TODAY).due
    events = Event.objects.count()
    with pytest.raises(RuleViolation) as raised:
        services.record_with_agency(spot.officer, case)
    assert "催告并申请人民法院强制执行后备案" in raised.value.message
    assert raised.value.citation.startswith("行政处罚法 第五十二条")
    with pytest.raises(RuleViolation, match="届满前不能催告"):
        services.issue_demand(spot.officer, case, served_on=TODAY)
    unchanged(case, Stage.SERVED, events)

    on_day(due + DAY)
    demand = services.issue_demand(spot.officer, case, served_on=due + DAY)
    case.refresh_from_db()
    assert (case.stage, case.clock_key) == (Stage.EXECUTING, "demand_wait")
    # Still unpaid and not yet before the court: 备案 waits.
    with pytest.raises(RuleViolation, match="催告并申请人民法院强制执行后备案"):
        services.record_with_agency(spot.officer, case)

    window = selectors.court_window(case)
    assert window is not None
    on_day(demand.wait_until + DAY)
    events = Event.objects.count()
    with pytest.raises(RuleViolation) as raised:
        services.apply_to_court(spot.head, case, court=COURT, applied_on=demand.wait_until + DAY)
    assert raised.value.citation == "行政强制法 第五十三条"
    assert not CourtApplication.objects.exists()
    unchanged(case, Stage.EXECUTING, events)

    on_day(window.opens)
    services.apply_to_court(spot.head, case, court=COURT, applied_on=window.opens)
    services.record_with_agency(spot.officer, case)
    case.refresh_from_db()
    assert case.stage == Stage.RECORDED_WITH_AGENCY
    with pytest.raises(RuleViolation, match="结案理由只能是：终结执行"):
        services.close_case(spot.head, case, reason="performed", summary="……")
    services.close_case(spot.head, case, reason="enforcement_ended", summary="已申请法院强制执行并备案")
    case.refresh_from_db()
    assert case.stage == Stage.CLOSED
    assert Closure.objects.get(case=case).reason == "enforcement_ended"


def test_the_summary_path_through_the_api(spot, on_day):
    case = on_spot(spot)
    officer, head = token_client(spot, spot.officer), token_client(spot, spot.head)
    url = f"/api/v1/cases/{case.pk}"
    due = rules.PAYMENT.due(TODAY).due
    events = Event.objects.count()
    refused = post(officer, f"{url}/record-with-agency", {})
    assert refused.status_code == 422
    assert refused.json()["citation"].startswith("行政处罚法 第五十二条")
    refused = post(officer, f"{url}/demand", {"served_on": TODAY.isoformat()})
    assert refused.status_code == 422
    assert "届满前不能催告" in refused.json()["message"]
    unchanged(case, Stage.SERVED, events)

    on_day(due + DAY)
    assert (
        post(officer, f"{url}/demand", {"served_on": (due + DAY).isoformat()}).json()["stage"] == "executing"
    )
    # A 复议 may be registered in execution too, and its end.
    started = post(officer, f"{url}/remedies", {"kind": "reconsideration", "started_on": due + DAY})
    assert started.status_code == 200
    ended = post(officer, f"{url}/remedies/end", {"ended_on": due + DAY, "result": "upheld"})
    assert ended.status_code == 200, ended.content.decode()
    window = selectors.court_window(case)
    assert window is not None
    on_day(window.opens - DAY)
    events = Event.objects.count()
    early = post(
        head, f"{url}/court-application", {"court": COURT, "applied_on": (window.opens - DAY).isoformat()}
    )
    assert early.status_code == 422
    assert early.json()["citation"] == "行政强制法 第五十三条"
    unchanged(case, Stage.EXECUTING, events)
    on_day(window.opens)
    applied = post(head, f"{url}/court-application", {"court": COURT, "applied_on": window.opens.isoformat()})
    assert applied.status_code == 200
    assert post(officer, f"{url}/record-with-agency", {}).json()["stage"] == "recorded_with_agency"
    closed = post(head, f"{url}/close", {"reason": "enforcement_ended", "summary": "已申请强制执行"})
    assert closed.json()["stage"] == "closed"


def test_an_on_the_spot_fine_paid_after_the_demand_is_recorded_and_closed_as_performed(spot, on_day):
    case = on_spot(spot)
    due = rules.PAYMENT.due(TODAY).due
    on_day(due + DAY)
    services.issue_demand(spot.officer, case, served_on=due + DAY)
    fine, surcharge = selectors.amount_owed(case, on=due + DAY)
    assert (fine, surcharge) == (100_00, 3_00)
    services.record_payment(spot.officer, case, paid_on=due + DAY, paid_fen=103_00, receipt_number="B2")
    services.record_with_agency(spot.officer, case)
    services.close_case(spot.head, case, reason="performed", summary="催告后缴纳")
    assert Case.objects.get(pk=case.pk).stage == Stage.CLOSED


# ---------------------------------------------------------------------- B. service and its clocks


def test_public_notice_needs_its_reason(town, decided):
    events = Event.objects.count()
    with pytest.raises(RuleViolation) as raised:
        serve(town, decided, method="public_notice", proof="镇政府公告栏、报纸")
    assert raised.value.citation == "行政处罚法 第六十一条；民事诉讼法 第九十五条"
    assert "下落不明" in raised.value.message
    assert not DecisionService.objects.exists()
    unchanged(decided, Stage.DECIDED, events)


def test_after_public_notice_the_surcharge_starts_fifteen_days_after_it_takes_effect(town, decided, on_day):
    service = serve(
        town,
        decided,
        method="public_notice",
        proof="公告栏",
        public_notice_reason="当事人下落不明，多次查找未果",
    )
    assert service.effective_on == TODAY + 30 * DAY
    due = rules.PAYMENT.due(TODAY + 30 * DAY).due
    assert service.payment_due == due
    assert Case.objects.get(pk=decided.pk).clock_due == due
    early = rules.PAYMENT.due(TODAY).due  # where the clock would end counted from publication
    assert selectors.amount_owed(decided, on=early + DAY) == (2_000_00, 0)
    assert selectors.amount_owed(decided, on=due) == (2_000_00, 0)
    assert selectors.amount_owed(decided, on=due + DAY) == (2_000_00, 60_00)
    # The demand waits too, and the clock on the page says how it was counted.
    on_day(early + DAY)
    with pytest.raises(RuleViolation, match="届满前不能催告"):
        services.issue_demand(town.officer, decided, served_on=early + DAY)
    clock = selectors.case_clock(Case.objects.get(pk=decided.pk), today=early)
    assert clock is not None
    assert any("经过三十日即" in line for line in clock.explanation)


def test_public_notice_moves_the_remedy_periods_too(town, decided):
    serve(town, decided, method="public_notice", proof="公告栏", public_notice_reason="下落不明")
    window = selectors.court_window(decided)
    assert window is not None
    assert window.remedy_periods[1][1].start == TODAY + 30 * DAY


def test_electronic_service_needs_the_partys_signed_consent(town, decided, on_day):
    events = Event.objects.count()
    with pytest.raises(RuleViolation) as raised:
        serve(town, decided, method="electronic", proof="电子邮件回执")
    assert raised.value.citation == "行政处罚法 第六十一条第二款"
    assert "确认书" in raised.value.message
    unchanged(decided, Stage.DECIDED, events)
    on_day(TODAY + DAY)
    consent = services.record_service_consent(
        town.officer, decided, channel="email", address="liu@example.com", signed_on=TODAY + DAY
    )
    # A consent signed after the day of service does not cover it.
    with pytest.raises(RuleViolation, match="确认书"):
        serve(town, decided, method="electronic", served_on=TODAY, proof="电子邮件回执")
    service = serve(town, decided, method="electronic", served_on=TODAY + DAY, proof="电子邮件回执")
    assert service.effective_on == service.served_on == consent.signed_on


def test_a_consent_is_dated_within_the_case_and_names_its_address(town, decided):
    with pytest.raises(InvalidInput) as raised:
        services.record_service_consent(town.officer, decided, channel="fax", address=" ", signed_on=TODAY)
    assert set(raised.value.field_errors) == {"address"}
    with pytest.raises(RuleViolation, match="不能早于收到线索日期"):
        services.record_service_consent(
            town.officer, decided, channel="fax", address="022-1234", signed_on=decided.received_on - DAY
        )
    with pytest.raises(RuleViolation, match="不能晚于今天"):
        services.record_service_consent(
            town.officer, decided, channel="fax", address="022-1234", signed_on=TODAY + DAY
        )
    assert not ServiceConsent.objects.exists()


def test_consent_and_electronic_service_through_the_api(town, decided):
    officer = token_client(town, town.officer)
    url = f"/api/v1/cases/{decided.pk}"
    body = {"method": "electronic", "served_on": TODAY.isoformat(), "recipient": "刘某", "proof": "邮件回执"}
    events = Event.objects.count()
    refused = post(officer, f"{url}/serve", body)
    assert refused.status_code == 422
    assert refused.json()["citation"] == "行政处罚法 第六十一条第二款"
    unchanged(decided, Stage.DECIDED, events)
    refused = post(officer, f"{url}/serve", {**body, "method": "public_notice"})
    assert refused.status_code == 422
    assert refused.json()["citation"] == "行政处罚法 第六十一条；民事诉讼法 第九十五条"
    blank = post(officer, f"{url}/service-consent", {"channel": "email", "address": " ", "signed_on": TODAY})
    assert blank.status_code == 422
    assert not ServiceConsent.objects.exists()
    recorded = post(
        officer,
        f"{url}/service-consent",
        {"channel": "email", "address": "liu@example.com", "signed_on": TODAY},
    )
    assert recorded.status_code == 200, recorded.content
    assert post(officer, f"{url}/serve", body).json()["stage"] == "served"
    late = post(officer, f"{url}/service-consent", {"channel": "fax", "address": "022", "signed_on": TODAY})
    assert late.status_code == 422  # the decision is served: the consent step is behind it
    assert ServiceConsent.objects.count() == 1


# -------------------------------------------------------------------- C. deferral or instalments


def plan(town, case, **overrides):
    service = DecisionService.objects.get(case=case)
    due = payment_due_of(case)
    fields = {
        "kind": "deferral",
        "applied_on": service.served_on,
        "reason": "当事人家庭经济困难，有低保证明",
        "approved_on": service.served_on,
        "ends_on": due + 30 * DAY,
    }
    return services.approve_payment_plan(town.head, case, **{**fields, **overrides})


def test_only_the_head_approves_a_plan_on_the_partys_application(town, decided):
    serve(town, decided)
    with pytest.raises(RuleViolation) as raised:
        services.approve_payment_plan(
            town.officer,
            decided,
            kind="deferral",
            applied_on=TODAY,
            reason="困难",
            approved_on=TODAY,
            ends_on=TODAY + 60 * DAY,
        )
    assert raised.value.citation == "行政处罚法 第六十六条第二款"
    with pytest.raises(RuleViolation, match="写明申请的理由"):
        plan(town, decided, reason="  ")
    assert not PaymentPlan.objects.exists()


def test_a_plan_pauses_the_surcharge_until_it_ends(town, decided):
    serve(town, decided)
    due = payment_due_of(decided)
    approved = plan(town, decided)
    assert Case.objects.get(pk=decided.pk).clock_key == "payment_plan"
    assert selectors.amount_owed(decided, on=approved.ends_on) == (2_000_00, 0)
    assert selectors.amount_owed(decided, on=approved.ends_on + 2 * DAY) == (2_000_00, 120_00)
    assert due < approved.ends_on


def test_no_demand_before_the_plan_has_ended(town, decided, on_day):
    serve(town, decided)
    approved = plan(town, decided)
    due = payment_due_of(decided)
    on_day(due + DAY)
    with pytest.raises(RuleViolation) as raised:
        services.issue_demand(town.officer, decided, served_on=due + DAY)
    assert raised.value.citation == "行政处罚法 第六十六条；行政强制法 第五十四条"
    assert not Demand.objects.exists()
    on_day(approved.ends_on + DAY)
    services.issue_demand(town.officer, decided, served_on=approved.ends_on + DAY)
    assert Case.objects.get(pk=decided.pk).stage == Stage.EXECUTING


def test_the_court_window_runs_from_a_plans_end(town, decided, on_day):
    """A plan approved in execution, after a 催告 went unanswered, holds the court back until it ends."""
    serve(town, decided)
    old = selectors.court_window(decided)
    assert old is not None
    due = payment_due_of(decided)
    on_day(due + DAY)
    services.issue_demand(town.officer, decided, served_on=due + DAY)
    ends_on = old.opens + 40 * DAY
    plan(town, decided, applied_on=due + DAY, approved_on=due + DAY, ends_on=ends_on)
    inside_old = old.opens + 10 * DAY
    on_day(inside_old)
    with pytest.raises(RuleViolation) as raised:
        services.apply_to_court(town.head, decided, court=COURT, applied_on=inside_old)
    assert raised.value.citation == "行政处罚法 第六十六条；行政强制法 第五十三条"
    assert "经批准暂缓（分期）缴纳至 %s" % ends_on.isoformat() in raised.value.message
    assert not CourtApplication.objects.exists()
    window = selectors.court_window(decided)
    assert window is not None
    assert window.opens == ends_on + DAY
    assert window.closes >= ends_on + 89 * DAY > old.closes
    on_day(window.opens + 10 * DAY)
    services.apply_to_court(town.head, decided, court=COURT, applied_on=window.opens + 10 * DAY)


def test_a_plans_dates_follow_service_and_application(town, decided, on_day):
    on_day(TODAY + 3 * DAY)
    serve(town, decided, served_on=TODAY + DAY)
    with pytest.raises(RuleViolation, match="不能早于决定书送达日期"):
        plan(town, decided, applied_on=TODAY)
    with pytest.raises(RuleViolation, match="不能早于当事人申请日期"):
        plan(town, decided, applied_on=TODAY + 2 * DAY, approved_on=TODAY + DAY)
    with pytest.raises(RuleViolation, match="不能晚于今天"):
        plan(town, decided, applied_on=TODAY + 4 * DAY, approved_on=TODAY + 4 * DAY)
    with pytest.raises(RuleViolation, match="应晚于原缴纳期限"):
        plan(town, decided, ends_on=payment_due_of(decided))
    with pytest.raises(InvalidInput):
        plan(town, decided, ends_on=datetime.date(9999, 12, 31))
    assert not PaymentPlan.objects.exists()


def test_instalments_add_up_to_the_fine_and_end_with_the_plan(town, decided):
    serve(town, decided)
    first, last = TODAY + 30 * DAY, TODAY + 60 * DAY
    two = [rules.Instalment(first, 1_000_00), rules.Instalment(last, 1_000_00)]
    with pytest.raises(RuleViolation, match="合计 1,500 元"):
        plan(
            town,
            decided,
            kind="instalments",
            ends_on=last,
            instalments=[two[0], rules.Instalment(last, 500_00)],
        )
    with pytest.raises(RuleViolation, match="最后一期"):
        plan(town, decided, kind="instalments", ends_on=last + DAY, instalments=two)
    with pytest.raises(RuleViolation, match="应晚于上一期"):
        plan(town, decided, kind="instalments", ends_on=last, instalments=[two[1], two[1]])
    with pytest.raises(RuleViolation, match="分 2 至"):
        plan(town, decided, kind="instalments", ends_on=last, instalments=[rules.Instalment(last, 2_000_00)])
    with pytest.raises(RuleViolation, match="一次缴清"):
        plan(town, decided, kind="deferral", ends_on=last, instalments=two)
    assert not PaymentPlan.objects.exists()
    approved = plan(town, decided, kind="instalments", ends_on=last, instalments=two)
    assert approved.instalments == [
        {"due_on": first.isoformat(), "amount_fen": 1_000_00},
        {"due_on": last.isoformat(), "amount_fen": 1_000_00},
    ]
    with pytest.raises(RuleViolation, match="已批准暂缓（分期）缴纳"):
        plan(town, decided)


def test_no_plan_once_paid(town, decided):
    serve(town, decided)
    services.record_payment(town.officer, decided, paid_on=TODAY, paid_fen=2_000_00, receipt_number="R")
    with pytest.raises(RuleViolation, match="尚未缴纳的罚款"):
        plan(town, decided)


def test_a_plan_through_the_api(town, decided):
    serve(town, decided)
    officer, head = token_client(town, town.officer), token_client(town, town.head)
    url = f"/api/v1/cases/{decided.pk}/payment-plan"
    first, last = TODAY + 30 * DAY, TODAY + 60 * DAY
    body: dict[str, Any] = {
        "kind": "instalments",
        "applied_on": TODAY,
        "reason": "经营困难",
        "approved_on": TODAY,
        "ends_on": last,
        "instalments": [{"due_on": first, "amount_fen": 1_000_00}, {"due_on": last, "amount_fen": 900_00}],
    }
    events = Event.objects.count()
    not_head = post(officer, url, body)
    assert not_head.status_code in (403, 422)
    short = post(head, url, body)
    assert short.status_code == 422
    assert short.json()["citation"] == "行政处罚法 第六十六条第二款"
    absurd = post(head, url, {**body, "ends_on": "9999-12-31"})
    assert absurd.status_code == 422
    zero = post(head, url, {**body, "instalments": [{"due_on": last, "amount_fen": 0}]})
    assert zero.status_code == 422
    assert not PaymentPlan.objects.exists()
    unchanged(decided, Stage.SERVED, events)
    body["instalments"][1]["amount_fen"] = 1_000_00
    assert post(head, url, body).status_code == 200
    assert PaymentPlan.objects.get(case=decided).ends_on == last


# ------------------------------------------------------------------------ D. the court window


@pytest.mark.django_db
def test_a_six_month_end_during_national_day_moves_past_the_holiday():
    window = rules.court_application_window(effective_on=datetime.date(2025, 4, 1))
    litigation = window.remedy_periods[1][1]
    assert litigation.moved_from == datetime.date(2025, 10, 1)
    assert litigation.due == datetime.date(2025, 10, 9)  # 国庆、中秋 1–8 October 2025
    assert window.opens == datetime.date(2025, 10, 10)
    assert window.closes == datetime.date(2026, 1, 9)
    assert any("顺延" in line for line in window.explanation())


@pytest.mark.django_db
def test_a_six_month_end_on_a_sunday_moves_to_monday():
    window = rules.court_application_window(effective_on=datetime.date(2025, 3, 7))
    assert window.remedy_periods[1][1].due == datetime.date(2025, 9, 8)
    assert window.opens == datetime.date(2025, 9, 9)
    # The three months end on Monday 8 December 2025, a working day.
    assert window.closes == datetime.date(2025, 12, 8)


@pytest.mark.django_db
def test_a_reconsideration_decided_late_moves_the_window():
    served = datetime.date(2025, 3, 7)
    decided_on = datetime.date(2025, 9, 1)
    window = rules.court_application_window(
        effective_on=served,
        remedies=[
            rules.RemedyFacts(litigation=False, started_on=served, ended_on=decided_on, withdrawn=False)
        ],
    )
    assert window.remedy_periods[-1][1].due == datetime.date(2025, 9, 16)
    assert window.opens == datetime.date(2025, 9, 17)
    appealed = rules.court_application_window(
        effective_on=served,
        remedies=[
            rules.RemedyFacts(litigation=True, started_on=served, ended_on=decided_on, withdrawn=False)
        ],
    )
    assert appealed.remedy_periods[-1][0] == "不服一审判决上诉"
    assert appealed.opens == datetime.date(2025, 9, 17)
    withdrawn = rules.court_application_window(
        effective_on=served,
        remedies=[rules.RemedyFacts(litigation=True, started_on=served, ended_on=decided_on, withdrawn=True)],
    )
    assert withdrawn.opens == datetime.date(2025, 9, 9)


def test_a_court_application_inside_the_old_window_but_before_the_new_one_is_refused(town, decided, on_day):
    serve(town, decided)
    old = selectors.court_window(decided)
    assert old is not None
    litigation_end = old.opens - DAY
    services.start_remedy(town.officer, decided, kind="reconsideration", started_on=TODAY)
    on_day(litigation_end - DAY)
    services.end_remedy(town.officer, decided, ended_on=litigation_end - DAY, result="upheld")
    due = payment_due_of(decided)
    demand = services.issue_demand(town.officer, decided, served_on=litigation_end - DAY)
    assert due < demand.served_on
    new = selectors.court_window(decided)
    assert new is not None
    assert new.opens > old.opens + 10 * DAY
    day = max(old.opens, demand.wait_until + DAY)
    assert day < new.opens
    on_day(day)
    with pytest.raises(RuleViolation) as raised:
        services.apply_to_court(town.head, decided, court=COURT, applied_on=day)
    assert raised.value.citation == "行政强制法 第五十三条"
    assert not CourtApplication.objects.exists()
    head = token_client(town, town.head)
    refused = post(head, f"/api/v1/cases/{decided.pk}/court-application", {"court": COURT, "applied_on": day})
    assert refused.status_code == 422
    assert "至 %s 届满" % (new.opens - DAY).isoformat() in refused.json()["message"]
    assert not CourtApplication.objects.exists()
    on_day(new.opens)
    services.apply_to_court(town.head, decided, court=COURT, applied_on=new.opens)


def test_the_case_page_explains_the_court_window(town, decided, client):
    serve(town, decided)
    client.force_login(town.officer)
    page = client.get(f"/cases/{decided.pk}/").content.decode()
    assert 'data-testid="court-window"' in page
    assert "申请行政复议：自 %s 起 60日" % TODAY.isoformat() in page
    assert "提起行政诉讼：自 %s 起 6个月" % TODAY.isoformat() in page
    assert "行政强制法 第五十三条" in page


def test_the_plan_and_consent_forms_on_the_case_pages(town, decided, client):
    client.force_login(town.officer)
    page = client.get(f"/cases/{decided.pk}/").content.decode()
    assert f'href="/cases/{decided.pk}/service-consent/"' in page
    client.post(
        f"/cases/{decided.pk}/service-consent/",
        {"channel": "email", "address": "liu@example.com", "signed_on": TODAY.isoformat()},
    )
    assert ServiceConsent.objects.filter(case=decided).exists()
    serve(town, decided, method="electronic", proof="邮件回执")
    client.force_login(town.head)
    page = client.get(f"/cases/{decided.pk}/").content.decode()
    assert f'href="/cases/{decided.pk}/payment-plan/"' in page
    last = TODAY + 60 * DAY
    refused = client.post(
        f"/cases/{decided.pk}/payment-plan/",
        {
            "kind": "instalments",
            "applied_on": TODAY.isoformat(),
            "reason": "经营困难",
            "approved_on": TODAY.isoformat(),
            "ends_on": last.isoformat(),
            "instalments": "%s 1000\nnot a line" % (TODAY + 30 * DAY).isoformat(),
        },
    ).content.decode()
    assert "第 2 行应为" in refused
    client.post(
        f"/cases/{decided.pk}/payment-plan/",
        {
            "kind": "instalments",
            "applied_on": TODAY.isoformat(),
            "reason": "经营困难",
            "approved_on": TODAY.isoformat(),
            "ends_on": last.isoformat(),
            "instalments": "%s 1000\n%s 1000" % ((TODAY + 30 * DAY).isoformat(), last.isoformat()),
        },
    )
    assert PaymentPlan.objects.get(case=decided).instalments[1] == {
        "due_on": last.isoformat(),
        "amount_fen": 1_000_00,
    }
    page = client.get(f"/cases/{decided.pk}/").content.decode()
    assert 'data-testid="payment-plan"' in page
    assert "经批准暂缓（分期）缴纳至 %s" % last.isoformat() in page
