"""The API: every action and the year's figures, with the services' rules and messages; another town's
records answer 404 and nothing changes."""

import datetime
import json

import pytest
from django.test import Client

from fazhi.prevention.models import CommunityVolunteer, PreventionActivity
from fazhi.testing.prevention import TODAY, add, ledger_actions


def client_for(staff):
    client = Client()
    client.force_login(staff)
    return client


def post(client, url, body):
    return client.post(url, json.dumps(body), content_type="application/json")


@pytest.fixture
def api(town):
    town.client = client_for(town.mediator)
    return town


def test_a_member_is_added_listed_and_read(api):
    body = {
        "name": "王秀兰",
        "role": "building_head",
        "village_id": api.village.pk,
        "joined_on": "2024-03-01",
    }
    created = post(api.client, "/api/v1/prevention/volunteers", body)
    assert created.status_code == 201
    member = created.json()
    assert member["village"] == "辛口村"
    assert member["left_on"] is None
    duplicate = post(api.client, "/api/v1/prevention/volunteers", {**body, "name": " 王秀兰\u3000"})
    assert duplicate.status_code == 422
    assert duplicate.json()["extra"]["fields"]["name"] == "辛口村已有在册队员“王秀兰”，请勿重复登记。"
    listed = api.client.get("/api/v1/prevention/volunteers", {"role": "building_head"}).json()
    assert [row["name"] for row in listed] == ["王秀兰"]
    assert api.client.get(f"/api/v1/prevention/volunteers/{member['id']}").json()["name"] == "王秀兰"


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"name": ""}, "name"),
        ({"name": "王" * 51}, "name"),
        ({"role": "captain"}, "role"),
        ({"joined_on": "2026-11-29"}, "joined_on"),
    ],
)
def test_bad_members_are_refused_with_the_field_and_nothing_is_saved(api, overrides, field):
    body = {
        "name": "王秀兰",
        "role": "building_head",
        "village_id": api.village.pk,
        "joined_on": "2024-03-01",
    }
    refused = post(api.client, "/api/v1/prevention/volunteers", {**body, **overrides})
    assert refused.status_code == 422
    assert field in refused.json()["extra"]["fields"]
    assert not CommunityVolunteer.objects.exists()


def test_another_towns_village_is_refused(api):
    body = {
        "name": "王秀兰",
        "role": "building_head",
        "village_id": api.other_village.pk,
        "joined_on": "2024-03-01",
    }
    refused = post(api.client, "/api/v1/prevention/volunteers", body)
    assert refused.json()["extra"]["fields"]["village"] == "请选择本镇（街道）的村（社区）。"
    assert not CommunityVolunteer.objects.exists()


def test_service_ends_through_the_api_once(api):
    member = add(api)
    url = f"/api/v1/prevention/volunteers/{member.pk}/end-service"
    ended = post(api.client, url, {"left_on": TODAY.isoformat(), "reason": " 迁居市区\n"})
    assert ended.status_code == 200
    assert ended.json()["left_on"] == TODAY.isoformat()
    assert CommunityVolunteer.objects.get(pk=member.pk).left_reason == "迁居市区"
    again = post(api.client, url, {"left_on": TODAY.isoformat(), "reason": "迁居市区"})
    assert again.status_code == 422
    assert again.json()["message"] == "王秀兰已于 2026-11-28 退出队伍，不能重复办理。"


def test_an_activity_is_recorded_and_another_towns_member_refused(api):
    ours = add(api)
    theirs = add(api, actor=api.other_admin, name="杨某某", village=api.other_village)
    body = {
        "held_on": (TODAY - datetime.timedelta(days=1)).isoformat(),
        "place": "辛口村文化广场",
        "kind": "anti_fraud",
        "channel": "checkpoint",
        "materials_handed_out": 300,
        "people_reached": 260,
        "volunteer_ids": [ours.pk, theirs.pk],
    }
    refused = post(api.client, "/api/v1/prevention/activities", body)
    assert refused.status_code == 422
    assert "volunteer_ids" in refused.json()["extra"]["fields"]
    assert not PreventionActivity.objects.exists()
    negative = post(
        api.client,
        "/api/v1/prevention/activities",
        {**body, "volunteer_ids": [ours.pk], "people_reached": -1},
    )
    assert negative.json()["extra"]["fields"]["people_reached"] == "数量不能为负数。"
    created = post(api.client, "/api/v1/prevention/activities", {**body, "volunteer_ids": [ours.pk]})
    assert created.status_code == 201
    activity = created.json()
    assert activity["is_publicity"] is True
    assert activity["channel"] == "checkpoint"
    assert activity["volunteer_ids"] == [ours.pk]
    listed = api.client.get(
        "/api/v1/prevention/activities", {"kind": "anti_fraud", "year": 2026, "month": 11}
    ).json()
    assert [row["id"] for row in listed] == [activity["id"]]
    by_channel = api.client.get("/api/v1/prevention/activities", {"channel": "checkpoint"}).json()
    assert [row["id"] for row in by_channel] == [activity["id"]]
    assert api.client.get("/api/v1/prevention/activities", {"channel": "sms"}).json() == []
    assert (
        api.client.get(f"/api/v1/prevention/activities/{activity['id']}").json()["place"] == "辛口村文化广场"
    )


def test_the_years_figures_for_the_report(api):
    for index in range(43):
        add(api, name=f"队员{index:02d}", joined_on=datetime.date(2025, 1, 1))
    counts = api.client.get("/api/v1/prevention/statistics", {"year": 2026}).json()
    assert counts["members_at_year_end"] == 43
    assert counts["headcount"] == "40余人"
    assert counts["joined"] == 0
    assert counts["by_kind_and_month"] == []
    assert api.client.get("/api/v1/prevention/statistics", {"year": 99999}).status_code == 422


def test_the_activity_log_refuses_a_year_off_the_calendar_rather_than_failing(api):
    refused = api.client.get("/api/v1/prevention/activities", {"year": 10000})
    assert refused.status_code == 422
    assert refused.json()["extra"]["fields"]["year"] == "年度应在2000至2100之间。"
    assert api.client.get("/api/v1/prevention/activities", {"year": 2026, "month": 11}).json() == []


def test_another_town_reads_nothing_and_writes_nothing_through_the_api(api):
    member = add(api)
    other = client_for(api.other_admin)
    assert other.get(f"/api/v1/prevention/volunteers/{member.pk}").status_code == 404
    assert other.get("/api/v1/prevention/volunteers").json() == []
    ended = post(
        other,
        f"/api/v1/prevention/volunteers/{member.pk}/end-service",
        {"left_on": TODAY.isoformat(), "reason": "x"},
    )
    assert ended.status_code == 404
    member.refresh_from_db()
    assert member.left_on is None
    assert ledger_actions() == ["prevention.volunteer.added"]
    officer = post(
        client_for(api.officer),
        "/api/v1/prevention/activities",
        {"held_on": TODAY.isoformat(), "place": "x", "kind": "patrol", "channel": "on_site"},
    )
    assert officer.status_code == 403
    assert not PreventionActivity.objects.exists()


def test_blank_names_places_reasons_and_unknown_kinds_are_refused_beside_their_fields(api):
    from fazhi.testing.api import refused_fields

    member = add(api)
    volunteer = {
        "name": "王" * 51,
        "role": "captain",
        "village_id": api.village.pk,
        "joined_on": "2024-03-01",
    }
    assert refused_fields(api.client, "/api/v1/prevention/volunteers", volunteer) == {
        "name": "不能超过 50 个字。",
        "role": "请选择队员身份（楼栋长、老党员、网格员、平安志愿者或其他）。",
    }
    url = f"/api/v1/prevention/volunteers/{member.pk}/end-service"
    assert refused_fields(api.client, url, {"left_on": TODAY.isoformat(), "reason": " "}) == {
        "reason": "请填写退出原因。"
    }
    activity = {"held_on": TODAY.isoformat(), "place": "", "kind": "concert", "volunteer_ids": [member.pk]}
    assert refused_fields(api.client, "/api/v1/prevention/activities", activity) == {
        "place": "请填写活动地点。",
        "kind": "请选择活动类别。",
        "channel": "请填写此项。",
    }
    unknown_channel = {**activity, "place": "辛口村", "kind": "anti_fraud", "channel": "telegram"}
    assert refused_fields(api.client, "/api/v1/prevention/activities", unknown_channel) == {
        "channel": "请选择其一：on_site（现场活动）、sms（短信）、wechat（微信群、朋友圈）、"
        "checkpoint（卡口点位）、broadcast（广播）、other（其他）。"
    }
    member.refresh_from_db()
    assert member.left_on is None
    assert not PreventionActivity.objects.exists()
