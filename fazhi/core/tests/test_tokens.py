"""Personal API tokens: they expire, and their owner or an administrator lists and revokes them on the
page, through the API and on the command line; each revocation is in the ledger."""

from __future__ import annotations

import datetime
import json

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import timezone

from conftest import World, make_staff
from fazhi.core import services
from fazhi.core.models import ApiToken
from fazhi.core.roles import Role
from fazhi.ledger.models import Event


def _bearer(token: str) -> Client:
    return Client(headers={"Authorization": f"Bearer {token}"})


def test_a_token_stops_working_when_it_expires(world: World, settings: object) -> None:
    token = services.issue_api_token(world.system, world.officer, label="同步")
    assert _bearer(token).get("/api/v1/cases").status_code == 200
    issued = ApiToken.objects.get(staff=world.officer)
    assert abs(issued.expires_at - issued.created_at - datetime.timedelta(days=90)) < datetime.timedelta(
        minutes=1
    )
    ApiToken.objects.filter(pk=issued.pk).update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    refused = _bearer(token).get("/api/v1/cases")
    assert refused.status_code == 401
    assert refused.json()["message"] == "未登录或令牌无效。"


def test_the_owner_lists_and_revokes_a_token_through_the_api(world: World) -> None:
    token = services.issue_api_token(world.system, world.officer, label="脚本")
    api = _bearer(token)
    listed = api.get("/api/v1/tokens").json()
    assert [(row["label"], row["state"], row["staff"]) for row in listed] == [("脚本", "有效", "officer")]
    revoked = api.delete(f"/api/v1/tokens/{listed[0]['id']}")
    assert revoked.status_code == 200
    assert revoked.json()["state"] == "已撤销"
    assert api.get("/api/v1/cases").status_code == 401
    event = Event.objects.filter(action="core.api_token.revoked").get()
    assert json.loads(event.entry)["actor"]["username"] == "officer"


def test_an_administrator_revokes_a_staff_members_token_but_not_another_towns(world: World) -> None:
    services.issue_api_token(world.system, world.officer, label="officer 的脚本")
    other_staff = make_staff(world.system, world.other_town, "other-officer", [Role.OFFICER])
    services.issue_api_token(world.system, other_staff, label="外镇脚本")
    admin = _bearer(services.issue_api_token(world.system, world.admin, label="管理"))
    labels = {row["label"]: row["id"] for row in admin.get("/api/v1/tokens").json()}
    assert set(labels) == {"officer 的脚本", "管理"}
    assert admin.delete(f"/api/v1/tokens/{labels['officer 的脚本']}").status_code == 200
    foreign = ApiToken.objects.get(label="外镇脚本")
    answer = admin.delete(f"/api/v1/tokens/{foreign.pk}")
    assert answer.status_code == 404
    foreign.refresh_from_db()
    assert foreign.revoked_at is None


def test_an_officer_cannot_revoke_a_colleagues_token(world: World) -> None:
    colleague = make_staff(world.system, world.enforcement_team, "officer-b", [Role.OFFICER])
    services.issue_api_token(world.system, colleague, label="同事的")
    api = _bearer(services.issue_api_token(world.system, world.officer, label="本人"))
    theirs = ApiToken.objects.get(label="同事的")
    assert [row["label"] for row in api.get("/api/v1/tokens").json()] == ["本人"]
    assert api.delete(f"/api/v1/tokens/{theirs.pk}").status_code in (403, 404)
    theirs.refresh_from_db()
    assert theirs.revoked_at is None


def test_revoking_twice_is_refused_and_records_once(world: World) -> None:
    services.issue_api_token(world.system, world.officer, label="x")
    token = ApiToken.objects.get(staff=world.officer)
    services.revoke_api_token(world.officer, token.pk)
    with pytest.raises(Exception, match="该令牌已于"):
        services.revoke_api_token(world.officer, token.pk)
    assert Event.objects.filter(action="core.api_token.revoked").count() == 1


def test_the_page_issues_a_token_shown_once_and_revokes_it(world: World) -> None:
    client = Client()
    client.force_login(world.officer)
    issued = client.post("/tokens/", {"label": "区平台同步"}, follow=True)
    token = issued.context["new_token"]
    assert token.startswith("fz_")
    assert token in issued.content.decode()
    assert token not in client.get("/tokens/").content.decode()  # shown once
    assert _bearer(token).get("/api/v1/cases").status_code == 200
    row = ApiToken.objects.get(staff=world.officer)
    # Revoking cannot be undone: without the tick nothing happens.
    assert "撤销后令牌不能恢复" in client.post(f"/tokens/{row.pk}/revoke/", follow=True).content.decode()
    assert _bearer(token).get("/api/v1/cases").status_code == 200
    client.post(f"/tokens/{row.pk}/revoke/", {"confirm": "on"})
    assert _bearer(token).get("/api/v1/cases").status_code == 401
    assert "已撤销" in client.get("/tokens/").content.decode()


def test_the_command_revokes_by_id_or_all_of_a_users_tokens(world: World) -> None:
    first = services.issue_api_token(world.system, world.officer, label="一")
    second = services.issue_api_token(world.system, world.officer, label="二")
    call_command("revoke_token", ApiToken.objects.get(label="一").pk)
    assert _bearer(first).get("/api/v1/cases").status_code == 401
    assert _bearer(second).get("/api/v1/cases").status_code == 200
    call_command("revoke_token", user="officer")
    assert _bearer(second).get("/api/v1/cases").status_code == 401
    with pytest.raises(CommandError, match="二者选一"):
        call_command("revoke_token")
    with pytest.raises(CommandError, match="记录不存在"):
        call_command("revoke_token", 999999)
