"""Every signed checkpoint kept outside the database, so that a database restored from an old copy cannot
fork the log without anyone noticing.

The directory settings.LEDGER_CHECKPOINT_DIR (FAZHI_LEDGER_CHECKPOINT_DIR, default var/ledger/checkpoints/)
holds:

    <size, 20 digits>-<first 16 hex digits of the root>.note   one signed note per checkpoint
    forks/<time>-<size>.json                                   one record per accepted fork

Files are written whole beside their final name and linked into place, so a reader never sees half a
note and an existing file is never overwritten. A checkpoint file stays for good: when a restore is
accepted as a fork (`manage.py restore --accept-fork`), the fork record lists the checkpoints of the
abandoned branch, and the ledger event that recorded the fork.

The checkpoints that no accepted fork abandons are the log's signed line: each must be consistent with
every other (RFC 9162 consistency), and the database's tree must hold each of them. Two files at the same
size with different roots, or a file whose root the database's tree does not reach, is a fork.
"""

from __future__ import annotations

import datetime
import json
import os
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path

from django.conf import settings

from fazhi.core.errors import DomainError
from fazhi.ledger import checkpoint, tree
from fazhi.ledger.verify import NoteError, verify_consistency

NOTE_SUFFIX = ".note"
FORKS = "forks"


class ForkError(DomainError):
    """The database's tree does not extend a checkpoint kept in the directory: the log would fork. No
    one can act on it but the operator (see the README's operations section), so pages and the API
    answer 503 with the reason."""

    status_code = 503


@dataclass(frozen=True)
class KeptCheckpoint:
    name: str
    size: int
    root: bytes
    note: str


@dataclass(frozen=True)
class AcceptedFork:
    name: str
    accepted_at: str
    reason: str
    event: int
    restored_size: int
    abandoned: list[str]


def directory() -> Path:
    return Path(settings.LEDGER_CHECKPOINT_DIR)


def note_name(size: int, root: bytes) -> str:
    return f"{size:020d}-{root.hex()[:16]}{NOTE_SUFFIX}"


def write_once(path: Path, text: str) -> bool:
    """Write `text` to `path` unless it exists: whole, then linked into place. False when it existed
    (a file of the same name is never replaced)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=path.parent, delete=False) as draft:
        draft.write(text)
        draft.flush()
        os.fsync(draft.fileno())
    written = Path(draft.name)
    try:
        os.link(written, path)
    except FileExistsError:
        return False
    finally:
        written.unlink()
    return True


def read_checkpoint(path: Path, vkey: str) -> KeptCheckpoint:
    """One checkpoint file, its signature checked; an error naming the file when it does not hold."""
    note = path.read_text(encoding="utf-8")
    try:
        size, root = checkpoint.signed_checkpoint(note, vkey)
    except NoteError as error:
        raise ForkError("检查点文件 %(f)s 的签名无效：%(e)s。" % {"f": path.name, "e": error}) from error
    if path.name != note_name(size, root):
        raise ForkError("检查点文件 %(f)s 的名称与其签名内容不符。" % {"f": path.name})
    return KeptCheckpoint(name=path.name, size=size, root=root, note=note)


def note_paths(folder: Path | None = None) -> list[Path]:
    """Every checkpoint file, smallest size first (the names start with the zero-padded size)."""
    folder = folder or directory()
    return sorted(folder.glob("*" + NOTE_SUFFIX)) if folder.is_dir() else []


def read_forks(folder: Path | None = None) -> list[AcceptedFork]:
    folder = (folder or directory()) / FORKS
    forks = []
    for path in sorted(folder.glob("*.json")) if folder.is_dir() else []:
        try:
            forks.append(AcceptedFork(name=path.name, **json.loads(path.read_text(encoding="utf-8"))))
        except (ValueError, TypeError) as error:
            raise ForkError("分叉记录 %(f)s 无法读取：%(e)s。" % {"f": path.name, "e": error}) from error
    return forks


def signed_line(folder: Path | None = None) -> list[Path]:
    """The checkpoint files that no accepted fork abandoned, smallest first."""
    abandoned = {name for fork in read_forks(folder) for name in fork.abandoned}
    return [path for path in note_paths(folder) if path.name not in abandoned]


def check_extends(kept: KeptCheckpoint, size: int, root: bytes) -> None:
    """Refuse a tree of `size` leaves under `root` that is not an append-only extension of `kept`,
    proved as an outside auditor would: a consistency proof from the database's tree, checked against
    the two roots."""
    if size < kept.size:
        raise ForkError(
            "数据库只有 %(n)d 条记录，少于已签名的检查点 %(f)s（%(s)d 条）：已签名的记录丢失，日志分叉。"
            % {"n": size, "f": kept.name, "s": kept.size}
        )
    proof = tree.consistency_proof(kept.size, size)
    if not verify_consistency(kept.size, size, kept.root, root, proof):
        raise ForkError(
            "数据库的记录与已签名的检查点 %(f)s（%(s)d 条）不一致：前 %(s)d 条记录与签名时不同，日志分叉。"
            % {"f": kept.name, "s": kept.size}
        )


def keep(note: str, size: int, root: bytes, vkey: str) -> None:
    """Keep a newly signed checkpoint, after checking that it extends the last one kept (the only one
    whose signature is checked here: ledger_verify checks them all). Raises ForkError, keeping nothing,
    when it does not."""
    last = newest(vkey)
    if last is not None:
        check_extends(last, size, root)
    write_once(directory() / note_name(size, root), note)


def newest(vkey: str, folder: Path | None = None) -> KeptCheckpoint | None:
    """The newest checkpoint of the signed line: the greatest name (they start with the zero-padded
    size), found without sorting a directory that gains a file at every signing."""
    abandoned = {name for fork in read_forks(folder) for name in fork.abandoned}
    folder = folder or directory()
    names = (
        (path for path in folder.glob("*" + NOTE_SUFFIX) if path.name not in abandoned)
        if folder.is_dir()
        else ()
    )
    last = max(names, default=None, key=lambda path: path.name)
    return read_checkpoint(last, vkey) if last is not None else None


def not_held(size: int, vkey: str) -> list[KeptCheckpoint]:
    """The checkpoints of the signed line that the database's tree of `size` leaves does not hold."""
    held_out = []
    for path in signed_line():
        kept = read_checkpoint(path, vkey)
        if kept.size > size or tree.root(kept.size) != kept.root:
            held_out.append(kept)
    return held_out


def accept_fork(
    *, reason: str, event: int, restored_size: int, abandoned: list[KeptCheckpoint], now: datetime.datetime
) -> AcceptedFork:
    """Record that the checkpoints in `abandoned` belong to a branch given up on purpose, and why."""
    fork = AcceptedFork(
        name=f"{now:%Y%m%dT%H%M%S}-{restored_size:020d}.json",
        accepted_at=now.isoformat(timespec="seconds"),
        reason=reason,
        event=event,
        restored_size=restored_size,
        abandoned=[kept.name for kept in abandoned],
    )
    record = {key: value for key, value in asdict(fork).items() if key != "name"}
    write_once(directory() / FORKS / fork.name, json.dumps(record, ensure_ascii=False, indent=2) + "\n")
    return fork
