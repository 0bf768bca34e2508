"""ledger_verify on a real database: it passes on an honest log and catches each kind of tampering,
naming where. Tampering means going around Fazhi with SQL, so each test first lifts the triggers."""

import base64
import hashlib
import io
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import Client
from django.utils import timezone

from conftest import set_ledger_triggers
from fazhi.core import services as core_services
from fazhi.core.models import OrganisationKind
from fazhi.ledger import checkpoint, checkpoint_files, services
from fazhi.ledger.models import Checkpoint, Event
from fazhi.ledger.verify import verify_bundle
from fazhi.testing.api import token_client

ROOT = Path(__file__).resolve().parents[3]


def sign_now() -> Checkpoint:
    signed = services.make_checkpoint()
    assert signed is not None
    return signed


def verify_output() -> str:
    out, err = io.StringIO(), io.StringIO()
    call_command("ledger_verify", "--progress-every", "5", stdout=out, stderr=err)
    return out.getvalue() + err.getvalue()


def one_byte_changed(entry: str) -> str:
    """The entry with one digit of its payload's neighbourhood changed: the "org" id."""
    position = entry.index('"org":') + len('"org":')
    digit = entry[position]
    return entry[:position] + ("1" if digit != "1" else "2") + entry[position + 1 :]


def with_forged_signature(note: str) -> str:
    """The note with one byte of its signature flipped, as someone forging a checkpoint would leave it."""
    text, _, signature_line = note.rpartition("\n\n")
    name, _, encoded = signature_line.strip().rpartition(" ")
    raw = bytearray(base64.b64decode(encoded))
    raw[10] ^= 0xFF
    return f"{text}\n\n{name} {base64.b64encode(bytes(raw)).decode()}\n"


def sql(statement: str, params: list[Any]) -> None:
    set_ledger_triggers(enabled=False)
    with connection.cursor() as cursor:
        cursor.execute(statement, params)


def test_an_honest_log_verifies_with_progress(world):
    services.make_checkpoint()
    output = verify_output()
    assert "校验通过" in output
    assert "已校验 5 条" in output


def test_one_changed_byte_of_a_payload_is_caught(world):
    event = Event.objects.get(sequence=4)
    sql("UPDATE ledger_event SET entry = %s WHERE sequence = 4", [one_byte_changed(event.entry)])
    with pytest.raises(CommandError, match="第 4 号记录的内容与其哈希不符"):
        verify_output()


def test_a_changed_payload_with_a_recomputed_leaf_is_caught_by_the_checkpoint(world):
    services.make_checkpoint()
    event = Event.objects.get(sequence=3)
    forged = one_byte_changed(event.entry)

    sql(
        "UPDATE ledger_event SET entry = %s, leaf_hash = %s WHERE sequence = 3",
        [forged, hashlib.sha256(b"\x00" + forged.encode()).digest()],
    )
    with pytest.raises(CommandError, match="根哈希与重建的默克尔树不符"):
        verify_output()


def test_a_deleted_event_is_caught(world):
    sql("DELETE FROM ledger_event WHERE sequence = 6", [])
    with pytest.raises(CommandError, match="第 6 号记录缺失"):
        verify_output()


def test_a_deleted_tail_is_caught_by_the_checkpoint(world):
    services.make_checkpoint()
    last = Event.objects.latest("sequence").sequence
    sql("DELETE FROM ledger_event WHERE sequence = %s", [last])
    with pytest.raises(CommandError, match="超出了现有记录"):
        verify_output()


def test_two_swapped_events_are_caught(world):
    first, second = Event.objects.get(sequence=2), Event.objects.get(sequence=5)
    sql(
        "UPDATE ledger_event SET entry = %s, leaf_hash = %s WHERE sequence = 2",
        [second.entry, bytes(second.leaf_hash)],
    )
    sql(
        "UPDATE ledger_event SET entry = %s, leaf_hash = %s WHERE sequence = 5",
        [first.entry, bytes(first.leaf_hash)],
    )
    with pytest.raises(CommandError, match="第 2 号记录的内容写明的序号与其位置不符"):
        verify_output()


def test_a_replaced_checkpoint_signature_is_caught(world):
    signed = sign_now()
    Checkpoint.objects.filter(pk=signed.pk).update(note=with_forged_signature(signed.note))
    with pytest.raises(CommandError, match="检查点 %d 的签名无效" % signed.tree_size):
        verify_output()


def test_proof_bundle_verifies_offline_with_the_standalone_verifier(world, tmp_path):
    event = Event.objects.get(sequence=3)
    client = Client()
    client.force_login(world.admin)
    response = client.get(f"/ledger/events/{event.sequence}/proof.json")
    assert response.status_code == 200
    bundle_path = tmp_path / "bundle.json"
    bundle_path.write_bytes(response.content)
    # The verifier runs from a copy, in an empty folder, with no path to Fazhi or Django.
    standalone = tmp_path / "verify.py"
    shutil.copy(ROOT / "fazhi" / "ledger" / "verify.py", standalone)

    def run_verifier() -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-I", str(standalone), str(bundle_path)],
            cwd=tmp_path,
            env={"PATH": os.environ["PATH"], "PYTHONNOUSERSITE": "1"},
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )

    result = run_verifier()
    assert result.returncode == 0, result.stdout + result.stderr
    assert "包含证明有效" in result.stdout
    assert "失败" not in result.stdout

    bundle = json.loads(response.content)
    bundle["event"]["entry"] = bundle["event"]["entry"].replace('"org":', '"org" :')
    bundle_path.write_text(json.dumps(bundle, ensure_ascii=False))
    tampered = run_verifier()
    assert tampered.returncode == 1
    assert "失败 FAIL  记录内容与叶哈希一致" in tampered.stdout


def test_another_town_cannot_download_a_proof_of_this_towns_event(world):
    event = Event.objects.filter(organisation=world.town).earliest("sequence")
    client = Client()
    client.force_login(world.other_admin)
    assert client.get(f"/ledger/events/{event.sequence}/proof.json").status_code == 404


def test_a_file_proof_shows_the_stored_file_is_the_one_uploaded(world, tmp_path):
    from fazhi.core.models import IdType, PartyKind

    party = core_services.register_party(
        world.officer,
        core_services.PartyInput(
            kind=PartyKind.PERSON, name="刘某", id_type=IdType.PASSPORT, id_number="E1234567"
        ),
    ).party
    content = b"%PDF-1.4\n evidence photo log \n%%EOF\n"
    attachment = core_services.attach_file(
        world.officer,
        subject=party,
        organisation=party.organisation,
        stream=io.BytesIO(content),
        original_name="现场检查笔录.pdf",
    )
    client = Client()
    client.force_login(world.admin)
    page = client.get(f"/parties/{party.pk}/").content.decode()
    assert f"/ledger/files/{attachment.pk}/proof.json" in page
    bundle = json.loads(client.get(f"/ledger/files/{attachment.pk}/proof.json").content)
    assert bundle["file_sha256"] == hashlib.sha256(content).hexdigest()
    good = [passed for passed, _ in verify_bundle(bundle, content)]
    assert good
    assert all(good)
    file_fails = (False, "文件与记录中的 sha256 一致 file hashes to the sha256 recorded in the event")
    assert file_fails in verify_bundle(bundle, content.replace(b"photo", b"photos"))
    assert file_fails in verify_bundle(bundle, content[:-1] + b"\n\n")
    claimed = {**bundle, "file_sha256": hashlib.sha256(b"another file").hexdigest()}
    claim_fails = (
        False,
        "file_sha256 与记录中的 sha256 一致 file_sha256 matches the sha256 recorded in the event",
    )
    assert claim_fails in verify_bundle(claimed)
    assert claim_fails not in verify_bundle(bundle)


def test_history_marks_each_event_verified_pending_or_failed(world):
    from fazhi.ledger.selectors import verified_history

    assert {item.status for item in verified_history(world.town)} == {"pending"}
    sign_now()
    history = verified_history(world.town)
    assert history
    assert {item.status for item in history} == {"verified"}
    event = history[0].event
    sql(
        "UPDATE ledger_event SET entry = %s WHERE sequence = %s",
        [one_byte_changed(event.entry), event.sequence],
    )
    assert verified_history(world.town)[0].status == "failed"


def test_a_record_page_shows_the_verified_mark(world):
    sign_now()
    client = Client()
    client.force_login(world.admin)
    page = client.get(f"/organisations/{world.town.pk}/").content.decode()
    assert 'data-status="verified">已验证</span>' in page


def test_history_marks_events_failed_under_a_forged_checkpoint_even_after_the_real_one_was_checked(world):
    from fazhi.ledger.selectors import verified_history

    signed = sign_now()
    assert {item.status for item in verified_history(world.town)} == {"verified"}
    Checkpoint.objects.filter(pk=signed.pk).update(note=with_forged_signature(signed.note))
    assert {item.status for item in verified_history(world.town)} == {"failed"}


def keep_signed(size: int, root: bytes) -> str:
    """A checkpoint signed with the ledger's key and kept as a file, as the server of a lost database
    would have left it; its file name."""
    key = checkpoint.signing_key()
    note = key.sign_note(checkpoint.checkpoint_text(key.name, size, root, timezone.now()))
    name = checkpoint_files.note_name(size, root)
    assert checkpoint_files.write_once(checkpoint_files.directory() / name, note)
    return name


def test_a_database_that_lost_signed_events_is_refused_a_checkpoint_and_fails_verification(world):
    signed = sign_now()
    assert "另存的检查点文件 1 个" in verify_output()
    # The copy missed the last events: the checkpoint kept outside the database signed more.
    lost = keep_signed(signed.tree_size + 16, hashlib.sha256(b"the lost tree").digest())
    with pytest.raises(
        CommandError,
        match=re.escape(
            f"日志分叉：检查点文件 {lost} 签过 {signed.tree_size + 16} 条记录，数据库只有 {signed.tree_size} 条"
        ),
    ):
        verify_output()
    core_services.create_organisation(
        world.admin, name="司法所", kind=OrganisationKind.DEPARTMENT, parent=world.town
    )
    with pytest.raises(checkpoint_files.ForkError, match=re.escape(f"少于已签名的检查点 {lost}")):
        services.make_checkpoint()
    assert Checkpoint.objects.count() == 1


def test_the_first_fork_among_the_kept_checkpoints_is_named(world):
    first = sign_now()
    core_services.create_organisation(
        world.admin, name="司法所", kind=OrganisationKind.DEPARTMENT, parent=world.town
    )
    second = sign_now()
    other_root = keep_signed(first.tree_size, hashlib.sha256(b"another log").digest())
    keep_signed(second.tree_size, hashlib.sha256(b"another log, later").digest())
    with pytest.raises(
        CommandError,
        match=re.escape(f"日志分叉：数据库的前 {first.tree_size} 条记录与检查点文件 {other_root} 签名时不同"),
    ):
        verify_output()


def test_a_forged_checkpoint_file_or_an_unrecorded_fork_fails_verification(world):
    signed = sign_now()
    name = checkpoint_files.note_name(signed.tree_size, bytes(signed.root_hash))
    path = checkpoint_files.directory() / name
    path.write_text(with_forged_signature(signed.note), encoding="utf-8")
    with pytest.raises(CommandError, match=re.escape(f"检查点文件 {name} 的签名无效")):
        verify_output()
    path.write_text(signed.note, encoding="utf-8")
    assert "校验通过" in verify_output()

    # A fork written beside the checkpoints without its event in the log explains nothing.
    checkpoint_files.accept_fork(
        reason="无", event=0, restored_size=signed.tree_size, abandoned=[], now=timezone.now()
    )
    with pytest.raises(CommandError, match="所称的第 0 号记录不是接受这次分叉的记录"):
        verify_output()


def test_a_proof_asked_for_while_the_log_is_forked_says_why_instead_of_signing(world):
    signed = sign_now()
    other = keep_signed(signed.tree_size + 1, hashlib.sha256(b"another tree").digest())
    core_services.create_organisation(
        world.admin, name="司法所", kind=OrganisationKind.DEPARTMENT, parent=world.town
    )
    client = Client()
    client.force_login(world.admin)
    response = client.get(f"/ledger/events/{signed.tree_size}/proof.json")
    assert response.status_code == 503
    assert (
        f"数据库的记录与已签名的检查点 {other}（{signed.tree_size + 1} 条）不一致"
        in response.content.decode()
    )
    api = token_client(world, world.admin).get(f"/api/v1/ledger/events/{signed.tree_size}/proof")
    assert api.status_code == 503
    assert f"数据库的记录与已签名的检查点 {other}（{signed.tree_size + 1} 条）不一致" in api.json()["message"]
    assert Checkpoint.objects.count() == 1
