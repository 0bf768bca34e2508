"""Handling a matter after intake: hand-on and hand-back with a reason, mediation sessions, closure only
with an outcome and the 三到位一处理 checklist, the 调解协议书 with the contents 人民调解法 art. 29 asks
and the 30-day reminder, the follow-up, and the closure, timeliness and satisfaction figures counted from
the rows made here."""

import dataclasses
import datetime
import io
import json

import docx
import pytest
from django.test import Client
from docx.shared import Pt

from fazhi.core import calendar
from fazhi.core.errors import InvalidInput, PermissionDenied, RuleViolation
from fazhi.ledger.models import Event
from fazhi.mediation import documents, selectors, services
from fazhi.mediation.models import (
    Agreement,
    Dispatch,
    Dispute,
    DisputeStatus,
    FollowUp,
    MediationCentre,
    MediationSession,
    Outcome,
)
from fazhi.testing.api import refused_fields, token_client
from fazhi.testing.mediation import TODAY, visit

CHECKED = {
    "solved": "done",
    "educated": "not_applicable",
    "assisted": "not_applicable",
    "lawful": "not_applicable",
}


def days_ago(n: int) -> datetime.date:
    return TODAY - datetime.timedelta(days=n)


def dispatched(town, **overrides) -> Dispute:
    dispute = visit(town, **overrides)
    services.dispatch_dispute(town.mediator, dispute, unit=town.justice, due_on=max(TODAY, dispute.due_on))
    return dispute


def sitting(town, dispute, **overrides) -> MediationSession:
    fields = {
        "held_on": TODAY,
        "place": "镇矛调中心调解室",
        "mediators": "郑调解",
        "attendees": "刘某、陈某、马某，建筑队负责人",
        "record": "告知双方权利义务；建筑队承认拖欠，同意分两期支付。",
    }
    return services.record_session(town.mediator, dispute, services.SessionInput(**{**fields, **overrides}))


def agreement_input(**overrides) -> services.AgreementInput:
    fields = {
        "parties": "刘某，男，辛口村村民\n陈某，男，辛口村村民\n马某，男，辛口村村民\n某建筑队，负责人张某",
        "facts": "三名村民在某建筑工地务工，被拖欠工资共计2.4万元。",
        "disputed_matters": "拖欠工资的数额和支付时间。",
        "responsibilities": "建筑队未按约支付工资，应承担全部责任。",
        "terms": "建筑队支付三名村民工资共计2.4万元。",
        "performance": "本月底前支付1.2万元，下月底前支付余款1.2万元。",
        "signed_on": TODAY,
        "mediator": "郑调解",
        "committee": "辛口镇人民调解委员会",
    }
    return services.AgreementInput(**{**fields, **overrides})


def close(town, dispute, **overrides) -> Dispute:
    fields = {
        "outcome": Outcome.AGREEMENT,
        "closed_on": TODAY,
        "note": "",
        "checklist": CHECKED,
        "agreement": agreement_input(),
    }
    return services.close_dispute(town.mediator, dispute, services.ClosureInput(**{**fields, **overrides}))


def events(action: str) -> int:
    return Event.objects.filter(action=action).count()


def test_a_unit_hands_the_matter_on_with_a_reason_and_the_centre_gets_it_back(town):
    dispute = dispatched(town)
    with pytest.raises(InvalidInput):
        services.hand_on(town.mediator, dispute, unit=town.justice, due_on=TODAY, reason="重复")
    assert Dispatch.objects.count() == 1
    assert events("mediation.dispute.handed_on") == 0

    services.hand_on(
        town.mediator, dispute, unit=town.village, due_on=TODAY, reason="属村内纠纷，由村调委会先行调解。"
    )
    first, second = Dispatch.objects.order_by("id")
    assert (first.end, first.end_reason) == ("handed_on", "属村内纠纷，由村调委会先行调解。")
    assert selectors.current_dispatch(dispute) == second
    assert second.unit == town.village

    services.hand_back(town.mediator, dispute, reason="涉及工程款，村调委会无法调处。")
    dispute.refresh_from_db()
    assert dispute.status == "registered"
    assert selectors.current_dispatch(dispute) is None
    with pytest.raises(RuleViolation, match="该事项当前没有承办单位"):
        services.hand_back(town.mediator, dispute, reason="再退一次")
    services.dispatch_dispute(town.mediator, dispute, unit=town.justice, due_on=TODAY)
    assert [e.action for e in Event.objects.filter(action__startswith="mediation.dispute.h")] == [
        "mediation.dispute.handed_on",
        "mediation.dispute.handed_back",
    ]


def test_closing_without_an_outcome_is_refused_and_nothing_changes(town):
    dispute = dispatched(town)
    sitting(town, dispute)
    fields = refused_fields(
        token_client(town, town.mediator),
        f"/api/v1/mediation/disputes/{dispute.pk}/close",
        {"outcome": "", "closed_on": TODAY.isoformat(), "checklist": CHECKED},
    )
    assert fields == {"outcome": "请选择办理结果：未选择办理结果的事项不能办结。"}
    dispute.refresh_from_db()
    assert dispute.status == "dispatched"
    assert dispute.outcome == ""
    assert dispute.closed_on is None
    assert events("mediation.dispute.closed") == 0


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"checklist": {"solved": "done"}}, "checklist"),
        ({"checklist": dict.fromkeys(CHECKED, "not_applicable")}, "checklist"),
        ({"outcome": Outcome.ENDED, "agreement": None}, "note"),
        ({"outcome": Outcome.TRANSFERRED, "agreement": None}, "note"),
        ({"agreement": None}, "agreement"),
        ({"agreement": agreement_input(terms="")}, "terms"),
        ({"agreement": agreement_input(signed_on=TODAY + datetime.timedelta(days=1))}, "signed_on"),
        ({"closed_on": TODAY + datetime.timedelta(days=1)}, "closed_on"),
    ],
)
def test_an_incomplete_closure_says_what_is_missing(town, overrides, field):
    dispute = dispatched(town)
    sitting(town, dispute)
    with pytest.raises(InvalidInput) as raised:
        close(town, dispute, **overrides)
    assert field in raised.value.extra["fields"]
    assert not Agreement.objects.exists()
    assert Dispute.objects.get().status == "dispatched"


def test_an_agreement_or_a_termination_needs_a_session_on_record(town):
    dispute = dispatched(town)
    with pytest.raises(RuleViolation) as raised:
        close(town, dispute)
    assert raised.value.citation == "中华人民共和国人民调解法 第二十七条"
    assert not Agreement.objects.exists()
    assert events("core.number.issued") == 0


def test_sessions_are_dated_between_the_visit_and_today_and_not_after_closure(town):
    dispute = dispatched(town, received_on=days_ago(3))
    with pytest.raises(InvalidInput) as raised:
        sitting(town, dispute, held_on=days_ago(4))
    assert "不能早于接待日期" in raised.value.extra["fields"]["held_on"]
    assert not MediationSession.objects.exists()
    sitting(town, dispute, held_on=days_ago(2))
    close(town, dispute)
    with pytest.raises(RuleViolation) as closed:
        sitting(town, dispute)
    assert closed.value.message == "该事项已于 %s 办结。" % TODAY.isoformat()
    assert MediationSession.objects.count() == 1


def test_an_agreement_is_numbered_and_its_docx_has_the_article_29_contents_and_the_30_day_reminder(town):
    dispute = dispatched(town)
    sitting(town, dispute)
    close(town, dispute)
    agreement = Agreement.objects.get()
    assert agreement.number.text == "测试调协〔%d〕1号" % TODAY.year
    payload = json.loads(Event.objects.get(action="mediation.dispute.closed").entry)["payload"]
    due = calendar.compute_calendar_days(TODAY, 30).due
    assert payload["agreement"]["confirmation_due"] == due.isoformat()

    document = docx.Document(io.BytesIO(documents.agreement_docx(agreement)))
    texts = [paragraph.text for paragraph in document.paragraphs]
    assert "人民调解协议书" in texts
    assert agreement.number.text in texts
    body = "\n".join(texts)
    for part in (
        "某建筑队，负责人张某",
        "纠纷的主要事实：三名村民",
        "争议事项：",
        "各方当事人的责任：",
        "建筑队支付三名村民工资共计2.4万元",
        "履行协议的方式、期限：本月底前",
    ):
        assert part in body
    assert "一式5份" in body
    assert "三十日内（即%d年%d月%d日前）共同向人民法院申请司法确认" % (due.year, due.month, due.day) in body
    title = next(p for p in document.paragraphs if p.text == "人民调解协议书")
    assert title.style is not None
    assert title.style.font.size == Pt(22)
    section = document.sections[0]
    assert section.page_width is not None
    assert round(section.page_width.mm) == 210


def test_a_follow_up_comes_after_closure_and_records_satisfaction(town):
    dispute = dispatched(town, received_on=days_ago(5))
    follow = services.FollowUpInput(
        visited_on=TODAY, method="phone", performance="full", satisfaction="satisfied", note="已全额支付。"
    )
    with pytest.raises(RuleViolation) as early:
        services.record_follow_up(town.mediator, dispute, follow)
    assert early.value.message == "事项办结后方可回访。"
    assert early.value.citation == "人民调解工作若干规定（司法部令第75号）第三十三条"
    sitting(town, dispute, held_on=days_ago(4))
    close(town, dispute, closed_on=days_ago(2), agreement=agreement_input(signed_on=days_ago(2)))
    with pytest.raises(InvalidInput) as before:
        services.record_follow_up(
            town.mediator, dispute, services.FollowUpInput(**{**follow.__dict__, "visited_on": days_ago(3)})
        )
    assert "不能早于办结日期" in before.value.extra["fields"]["visited_on"]
    assert not FollowUp.objects.exists()
    services.record_follow_up(town.mediator, dispute, follow)
    assert FollowUp.objects.get().get_satisfaction_display() == "满意"


def test_closure_timeliness_and_satisfaction_are_counted_from_the_rows(town):
    on_time = dispatched(town, received_on=days_ago(10))
    sitting(town, on_time, held_on=days_ago(9))
    close(town, on_time, closed_on=days_ago(8), agreement=agreement_input(signed_on=days_ago(8)))
    services.record_follow_up(
        town.mediator,
        on_time,
        services.FollowUpInput(
            visited_on=days_ago(1), method="visit", performance="full", satisfaction="fairly", note=""
        ),
    )
    late = visit(town, received_on=days_ago(40))
    close(town, late, outcome=Outcome.TRANSFERRED, note="移交镇劳动保障所。", agreement=None)
    ended = dispatched(town, received_on=days_ago(6))
    sitting(town, ended, held_on=days_ago(5))
    close(
        town,
        ended,
        outcome=Outcome.ENDED,
        closed_on=days_ago(4),
        note="已告知可申请劳动仲裁或起诉。",
        agreement=None,
    )
    services.record_follow_up(
        town.mediator,
        ended,
        services.FollowUpInput(
            visited_on=days_ago(2),
            method="phone",
            performance="not_applicable",
            satisfaction="satisfied",
            note="",
        ),
    )
    services.record_follow_up(
        town.mediator,
        ended,
        services.FollowUpInput(
            visited_on=TODAY,
            method="phone",
            performance="not_applicable",
            satisfaction="unsatisfied",
            note="仍不满意",
        ),
    )
    visit(town, received_on=days_ago(1), visitor_count=5)
    # The other town's matter is not counted.
    start, end = days_ago(60), TODAY
    stats = selectors.outcome_statistics(town.town, start=start, end=end)
    assert (stats.batches, stats.persons) == (4, 14)
    assert (stats.closed, stats.closed_on_time) == (3, 2)
    assert (stats.followed_up, stats.satisfied) == (2, 1)  # the latest visit counts: unsatisfied
    assert (stats.closure_rate, stats.timeliness_rate, stats.satisfaction_rate) == (75.0, 66.7, 50.0)
    assert stats.by_outcome["调解成功，达成协议"] == 1
    assert stats.by_outcome["移交有关部门处理"] == 1
    earlier = selectors.outcome_statistics(town.town, start=start, end=days_ago(3))
    assert (earlier.batches, earlier.closed, earlier.followed_up, earlier.satisfied) == (3, 2, 0, 0)
    assert selectors.outcome_statistics(town.other_town, start=start, end=end).batches == 0
    totals = {
        row.category: (row.batches, row.persons)
        for row in selectors.visits_by_category(town.town, start=start, end=end)
    }
    assert totals == {"劳动与社会保障": (4, 14)}


def test_the_list_warns_of_overdue_and_due_soon_matters(town):
    overdue = visit(town, received_on=days_ago(45))
    soon = visit(town, received_on=days_ago(28))
    fresh = visit(town)
    # A period ending on a rest day runs to the next working day, so the due-soon one is checked by its date.
    assert TODAY <= soon.due_on <= TODAY + datetime.timedelta(days=5)
    disputes = Dispute.objects.all()
    assert list(selectors.filter_by_deadline(disputes, "overdue", TODAY)) == [overdue]
    assert list(selectors.filter_by_deadline(disputes, "due_soon", TODAY)) == [soon]
    assert selectors.deadline_state(fresh, TODAY) == "open"
    client = Client()
    client.force_login(town.mediator)
    page = client.get("/mediation/", {"state": "overdue"}).content.decode()
    assert "已超期" in page
    assert f"/mediation/{overdue.pk}/" in page
    assert f"/mediation/{fresh.pk}/" not in page


def test_the_pages_take_a_matter_from_session_to_agreement_and_follow_up(town):
    dispute = dispatched(town)
    client = Client()
    client.force_login(town.mediator)
    client.post(
        f"/mediation/{dispute.pk}/sessions/new/",
        {
            "held_on": TODAY.isoformat(),
            "place": "调解室",
            "mediators": "郑调解",
            "attendees": "刘某等",
            "record": "达成一致。",
        },
    )
    refused = client.post(f"/mediation/{dispute.pk}/close/", {"outcome": "", "closed_on": TODAY.isoformat()})
    assert refused.status_code == 422
    assert "未选择办理结果的事项不能办结" in refused.content.decode()
    form = {
        "outcome": "agreement",
        "closed_on": TODAY.isoformat(),
        **{f"check_{key}": value for key, value in CHECKED.items()},
        **{key: value for key, value in agreement_input().__dict__.items() if key != "signed_on"},
        "signed_on": TODAY.isoformat(),
    }
    assert client.post(f"/mediation/{dispute.pk}/close/", form).status_code == 302
    page = client.get(f"/mediation/{dispute.pk}/").content.decode()
    assert "调解成功，达成协议" in page
    assert "申请司法确认" in page
    download = client.get(f"/mediation/{dispute.pk}/agreement.docx")
    assert download.status_code == 200
    assert "attachment" in download["Content-Disposition"]
    client.post(
        f"/mediation/{dispute.pk}/follow-ups/new/",
        {
            "visited_on": TODAY.isoformat(),
            "method": "phone",
            "performance": "partial",
            "satisfaction": "fairly",
        },
    )
    assert "部分履行，基本满意" in client.get(f"/mediation/{dispute.pk}/").content.decode()
    other = Client()
    other.force_login(town.other_admin)
    assert other.get(f"/mediation/{dispute.pk}/agreement.docx").status_code == 404
    assert other.post(f"/mediation/{dispute.pk}/follow-ups/new/", {}).status_code == 404


def test_the_api_closes_only_with_an_outcome_and_records_a_follow_up(town):
    dispute = dispatched(town)
    sitting(town, dispute)
    client = Client()
    client.force_login(town.mediator)
    url = f"/api/v1/mediation/disputes/{dispute.pk}"
    refused = client.post(
        f"{url}/close",
        {"closed_on": TODAY.isoformat(), "checklist": CHECKED},
        content_type="application/json",
    )
    assert refused.status_code == 422
    assert refused.json()["extra"]["fields"]["outcome"] == "请选择办理结果：未选择办理结果的事项不能办结。"
    closed = client.post(
        f"{url}/close",
        {
            "outcome": "ended",
            "closed_on": TODAY.isoformat(),
            "note": "已告知可以起诉。",
            "checklist": CHECKED,
        },
        content_type="application/json",
    )
    assert closed.status_code == 200
    assert closed.json()["outcome"] == "ended"
    visit_ = client.post(
        f"{url}/follow-ups",
        {
            "visited_on": TODAY.isoformat(),
            "method": "phone",
            "performance": "not_applicable",
            "satisfaction": "satisfied",
        },
        content_type="application/json",
    )
    assert visit_.status_code == 201
    figures = client.get(
        "/api/v1/mediation/outcomes", {"start": TODAY.isoformat(), "end": TODAY.isoformat()}
    ).json()
    assert (figures["closed"], figures["satisfaction_rate"]) == (1, 100.0)


def test_a_matter_past_its_closure_target_is_still_dispatched_and_handed_on_due_today(town):
    """The one-month target warns; it does not lock a late matter out of being dispatched again."""
    late = visit(town, received_on=days_ago(45))
    assert late.due_on < TODAY
    tomorrow = TODAY + datetime.timedelta(days=1)
    with pytest.raises(RuleViolation) as raised:
        services.dispatch_dispute(town.mediator, late, unit=town.justice, due_on=tomorrow)
    assert raised.value.message == "该事项已超过办结期限 %(d)s，办理期限应为今天。" % {
        "d": late.due_on.isoformat()
    }
    assert not Dispatch.objects.exists()
    assert events("mediation.dispute.dispatched") == 0

    client = Client()
    client.force_login(town.mediator)
    form = client.get(f"/mediation/{late.pk}/dispatch/").content.decode()
    assert f'value="{TODAY.isoformat()}"' in form
    assert (
        client.post(
            f"/mediation/{late.pk}/dispatch/", {"unit": town.justice.pk, "due_on": TODAY.isoformat()}
        ).status_code
        == 302
    )
    services.hand_on(town.mediator, late, unit=town.village, due_on=TODAY, reason="由村调委会就地调解。")
    services.hand_back(town.mediator, late, reason="村调委会调解不成。")
    services.dispatch_dispute(town.mediator, late, unit=town.justice, due_on=TODAY)
    assert [dispatch.due_on for dispatch in Dispatch.objects.order_by("id")] == [TODAY] * 3
    assert selectors.deadline_state(Dispute.objects.get(pk=late.pk), TODAY) == "overdue"


def test_the_pages_that_only_show_refuse_a_post_and_the_api_refuses_a_year_off_the_calendar(town):
    dispute = dispatched(town)
    sitting(town, dispute)
    close(town, dispute)
    client = Client()
    client.force_login(town.mediator)
    events_before = Event.objects.count()
    for path in (
        "/mediation/",
        f"/mediation/{dispute.pk}/",
        f"/mediation/{dispute.pk}/agreement.docx",
        "/mediation/statistics/",
    ):
        assert client.get(path).status_code == 200
        assert client.post(path).status_code == 405
    for year in (-1, 10000):
        refused = client.get("/api/v1/mediation/statistics", {"year": year})
        assert refused.status_code == 422
        assert refused.json()["extra"]["fields"]["year"] == "年度应在2000至2100之间。"
    assert client.get("/api/v1/mediation/statistics").status_code == 200
    assert Event.objects.count() == events_before


def test_the_centre_and_its_opening_day_are_recorded_by_an_administrator_and_refused_in_the_future(town):
    with pytest.raises(InvalidInput) as future:
        services.record_centre_opening(
            town.admin, name="镇矛调中心", opened_on=TODAY + datetime.timedelta(days=1)
        )
    assert future.value.extra["fields"]["opened_on"] == "挂牌成立日期不能晚于今天。"
    assert not MediationCentre.objects.exists()
    with pytest.raises(PermissionDenied):
        services.record_centre_opening(town.mediator, name="镇矛调中心", opened_on=TODAY)
    admin = Client()
    admin.force_login(town.admin)
    response = admin.post(
        "/mediation/centre/", {"name": "辛口镇社会矛盾纠纷调处化解中心", "opened_on": "2020-05-18"}
    )
    assert response.status_code == 302
    assert "2020年5月18日挂牌成立" in admin.get("/mediation/units/").content.decode()
    corrected = admin.put(
        "/api/v1/mediation/centre",
        {"name": "辛口镇社会矛盾纠纷调处化解中心", "opened_on": "2020-05-20"},
        content_type="application/json",
    )
    assert corrected.status_code == 200
    assert MediationCentre.objects.get().opened_on == datetime.date(2020, 5, 20)
    assert events("mediation.centre.opened") == 2


def test_a_matter_in_a_units_hands_is_handed_on_not_dispatched_again_and_the_page_offers_only_that(town):
    dispute = dispatched(town)
    with pytest.raises(RuleViolation, match="该事项已交办，如需改由其他单位办理，请办理转交。"):
        services.dispatch_dispute(town.mediator, dispute, unit=town.village, due_on=TODAY)
    assert Dispatch.objects.count() == 1
    assert set(selectors.offers_for(town.mediator, dispute)) == {"hand_on", "hand_back", "session", "close"}
    services.hand_back(town.mediator, dispute, reason="涉及工程款，村调委会无法调处。")
    dispute.refresh_from_db()
    assert set(selectors.offers_for(town.mediator, dispute)) == {"dispatch", "session", "close"}


def test_the_api_refuses_blank_reasons_records_and_unknown_choices_beside_their_fields(town):
    dispute = dispatched(town)
    client = token_client(town, town.mediator)
    url = f"/api/v1/mediation/disputes/{dispute.pk}"
    hand_on = {"unit_id": town.village.pk, "due_on": TODAY.isoformat(), "reason": " "}
    assert refused_fields(client, f"{url}/hand-on", hand_on) == {"reason": "请写明转交或退回的理由。"}
    assert refused_fields(client, f"{url}/hand-back", {"reason": ""}) == {
        "reason": "请写明转交或退回的理由。"
    }
    session = {"held_on": TODAY.isoformat(), "place": "", "mediators": " ", "attendees": "刘某", "record": ""}
    assert refused_fields(client, f"{url}/sessions", session) == {
        "place": "请填写调解地点。",
        "mediators": "请填写调解员。",
        "record": "请填写调解记录。",
    }
    follow = {
        "visited_on": TODAY.isoformat(),
        "method": "phone",
        "performance": "full",
        "satisfaction": "great",
    }
    fields = refused_fields(client, f"{url}/follow-ups", follow)
    assert fields == {
        "satisfaction": "请选择其一：satisfied（满意）、fairly（基本满意）、unsatisfied（不满意）。"
    }
    assert Dispatch.objects.count() == 1
    assert not MediationSession.objects.exists()
    assert not FollowUp.objects.exists()


def test_an_agreement_signed_before_the_session_it_came_from_is_refused_through_the_api(town):
    dispute = dispatched(town, received_on=TODAY - datetime.timedelta(days=10))
    sitting(town, dispute, held_on=TODAY - datetime.timedelta(days=2))
    agreement = dataclasses.asdict(agreement_input(signed_on=TODAY - datetime.timedelta(days=5)))
    agreement["signed_on"] = agreement["signed_on"].isoformat()
    body = {
        "outcome": "agreement",
        "closed_on": TODAY.isoformat(),
        "checklist": CHECKED,
        "agreement": agreement,
    }
    before = events("mediation.dispute.closed")
    response = token_client(town, town.mediator).post(
        f"/api/v1/mediation/disputes/{dispute.pk}/close", json.dumps(body), content_type="application/json"
    )
    assert response.status_code == 422
    assert "不能早于调解日期" in response.json()["extra"]["fields"]["signed_on"]
    assert "人民调解法" in response.json()["citation"]
    dispute.refresh_from_db()
    assert dispute.status != DisputeStatus.CLOSED
    assert events("mediation.dispute.closed") == before
