"""Checking a page's form from a test: a post the form refuses comes back (422) with each field's Chinese
message beside it, and nothing is written — not a row, not a ledger event."""

from __future__ import annotations

from typing import Any

from django.test import Client

from fazhi.ledger.models import Event


def client_for(user: Any) -> Client:
    """A page client signed in as `user`, without the login form (browser tests use the form)."""
    client = Client()
    client.force_login(user)
    return client


def refused_form(client: Client, url: str, data: dict[str, Any]) -> dict[str, list[str]]:
    """Post `data` to the page; assert the form refused it and nothing was recorded; its field errors."""
    events = Event.objects.count()
    response = client.post(url, data)
    assert response.status_code == 422, response.status_code
    assert Event.objects.count() == events
    errors: dict[str, list[str]] = {
        field: list(messages) for field, messages in response.context["form"].errors.items()
    }
    return errors
