"""Case API: the same services, rules and Chinese errors as the pages."""

from typing import Any

from django.test import Client

from conftest import make_staff
from fazhi.core import services as core_services
from fazhi.core.roles import Role
from fazhi.enforcement.models import Case
from fazhi.testing.enforcement import TODAY, lead


def api_client(world, user) -> Client:
    return Client(headers={"Authorization": f"Bearer {core_services.issue_api_token(world.system, user)}"})


def test_a_case_through_the_api_from_lead_to_a_blocked_decision(town):
    officer, head = api_client(town, town.officer), api_client(town, town.head)
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
    other = api_client(town, make_staff(town.system, town.other_town, "other-officer", [Role.OFFICER]))
    assert other.get(f"/api/v1/cases/{made.pk}").status_code == 404
    assert other.get("/api/v1/cases").json() == []


def post(client: Client, url: str, data: dict[str, Any]) -> Any:
    response = client.post(url, data, content_type="application/json")
    assert response.status_code in {200, 201}, response.content.decode()
    return response.json()


def test_the_steps_after_the_decision_through_the_api(town, investigated):
    officer, head = api_client(town, town.officer), api_client(town, town.head)
    case_id = investigated.pk
    base = f"/api/v1/cases/{case_id}"
    post(
        officer,
        base + "/close-investigation",
        {"outcome": "penalty", "findings": "占道属实", "hearing_right": True},
    )
    post(
        officer,
        base + "/notice",
        {
            "proposed_penalties": "罚款",
            "proposed_fine_fen": 100000,
            "facts": "……",
            "served_on": TODAY.isoformat(),
        },
    )
    assert post(officer, base + "/defence", {"waived": True})["stage"] == "notified"
    too_heavy = head.post(
        base + "/decide",
        {"penalties": "罚款", "fine_fen": 200000, "basis": "……"},
        content_type="application/json",
    )
    assert too_heavy.status_code == 422
    assert too_heavy.json()["citation"] == "行政处罚法 第四十五条第二款"
    post(
        head,
        base + "/decide",
        {"penalties": "罚款", "fine_fen": 100000, "basis": "《城市道路管理条例》第四十二条"},
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
    admin = api_client(town, town.admin)
    device = post(admin, "/api/v1/devices", {"number": "ZFJLY-7"})
    assigned = post(
        admin,
        f"/api/v1/devices/{device['id']}/assign",
        {"staff_id": town.auxiliary.pk, "valid_from": TODAY.isoformat()},
    )
    assert assigned["carried_by"] == "孙协管"
    other = api_client(town, town.other_admin)
    assert other.get("/api/v1/devices").json() == []
    hidden = other.post(
        f"/api/v1/devices/{device['id']}/return",
        {"valid_to": TODAY.isoformat()},
        content_type="application/json",
    )
    assert hidden.status_code == 404
