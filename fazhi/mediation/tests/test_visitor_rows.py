"""A visit's several visitors on one form: each row a party chosen among the town's or entered new; a
refused row names its line, and a refused visit leaves no new party behind."""

import json

import pytest
from django.test import Client

from fazhi.core.models import Party
from fazhi.mediation.models import Dispute, DisputeVisitor
from fazhi.testing.api import token_client
from fazhi.testing.mediation import TODAY
from fazhi.testing.pages import chosen_rows, client_for, new_party
from fazhi.testing.parties import BAD_CODE, BAD_ID, NEW_ID, counts, new_person, stranger, twins


@pytest.fixture
def page(town):
    fields = {
        "received_on": TODAY.isoformat(),
        "channel": "visit",
        "category": town.wages.pk,
        "visitor_count": "5",
        "summary": "某建筑队拖欠村民工资。",
        "claims": "支付工资",
    }
    return client_for(town.mediator), fields


def refused(client: Client, fields: dict[str, str]) -> list[str]:
    before = counts()
    response = client.post("/mediation/new/", fields)
    assert response.status_code == 422
    assert counts() == before
    assert not Dispute.objects.exists()
    return list(response.context["form"].errors["visitors"])


def test_several_visitors_on_one_form_chosen_and_new_each_with_how_they_stand_to_the_matter(town, page):
    client, fields = page
    rows = {
        **chosen_rows("visitors", town.villagers[:1]),
        "visitors-0_relation": "party",
        **new_party("visitors-1", "赵新", id_number=NEW_ID),
        "visitors-1_relation": "agent",
    }
    response = client.post("/mediation/new/", {**fields, **rows}, follow=True)
    dispute = Dispute.objects.get()
    assert sorted(party.name for party in dispute.visitors.all()) == ["刘某", "赵新"]
    assert Party.objects.get(name="赵新").id_number == NEW_ID
    assert "刘某</a>（纠纷当事人）、" in response.content.decode()
    assert "赵新</a>（委托代理人）" in response.content.decode()
    relations = {row.party.name: row.relation for row in DisputeVisitor.objects.select_related("party")}
    assert relations == {"刘某": "party", "赵新": "agent"}


def test_a_relation_not_on_the_list_is_refused_on_its_line(town, page):
    client, fields = page
    rows = {**chosen_rows("visitors", town.villagers[:2]), "visitors-1_relation": "boss"}
    assert refused(client, {**fields, **rows}) == ["第2行：请从列表中选择与本事项的关系。"]


def test_each_refused_row_names_its_line_and_nothing_is_created(town, page):
    client, fields = page
    other = stranger(town)
    rows = {
        **chosen_rows("visitors", [town.villagers[0], other]),
        **new_party("visitors-2", "赵新", id_number=BAD_ID),
        **new_party("visitors-3", "某公司", kind="organisation", uscc=BAD_CODE, legal_representative="钱某"),
    }
    errors = refused(client, {**fields, **rows})
    assert errors[0] == f"第2行：未找到该当事人（编号 {other.pk}）。"
    assert errors[1].startswith(f"第3行：证件号码：居民身份证号码校验码错误：第18位应为 {NEW_ID[17]}")
    assert errors[2].startswith("第4行：统一社会信用代码：统一社会信用代码校验码错误")
    assert len(errors) == 3


def test_a_row_with_a_name_of_two_parties_lists_them_and_the_chosen_one_is_linked(town, page):
    client, fields = page
    pair = twins(town)
    errors = refused(client, {**fields, "visitors-0_name": "王五"})
    assert errors[0].startswith("第1行：本镇（街道）有2位名为“王五”的当事人，请选择其一：")
    assert f"身份证 ****{pair.first.id_number[-4:]}" in errors[0]
    response = client.post(
        "/mediation/new/", {**fields, "visitors-0_name": "王五", "visitors-0": pair.first.pk}
    )
    assert response.status_code == 302
    assert list(Dispute.objects.get().visitors.all()) == [pair.first]


def test_a_visitor_entered_again_with_the_same_id_and_name_is_the_party_registered(town, page):
    client, fields = page
    villager = town.villagers[1]
    rows = new_party("visitors-0", villager.name, id_number=villager.id_number)
    before = Party.objects.count()
    assert client.post("/mediation/new/", {**fields, **rows}).status_code == 302
    assert list(Dispute.objects.get().visitors.all()) == [villager]
    assert Party.objects.count() == before


def test_through_the_api_new_visitors_beside_chosen_ones_each_refusal_naming_its_line(town):
    client = token_client(town, town.mediator)
    other = stranger(town)
    body = {
        "received_on": TODAY.isoformat(),
        "channel": "visit",
        "category_id": town.wages.pk,
        "visitor_count": 3,
        "visitor_ids": [town.villagers[0].pk, other.pk],
        "new_visitors": [new_person(id_number=BAD_ID)],
        "summary": "拖欠工资",
        "claims": "支付工资",
    }
    before = counts()
    response = client.post("/api/v1/mediation/disputes", json.dumps(body), content_type="application/json")
    assert response.status_code == 422
    assert counts() == before
    fields = response.json()["extra"]["fields"]
    assert fields["visitor_ids"] == f"第2行：未找到该当事人（编号 {other.pk}）。"
    assert fields["new_visitors"].startswith("第1行：证件号码：居民身份证号码校验码错误")
    body.update(visitor_ids=[town.villagers[0].pk], new_visitors=[new_person()])
    created = client.post("/api/v1/mediation/disputes", json.dumps(body), content_type="application/json")
    assert created.status_code == 201, created.content.decode()
    visitors = Dispute.objects.get().visitors.all()
    assert sorted(party.name for party in visitors) == ["刘某", "赵新"]
