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


def chosen_rows(field: str, parties: Any) -> dict[str, str]:
    """A form's rows of parties (core.forms.PartyRowsField), each one chosen by its id."""
    return {f"{field}-{row}": str(party.pk) for row, party in enumerate(parties)}


def new_party(field: str, name: str, **values: str) -> dict[str, str]:
    """The party picker's fields for a new party entered on the form (core.forms.PartyPickerField):
    `kind`, `id_type`, `id_number`, `uscc`, `legal_representative`, `address`, `phone`."""
    fields = {"kind": "person", "id_type": "resident_id", **values}
    return {field: "new", f"{field}_name": name, **{f"{field}_{key}": value for key, value in fields.items()}}
