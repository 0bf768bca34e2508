"""The JSON API: tokens and sessions, Chinese errors as 4xx JSON, the same visibility as the pages."""

from django.core.management import call_command
from django.test import Client

from conftest import resident_id
from fazhi.core import services
from fazhi.core.models import ApiToken, IdType, Party, PartyKind
from fazhi.testing.api import refused_fields, token_client

VALID_ID = resident_id("11010519491231002")


def test_issue_token_command_prints_a_token_that_works(world, capsys):
    call_command("issue_token", "town-admin")
    token = capsys.readouterr().out.strip()
    assert token.startswith("fz_")
    assert ApiToken.objects.get().token_sha256 != token
    response = Client().get("/api/v1/parties", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 200


def test_without_credentials_the_api_answers_401_in_chinese(world):
    response = Client().get("/api/v1/parties")
    assert response.status_code == 401
    assert response.json()["message"] == "未登录或令牌无效。"
    wrong = Client().get("/api/v1/parties", HTTP_AUTHORIZATION="Bearer fz_not-a-token")
    assert wrong.status_code == 401


def test_register_party_through_the_api(world):
    client = token_client(world, world.admin)
    response = client.post(
        "/api/v1/parties",
        {"kind": "person", "name": "刘某", "id_type": "resident_id", "id_number": VALID_ID},
        content_type="application/json",
    )
    assert response.status_code == 201
    assert response.json()["party"]["birth_date"] == "1949-12-31"
    assert Party.objects.count() == 1


def test_a_wrong_id_number_is_a_422_with_the_rule_and_nothing_saved(world):
    client = token_client(world, world.admin)
    response = client.post(
        "/api/v1/parties",
        {"kind": "person", "name": "刘某", "id_type": "resident_id", "id_number": "110105194912310021"},
        content_type="application/json",
    )
    assert response.status_code == 422
    body = response.json()
    assert "校验码错误" in body["extra"]["fields"]["id_number"]
    assert body["citation"].startswith("GB 11643")
    assert not Party.objects.exists()


def test_malformed_json_fields_get_a_422_not_a_500(world):
    client = token_client(world, world.admin)
    response = client.post(
        "/api/v1/parties", {"kind": "person", "birth_date": "1990-02-30"}, content_type="application/json"
    )
    assert response.status_code == 422
    assert response.json()["message"] == "请求数据格式不正确。"


def test_another_towns_party_is_404_by_api_with_nothing_leaked(world):
    party = services.register_party(
        world.officer,
        services.PartyInput(
            kind=PartyKind.PERSON, name="刘某", id_type=IdType.RESIDENT_ID, id_number=VALID_ID
        ),
    ).party
    client = token_client(world, world.other_admin)
    response = client.get(f"/api/v1/parties/{party.pk}")
    assert response.status_code == 404
    assert "刘某" not in response.content.decode()
    assert client.get("/api/v1/parties").json() == []
    assert client.get(f"/api/v1/parties/{party.pk + 1000}").json() == response.json()


def test_session_auth_requires_csrf_for_writes(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.admin)
    assert client.get("/api/v1/organisations").status_code == 200
    response = client.post(
        "/api/v1/parties", {"kind": "person", "name": "刘某"}, content_type="application/json"
    )
    assert response.status_code in (401, 403)
    assert not Party.objects.exists()


def test_create_and_read_organisations_and_staff(world):
    client = token_client(world, world.admin)
    created = client.post(
        "/api/v1/organisations",
        {"name": "司法所", "kind": "department", "parent_id": world.town.pk},
        content_type="application/json",
    )
    assert created.status_code == 201
    department_id = created.json()["id"]
    assert client.get(f"/api/v1/organisations/{department_id}").json()["name"] == "司法所"
    staff = client.post(
        "/api/v1/staff",
        {
            "username": "sfs",
            "full_name": "周审核",
            "organisation_id": department_id,
            "password": "another-good-password",
            "roles": ["legal_reviewer"],
            "legal_qualification_no": "A2015",
        },
        content_type="application/json",
    )
    assert staff.status_code == 201
    assert staff.json()["roles"] == ["legal_reviewer"]
    refused = client.post(
        "/api/v1/organisations",
        {"name": "司法所", "kind": "department", "parent_id": world.other_town.pk},
        content_type="application/json",
    )
    assert refused.status_code == 404


def test_openapi_spec_is_served(world):
    spec = Client().get("/api/v1/openapi.json").json()
    assert "/api/v1/parties" in spec["paths"]


def test_blank_names_and_unknown_kinds_or_roles_are_refused_beside_their_fields(world):
    client = token_client(world, world.admin)
    assert refused_fields(client, "/api/v1/parties", {"kind": "alien", "name": " "}) == {
        "kind": "请选择当事人类型。",
        "name": "请填写姓名或名称。",
    }
    organisation = {"name": "", "kind": "palace", "parent_id": world.town.pk}
    fields = refused_fields(client, "/api/v1/organisations", organisation)
    assert fields["name"] == "请填写名称。"
    assert fields["kind"].startswith("请选择其一：")
    staff = {
        "username": "wang",
        "full_name": "\u3000",
        "organisation_id": world.town.pk,
        "password": "correct-horse-battery",
        "roles": ["officer", "king"],
    }
    fields = refused_fields(client, "/api/v1/staff", staff)
    assert fields["full_name"] == "请填写姓名。"
    assert fields["roles.1"].startswith("请选择其一：")
    assert not Party.objects.exists()
