"""The append-only event log. Rows are never updated or deleted: database triggers refuse it."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from fazhi.ledger import events


class Event(models.Model):
    """One change, as recorded by a service in the same transaction as the change."""

    sequence = models.BigIntegerField(primary_key=True)
    recorded_at = models.DateTimeField()
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey(
        "core.Organisation", null=True, on_delete=models.PROTECT, related_name="+"
    )
    action = models.CharField(max_length=80)
    subject_type = models.CharField(max_length=60)
    subject_id = models.CharField(max_length=40)
    # Canonical JSON (sorted keys, UTF-8, no floats) of the whole entry; the leaf hash is over these bytes.
    entry = models.TextField()
    leaf_hash = models.BinaryField(max_length=32)

    class Meta:
        verbose_name = "记录事件"
        verbose_name_plural = "记录事件"
        ordering = ["sequence"]
        indexes = [models.Index(fields=["subject_type", "subject_id", "sequence"], name="event_subject")]

    def __str__(self) -> str:
        return f"#{self.sequence} {self.action}"

    @property
    def action_label(self) -> str:
        return events.label_for(self.action)


class LedgerHead(models.Model):
    """A single row holding the log's size. Writers lock it, so sequence numbers are gap-free."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    size = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return f"ledger size {self.size}"


class MerkleNode(models.Model):
    """A complete subtree's hash: key = (index << 6) | level, covering leaves [index·2^level, (index+1)·2^level)."""

    key = models.BigIntegerField(primary_key=True)
    hash = models.BinaryField(max_length=32)

    def __str__(self) -> str:
        return f"node {self.key & 63}/{self.key >> 6}"


class Checkpoint(models.Model):
    """A signed tree head: the C2SP signed note over (origin, size, root hash)."""

    tree_size = models.BigIntegerField(unique=True)
    root_hash = models.BinaryField(max_length=32)
    created_at = models.DateTimeField()
    note = models.TextField(help_text="C2SP signed note: checkpoint body, blank line, signature lines")

    class Meta:
        verbose_name = "签名检查点"
        verbose_name_plural = "签名检查点"
        ordering = ["tree_size"]

    def __str__(self) -> str:
        return f"checkpoint {self.tree_size}"
