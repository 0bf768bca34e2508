"""立案 and 当场处罚 with the party picker: a party chosen among the town's, told apart from another of its
name by masked facts, or entered new on the same form with the checks of 当事人登记 — and a refused form
leaves no party behind."""

import json

import pytest
from django.urls import reverse

from fazhi.core.models import Party
from fazhi.enforcement.models import Case
from fazhi.enforcement.rules import Stage
from fazhi.testing.api import token_client
from fazhi.testing.enforcement import TODAY, lead
from fazhi.testing.pages import client_for, new_party
from fazhi.testing.parties import (
    BAD_CODE,
    BAD_ID,
    NEW_CODE,
    NEW_ID,
    counts,
    new_company,
    new_person,
    stranger,
    twins,
)


def filing(town):
    case = lead(town)
    url = reverse("enforcement:case-file", args=[case.pk])
    return case, url, {"power": town.power.pk, "act_ended_on": TODAY.isoformat()}


def on_the_spot(town):
    url = reverse("enforcement:on-spot-create")
    data = {
        "power": town.power.pk,
        "co_officer": town.officer2.pk,
        "title": "占道经营",
        "place": "政府路",
        "act_on": TODAY.isoformat(),
        "facts": "占道摆摊",
        "basis": "《城市道路管理条例》第四十二条",
        "fine": "50",
        "defence_waived": "on",
        "party_signed": "on",
    }
    return url, data


@pytest.fixture(params=["file", "on_spot"])
def form(request, spot):
    """Each of the two forms: who posts it, where, its other fields, and the party it recorded."""
    town = spot
    if request.param == "file":
        case, url, data = filing(town)
        return town, client_for(town.head), url, data, lambda: Case.objects.get(pk=case.pk).party
    url, data = on_the_spot(town)
    return town, client_for(town.officer), url, data, lambda: Case.objects.get().party


def refused(client, url, data):
    before = counts()
    response = client.post(url, data)
    assert response.status_code == 422
    assert counts() == before
    return response.context["form"].errors, response.content.decode()


def test_a_new_party_entered_on_the_form_is_registered_with_the_record(form):
    town, client, url, data, party_of = form
    address = "辛口镇辛口村5号"
    response = client.post(url, {**data, **new_party("party", "赵新", id_number=NEW_ID, address=address)})
    assert response.status_code == 302
    party = party_of()
    assert (party.name, party.id_number, party.address, party.organisation) == (
        "赵新",
        NEW_ID,
        address,
        town.town,
    )
    assert party.birth_date.isoformat() == "1990-03-15"


def test_a_bad_id_checksum_or_credit_code_is_refused_beside_the_picker_and_nothing_is_created(form):
    _town, client, url, data, _party_of = form
    errors, _page = refused(client, url, {**data, **new_party("party", "赵新", id_number=BAD_ID)})
    assert errors["party"] == [
        f"证件号码：居民身份证号码校验码错误：第18位应为 {NEW_ID[17]}，而不是 {BAD_ID[17]}，请核对号码。"
    ]
    company = new_party(
        "party", "天津某商贸有限公司", kind="organisation", uscc=BAD_CODE, legal_representative="钱某"
    )
    errors, _page = refused(client, url, {**data, **company})
    assert errors["party"][0].startswith("统一社会信用代码：统一社会信用代码校验码错误")
    assert not Case.objects.filter(stage=Stage.FILED).exists()


def test_two_parties_of_one_name_are_listed_by_what_tells_them_apart_and_the_chosen_one_is_linked(form):
    town, client, url, data, party_of = form
    pair = twins(town)
    errors, page = refused(client, url, {**data, "party_name": "王五"})
    listed = errors["party"][0]
    assert listed.startswith("本镇（街道）有2位名为“王五”的当事人，请选择其一：")
    assert f"身份证 ****{pair.first.id_number[-4:]}" in listed
    assert f"身份证 ****{pair.second.id_number[-4:]}" in listed
    assert "辛口镇大沙沟村（已隐去）" in listed
    assert pair.first.id_number not in page
    assert "12号" not in page
    response = client.post(url, {**data, "party_name": "王五", "party": str(pair.second.pk)})
    assert response.status_code == 302
    assert party_of() == pair.second


def test_a_single_match_is_not_taken_unless_chosen(form):
    town, client, url, data, _party_of = form
    errors, _page = refused(client, url, {**data, "party_name": town.party.name})
    assert errors["party"][0].startswith("请确认当事人“刘某”：本镇（街道）登记的是 刘某（编号")


def test_another_towns_party_is_refused_as_not_found(form):
    town, client, url, data, _party_of = form
    other = stranger(town)
    unknown, _page = refused(client, url, {**data, "party": "999999"})
    hidden, _page = refused(client, url, {**data, "party": str(other.pk)})
    assert unknown["party"] == ["未找到该当事人（编号 999999）。"]
    assert hidden["party"] == [f"未找到该当事人（编号 {other.pk}）。"]


def test_an_identifier_already_registered_is_that_party_or_a_clear_message(form):
    town, client, url, data, party_of = form
    pair = twins(town)
    errors, _page = refused(
        client, url, {**data, **new_party("party", "王五五", id_number=pair.first.id_number)}
    )
    assert errors["party"][0].startswith(f"证件号码：该当事人已登记（王五，编号 {pair.first.pk}）")
    assert "请选择该当事人（自然人，身份证 ****" in errors["party"][0]
    before = Party.objects.count()
    response = client.post(url, {**data, **new_party("party", "王五", id_number=pair.first.id_number)})
    assert response.status_code == 302
    assert party_of() == pair.first
    assert Party.objects.count() == before


def test_a_filing_refused_by_a_rule_leaves_no_new_party(spot):
    town = spot
    old = TODAY.replace(year=TODAY.year - 3)
    case = lead(town, act_on=old)
    before = counts()
    response = client_for(town.head).post(
        reverse("enforcement:case-file", args=[case.pk]),
        {
            "power": town.power.pk,
            "act_ended_on": old.isoformat(),
            **new_party("party", "赵新", id_number=NEW_ID),
        },
    )
    assert response.status_code == 422
    assert "行政处罚法 第三十六条" in response.content.decode()
    assert counts() == before


def test_the_picker_lists_the_towns_parties_with_masked_tails_and_never_another_towns(spot):
    town = spot
    pair = twins(town)
    stranger(town)
    found = client_for(town.officer).get(reverse("core:party-pick"), {"q": "王"}).json()["parties"]
    assert [row["id"] for row in found] == [pair.second.pk, pair.first.pk]
    assert found[0]["facts"] == f"自然人，身份证 ****{pair.second.id_number[-4:]}，辛口镇大沙沟村（已隐去）"
    assert client_for(town.officer).get(reverse("core:party-pick"), {"q": "杨某"}).json() == {"parties": []}
    assert client_for(town.officer).get(reverse("core:party-pick"), {"q": ""}).json() == {"parties": []}


# ------------------------------------------------------------------------------------------------ API


def post(client, url, body):
    return client.post(url, json.dumps(body), content_type="application/json")


@pytest.fixture(params=["file", "on_spot"])
def endpoint(request, spot):
    town = spot
    if request.param == "file":
        case = lead(town)
        body = {"power_id": town.power.pk, "act_ended_on": TODAY.isoformat()}
        return town, token_client(town, town.head), f"/api/v1/cases/{case.pk}/file", body
    body = {
        "power_id": town.power.pk,
        "co_officer_id": town.officer2.pk,
        "title": "占道经营",
        "place": "政府路",
        "act_on": TODAY.isoformat(),
        "facts": "占道摆摊",
        "basis": "《城市道路管理条例》第四十二条",
        "fine_fen": 5000,
        "defence_waived": True,
    }
    return town, token_client(town, town.officer), "/api/v1/cases/on-the-spot", body


def refused_by_api(client, url, body):
    before = counts()
    response = post(client, url, body)
    assert response.status_code == 422, response.content.decode()
    assert counts() == before
    return response.json()["extra"]["fields"]


def test_through_the_api_a_new_party_or_an_id_and_chinese_field_errors(endpoint):
    town, client, url, body = endpoint
    fields = refused_by_api(client, url, {**body, "new_party": new_person(id_number=BAD_ID)})
    assert fields["new_party.id_number"].startswith("居民身份证号码校验码错误")
    fields = refused_by_api(client, url, {**body, "new_party": new_company(uscc=BAD_CODE)})
    assert fields["new_party.uscc"].startswith("统一社会信用代码校验码错误")
    fields = refused_by_api(client, url, body)
    assert fields == {"party_id": "请填写当事人编号（party_id）或新当事人信息（new_party），二者选一。"}
    other = stranger(town)
    fields = refused_by_api(client, url, {**body, "party_id": other.pk})
    assert fields == {"party_id": f"未找到该当事人（编号 {other.pk}）。"}
    pair = twins(town)
    fields = refused_by_api(
        client, url, {**body, "new_party": new_person(name="王六", id_number=pair.first.id_number)}
    )
    assert fields["new_party.id_number"].startswith(f"该当事人已登记（王五，编号 {pair.first.pk}）")
    created = post(client, url, {**body, "new_party": new_company()})
    assert created.status_code in (200, 201), created.content.decode()
    party = Party.objects.get(cases__pk=created.json()["id"])
    assert (party.name, party.uscc) == ("天津某商贸有限公司", NEW_CODE)


def test_through_the_api_the_chosen_of_two_same_named_parties_is_linked(endpoint):
    town, client, url, body = endpoint
    pair = twins(town)
    created = post(client, url, {**body, "party_id": pair.first.pk})
    assert created.status_code in (200, 201), created.content.decode()
    assert Case.objects.get(pk=created.json()["id"]).party == pair.first
