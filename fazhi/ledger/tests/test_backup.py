"""Backup and restore, and a log that cannot fork silently: every signed checkpoint is kept as a file;
signing refuses a tree that does not extend the last one; ledger_verify names the first fork; restore
refuses a backup older than the newest checkpoint unless the fork is accepted, and recorded, with a
reason. Transactional: a restore replaces the whole database, which a test's open transaction would
not allow."""

import hashlib
import io
import json
import re
import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.utils import timezone

from conftest import run_manage
from fazhi.core import services as core_services
from fazhi.core.models import IdType, OrganisationKind, PartyKind, StoredBlob
from fazhi.ledger import backup, checkpoint, checkpoint_files, services
from fazhi.ledger.events import LedgerEvent
from fazhi.ledger.models import Checkpoint, Event, LedgerHead

PDF = b"%PDF-1.4\n site inspection record \n%%EOF\n"


def write_events(world, count: int) -> None:
    """`count` new events: one department set up each."""
    start = Event.objects.count()
    for number in range(count):
        core_services.create_organisation(
            world.admin, name=f"工作组{start + number}", kind=OrganisationKind.DEPARTMENT, parent=world.town
        )
    assert Event.objects.count() == start + count


def verify_output() -> str:
    out = io.StringIO()
    call_command("ledger_verify", stdout=out, stderr=io.StringIO())
    return out.getvalue()


def run(*args: str) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db(transaction=True)
def test_backup_writes_restore_writes_and_the_fork_is_found_refused_and_accepted(world, tmp_path):
    party = core_services.register_party(
        world.officer,
        core_services.PartyInput(
            kind=PartyKind.PERSON, name="刘某", id_type=IdType.PASSPORT, id_number="E1234567"
        ),
    ).party
    core_services.attach_file(
        world.officer,
        subject=party,
        organisation=party.organisation,
        stream=io.BytesIO(PDF),
        original_name="笔录.pdf",
    )
    at_backup = services.make_checkpoint()
    assert at_backup is not None
    kept = checkpoint_files.directory() / checkpoint_files.note_name(
        at_backup.tree_size, bytes(at_backup.root_hash)
    )
    assert kept.read_text(encoding="utf-8") == at_backup.note

    saved = tmp_path / "backup"
    assert "已备份到" in run("backup", "--out", str(saved))
    manifest = json.loads((saved / backup.MANIFEST).read_text(encoding="utf-8"))
    assert manifest["ledger"]["size"] == at_backup.tree_size
    assert manifest["ledger"]["root"] == bytes(at_backup.root_hash).hex()
    assert manifest["newest_checkpoint"]["file"] == kept.name
    listed = {item["path"] for item in manifest["files"]}
    blob = StoredBlob.objects.get()
    assert f"files/{blob.storage_name}" in listed
    assert f"checkpoints/{kept.name}" in listed

    # Work goes on after the backup and is signed.
    write_events(world, 3)
    after_backup = services.make_checkpoint()
    assert after_backup is not None
    abandoned = checkpoint_files.note_name(after_backup.tree_size, bytes(after_backup.root_hash))

    # restore refuses a backup older than the newest checkpoint, and changes nothing.
    with pytest.raises(CommandError, match="拒绝恢复：备份只有 %d 条记录" % at_backup.tree_size):
        run("restore", str(saved))
    assert LedgerHead.objects.get().size == after_backup.tree_size
    assert "校验通过" in verify_output()

    # The accident of issue 14: the old database put back by hand, and the work carries on.
    backup.restore_database(saved, manifest)
    assert LedgerHead.objects.get().size == at_backup.tree_size
    write_events(world, 3)
    with pytest.raises(checkpoint_files.ForkError, match=re.escape(f"与已签名的检查点 {abandoned}")):
        services.make_checkpoint()
    with pytest.raises(CommandError, match=re.escape(f"拒绝签名：数据库的记录与已签名的检查点 {abandoned}")):
        run("ledger_checkpoint")
    assert not Checkpoint.objects.filter(tree_size=after_backup.tree_size).exists()
    with pytest.raises(
        CommandError,
        match=re.escape(
            f"日志分叉：数据库的前 {after_backup.tree_size} 条记录与检查点文件 {abandoned} 签名时不同"
        ),
    ):
        verify_output()

    # Restored properly, with the fork accepted: it is the first event after the backup's last one.
    with pytest.raises(CommandError, match="拒绝恢复"):
        run("restore", str(saved))
    reason = "服务器硬盘损坏，2026-12-05 之后的数据无法找回"
    stored = Path(settings.FILE_ROOT) / blob.storage_name
    stored.unlink()
    said = run("restore", str(saved), "--accept-fork", reason)
    assert f"已接受分叉并记入第 {at_backup.tree_size} 号记录" in said
    assert stored.read_bytes() == PDF
    fork_event = Event.objects.get(sequence=at_backup.tree_size)
    assert fork_event.action == LedgerEvent.FORK_ACCEPTED
    payload = json.loads(fork_event.entry)["payload"]
    assert payload["reason"] == reason
    assert payload["lost"] == {"from": at_backup.tree_size, "to": after_backup.tree_size - 1}
    assert payload["abandoned"] == [
        {"file": abandoned, "size": after_backup.tree_size, "root": bytes(after_backup.root_hash).hex()}
    ]

    # The new branch is signed and carries on, past the abandoned checkpoint's size.
    write_events(world, 4)
    carried_on = services.make_checkpoint()
    assert carried_on is not None
    assert carried_on.tree_size > after_backup.tree_size
    output = verify_output()
    assert "校验通过" in output
    assert f"放弃了检查点 {abandoned}；原因：{reason}（第 {at_backup.tree_size} 号记录）" in output

    # The fork file's list decides which checkpoints the signed line skips: one added to it after the
    # event was recorded (a good checkpoint quietly dropped from the line) is a fork nobody recorded.
    (fork_file,) = (checkpoint_files.directory() / checkpoint_files.FORKS).glob("*.json")
    record = json.loads(fork_file.read_text(encoding="utf-8"))
    dropped = checkpoint_files.note_name(carried_on.tree_size, bytes(carried_on.root_hash))
    edited = {**record, "abandoned": [*record["abandoned"], dropped]}
    fork_file.write_text(json.dumps(edited, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(CommandError, match="不是接受这次分叉的记录"):
        verify_output()


@pytest.mark.django_db(transaction=True)
def test_restore_refuses_a_damaged_or_incomplete_backup_and_changes_nothing(world, tmp_path):
    services.make_checkpoint()
    saved = tmp_path / "backup"
    run("backup", "--out", str(saved))
    write_events(world, 1)
    size = LedgerHead.objects.get().size
    note = next(saved.glob("checkpoints/*.note"))
    original = note.read_bytes()
    note.write_bytes(original.replace(b"\n", b"\r\n", 1))
    with pytest.raises(
        CommandError, match=re.escape(f"备份已损坏：文件 checkpoints/{note.name} 与清单记录的 SHA-256 不符")
    ):
        run("restore", str(saved))
    note.write_bytes(original)
    database = (
        saved / backup.SQLITE_FILE if (saved / backup.SQLITE_FILE).exists() else saved / backup.POSTGRES_FILE
    )
    database.unlink()
    with pytest.raises(CommandError, match=re.escape(f"备份不完整：缺少文件 {database.name}")):
        run("restore", str(saved))
    assert LedgerHead.objects.get().size == size
    with pytest.raises(CommandError, match=re.escape("没有 manifest.json")):
        run("restore", str(tmp_path))
    with pytest.raises(CommandError, match="不是空的"):
        run("backup", "--out", str(saved))
    with pytest.raises(CommandError, match="须写明原因"):
        run("restore", str(saved), "--accept-fork", " ")


@pytest.mark.django_db(transaction=True)
def test_restore_refuses_a_backup_from_another_branch_of_the_same_length(world, tmp_path):
    signed = services.make_checkpoint()
    assert signed is not None
    saved = tmp_path / "backup"
    run("backup", "--out", str(saved))
    # The kept checkpoint at the backup's size signs another tree: the backup is from another branch.
    (
        checkpoint_files.directory() / checkpoint_files.note_name(signed.tree_size, bytes(signed.root_hash))
    ).unlink()
    key = checkpoint.signing_key()
    other_root = hashlib.sha256(b"another branch").digest()
    note = key.sign_note(checkpoint.checkpoint_text(key.name, signed.tree_size, other_root, timezone.now()))
    other = checkpoint_files.note_name(signed.tree_size, other_root)
    checkpoint_files.write_once(checkpoint_files.directory() / other, note)
    with pytest.raises(CommandError, match=re.escape(f"与同样大小的检查点 {other} 不同")):
        run("restore", str(saved))


WRITES = """
import datetime
from fazhi.core import services
system = services.system_actor()
for number in range(40):
    services.save_holiday_override(
        system, day=datetime.date(2031, 1, 1) + datetime.timedelta(days=number), is_working_day=False,
        name="测试", source="",
    )
"""


def test_an_online_backup_keeps_what_a_copy_of_the_database_file_loses(tmp_path):
    """Issue 14's finding: a copy of var/fazhi.sqlite3 made while the server ran lacked the events still
    in the WAL file. Here a reader holds its snapshot, as a busy server's requests do, so nothing written
    meanwhile reaches the main file; `manage.py backup` still has every committed event."""
    var = tmp_path / "var"

    def manage(*args: str) -> subprocess.CompletedProcess[str]:
        done = run_manage(*args, var_dir=var, env={"FAZHI_DEBUG": "1"})
        assert done.returncode == 0, done.stdout + done.stderr
        return done

    manage("migrate", "--noinput")
    database = var / "fazhi.sqlite3"
    reader = sqlite3.connect(database, isolation_level=None)
    try:
        reader.execute("BEGIN")
        reader.execute("SELECT count(*) FROM ledger_event").fetchone()
        manage("shell", "-c", WRITES)
        live = sqlite3.connect(database)
        committed = live.execute("SELECT count(*) FROM ledger_event").fetchone()[0]
        live.close()
        assert committed >= 40
        naive = tmp_path / "copied.sqlite3"
        shutil.copy(database, naive)
        copied = sqlite3.connect(naive)
        assert copied.execute("SELECT count(*) FROM ledger_event").fetchone()[0] < committed
        copied.close()
        manage("backup", "--out", str(tmp_path / "backup"))
    finally:
        reader.close()
    manifest = json.loads((tmp_path / "backup" / backup.MANIFEST).read_text(encoding="utf-8"))
    assert manifest["ledger"]["size"] == committed
    saved = sqlite3.connect(tmp_path / "backup" / backup.SQLITE_FILE)
    assert saved.execute("SELECT count(*) FROM ledger_event").fetchone()[0] == committed
    saved.close()
