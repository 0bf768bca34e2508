"""Stored files: streamed to disk while hashed, stored once under their SHA-256, checked for size and
type, named safely. Whether a user may fetch one is decided by the record it is attached to."""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Protocol

from django.conf import settings
from django.core.files.storage import default_storage

from fazhi.core.errors import InvalidInput
from fazhi.core.models import StoredBlob

CHUNK_BYTES = 256 * 1024


class Readable(Protocol):
    """Anything that gives bytes in pieces: an open file, an upload, a request body."""

    def read(self, size: int, /) -> bytes: ...


@dataclass(frozen=True)
class FileType:
    content_type: str
    label: str


# What officers attach: scans, photos, recordings, body-camera video, office documents.
# The first bytes decide; the extension only has to agree with them.
ALLOWED_TYPES: dict[str, FileType] = {
    ".pdf": FileType("application/pdf", "PDF"),
    ".jpg": FileType("image/jpeg", "JPEG 图片"),
    ".jpeg": FileType("image/jpeg", "JPEG 图片"),
    ".png": FileType("image/png", "PNG 图片"),
    ".docx": FileType("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "Word 文档"),
    ".xlsx": FileType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Excel 表格"),
    ".mp4": FileType("video/mp4", "MP4 视频"),
    ".mp3": FileType("audio/mpeg", "MP3 音频"),
    ".wav": FileType("audio/wav", "WAV 音频"),
    ".zip": FileType("application/zip", "ZIP 压缩包"),
}


def _sniff(head: bytes) -> set[str]:
    """Extensions whose signature matches the first bytes."""
    if head.startswith(b"%PDF-"):
        return {".pdf"}
    if head.startswith(b"\xff\xd8\xff"):
        return {".jpg", ".jpeg"}
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return {".png"}
    if head.startswith(b"PK\x03\x04"):
        return {".docx", ".xlsx", ".zip"}
    if head[4:8] == b"ftyp":
        return {".mp4"}
    if head.startswith(b"ID3") or head[:2] in (b"\xff\xfb", b"\xff\xf3", b"\xff\xf2"):
        return {".mp3"}
    if head.startswith(b"RIFF") and head[8:12] == b"WAVE":
        return {".wav"}
    return set()


def safe_name(raw: str) -> str:
    """The last path component, without control characters, reserved characters or leading dots."""
    name = unicodedata.normalize("NFC", raw).replace("\\", "/").split("/")[-1]
    name = re.sub(r"[\x00-\x1f\x7f<>:\"|?*]", "", name).strip().lstrip(".")
    stem, ext = os.path.splitext(name)
    stem = stem[:120] or "附件"
    return stem + ext.lower()[:10]


@dataclass(frozen=True)
class StoredFile:
    """A file already written by store(), to attach inside a service's transaction."""

    blob: StoredBlob
    name: str


def store(stream: IO[bytes], *, original_name: str, max_bytes: int | None = None) -> tuple[StoredBlob, str]:
    """Write the stream to disk chunk by chunk while hashing it; return the blob and the safe name.

    Refuses empty, oversized and mistyped files before anything is kept.
    """
    limit = max_bytes if max_bytes is not None else settings.FILE_UPLOAD_MAX_BYTES
    name = safe_name(original_name)
    extension = os.path.splitext(name)[1]
    if extension not in ALLOWED_TYPES:
        allowed = "、".join(sorted({ext.lstrip(".") for ext in ALLOWED_TYPES}))
        raise InvalidInput(
            "不支持的文件类型“%(ext)s”。可上传：%(allowed)s。"
            % {"ext": extension or "无扩展名", "allowed": allowed}
        )
    root = Path(settings.FILE_ROOT)
    (root / "incoming").mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    size = 0
    head = b""
    with tempfile.NamedTemporaryFile(dir=root / "incoming", delete=False) as temporary:
        temporary_path = Path(temporary.name)
        try:
            while chunk := stream.read(CHUNK_BYTES):
                size += len(chunk)
                if size > limit:
                    raise InvalidInput(
                        "文件超过大小上限 %(mb)d MB，未保存。" % {"mb": limit // (1024 * 1024) or 1}
                    )
                if len(head) < 16:
                    head += chunk[: 16 - len(head)]
                digest.update(chunk)
                temporary.write(chunk)
        except BaseException:
            temporary.close()
            temporary_path.unlink(missing_ok=True)
            raise
    try:
        if size == 0:
            raise InvalidInput("文件是空的（0 字节），未保存。")
        if extension not in _sniff(head):
            raise InvalidInput(
                "文件内容与扩展名“%(ext)s”不符（不是%(label)s），未保存。"
                % {"ext": extension, "label": ALLOWED_TYPES[extension].label}
            )
        sha256 = digest.hexdigest()
        blob = StoredBlob.objects.filter(sha256=sha256).first()
        if blob is None:
            blob = StoredBlob(sha256=sha256, size=size, content_type=ALLOWED_TYPES[extension].content_type)
            final_path = Path(default_storage.path(blob.storage_name))
            final_path.parent.mkdir(parents=True, exist_ok=True)
            os.replace(temporary_path, final_path)
            blob.save()
        return blob, name
    finally:
        temporary_path.unlink(missing_ok=True)


def open_blob(blob: StoredBlob) -> IO[bytes]:
    return default_storage.open(blob.storage_name, "rb")


def check_upload_name(original_name: str) -> str:
    """The safe name, if its extension is one we keep; checked before a large upload begins."""
    name = safe_name(original_name)
    if os.path.splitext(name)[1] not in ALLOWED_TYPES:
        allowed = "、".join(sorted({ext.lstrip(".") for ext in ALLOWED_TYPES}))
        raise InvalidInput(
            "不支持的文件类型“%(ext)s”。可上传：%(allowed)s。"
            % {"ext": os.path.splitext(name)[1] or "无扩展名", "allowed": allowed}
        )
    return name


def partial_path(key: str) -> Path:
    if not re.fullmatch(r"[0-9a-f]{32}", key):
        raise ValueError("upload keys are 32 hex digits")
    return Path(settings.FILE_ROOT) / "partial" / key


def append_piece(key: str, stream: Readable, *, offset: int, limit: int) -> int:
    """Write the piece at `offset` of the partial file, streaming; return the bytes written. Writing at
    the offset rather than appending makes a repeated piece (the client retried after a lost reply)
    harmless."""
    path = partial_path(key)
    path.parent.mkdir(parents=True, exist_ok=True)
    written = 0
    with open(path, "r+b" if path.exists() else "wb") as partial:
        partial.seek(offset)
        while chunk := stream.read(CHUNK_BYTES):
            written += len(chunk)
            if written > limit:
                raise InvalidInput("本次上传的数据超过了声明的大小，已停止。")
            partial.write(chunk)
        partial.truncate(offset + written)
    return written


def store_partial(key: str, *, original_name: str, max_bytes: int) -> tuple[StoredBlob, str]:
    """Hash and keep a completed partial file through `store`, then remove the partial file."""
    path = partial_path(key)
    try:
        with open(path, "rb") as partial:
            return store(partial, original_name=original_name, max_bytes=max_bytes)
    finally:
        path.unlink(missing_ok=True)
