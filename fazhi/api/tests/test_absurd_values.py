"""Absurd numbers in every place a number goes: a 4xx JSON answer in Chinese, never a 500 and never an
HTML page under /api/."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from conftest import World
from fazhi.testing.api import token_client

HUGE = str(2**63)
TWENTY_NINES = "9" * 20


def _operations(client: Client) -> dict[str, dict[str, object]]:
    paths: dict[str, dict[str, object]] = client.get("/api/v1/openapi.json").json()["paths"]
    return paths


def _query_names(operation: dict[str, object]) -> set[str]:
    parameters = operation.get("parameters", [])
    assert isinstance(parameters, list)
    return {parameter["name"] for parameter in parameters if parameter["in"] == "query"}


def test_every_list_refuses_an_offset_past_64_bits_and_a_page_of_nothing(world: World) -> None:
    api = token_client(world, world.admin)
    lists = [
        path
        for path, methods in _operations(api).items()
        if "get" in methods and "offset" in _query_names(methods["get"])  # type: ignore[arg-type]
    ]
    assert len(lists) >= 9
    for path in lists:
        url = "/api/v1" + path.removeprefix("/api/v1")
        for query, field, words in (
            (f"offset={HUGE}", "offset", "跳过的条数应在0至1000000000之间。"),
            ("offset=-1", "offset", "跳过的条数应在0至1000000000之间。"),
            ("limit=0", "limit", "每页条数应在1至100之间。"),
            ("limit=101", "limit", "每页条数应在1至100之间。"),
        ):
            response = api.get(f"{url}?{query}")
            assert response.status_code == 422, (url, query, response.content)
            assert response.json()["extra"]["fields"][field] == words, (url, query)


def test_every_year_parameter_refuses_an_absurd_year(world: World) -> None:
    api = token_client(world, world.admin)
    with_year = [
        path
        for path, methods in _operations(api).items()
        if "get" in methods and "year" in _query_names(methods["get"])  # type: ignore[arg-type]
    ]
    assert "/api/v1/learning/hours" in with_year
    for path in with_year:
        for year in (TWENTY_NINES, "-11352", "1999", "2101"):
            response = api.get(f"{path}?year={year}&org={world.town.pk}")
            assert response.status_code == 422, (path, year, response.content)
            assert response.json()["extra"]["fields"]["year"] == "年度应在2000至2100之间。", (path, year)


@pytest.mark.parametrize("record_id", [TWENTY_NINES, HUGE, "0"])
def test_an_absurd_record_id_in_a_path_is_a_json_404(world: World, record_id: str) -> None:
    api = token_client(world, world.admin)
    for path in (
        "/api/v1/cases/{id}",
        "/api/v1/contracts/{id}",
        "/api/v1/decisions/{id}",
        "/api/v1/parties/{id}",
    ):
        response = api.get(path.format(id=record_id))
        assert response.status_code == 404, (path, response.content)
        assert response["Content-Type"].startswith("application/json")
        assert response.json()["message"] == "记录不存在或无权查看。"


def test_an_absurd_record_id_in_a_body_is_refused_by_field(world: World) -> None:
    api = token_client(world, world.admin)
    body = {"name": "某村", "kind": "village", "parent_id": int(TWENTY_NINES)}
    response = api.post("/api/v1/organisations", json.dumps(body), content_type="application/json")
    assert response.status_code == 422
    assert response.json()["extra"]["fields"]["parent_id"] == "没有这个编号的记录。"


def test_an_unknown_api_address_answers_json(world: World) -> None:
    response = token_client(world, world.admin).get("/api/v1/no-such-thing")
    assert response.status_code == 404
    assert response.json() == {"message": "记录不存在或无权查看。", "citation": "", "extra": {}}


def test_a_method_a_route_does_not_take_answers_json_with_what_it_takes(world: World) -> None:
    response = token_client(world, world.admin).get("/api/v1/cases/on-the-spot")
    assert response.status_code == 405
    assert response.json()["message"] == "此地址不接受该请求方法。"
    assert response["Allow"] == "POST"


def test_on_the_spot_decisions_are_reachable_by_post(world: World) -> None:
    # It was shadowed by GET /cases/{case_id} and always answered 405.
    response = token_client(world, world.officer).post(
        "/api/v1/cases/on-the-spot", "{}", content_type="application/json"
    )
    assert response.status_code == 422
    assert "power_id" in response.json()["extra"]["fields"]


@pytest.mark.parametrize("org", [TWENTY_NINES, HUGE, "-1", "1e9", "０１"])
def test_the_public_lookup_answers_an_absurd_town_like_an_unknown_one(
    client: Client, world: World, org: str
) -> None:
    response = client.get(f"/gongshi/chaxun/?org={org}&code=ABCD2345")
    assert response.status_code == 200
    assert response.context["progress"] is None
