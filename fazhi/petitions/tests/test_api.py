"""The petition endpoints: each action through the API with the services' rules and errors, another
town's petition not found, and the year's counts and key matters board."""

from __future__ import annotations

import datetime
import json

from django.test import Client

from fazhi.ledger.models import Event
from fazhi.petitions.models import Petition, PetitionStatus
from fazhi.testing.petitions import RECEIVED, snapshot

DAY = datetime.timedelta(days=1)


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def post(client: Client, path: str, body: dict[str, object]):
    return client.post(f"/api/v1{path}", json.dumps(body), content_type="application/json")


def test_a_petition_through_every_step_of_the_api(town, on_day):
    clerk, head = client_for(town.clerk), client_for(town.head)
    representatives = [party.pk for party in town.villagers]
    body = {
        "received_on": RECEIVED.isoformat(),
        "channel": "visit",
        "person_count": 20,
        "petitioner_ids": representatives[:6],
        "request": "要求修复道路。",
        "facts_and_reasons": "道路破损。",
    }
    refused = post(clerk, "/petitions", body)
    assert refused.status_code == 422
    assert refused.json()["citation"] == "信访工作条例 第二十条"
    assert not Petition.objects.exists()
    created = post(clerk, "/petitions", {**body, "petitioner_ids": representatives[:5]})
    assert created.status_code == 201
    petition_id = created.json()["id"]
    assert created.json()["notice_due_on"] == "2026-06-16"

    on_day(RECEIVED + 20 * DAY)
    petition = Petition.objects.get(pk=petition_id)
    before = snapshot(petition)
    late = post(
        clerk, f"/petitions/{petition_id}/accept", {"decided_on": "2026-06-02", "notice_on": "2026-06-17"}
    )
    assert late.status_code == 422
    assert late.json()["citation"] == "信访工作条例 第二十三条"
    assert snapshot(petition) == before
    accepted = post(
        clerk, f"/petitions/{petition_id}/accept", {"decided_on": "2026-06-02", "notice_on": "2026-06-10"}
    )
    assert accepted.json()["due_on"] == "2026-08-03"  # day 60 is Saturday 08-01

    extension = {"days": 20, "reason": "情况复杂。", "approved_on": "2026-06-21", "notice_on": "2026-06-21"}
    assert post(clerk, f"/petitions/{petition_id}/extend", extension).status_code == 403
    assert post(head, f"/petitions/{petition_id}/extend", extension).json()["due_on"] == "2026-08-21"

    marked = post(
        clerk,
        f"/petitions/{petition_id}/key-matter",
        {"leader_id": town.head.pk, "team_ids": [town.clerk.pk]},
    )
    assert marked.json()["is_key"] is True

    opinion = post(
        clerk,
        f"/petitions/{petition_id}/opinion",
        {
            "request": "要求修复道路。",
            "facts": "路面破损属实。",
            "reasons": "道路养护属镇政府职责。",
            "decision": "support",
            "basis": "《农村公路养护管理办法》第五条。",
            "issued_on": "2026-06-20",
            "served_on": "2026-06-21",
        },
    )
    assert opinion.status_code == 201
    assert opinion.json()["number"] == "测试信处〔2026〕1号"

    review = post(
        clerk, f"/petitions/{petition_id}/review", {"requested_on": "2026-06-21", "reason": "不服。"}
    )
    assert review.status_code == 201
    assert review.json()["due_on"] == "2026-07-21"
    answered = post(
        clerk,
        f"/petitions/{petition_id}/review/answer",
        {"answered_on": "2026-06-21", "result": "upheld", "opinion": "维持。", "served_on": "2026-06-21"},
    )
    assert answered.json()["result"] == "upheld"
    on_day(RECEIVED + 60 * DAY)
    assert (
        post(
            clerk,
            f"/petitions/{petition_id}/re-review",
            {"requested_on": "2026-07-30", "reason": "不服复查意见。"},
        ).json()["citation"]
        == "信访工作条例 第三十六条"
    )
    assert (
        post(
            clerk, f"/petitions/{petition_id}/re-review", {"requested_on": "2026-07-01", "reason": "不服。"}
        ).status_code
        == 201
    )
    final = post(
        clerk,
        f"/petitions/{petition_id}/re-review/answer",
        {
            "answered_on": "2026-07-20",
            "result": "upheld",
            "opinion": "维持。",
            "served_on": "2026-07-21",
            "hearing_days": 5,
        },
    )
    assert final.json()["hearing_days"] == 5
    assert Petition.objects.get(pk=petition_id).status == PetitionStatus.RE_REVIEWED
    page = clerk.get(f"/petitions/{petition_id}/").content.decode()
    assert "复核终结：信访人仍以同一事实和理由提出投诉请求的，不再受理" in page
    assert page.count('data-testid="review"') == 2

    counts = client_for(town.supervisor).get("/api/v1/petitions/statistics", {"year": 2026}).json()
    assert (counts["received"], counts["persons"], counts["key"], counts["key_cleared"]) == (1, 20, 1, 1)
    board = clerk.get("/api/v1/petitions/key-matters", {"year": 2026}).json()
    assert board["all_cleared"] is True
    assert [row["state"] for row in board["rows"]] == ["cleared"]


def test_another_towns_petition_is_not_found_through_the_api(town):
    created = post(
        client_for(town.clerk),
        "/petitions",
        {
            "received_on": RECEIVED.isoformat(),
            "channel": "letter",
            "person_count": 1,
            "petitioner_ids": [town.villagers[0].pk],
            "request": "请求",
            "facts_and_reasons": "事实",
        },
    )
    petition_id = created.json()["id"]
    events = Event.objects.count()
    other = client_for(town.other_admin)
    assert other.get(f"/api/v1/petitions/{petition_id}").status_code == 404
    refused = post(
        other, f"/petitions/{petition_id}/accept", {"decided_on": "2026-06-01", "notice_on": "2026-06-01"}
    )
    assert refused.status_code == 404
    assert refused.json()["message"] == "记录不存在或无权查看。"
    assert Petition.objects.get(pk=petition_id).status == PetitionStatus.RECEIVED
    assert Event.objects.count() == events
    assert other.get("/api/v1/petitions").json() == []


def test_a_year_outside_the_calendar_is_refused_not_a_server_error(town):
    clerk = client_for(town.clerk)
    for path in ("/api/v1/petitions/statistics", "/api/v1/petitions/key-matters"):
        for year in (-1, 1999, 10000):
            refused = clerk.get(path, {"year": year})
            assert refused.status_code == 422
            assert refused.json()["extra"]["fields"]["year"] == "年度应在2000至2100之间。"
        assert clerk.get(path).status_code == 200


def test_blank_parts_and_unknown_choices_are_refused_beside_their_fields_and_nothing_changes(town):
    from fazhi.testing.api import refused_fields
    from fazhi.testing.petitions import register

    clerk, head = client_for(town.clerk), client_for(town.head)
    day = RECEIVED.isoformat()
    registration = {
        "received_on": day,
        "channel": "email",
        "person_count": 0,
        "petitioner_ids": [town.villagers[0].pk],
        "request": "  ",
        "facts_and_reasons": "",
    }
    assert refused_fields(clerk, "/api/v1/petitions", registration) == {
        "channel": "请选择信访形式（信息网络、书信、走访、电话、传真）。",
        "person_count": "不能小于 1。",
        "request": "请填写信访请求。",
        "facts_and_reasons": "请填写事实和理由。",
    }
    assert not Petition.objects.exists()
    petition = register(town)
    before = snapshot(petition)
    url = f"/api/v1/petitions/{petition.pk}"
    declined = {"decided_on": day, "notice_on": day, "reason": "", "route": " "}
    assert set(refused_fields(clerk, f"{url}/decline", declined)) == {"reason", "route"}
    extension = {"days": 0, "reason": " ", "approved_on": day, "notice_on": day}
    assert refused_fields(head, f"{url}/extend", extension) == {
        "days": "不能小于 1。",
        "reason": "请写明延期理由（须告知信访人）。",
    }
    opinion = {
        "request": "修路",
        "facts": "属实",
        "reasons": "……",
        "decision": "maybe",
        "basis": "",
        "issued_on": day,
        "served_on": day,
    }
    assert refused_fields(clerk, f"{url}/opinion", opinion) == {
        "decision": "请选择处理意见：予以支持、解释说明或不予支持。",
        "basis": "请填写处理意见的法律、法规、规章或者其他有关规定依据。",
    }
    assert refused_fields(clerk, f"{url}/review", {"requested_on": day, "reason": ""}) == {
        "reason": "请填写请求复查的理由。"
    }
    review_answer = {"answered_on": day, "result": "", "opinion": "", "served_on": day}
    assert refused_fields(clerk, f"{url}/review/answer", review_answer) == {
        "result": "请选择复查结论。",
        "opinion": "请填写复查意见。",
    }
    re_review = {**review_answer, "hearing_days": -1}
    assert refused_fields(clerk, f"{url}/re-review/answer", re_review) == {
        "result": "请选择复核结论。",
        "opinion": "请填写复核意见。",
        "hearing_days": "不能小于 0。",
    }
    assert snapshot(petition) == before
