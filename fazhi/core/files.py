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
from django.core import signing
from django.core.files import File
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile

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


def store(stream: Readable, *, original_name: str, max_bytes: int | None = None) -> tuple[StoredBlob, str]:
    """Write the stream to a staging file chunk by chunk while hashing it, then keep it in the file
    storage under its hash; return the blob and the safe name.

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
            _keep(temporary_path, blob.storage_name)
            blob.save()
        return blob, name
    finally:
        temporary_path.unlink(missing_ok=True)


def open_blob(blob: StoredBlob) -> IO[bytes]:
    return default_storage.open(blob.storage_name, "rb")


# A file chosen on a form that is then refused (a date missing, a rule not met) is kept, so that the
# user corrects the form without choosing the file again: it is stored like any upload (under its
# hash, so saving it later stores nothing twice) and the page carries a signed token naming it, which
# only the same user can redeem, for a day.
HELD_SALT = "fazhi.core.files.held"
HELD_MAX_AGE_SECONDS = 24 * 60 * 60


@dataclass(frozen=True)
class HeldFile:
    token: str
    name: str


def hold(upload: UploadedFile, *, staff_id: int) -> HeldFile:
    """Keep a chosen file across a refused form; raises InvalidInput for a file store() refuses."""
    already = getattr(upload, "held", None)
    if isinstance(already, HeldFile):
        return already
    upload.seek(0)
    blob, name = store(upload, original_name=upload.name or "")
    token = signing.dumps({"blob": blob.pk, "name": name, "staff": staff_id}, salt=HELD_SALT)
    return HeldFile(token=token, name=name)


def redeem(token: str, *, staff_id: int) -> UploadedFile | None:
    """The kept file as an upload again, for the form to clean and the view to store; None for a token
    that is forged, expired, another user's or names no file."""
    try:
        value = signing.loads(token, salt=HELD_SALT, max_age=HELD_MAX_AGE_SECONDS)
    except signing.BadSignature:
        return None
    if (
        not isinstance(value, dict)
        or value.get("staff") != staff_id
        or not isinstance(value.get("blob"), int)
    ):
        return None
    blob = StoredBlob.objects.filter(pk=value["blob"]).first()
    if blob is None:
        return None
    upload = UploadedFile(open_blob(blob), name=value["name"], content_type=blob.content_type, size=blob.size)
    upload.held = HeldFile(token=token, name=value["name"])  # type: ignore[attr-defined]
    return upload


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


def _keep(staged: Path, storage_name: str) -> None:
    """Move the hashed staging file to its place in the file storage. On local disk a rename; on object
    storage (a city's S3-compatible store) an upload streamed from the staging file, in parts."""
    try:
        final_path = Path(default_storage.path(storage_name))
    except NotImplementedError:
        with open(staged, "rb") as content:
            default_storage.save(storage_name, File(content))
        return
    final_path.parent.mkdir(parents=True, exist_ok=True)
    os.replace(staged, final_path)


# A resumable upload keeps each piece as its own stored file, named by its offset, in the same storage as
# the blobs: with several application servers, or object storage, the next piece may reach another
# server, so no piece may live only on one server's disk.
PARTIAL_DIRECTORY = "partial"


def _partial_directory(key: str) -> str:
    if not re.fullmatch(r"[0-9a-f]{32}", key):
        raise ValueError("upload keys are 32 hex digits")
    return f"{PARTIAL_DIRECTORY}/{key}"


def _piece_name(key: str, offset: int) -> str:
    return f"{_partial_directory(key)}/{offset:016d}"


def append_piece(key: str, stream: Readable, *, offset: int, limit: int) -> int:
    """Keep the piece that starts at `offset`, streaming; return the bytes received. A piece sent again
    at the same offset (the client retried after a lost reply) replaces the one before."""
    staging = Path(settings.FILE_ROOT) / "incoming"
    staging.mkdir(parents=True, exist_ok=True)
    written = 0
    # A piece is at most UPLOAD_CHUNK_MAX_BYTES: held in memory up to one read, on disk beyond.
    with tempfile.SpooledTemporaryFile(max_size=CHUNK_BYTES, dir=str(staging)) as piece:
        while chunk := stream.read(CHUNK_BYTES):
            written += len(chunk)
            if written > limit:
                raise InvalidInput("本次上传的数据超过了声明的大小，已停止。")
            piece.write(chunk)
        # The storage replaces a name saved again (settings.STORAGES: allow_overwrite, file_overwrite).
        default_storage.save(_piece_name(key, offset), File(piece))
    return written


class _Pieces:
    """The pieces of one upload read in order as one stream: each begins where the one before ended."""

    def __init__(self, key: str, total_bytes: int) -> None:
        self.key = key
        self.total_bytes = total_bytes
        self.offset = 0
        self.current: IO[bytes] | None = None
        self.current_starts = 0

    def read(self, size: int, /) -> bytes:
        while self.offset < self.total_bytes:
            if self.current is None:
                try:
                    self.current = default_storage.open(_piece_name(self.key, self.offset), "rb")
                except FileNotFoundError:
                    break
                self.current_starts = self.offset
            chunk = self.current.read(size)
            if chunk:
                self.offset += len(chunk)
                return chunk
            self.current.close()
            self.current = None
            if self.offset == self.current_starts:
                break  # an empty piece: opening the same offset again would never end
        if self.offset != self.total_bytes:
            raise InvalidInput(
                "上传的文件不完整（只找到 %(got)d / %(total)d 字节），请重新上传。"
                % {"got": self.offset, "total": self.total_bytes}
            )
        return b""

    def close(self) -> None:
        if self.current is not None:
            self.current.close()


def store_partial(
    key: str, *, original_name: str, total_bytes: int, max_bytes: int
) -> tuple[StoredBlob, str]:
    """Hash and keep the pieces of a completed upload through `store`, then remove the pieces."""
    pieces = _Pieces(key, total_bytes)
    try:
        return store(pieces, original_name=original_name, max_bytes=max_bytes)
    finally:
        pieces.close()
        discard_partial(key)


def discard_partial(key: str) -> None:
    """Remove every piece of an upload (finished or abandoned)."""
    directory = _partial_directory(key)
    try:
        _subdirectories, names = default_storage.listdir(directory)
    except FileNotFoundError:
        return
    for name in names:
        default_storage.delete(f"{directory}/{name}")
    # Local disk keeps the emptied directory otherwise; object storage has no directories to remove.
    default_storage.delete(directory)
