"""Reads of the ledger: events a user may see, checkpoints, proofs and proof bundles."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import models

from fazhi.core import permissions
from fazhi.core import selectors as core_selectors
from fazhi.core.errors import NotFoundOrHidden
from fazhi.core.events import CoreEvent
from fazhi.core.models import Staff
from fazhi.ledger import checkpoint, tree
from fazhi.ledger.models import Checkpoint, Event
from fazhi.ledger.record import history_for
from fazhi.ledger.verify import (
    BUNDLE_FORMAT,
    NoteError,
    leaf_hash,
    verify_inclusion,
)


def access_event(actor: Staff, sequence: object) -> Event:
    try:
        number = int(str(sequence))
    except ValueError:
        raise NotFoundOrHidden() from None
    event = Event.objects.select_related("organisation").filter(sequence=number).first()
    if event is None:
        raise NotFoundOrHidden()
    # Events without an organisation (calendar maintenance, the system actor) concern every town.
    if event.organisation is not None and not permissions.can_see(actor, event.organisation):
        raise NotFoundOrHidden()
    return event


def attachment_event(actor: Staff, attachment_id: object) -> tuple[Event, str]:
    """The event that recorded an attachment, and the file's SHA-256, for a file's proof bundle."""
    attachment = core_selectors.access_attachment(actor, attachment_id)
    event = (
        Event.objects.filter(
            action=CoreEvent.FILE_ATTACHED,
            subject_type=attachment.subject_type,
            subject_id=attachment.subject_id,
            entry__contains=f'"attachment":{attachment.pk},',
        )
        .order_by("sequence")
        .first()
    )
    if event is None:
        raise NotFoundOrHidden("该文件没有上传记录。")
    return event, attachment.blob.sha256


def latest_checkpoint() -> Checkpoint | None:
    return Checkpoint.objects.order_by("-tree_size").first()


def access_checkpoint(tree_size: object) -> Checkpoint:
    checkpoint_row = Checkpoint.objects.filter(tree_size=int(str(tree_size))).first()
    if checkpoint_row is None:
        raise NotFoundOrHidden("没有该大小的检查点。")
    return checkpoint_row


def proof_bundle(event: Event, signed: Checkpoint) -> dict[str, Any]:
    """Everything needed to check one event offline against one signed checkpoint."""
    if event.sequence >= signed.tree_size:
        raise ValueError("the checkpoint does not cover this event")
    return {
        "format": BUNDLE_FORMAT,
        "event": {"sequence": event.sequence, "entry": event.entry},
        "leaf_hash": bytes(event.leaf_hash).hex(),
        "leaf_index": event.sequence,
        "tree_size": signed.tree_size,
        "inclusion_proof": [node.hex() for node in tree.inclusion_proof(event.sequence, signed.tree_size)],
        "checkpoint": signed.note,
        "public_key": checkpoint.signing_key().verifier_key,
    }


def consistency_between(older: Checkpoint, newer: Checkpoint) -> list[str]:
    return [node.hex() for node in tree.consistency_proof(older.tree_size, newer.tree_size)]


@dataclass(frozen=True)
class HistoryEntry:
    event: Event
    status: str  # "verified", "pending" (not yet in a checkpoint) or "failed"

    @property
    def status_label(self) -> str:
        return {"verified": "已验证", "pending": "待纳入检查点", "failed": "校验失败"}[self.status]


def _signed_root(note: str, vkey: str) -> bytes | None:
    """The root a checkpoint note signs, or None when its signature fails."""
    try:
        return checkpoint.signed_checkpoint(note, vkey)[1]
    except NoteError:
        return None


def verified_history(subject: models.Model) -> list[HistoryEntry]:
    """A record's events, each checked the way an outside reviewer would: its entry hashes to its
    leaf, and its inclusion proof leads to the root of the latest checkpoint, whose signature holds."""
    events = list(history_for(subject))
    signed = latest_checkpoint()
    signed_root = _signed_root(signed.note, checkpoint.signing_key().verifier_key) if signed else None
    entries = []
    for event in events:
        leaf = leaf_hash(event.entry.encode("utf-8"))
        if leaf != bytes(event.leaf_hash):
            status = "failed"
        elif signed is None or event.sequence >= signed.tree_size:
            status = "pending"
        elif signed_root is None:
            status = "failed"
        else:
            proof = tree.inclusion_proof(event.sequence, signed.tree_size)
            status = (
                "verified"
                if verify_inclusion(leaf, event.sequence, signed.tree_size, proof, signed_root)
                else "failed"
            )
        entries.append(HistoryEntry(event=event, status=status))
    return entries
