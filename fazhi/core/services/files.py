"""Stored files attached to a record, their SHA-256 in the ledger."""

from __future__ import annotations

from typing import IO

from django.db import models, transaction

from fazhi.core import files, permissions
from fazhi.core.errors import PermissionDenied
from fazhi.core.events import CoreEvent
from fazhi.core.models import (
    Attachment,
    Organisation,
    Staff,
    StoredBlob,
)
from fazhi.ledger import record as ledger


@transaction.atomic(durable=True)
def attach_file(
    actor: Staff,
    *,
    subject: models.Model,
    organisation: Organisation,
    stream: IO[bytes],
    original_name: str,
    description: str = "",
) -> Attachment:
    permissions.require_visible(actor, organisation)
    town = permissions.acting_town(actor)
    if not organisation.path.startswith(town.path):
        raise PermissionDenied("只能为本镇（街道）的记录上传材料。")
    blob, name = files.store(stream, original_name=original_name)
    return record_attachment(
        actor, subject=subject, organisation=organisation, blob=blob, name=name, description=description
    )


def record_attachment(
    actor: Staff,
    *,
    subject: models.Model,
    organisation: Organisation,
    blob: StoredBlob,
    name: str,
    description: str = "",
) -> Attachment:
    """Attach an already stored file to a record and put its SHA-256 in the ledger. Runs inside the
    caller's transaction: large files are stored before it begins, so no write lock waits on a disk."""
    attachment = Attachment.objects.create(
        blob=blob,
        organisation=organisation,
        subject_type=subject._meta.label_lower,
        subject_id=str(subject.pk),
        original_name=name,
        description=description.strip()[:200],
        uploaded_by=actor,
    )
    ledger.record(
        actor,
        CoreEvent.FILE_ATTACHED,
        subject,
        {"attachment": attachment.pk, "name": name, "sha256": blob.sha256, "size": blob.size},
        organisation=organisation,
    )
    return attachment
