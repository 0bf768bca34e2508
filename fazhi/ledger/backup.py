"""Backup and restore of a whole Fazhi installation: the database, the stored files and the checkpoint
files, with a manifest of SHA-256 sums (manage.py backup / restore).

A backup directory holds:

    manifest.json        what is in it: each file's path, size and SHA-256; when it was made; the
                         ledger's size and root in the database copy; the newest checkpoint kept then
    database.sqlite3     SQLite: a copy made with SQLite's online backup API (consistent, WAL included)
    database.dump        PostgreSQL: pg_dump's custom format, taken in the snapshot the ledger's size
                         and root were read in
    files/               the stored files (FILE_ROOT), when they are on this machine's disk
    checkpoints/         the checkpoint files (LEDGER_CHECKPOINT_DIR), forks/ included

Restoring a backup older than the newest kept checkpoint would lose signed events and fork the log when
writing carries on; restore refuses it unless the fork is accepted with a reason, which then becomes the
first event of the restored log.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.core.files.storage import FileSystemStorage, storages
from django.db import connection, transaction
from django.utils import timezone

from fazhi.core.services import system_actor
from fazhi.ledger import checkpoint, checkpoint_files, services, tree
from fazhi.ledger.events import LedgerEvent
from fazhi.ledger.models import Event, LedgerHead
from fazhi.ledger.record import record
from fazhi.ledger.verify import file_sha256, root_from_leaf_hashes

FORMAT = "fazhi-backup/v1"
MANIFEST = "manifest.json"
SQLITE_FILE = "database.sqlite3"
POSTGRES_FILE = "database.dump"
FILES = "files"
CHECKPOINTS = "checkpoints"
# Uploads in progress: neither finished nor recorded, so not part of any consistent state.
TRANSIENT = {"incoming", "partial"}


class BackupError(Exception):
    """A backup or restore refused, with the reason in Chinese; nothing was changed."""


@dataclass(frozen=True)
class Restored:
    ledger_size: int
    fork: checkpoint_files.AcceptedFork | None


def sha256_of(path: Path) -> str:
    with path.open("rb") as handle:
        return file_sha256(handle)


def _files_under(root: Path, skip: frozenset[str] = frozenset()) -> Iterator[Path]:
    """Every regular file below `root`, as paths relative to it, skipping top-level folders in `skip`."""
    if not root.is_dir():
        return
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root)
        if path.is_file() and relative.parts[0] not in skip:
            yield relative


def stored_files_root() -> Path | None:
    """Where the stored files are, when they are on this machine's disk (a town's FileSystemStorage);
    None when they are kept elsewhere (object storage), which is backed up its own way."""
    storage = storages["default"]
    return Path(storage.location) if isinstance(storage, FileSystemStorage) else None


# ------------------------------------------------------------------------------------------ backup


def make_backup(out: Path) -> dict[str, Any]:
    """Write a consistent backup into `out` (a new or empty directory) and return its manifest.

    The checkpoint files are copied first, so the database copy holds every checkpoint in the backup
    (one signed while the backup runs would otherwise claim events the copy lacks); then the database,
    in one consistent state; then the stored files, which are only ever added, so every file the
    database copy refers to is there."""
    if out.exists() and any(out.iterdir()):
        raise BackupError("备份目录 %(d)s 不是空的：每次备份请用新的目录。" % {"d": out})
    out.mkdir(parents=True, exist_ok=True)
    kept = checkpoint_files.directory()
    for relative in _files_under(kept):
        # Only finished files: a checkpoint being signed meanwhile is written under a temporary name.
        if relative.suffix in {checkpoint_files.NOTE_SUFFIX, ".json"}:
            _copy(kept / relative, out / CHECKPOINTS / relative)
    if connection.vendor == "sqlite":
        database_file = _backup_sqlite(out / SQLITE_FILE)
        ledger = _sqlite_ledger(out / SQLITE_FILE)
    elif connection.vendor == "postgresql":
        database_file = POSTGRES_FILE
        ledger = _backup_postgres(out / POSTGRES_FILE)
    else:
        raise BackupError("不支持备份 %(v)s 数据库。" % {"v": connection.vendor})
    files_root = stored_files_root()
    if files_root is not None:
        for relative in _files_under(files_root, frozenset(TRANSIENT)):
            _copy(files_root / relative, out / FILES / relative)
    vkey = checkpoint.signing_key().verifier_key
    newest = checkpoint_files.newest(vkey, out / CHECKPOINTS)
    manifest = {
        "format": FORMAT,
        "created_at": timezone.now().isoformat(timespec="seconds"),
        "database": {"vendor": connection.vendor, "file": database_file},
        "stored_files_included": files_root is not None,
        "ledger": ledger,
        "newest_checkpoint": (
            {"file": newest.name, "size": newest.size, "root": newest.root.hex()} if newest else None
        ),
        "files": [
            {
                "path": relative.as_posix(),
                "size": (out / relative).stat().st_size,
                "sha256": sha256_of(out / relative),
            }
            for relative in _files_under(out)
        ],
    }
    checkpoint_files.write_once(out / MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=2) + "\n")
    return manifest


def _copy(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(source, target)


def _backup_sqlite(target: Path) -> str:
    """SQLite's online backup API, from the running database: a consistent copy even while the server
    writes, with what is still in the WAL file."""
    connection.ensure_connection()
    copy = sqlite3.connect(target)
    try:
        connection.connection.backup(copy)
    finally:
        copy.close()
    return target.name


def _sqlite_ledger(copy_path: Path) -> dict[str, object]:
    """The ledger's size and root as they are in the copy, recomputed from its leaves."""
    copy = sqlite3.connect(copy_path)
    try:
        head = copy.execute("SELECT size FROM ledger_ledgerhead WHERE id = 1").fetchone()
        leaves = [
            bytes(row[0]) for row in copy.execute("SELECT leaf_hash FROM ledger_event ORDER BY sequence")
        ]
    finally:
        copy.close()
    size = head[0] if head else 0
    return {"size": size, "root": root_from_leaf_hashes(leaves[:size]).hex()}


def _pg_command(program: str) -> tuple[list[str], dict[str, str]]:
    """`program` with the connection's host, port, user and database, and its password in the
    environment (never on the command line)."""
    params = connection.settings_dict
    command = [shutil.which(program) or program, "--dbname", params["NAME"]]
    for flag, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if params.get(key):
            command += [flag, str(params[key])]
    env = dict(os.environ)
    if params.get("PASSWORD"):
        env["PGPASSWORD"] = str(params["PASSWORD"])
    return command, env


def _run(command: list[str], env: dict[str, str]) -> None:
    try:
        done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    except FileNotFoundError as error:
        raise BackupError("找不到 %(p)s：请安装 PostgreSQL 客户端程序。" % {"p": command[0]}) from error
    if done.returncode != 0:
        raise BackupError("%(p)s 失败：%(e)s" % {"p": Path(command[0]).name, "e": done.stderr.strip()})


def _backup_postgres(target: Path) -> dict[str, object]:
    """pg_dump in the snapshot of a read-only transaction that also reads the ledger's size and root, so
    the manifest describes exactly the dumped state."""
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            cursor.execute("SELECT pg_export_snapshot()")
            (snapshot,) = cursor.fetchone()
        head = LedgerHead.objects.filter(id=1).first()
        size = head.size if head else 0
        root = tree.root(size)
        command, env = _pg_command("pg_dump")
        _run(
            [*command, "--format=custom", "--no-owner", f"--snapshot={snapshot}", "--file", str(target)], env
        )
    return {"size": size, "root": root.hex()}


# ----------------------------------------------------------------------------------------- restore


def read_manifest(source: Path) -> dict[str, Any]:
    """The backup's manifest, after checking every file it lists is there with its size and SHA-256."""
    path = source / MANIFEST
    if not path.is_file():
        raise BackupError("%(d)s 不是 Fazhi 的备份：没有 %(m)s。" % {"d": source, "m": MANIFEST})
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except ValueError as error:
        raise BackupError("备份清单 %(m)s 无法读取：%(e)s" % {"m": MANIFEST, "e": error}) from error
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError("备份清单 %(m)s 的格式不是 %(f)s。" % {"m": MANIFEST, "f": FORMAT})
    for item in manifest["files"]:
        listed = source / item["path"]
        if not listed.is_file():
            raise BackupError("备份不完整：缺少文件 %(p)s。" % {"p": item["path"]})
        if listed.stat().st_size != item["size"] or sha256_of(listed) != item["sha256"]:
            raise BackupError("备份已损坏：文件 %(p)s 与清单记录的 SHA-256 不符。" % {"p": item["path"]})
    if manifest["database"]["vendor"] != connection.vendor:
        raise BackupError(
            "这是 %(b)s 数据库的备份，不能恢复到 %(v)s 数据库。"
            % {"b": manifest["database"]["vendor"], "v": connection.vendor}
        )
    return manifest


def restore_backup(source: Path, *, accept_fork: str | None = None) -> Restored:
    """Restore the backup in `source` over the database, the stored files and the checkpoint files.

    Refused, changing nothing, when the manifest does not hold, or when the backup's ledger is older than
    the newest kept checkpoint, unless `accept_fork` gives the reason: the fork, its reason, the events
    lost and the checkpoints given up are then recorded as the first event after the restore."""
    manifest = read_manifest(source)
    restored_size = int(manifest["ledger"]["size"])
    vkey = checkpoint.signing_key().verifier_key
    newest = [
        kept
        for kept in (checkpoint_files.newest(vkey), checkpoint_files.newest(vkey, source / CHECKPOINTS))
        if kept is not None
    ]
    other_branch = [
        kept
        for kept in newest
        if kept.size == restored_size and kept.root.hex() != manifest["ledger"]["root"]
    ]
    if other_branch and not accept_fork:
        raise BackupError(
            "拒绝恢复：备份的 %(n)d 条记录与同样大小的检查点 %(f)s 不同（备份来自日志的另一分支）。"
            '如确需恢复，请加 --accept-fork "原因"，分叉与原因将记入日志。'
            % {"n": restored_size, "f": other_branch[0].name}
        )
    ahead = max(newest, key=lambda kept: kept.size, default=None)
    if ahead is not None and ahead.size > restored_size and not accept_fork:
        raise BackupError(
            "拒绝恢复：备份只有 %(n)d 条记录，而检查点 %(f)s 已签名 %(s)d 条。恢复后第 %(n)d 至 %(last)d 号"
            "记录将丢失，继续写入会使日志分叉。如确需恢复（例如更新的数据已无法找回），请加 "
            '--accept-fork "原因"，分叉与原因将记入日志。'
            % {"n": restored_size, "f": ahead.name, "s": ahead.size, "last": ahead.size - 1}
        )
    restore_database(source, manifest)
    files_root = stored_files_root()
    if files_root is not None:
        sums = {item["path"]: item["sha256"] for item in manifest["files"]}
        for relative in _files_under(source / FILES):
            target = files_root / relative
            if not target.is_file() or sha256_of(target) != sums[(FILES / relative).as_posix()]:
                _copy(source / FILES / relative, target)
    for relative in _files_under(source / CHECKPOINTS):
        target = checkpoint_files.directory() / relative
        if not target.exists():
            checkpoint_files.write_once(target, (source / CHECKPOINTS / relative).read_text(encoding="utf-8"))
    held_out = checkpoint_files.not_held(restored_size, vkey)
    if not held_out:
        return Restored(ledger_size=restored_size, fork=None)
    if not accept_fork:
        raise BackupError(
            "已恢复，但恢复的记录与检查点 %(f)s 不一致（备份来自另一分支）：写入前请用 "
            '--accept-fork "原因" 重新恢复。' % {"f": held_out[0].name}
        )
    return Restored(ledger_size=restored_size, fork=_accept_fork(accept_fork, restored_size, held_out))


def restore_database(source: Path, manifest: dict[str, Any]) -> None:
    """Put the backup's database in place of the current one, and nothing else: no check of the
    checkpoints (restore_backup does that first)."""
    database_file = source / manifest["database"]["file"]
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        backup = sqlite3.connect(database_file)
        try:
            backup.backup(connection.connection)
        finally:
            backup.close()
        return
    connection.close()
    command, env = _pg_command("pg_restore")
    _run(
        [
            *command,
            "--clean",
            "--if-exists",
            "--no-owner",
            "--single-transaction",
            "--exit-on-error",
            str(database_file),
        ],
        env,
    )


def _accept_fork(
    reason: str, restored_size: int, abandoned: list[checkpoint_files.KeptCheckpoint]
) -> checkpoint_files.AcceptedFork:
    """The fork, recorded before anything else is written: an event saying why, which events were lost
    and which signed checkpoints are given up; then the record beside the checkpoint files, and a new
    checkpoint that continues the signed line from the restored state."""
    event = _record_fork(reason, restored_size, abandoned)
    fork = checkpoint_files.accept_fork(
        reason=reason,
        event=event.sequence,
        restored_size=restored_size,
        abandoned=abandoned,
        now=timezone.now(),
    )
    services.make_checkpoint()
    return fork


@transaction.atomic(durable=True)
def _record_fork(reason: str, restored_size: int, abandoned: list[checkpoint_files.KeptCheckpoint]) -> Event:
    head, _ = LedgerHead.objects.get_or_create(id=1)
    return record(
        system_actor(),
        LedgerEvent.FORK_ACCEPTED,
        head,
        {
            "reason": reason,
            "restored_size": restored_size,
            "lost": {"from": restored_size, "to": max(kept.size for kept in abandoned) - 1},
            "abandoned": [
                {"file": kept.name, "size": kept.size, "root": kept.root.hex()} for kept in abandoned
            ],
        },
    )
