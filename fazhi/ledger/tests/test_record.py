"""ledger.record: gap-free, canonical, refuses what it cannot record faithfully, and cannot be edited."""

import hashlib
import json
from enum import StrEnum

import pytest
from django.db import DatabaseError, connection, transaction

from fazhi.core.events import CoreEvent
from fazhi.ledger.models import Event
from fazhi.ledger.record import LedgerError, canonical_json, record


class UnregisteredEvent(StrEnum):
    SOMETHING = "tests.something.happened"


def test_every_service_change_leaves_consecutive_events(world):
    sequences = list(Event.objects.order_by("sequence").values_list("sequence", flat=True))
    assert sequences == list(range(len(sequences)))
    assert len(sequences) > 5


def test_leaf_hash_is_rfc6962_over_the_canonical_entry(world):
    event = Event.objects.filter(action="core.organisation.created").earliest("sequence")
    entry = event.entry.encode("utf-8")
    assert bytes(event.leaf_hash) == hashlib.sha256(b"\x00" + entry).digest()
    parsed = json.loads(entry)
    assert canonical_json(parsed) == entry
    assert parsed["action"] == "core.organisation.created"
    assert parsed["actor"]["username"] == "system"


def test_canonical_json_sorts_keys_keeps_chinese_and_refuses_floats():
    assert canonical_json({"b": 1, "a": "辛口"}) == '{"a":"辛口","b":1}'.encode()
    with pytest.raises(LedgerError, match="floats"):
        canonical_json({"fine": 0.5})


def test_an_unregistered_action_is_refused(world):
    with pytest.raises(LedgerError, match="unregistered"), transaction.atomic():
        record(world.admin, UnregisteredEvent.SOMETHING, world.town, {})


@pytest.mark.django_db(transaction=True)
def test_recording_outside_a_transaction_is_refused(world):
    with pytest.raises(LedgerError, match="inside the service's transaction"):
        record(world.admin, CoreEvent.ORGANISATION_UPDATED, world.town, {})


@pytest.mark.parametrize("statement", ["UPDATE ledger_event SET action = 'x'", "DELETE FROM ledger_event"])
def test_the_database_refuses_to_change_or_delete_events(world, statement):
    count = Event.objects.count()
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(statement)
    assert Event.objects.count() == count
