"""Resumable uploads of large evidence files (body-camera video), in pieces written at their offset."""

from __future__ import annotations

import datetime
import secrets

from django.conf import settings
from django.db import transaction

from fazhi.core import files, permissions
from fazhi.core.errors import InvalidInput, NotFoundOrHidden
from fazhi.core.models import Staff, StoredBlob
from fazhi.enforcement import rules
from fazhi.enforcement.models import Case, UploadSession


def start_upload(actor: Staff, case: Case, *, original_name: str, total_bytes: int) -> UploadSession:
    """Open a resumable upload for a large file (body-camera video) of a case the actor works on. A
    technical step: the ledger records the evidence when the file is complete, not the session."""
    permissions.require_own(actor, case.organisation)
    permissions.require_step(actor, rules.STEPS["evidence"])
    name = files.check_upload_name(original_name)
    limit = settings.EVIDENCE_UPLOAD_MAX_BYTES
    if total_bytes <= 0:
        raise InvalidInput("文件是空的（0 字节）。", field_errors={"file": "文件是空的。"})
    if total_bytes > limit:
        raise InvalidInput(
            "文件超过大小上限 %(gb).1f GB。" % {"gb": limit / 1024**3}, field_errors={"file": "文件过大。"}
        )
    return UploadSession.objects.create(
        key=secrets.token_hex(16), case=case, owner=actor, original_name=name, total_bytes=total_bytes
    )


def access_upload(actor: Staff, key: str) -> UploadSession:
    """Only the officer who began an upload continues it."""
    session = (
        UploadSession.objects.select_related("case__organisation").filter(key=key, completed=False).first()
    )
    if session is None or session.owner_id != actor.pk:
        raise NotFoundOrHidden()
    return session


@transaction.atomic
def receive_piece(
    actor: Staff, key: str, stream: files.Readable, *, offset: int, length: int
) -> UploadSession:
    """Accept the piece that starts where the stored bytes end. A piece at another offset is refused
    with the offset to resume from, so a client that lost a reply asks and continues."""
    session = access_upload(actor, key)
    session = UploadSession.objects.select_for_update().get(pk=session.pk)
    if offset != session.received_bytes:
        raise UploadOffsetMismatch(session.received_bytes)
    if length <= 0 or length > settings.UPLOAD_CHUNK_MAX_BYTES or offset + length > session.total_bytes:
        raise InvalidInput(
            "分片大小不正确：每片 1 字节至 %(mb)d MB，且不超过声明的文件大小。"
            % {"mb": settings.UPLOAD_CHUNK_MAX_BYTES // 1024**2}
        )
    written = files.append_piece(session.key, stream, offset=offset, limit=length)
    if written != length:
        raise InvalidInput(
            "分片不完整（收到 %(got)d 字节，应为 %(want)d 字节），请重传此片。"
            % {"got": written, "want": length}
        )
    session.received_bytes = offset + written
    session.save(update_fields=["received_bytes"])
    return session


class UploadOffsetMismatch(InvalidInput):
    def __init__(self, expected: int) -> None:
        super().__init__("已收到 %(n)d 字节，请从此处继续上传。" % {"n": expected})
        self.expected = expected


def finish_upload(actor: Staff, key: str) -> tuple[StoredBlob, str, UploadSession]:
    """Hash and keep the complete file (streamed, never whole in memory); the caller then records it
    as evidence with add_evidence."""
    session = access_upload(actor, key)
    if session.received_bytes != session.total_bytes:
        raise InvalidInput(
            "文件尚未传完：已收到 %(got)d / %(total)d 字节。"
            % {"got": session.received_bytes, "total": session.total_bytes}
        )
    blob, name = files.store_partial(
        session.key,
        original_name=session.original_name,
        total_bytes=session.total_bytes,
        max_bytes=settings.EVIDENCE_UPLOAD_MAX_BYTES,
    )
    UploadSession.objects.filter(pk=session.pk).update(completed=True)
    return blob, name, session


# An upload nobody has continued for this long is abandoned: its pieces are removed.
STALE_UPLOAD_DAYS = 7


def purge_stale_uploads(*, before: datetime.datetime) -> int:
    stale = list(UploadSession.objects.filter(completed=False, created_at__lt=before))
    for session in stale:
        files.discard_partial(session.key)
    UploadSession.objects.filter(pk__in=[session.pk for session in stale]).delete()
    return len(stale)
