"""Signed tree heads in the C2SP signed-note format, with the town's Ed25519 key.

The key is kept as a C2SP private key line (`PRIVATE+KEY+<name>+<id>+base64(0x01 || seed)`) in the file
named by settings.LEDGER_SIGNING_KEY_FILE. Development generates it on first use; production refuses to
sign without it, so a server never silently starts a second, unknown key.
"""

from __future__ import annotations

import base64
import datetime
import functools
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from fazhi.ledger.verify import ED25519_TYPE, SIGNATURE_PREFIX, key_id, parse_checkpoint, verify_note


@dataclass(frozen=True)
class SigningKey:
    name: str
    private_key: Ed25519PrivateKey

    @property
    def public_bytes(self) -> bytes:
        return self.private_key.public_key().public_bytes_raw()

    @property
    def verifier_key(self) -> str:
        """The public `<name>+<id>+<key>` line that anyone uses to check Fazhi's checkpoints."""
        encoded = base64.b64encode(ED25519_TYPE + self.public_bytes).decode("ascii")
        return f"{self.name}+{key_id(self.name, self.public_bytes).hex()}+{encoded}"

    def sign_note(self, text: str) -> str:
        if not text.endswith("\n"):
            raise ValueError("a note's text ends with a newline")
        signature = self.private_key.sign(text.encode("utf-8"))
        encoded = base64.b64encode(key_id(self.name, self.public_bytes) + signature).decode("ascii")
        return f"{text}\n{SIGNATURE_PREFIX}{self.name} {encoded}\n"


def parse_private_key(line: str) -> SigningKey:
    parts = line.strip().split("+", 4)
    if len(parts) != 5 or parts[:2] != ["PRIVATE", "KEY"]:
        raise ImproperlyConfigured("ledger signing key file is not a C2SP private key line")
    _, _, name, hex_id, encoded = parts
    raw = base64.b64decode(encoded)
    if raw[:1] != ED25519_TYPE or len(raw) != 33:
        raise ImproperlyConfigured("ledger signing key is not an Ed25519 seed")
    key = SigningKey(name=name, private_key=Ed25519PrivateKey.from_private_bytes(raw[1:]))
    if key_id(name, key.public_bytes).hex() != hex_id:
        raise ImproperlyConfigured("ledger signing key id does not match the key")
    return key


def _format_private_key(key: SigningKey) -> str:
    seed = key.private_key.private_bytes_raw()
    encoded = base64.b64encode(ED25519_TYPE + seed).decode("ascii")
    return f"PRIVATE+KEY+{key.name}+{key_id(key.name, key.public_bytes).hex()}+{encoded}\n"


def signing_key() -> SigningKey:
    path = Path(settings.LEDGER_SIGNING_KEY_FILE)
    if path.exists():
        return parse_private_key(path.read_text(encoding="utf-8"))
    if not settings.DEBUG:
        raise ImproperlyConfigured(
            f"ledger signing key {path} is missing; create it with `manage.py ledger_keygen` and keep a backup"
        )
    try:
        return create_signing_key(path, settings.LEDGER_ORIGIN)
    except FileExistsError:
        # Another process (a second test worker, a second server thread) created it first: use theirs.
        return parse_private_key(path.read_text(encoding="utf-8"))


def create_signing_key(path: Path, name: str) -> SigningKey:
    """A new key at `path`, which must not exist. The key is written in full beside it, then linked into
    place, so no reader ever sees half a key and of two racing creators exactly one wins."""
    key = SigningKey(name=name, private_key=Ed25519PrivateKey.generate())
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=path.parent, delete=False) as draft:
        draft.write(_format_private_key(key))
    written = Path(draft.name)
    try:
        written.chmod(0o600)
        os.link(written, path)
    except FileExistsError:
        raise FileExistsError(f"{path} exists; a ledger keeps one key") from None
    finally:
        written.unlink()
    return key


def checkpoint_text(origin: str, size: int, root: bytes, signed_at: datetime.datetime) -> str:
    """C2SP tlog-checkpoint body, with the signing time as an extension line."""
    encoded_root = base64.b64encode(root).decode("ascii")
    return f"{origin}\n{size}\n{encoded_root}\ntime {signed_at.isoformat(timespec='seconds')}\n"


@functools.lru_cache(maxsize=256)
def signed_checkpoint(note: str, vkey: str) -> tuple[int, bytes]:
    """A checkpoint note's tree size and root once its signature by `vkey` holds (NoteError otherwise).
    The standard library's Ed25519 check takes milliseconds, and every record page, every signing and
    ledger_verify read the same notes, so the answer is kept per note text: a changed note is checked
    afresh."""
    _, size, root = parse_checkpoint(verify_note(note, vkey))
    return size, root
