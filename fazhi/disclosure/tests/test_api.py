"""The disclosure workflow through the API: a draft with its privacy findings, the findings settled, the
publication published and withdrawn; refused steps answer in Chinese with their article and change
nothing; another town's case is not found."""

from __future__ import annotations

import json
from typing import Any

from django.test import Client

from fazhi.disclosure.models import Publication, PublicationStatus
from fazhi.enforcement.models import Notice
from fazhi.ledger.models import Event
from fazhi.testing.api import token_client

PRIVATE = "与邻居丁国华（电话13911112222）发生争执"


def _post(client: Client, url: str, body: dict[str, Any] | None = None) -> Any:
    return client.post(url, json.dumps(body or {}), content_type="application/json")


def test_draft_settle_publish_and_withdraw_through_the_api(town, decided):
    Notice.objects.filter(case=decided).update(facts=f"当事人在政府路占道摆摊，{PRIVATE}。")
    officer, head = token_client(town, town.officer), token_client(town, town.head)

    drafted = _post(officer, f"/api/v1/cases/{decided.pk}/publication")
    assert drafted.status_code == 201, drafted.content.decode()
    publication = drafted.json()
    assert publication["status"] == "draft"
    phone = [f for f in publication["findings"] if f["text"] == "13911112222"]
    assert phone == [
        {
            "field": "facts",
            "kind": phone[0]["kind"],
            "label": phone[0]["label"],
            "text": "13911112222",
            "start": publication["facts"].index("13911112222"),
            "end": publication["facts"].index("13911112222") + 11,
            "blocks_publication": True,
            "open": True,
        }
    ]
    assert _post(officer, f"/api/v1/cases/{decided.pk}/publication").status_code == 422  # drafted once

    events = Event.objects.count()
    refused = _post(head, f"/api/v1/publications/{publication['id']}/publish")
    assert refused.status_code == 422
    assert "个人信息保护法" in refused.json()["citation"]
    assert Event.objects.count() == events
    assert Publication.objects.get(pk=publication["id"]).status == PublicationStatus.DRAFT

    settled = _post(
        officer,
        f"/api/v1/publications/{publication['id']}/findings",
        {"field": "facts", "text": "13911112222", "action": "hide"},
    )
    assert settled.status_code == 200, settled.content.decode()
    assert not [f for f in settled.json()["findings"] if f["open"]]

    published = _post(head, f"/api/v1/publications/{publication['id']}/publish")
    assert published.status_code == 200, published.content.decode()
    body = published.json()
    assert body["status"] == "published"
    assert "13911112222" not in body["facts"]
    assert "丁国华" not in body["facts"]
    assert body["public_url"] == f"/gongshi/{publication['id']}/"
    assert Client().get(body["public_url"]).status_code == 200
    assert (
        token_client(town, town.officer).get(f"/api/v1/cases/{decided.pk}/publication").json()["id"]
        == body["id"]
    )

    no_reason = _post(head, f"/api/v1/publications/{publication['id']}/withdraw", {"reason": " "})
    assert no_reason.status_code == 422
    assert "reason" in no_reason.json()["extra"]["fields"]
    withdrawn = _post(
        head, f"/api/v1/publications/{publication['id']}/withdraw", {"reason": "复议决定撤销原处罚决定"}
    )
    assert withdrawn.status_code == 200, withdrawn.content.decode()
    assert withdrawn.json()["status"] == "withdrawn"
    assert withdrawn.json()["withdrawal_reason"] == "复议决定撤销原处罚决定"


def test_another_towns_case_and_publication_are_not_found(town, decided):
    officer = token_client(town, town.officer)
    drafted = _post(officer, f"/api/v1/cases/{decided.pk}/publication").json()
    stranger = token_client(town, town.other_admin)
    for response in (
        _post(stranger, f"/api/v1/cases/{decided.pk}/publication"),
        stranger.get(f"/api/v1/cases/{decided.pk}/publication"),
        stranger.get(f"/api/v1/publications/{drafted['id']}"),
        _post(stranger, f"/api/v1/publications/{drafted['id']}/publish"),
    ):
        assert response.status_code == 404
    assert Publication.objects.get(pk=drafted["id"]).status == PublicationStatus.DRAFT


def test_a_case_not_yet_decided_has_no_publication_to_draft(town, investigated):
    response = _post(token_client(town, town.officer), f"/api/v1/cases/{investigated.pk}/publication")
    assert response.status_code == 404
    assert "尚未作出行政处罚决定" in response.json()["message"]
