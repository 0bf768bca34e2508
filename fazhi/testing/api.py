"""Checking the API's input shape from a test: a request the schema refuses is a 422 with each field's
Chinese message, and nothing is written — not a row, not a ledger event."""

from __future__ import annotations

import json
from typing import Any

from django.test import Client

from fazhi.core import services
from fazhi.ledger.models import Event


def token_client(world: Any, user: Any) -> Client:
    return Client(headers={"Authorization": f"Bearer {services.issue_api_token(world.system, user)}"})


def refused_fields(client: Client, url: str, body: dict[str, Any]) -> dict[str, str]:
    """Post `body` as JSON; assert the schema refused it and nothing was recorded; the fields' messages."""
    events = Event.objects.count()
    response = client.post(url, json.dumps(body), content_type="application/json")
    assert response.status_code == 422, response.content.decode()
    assert response.json()["message"] == "请求数据格式不正确。"
    assert Event.objects.count() == events
    fields: dict[str, str] = response.json()["extra"]["fields"]
    return fields
