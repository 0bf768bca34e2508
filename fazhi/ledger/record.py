"""ledger.record: the only way to append to the log."""

from __future__ import annotations

import hashlib
import json
from enum import StrEnum
from typing import Any

from django.db import connection, models
from django.utils import timezone

from fazhi.core.models import Organisation, Staff
from fazhi.ledger import events, tree
from fazhi.ledger.models import Event, LedgerHead


class LedgerError(RuntimeError):
    """A programming error: an unregistered action, a float in a payload, a call outside a transaction."""


def canonical_json(value: Any) -> bytes:
    """Sorted keys, no spaces, UTF-8. Floats are refused: their text form is not canonical."""
    _refuse_floats(value)
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def _refuse_floats(value: Any) -> None:
    if isinstance(value, float):
        raise LedgerError("ledger payloads may not hold floats; use a string or integer (fen, not yuan)")
    if isinstance(value, dict):
        for key, item in value.items():
            if not isinstance(key, str):
                raise LedgerError("ledger payload keys must be strings")
            _refuse_floats(item)
    elif isinstance(value, list | tuple):
        for item in value:
            _refuse_floats(item)


def leaf_hash(entry: bytes) -> bytes:
    """RFC 6962 leaf hash: SHA-256(0x00 || entry)."""
    return hashlib.sha256(b"\x00" + entry).digest()


def record(
    actor: Staff,
    action: StrEnum,
    subject: models.Model,
    payload: dict[str, Any],
    *,
    organisation: Organisation | None = None,
) -> Event:
    """Append one event. Must run inside the transaction that makes the change it records."""
    if not events.is_registered(action.value):
        raise LedgerError(f"unregistered ledger action {action.value!r}")
    if not connection.in_atomic_block:
        raise LedgerError("ledger.record must run inside the service's transaction")
    head, _ = LedgerHead.objects.select_for_update().get_or_create(id=1)
    sequence = head.size
    recorded_at = timezone.now()
    subject_type = subject._meta.label_lower
    subject_id = str(subject.pk)
    entry = canonical_json(
        {
            "seq": sequence,
            "time": recorded_at.isoformat(),
            "actor": {"id": actor.pk, "username": actor.username},
            "org": organisation.pk if organisation else None,
            "action": action.value,
            "subject": {"type": subject_type, "id": subject_id},
            "payload": payload,
        }
    )
    event = Event.objects.create(
        sequence=sequence,
        recorded_at=recorded_at,
        actor=actor,
        organisation=organisation,
        action=action.value,
        subject_type=subject_type,
        subject_id=subject_id,
        entry=entry.decode("utf-8"),
        leaf_hash=leaf_hash(entry),
    )
    tree.append_leaf(sequence, bytes(event.leaf_hash))
    LedgerHead.objects.filter(id=1).update(size=sequence + 1)
    return event


def history_for(subject: models.Model) -> models.QuerySet[Event]:
    return Event.objects.filter(
        subject_type=subject._meta.label_lower, subject_id=str(subject.pk)
    ).select_related("actor")


def sha256_hex(data: bytes | str) -> str:
    raw = data.encode("utf-8") if isinstance(data, str) else data
    return hashlib.sha256(raw).hexdigest()


__all__ = ["LedgerError", "canonical_json", "history_for", "leaf_hash", "record", "sha256_hex"]
