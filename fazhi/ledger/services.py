"""Writes to the ledger's own tables other than events: signed checkpoints."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from fazhi.ledger import checkpoint, checkpoint_files, tree
from fazhi.ledger.models import Checkpoint, LedgerHead


@transaction.atomic(durable=True)
def make_checkpoint() -> Checkpoint | None:
    """Sign the tree head as it stands, unless it is empty or already signed at this size, and keep the
    checkpoint outside the database too (checkpoint_files).

    The head row stays locked while the root is computed, so the size and root belong together. Raises
    checkpoint_files.ForkError, signing nothing, when the tree does not extend the last checkpoint kept:
    the database was restored from an older copy, and the log would fork.
    """
    head, _ = LedgerHead.objects.select_for_update().get_or_create(id=1)
    if head.size == 0:
        return None
    existing = Checkpoint.objects.filter(tree_size=head.size).first()
    if existing is not None:
        return existing
    root = tree.root(head.size)
    key = checkpoint.signing_key()
    signed_at = timezone.now()
    note = key.sign_note(checkpoint.checkpoint_text(key.name, head.size, root, signed_at))
    checkpoint_files.keep(note, head.size, root, key.verifier_key)
    return Checkpoint.objects.create(tree_size=head.size, root_hash=root, created_at=signed_at, note=note)
