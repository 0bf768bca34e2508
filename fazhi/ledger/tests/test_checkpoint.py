"""Checkpoints: C2SP signed notes over the tree head, signed with the town's Ed25519 key."""

import datetime
import json
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.test import Client

from fazhi.ledger import checkpoint, services, tree
from fazhi.ledger.models import Checkpoint, LedgerHead
from fazhi.ledger.verify import parse_checkpoint, verify_note

NOTES = json.loads((Path(__file__).parent / "vectors" / "signed_notes.json").read_text())


def sign_now() -> Checkpoint:
    signed = services.make_checkpoint()
    assert signed is not None
    return signed


def test_signing_reproduces_the_published_note_byte_for_byte():
    case = next(note for note in NOTES["signed_notes"] if note["id"] == "gomod-peter-sign")
    key = checkpoint.parse_private_key(
        next(k for k in NOTES["ed25519_keys"] if k["id"] == "gomod-peter")["skey"]
    )
    assert key.sign_note(case["text"]) == case["note"]
    assert key.verifier_key == "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"


def test_a_checkpoint_signs_the_current_tree_head(world):
    signed = sign_now()
    size = LedgerHead.objects.get().size
    assert signed.tree_size == size
    origin, signed_size, root = parse_checkpoint(
        verify_note(signed.note, checkpoint.signing_key().verifier_key)
    )
    assert origin == "test.fazhi.local/ledger"
    assert (signed_size, root) == (size, tree.root(size))
    assert sign_now().pk == signed.pk, "no second checkpoint at the same size"


def test_checkpoint_command_and_public_pages(world):
    call_command("ledger_checkpoint")
    signed = Checkpoint.objects.get()
    client = Client()
    assert client.get("/ledger/checkpoint.txt").content.decode() == signed.note
    vkey = client.get("/ledger/public-key.txt").content.decode().strip()
    verify_note(signed.note, vkey)
    verifier = client.get("/ledger/verify.py")
    assert b"def verify_inclusion" in verifier.getvalue()


def test_production_refuses_to_sign_without_its_key(world, settings, tmp_path):
    settings.LEDGER_SIGNING_KEY_FILE = tmp_path / "missing.key"
    with pytest.raises(ImproperlyConfigured, match="ledger_keygen"):
        services.make_checkpoint()
    assert not Checkpoint.objects.exists()


def test_development_creates_its_key_on_first_use(world, settings, tmp_path):
    settings.DEBUG = True
    settings.LEDGER_SIGNING_KEY_FILE = tmp_path / "dev.key"
    services.make_checkpoint()
    assert (tmp_path / "dev.key").stat().st_mode & 0o777 == 0o600


def test_checkpoint_body_carries_size_root_and_time():
    text = checkpoint.checkpoint_text(
        "x.example/log", 5, b"\x01" * 32, datetime.datetime(2026, 1, 2, tzinfo=datetime.UTC)
    )
    assert (
        text
        == "x.example/log\n5\nAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQE=\ntime 2026-01-02T00:00:00+00:00\n"
    )


def test_two_processes_creating_the_key_at_once_end_with_the_same_key(tmp_path, settings, monkeypatch):
    """Two test workers sharing a directory once both found no key and the second failed with
    FileExistsError. Here the other process wins between the check and the write."""
    settings.DEBUG = True
    settings.LEDGER_SIGNING_KEY_FILE = str(tmp_path / "ledger_signing.key")
    theirs = checkpoint.create_signing_key(Path(settings.LEDGER_SIGNING_KEY_FILE), "test.fazhi.local/ledger")
    monkeypatch.setattr(Path, "exists", lambda self: False)
    assert checkpoint.signing_key().verifier_key == theirs.verifier_key
    with pytest.raises(FileExistsError):
        checkpoint.create_signing_key(Path(settings.LEDGER_SIGNING_KEY_FILE), "test.fazhi.local/ledger")
    assert [path.name for path in tmp_path.iterdir()] == ["ledger_signing.key"]
