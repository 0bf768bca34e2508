"""A petition's representatives on one form: chosen among the town's parties or entered new, each refused
row named by its line; a refused registration leaves no new party behind."""

import json

from fazhi.core.models import Party
from fazhi.petitions.models import Petition
from fazhi.testing.api import token_client
from fazhi.testing.pages import chosen_rows, client_for, new_party
from fazhi.testing.parties import BAD_CODE, BAD_ID, NEW_CODE, NEW_ID, counts, new_company, stranger, twins
from fazhi.testing.petitions import RECEIVED

FIELDS = {
    "received_on": RECEIVED.isoformat(),
    "channel": "visit",
    "person_count": "8",
    "request": "要求修复道路。",
    "facts_and_reasons": "道路破损。",
}


def test_representatives_chosen_and_new_on_one_form(town):
    clerk = client_for(town.clerk)
    rows = {
        **chosen_rows("petitioners", town.villagers[:1]),
        **new_party("petitioners-1", "赵新", id_number=NEW_ID),
    }
    assert clerk.post("/petitions/new/", {**FIELDS, **rows}).status_code == 302
    assert sorted(party.name for party in Petition.objects.get().petitioners.all()) == sorted(
        [town.villagers[0].name, "赵新"]
    )


def test_refused_rows_name_their_lines_and_nothing_is_created(town):
    clerk = client_for(town.clerk)
    other = stranger(town)
    pair = twins(town)
    rows = {
        **chosen_rows("petitioners", [other]),
        **new_party("petitioners-1", "赵新", id_number=BAD_ID),
        **new_party(
            "petitioners-2", "某公司", kind="organisation", uscc=BAD_CODE, legal_representative="钱某"
        ),
        "petitioners-3_name": "王五",
    }
    before = counts()
    response = clerk.post("/petitions/new/", {**FIELDS, **rows})
    assert response.status_code == 422
    assert counts() == before
    errors = list(response.context["form"].errors["petitioners"])
    assert errors[0] == f"第1行：未找到该当事人（编号 {other.pk}）。"
    assert errors[1].startswith("第2行：证件号码：居民身份证号码校验码错误")
    assert errors[2].startswith("第3行：统一社会信用代码：统一社会信用代码校验码错误")
    assert errors[3].startswith("第4行：本镇（街道）有2位名为“王五”的当事人")
    chosen = clerk.post(
        "/petitions/new/", {**FIELDS, "petitioners-0_name": "王五", "petitioners-0": pair.second.pk}
    )
    assert chosen.status_code == 302
    assert list(Petition.objects.get().petitioners.all()) == [pair.second]


def test_through_the_api_new_petitioners_and_the_line_of_a_refused_one(town):
    client = token_client(town, town.clerk)
    body = {
        "received_on": RECEIVED.isoformat(),
        "channel": "visit",
        "person_count": 3,
        "petitioner_ids": [town.villagers[0].pk],
        "new_petitioners": [new_company(), new_company(name="另一公司", uscc=BAD_CODE)],
        "request": "要求修复道路。",
        "facts_and_reasons": "道路破损。",
    }
    before = counts()
    refused = client.post("/api/v1/petitions", json.dumps(body), content_type="application/json")
    assert refused.status_code == 422
    assert counts() == before
    assert refused.json()["extra"]["fields"]["new_petitioners"].startswith("第2行：统一社会信用代码：")
    body["new_petitioners"] = [new_company()]
    created = client.post("/api/v1/petitions", json.dumps(body), content_type="application/json")
    assert created.status_code == 201, created.content.decode()
    assert Party.objects.get(uscc=NEW_CODE).name == "天津某商贸有限公司"
