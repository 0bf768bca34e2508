"""Case API: the same services, rules and Chinese errors as the pages."""

import datetime
from typing import Any

import pytest
from django.test import Client

from conftest import make_staff
from fazhi.core.roles import Role
from fazhi.enforcement.models import Case
from fazhi.testing.api import refused_fields, token_client
from fazhi.testing.enforcement import FILED_ON, TODAY, lead, services_on


def test_a_case_through_the_api_from_lead_to_a_blocked_decision(town):
    officer, head = token_client(town, town.officer), token_client(town, town.head)
    lead = officer.post(
        "/api/v1/cases",
        {
            "title": "占道经营",
            "source": "patrol",
            "received_on": TODAY.isoformat(),
            "act_on": TODAY.isoformat(),
        },
        content_type="application/json",
    )
    assert lead.status_code == 201
    case_id = lead.json()["id"]
    refused = officer.post(
        f"/api/v1/cases/{case_id}/file",
        {"party_id": town.party.pk, "power_id": town.power.pk, "act_ended_on": TODAY.isoformat()},
        content_type="application/json",
    )
    assert refused.status_code == 422
    assert refused.json()["citation"] == "行政处罚法 第五十四条第二款"
    filed = head.post(
        f"/api/v1/cases/{case_id}/file",
        {"party_id": town.party.pk, "power_id": town.power.pk, "act_ended_on": TODAY.isoformat()},
        content_type="application/json",
    )
    assert filed.json()["stage_label"] == "立案"
    assert filed.json()["number"] == f"西青辛综执立〔{TODAY.year}〕1号"
    alone = officer.post(
        f"/api/v1/cases/{case_id}/investigate",
        {"investigator_ids": [town.officer.pk]},
        content_type="application/json",
    )
    assert alone.status_code == 422
    assert alone.json()["citation"] == "行政处罚法 第四十二条"
    officer.post(
        f"/api/v1/cases/{case_id}/investigate",
        {"investigator_ids": [town.officer.pk, town.officer2.pk]},
        content_type="application/json",
    )
    officer.post(
        f"/api/v1/cases/{case_id}/close-investigation",
        {"outcome": "penalty", "findings": "占道属实", "review_public_interest": True},
        content_type="application/json",
    )
    blocked = head.post(
        f"/api/v1/cases/{case_id}/decide",
        {"penalties": "罚款", "fine_fen": 200000, "basis": "《城市道路管理条例》"},
        content_type="application/json",
    )
    assert blocked.status_code == 422
    assert blocked.json()["citation"] == "行政处罚法 第四十四条、第六十二条"
    assert Case.objects.get(pk=case_id).stage == "investigation_closed"


def test_another_towns_case_is_404_by_api(town):
    made = lead(town)
    other = token_client(town, make_staff(town.system, town.other_town, "other-officer", [Role.OFFICER]))
    assert other.get(f"/api/v1/cases/{made.pk}").status_code == 404
    assert other.get("/api/v1/cases").json() == []


def post(client: Client, url: str, data: dict[str, Any]) -> Any:
    response = client.post(url, data, content_type="application/json")
    assert response.status_code in {200, 201}, response.content.decode()
    return response.json()


def test_the_steps_after_the_decision_through_the_api(town, investigated):
    officer, head = token_client(town, town.officer), token_client(town, town.head)
    case_id = investigated.pk
    base = f"/api/v1/cases/{case_id}"
    with services_on(FILED_ON):
        post(
            officer,
            base + "/close-investigation",
            {"outcome": "penalty", "findings": "占道属实"},
        )
    post(
        officer,
        base + "/notice",
        {
            "proposed_penalties": "罚款",
            "penalty_kinds": ["fine"],
            "proposed_fine_fen": 100000,
            "facts": "……",
            "served_on": (TODAY - datetime.timedelta(days=10)).isoformat(),
        },
    )
    assert post(officer, base + "/defence", {"waived": True})["stage"] == "notified"
    too_heavy = head.post(
        base + "/decide",
        {"penalty_kinds": ["fine"], "penalties": "罚款", "fine_fen": 200000, "basis": "……"},
        content_type="application/json",
    )
    assert too_heavy.status_code == 422
    assert too_heavy.json()["citation"] == "行政处罚法 第四十五条第二款"
    post(
        head,
        base + "/decide",
        {
            "penalty_kinds": ["fine"],
            "penalties": "罚款",
            "fine_fen": 100000,
            "basis": "《城市道路管理条例》第四十二条",
        },
    )
    documents = officer.get(base + "/documents").json()
    assert "penalty_decision" in [document["kind"] for document in documents]
    served = post(
        officer,
        base + "/serve",
        {"method": "direct", "served_on": TODAY.isoformat(), "recipient": "刘某", "proof": "回证"},
    )
    assert served["stage"] == "served"
    wrong = officer.post(
        base + "/payment",
        {"paid_on": TODAY.isoformat(), "paid_fen": 1, "receipt_number": "R"},
        content_type="application/json",
    )
    assert wrong.status_code == 422
    assert "应缴 1,000 元" in wrong.json()["message"]
    post(
        officer, base + "/payment", {"paid_on": TODAY.isoformat(), "paid_fen": 100000, "receipt_number": "R"}
    )
    assert post(head, base + "/close", {"reason": "performed", "summary": "已缴清"})["stage"] == "closed"
    archived = post(head, base + "/archive", {"archive_number": "XK-2026-1"})
    assert len(archived["archive_sha256"]) == 64
    assert head.get(base).json()["stage"] == "archived"


def test_devices_through_the_api(town):
    admin = token_client(town, town.admin)
    device = post(admin, "/api/v1/devices", {"number": "ZFJLY-7"})
    assigned = post(
        admin,
        f"/api/v1/devices/{device['id']}/assign",
        {"staff_id": town.auxiliary.pk, "valid_from": TODAY.isoformat()},
    )
    assert assigned["carried_by"] == "孙协管"
    other = token_client(town, town.other_admin)
    assert other.get("/api/v1/devices").json() == []
    hidden = other.post(
        f"/api/v1/devices/{device['id']}/return",
        {"valid_to": TODAY.isoformat()},
        content_type="application/json",
    )
    assert hidden.status_code == 404


NOW = "2026-01-05T09:00:00+08:00"
BLANK_INPUT = [
    (
        "",
        {"title": " ", "source": "rumour", "received_on": "2026-13-01", "act_on": TODAY.isoformat()},
        {
            "title": "请填写案由。",
            "source": "请选择其一：",
            "received_on": "请填写有效的日期，如 2026-03-01。",
        },
    ),
    (
        "/close-investigation",
        {"outcome": "", "findings": "\n"},
        {"outcome": "请选择其一：", "findings": "请写明事实、证据和处理建议。"},
    ),
    (
        "/notice",
        {
            "proposed_penalties": "",
            "penalty_kinds": ["death"],
            "proposed_fine_fen": -1,
            "facts": " ",
            "served_on": TODAY.isoformat(),
        },
        {
            "proposed_penalties": "请写明拟作出的处罚。",
            "penalty_kinds.0": "请选择其一：warning（警告）",
            "proposed_fine_fen": "不能小于 0。",
            "facts": "请写明事实、理由及依据。",
        },
    ),
    ("/review", {"opinion": "ok", "reasons": ""}, {"opinion": "请选择其一：", "reasons": "请写明审核理由。"}),
    (
        "/discussion",
        {"held_on": TODAY.isoformat(), "attendees": " ", "minutes": "", "conclusion": ""},
        {"attendees": "请填写出席人员。", "minutes": "请填写讨论记录。", "conclusion": "请填写讨论结论。"},
    ),
    (
        "/decide",
        {"penalty_kinds": ["fine", "lashes"], "mitigation": "mercy", "basis": "", "fine_fen": -5},
        {
            "penalty_kinds.1": "请选择其一：warning（警告）",
            "mitigation": "请选择其一：",
            "basis": "请写明处罚依据。",
            "fine_fen": "不能小于 0。",
        },
    ),
    (
        "/hearing/schedule",
        {"chair_id": 1, "notice_sent_on": TODAY.isoformat(), "held_on": TODAY.isoformat(), "place": ""},
        {"place": "请填写听证地点。"},
    ),
    (
        "/evidence",
        {
            "kind": "rumour",
            "description": "",
            "captured_by_id": 1,
            "captured_at": NOW,
            "place": " ",
            "officer_ids": [1, 2],
        },
        {
            "kind": "请选择第四十六条规定的证据种类。",
            "description": "请填写证据名称及说明。",
            "place": "请填写采集地点。",
        },
    ),
    (
        "/records",
        {
            "kind": "x",
            "place": "",
            "started_at": NOW,
            "ended_at": NOW,
            "subject_person": " ",
            "content": "",
            "officer_ids": [],
        },
        {
            "kind": "请选择其一：",
            "place": "请填写地点。",
            "subject_person": "请填写被询问人（现场负责人）。",
            "content": "请填写笔录内容。",
            # Art. 55: whether the credentials were shown is stated, never assumed.
            "credentials_shown": "请填写此项。",
        },
    ),
    (
        "/serve",
        {"method": "fax", "served_on": TODAY.isoformat(), "recipient": "", "proof": " "},
        {
            "method": "请选择其一：",
            "recipient": "请填写受送达人（签收人）。",
            "proof": "请填写送达凭证（回证签收、邮件单号或公告载体）。",
        },
    ),
    ("/remedies", {"kind": "petition", "started_on": TODAY.isoformat()}, {"kind": "请选择其一："}),
    ("/remedies/end", {"ended_on": TODAY.isoformat(), "result": "won"}, {"result": "请选择其一："}),
    ("/court-application", {"court": " ", "applied_on": TODAY.isoformat()}, {"court": "请填写受理法院。"}),
    ("/close", {"reason": "tired", "summary": ""}, {"reason": "请选择其一：", "summary": "请写明处理结果。"}),
    ("/archive", {"archive_number": "  "}, {"archive_number": "请填写档案号。"}),
    ("/archive", {"archive_number": "档" * 61}, {"archive_number": "不能超过 60 个字。"}),
]


@pytest.mark.parametrize(("step", "body", "messages"), BLANK_INPUT)
def test_blank_or_unknown_input_is_refused_beside_its_field_before_any_service(
    town, investigated, step, body, messages
):
    client = token_client(town, town.head)
    url = f"/api/v1/cases/{investigated.pk}{step}" if step else "/api/v1/cases"
    fields = refused_fields(client, url, body)
    assert set(fields) == set(messages)
    for field, message in messages.items():
        assert fields[field].startswith(message), (field, fields[field])
    assert Case.objects.get(pk=investigated.pk).stage == investigated.stage


def test_device_input_is_refused_beside_its_field(town):
    admin = token_client(town, town.admin)
    assert refused_fields(admin, "/api/v1/devices", {"number": " "}) == {"number": "请填写设备编号。"}


def test_an_on_the_spot_decision_through_the_api(spot):
    """The path /cases/on-the-spot was once taken for a case id and answered 405."""
    town = spot
    officer = token_client(town, town.officer)
    body = {
        "party_id": town.party.pk,
        "power_id": town.power.pk,
        "co_officer_id": town.officer2.pk,
        "title": "占道经营",
        "place": "辛口镇大沙河村",
        "act_on": TODAY.isoformat(),
        "facts": "在道路上摆摊经营",
        "basis": "《城市道路管理条例》第四十二条",
        "warning_only": True,
        "defence_waived": True,
    }
    blank = {**body, "title": " ", "facts": "", "fine_fen": -1}
    assert refused_fields(officer, "/api/v1/cases/on-the-spot", blank) == {
        "title": "请填写违法行为（案由）。",
        "facts": "请写明违法事实。",
        "fine_fen": "不能小于 0。",
    }
    made = post(officer, "/api/v1/cases/on-the-spot", body)
    assert made["procedure"] == "summary"
    assert Case.objects.get(pk=made["id"]).title == "占道经营"
