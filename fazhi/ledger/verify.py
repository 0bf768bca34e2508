"""Offline verification of Fazhi's ledger: RFC 9162 (RFC 6962 hashing) Merkle proofs.

This file stands alone: it imports only the Python standard library, so a party, a court or the
district 司法局 can copy it and check a proof bundle without Fazhi, Django or network access.

    python -m fazhi.ledger.verify BUNDLE.json [FILE]   (or: python verify.py BUNDLE.json [FILE])
    python verify.py ARCHIVE.zip                       (every proof in a case or decision archive)

In an unpacked archive a bundle that names its `file` is checked against that file without FILE.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import os
import sys
import zipfile
from typing import IO

LEAF_PREFIX = b"\x00"
NODE_PREFIX = b"\x01"


def leaf_hash(data: bytes) -> bytes:
    return hashlib.sha256(LEAF_PREFIX + data).digest()


def node_hash(left: bytes, right: bytes) -> bytes:
    return hashlib.sha256(NODE_PREFIX + left + right).digest()


def root_from_leaf_hashes(hashes: list[bytes]) -> bytes:
    """MTH of RFC 9162 §2.1.1 over leaf hashes, in one pass with a stack of complete subtrees."""
    if not hashes:
        return hashlib.sha256(b"").digest()
    # stack holds (height, hash) of complete subtrees, largest first; equal heights merge.
    stack: list[tuple[int, bytes]] = []
    for leaf in hashes:
        height, current = 0, leaf
        while stack and stack[-1][0] == height:
            _, left = stack.pop()
            current = node_hash(left, current)
            height += 1
        stack.append((height, current))
    # The right edge: fold the smaller subtrees into the larger, right to left.
    _, root = stack.pop()
    while stack:
        _, left = stack.pop()
        root = node_hash(left, root)
    return root


def verify_inclusion(leaf_hash: bytes, index: int, size: int, proof: list[bytes], root: bytes) -> bool:
    """RFC 9162 §2.1.3.2: does `proof` show leaf `index` of a tree of `size` leaves under `root`?"""
    if index < 0 or index >= size or len(leaf_hash) != 32:
        return False
    fn, sn = index, size - 1
    result = leaf_hash
    for sibling in proof:
        if len(sibling) != 32 or sn == 0:
            return False
        if fn & 1 or fn == sn:
            result = node_hash(sibling, result)
            while not fn & 1 and fn != 0:
                fn >>= 1
                sn >>= 1
        else:
            result = node_hash(result, sibling)
        fn >>= 1
        sn >>= 1
    return sn == 0 and result == root


def verify_consistency(size1: int, size2: int, root1: bytes, root2: bytes, proof: list[bytes]) -> bool:
    """RFC 9162 §2.1.4.2: is the tree of `size2` leaves under `root2` an append-only extension of the
    tree of `size1` leaves under `root1`?"""
    # RFC 9162 defines consistency proofs for 0 < size1 < size2; at the edges this follows
    # transparency-dev/merkle: nothing is proved about the empty tree.
    if size1 <= 0 or size2 < size1:
        return False
    if size1 == size2:
        return not proof and root1 == root2
    if not proof or any(len(node) != 32 for node in proof):
        return False
    # Where size1 is a power of two its root is a node of the larger tree and starts the path.
    path = [root1, *proof] if size1 & (size1 - 1) == 0 else list(proof)
    return _consistency_roots(path, size1 - 1, size2 - 1) == (root1, root2)


def _consistency_roots(path: list[bytes], fn: int, sn: int) -> tuple[bytes, bytes] | None:
    """RFC 9162 §2.1.4.2 steps 3–7: the roots of the smaller and the larger tree that the path leads
    to, or None where the path is longer or shorter than the trees allow."""
    while fn & 1:
        fn >>= 1
        sn >>= 1
    first = second = path[0]
    for node in path[1:]:
        if sn == 0:
            return None
        if fn & 1 or fn == sn:
            first = node_hash(node, first)
            second = node_hash(node, second)
            while not fn & 1 and fn != 0:
                fn >>= 1
                sn >>= 1
        else:
            second = node_hash(second, node)
        fn >>= 1
        sn >>= 1
    return (first, second) if sn == 0 else None


# ----------------------------------------------------------------------------------------- Ed25519
# Verification only, after RFC 8032 §5.1.7, in plain integers: slow (milliseconds) but dependency-free.

_P = 2**255 - 19
_L = 2**252 + 27742317777372353535851937790883648493
_D = -121665 * pow(121666, _P - 2, _P) % _P
_SQRT_M1 = pow(2, (_P - 1) // 4, _P)
Point = tuple[int, int, int, int]


def _recover_x(y: int, sign: int) -> int | None:
    if y >= _P:
        return None
    x2 = (y * y - 1) * pow(_D * y * y + 1, _P - 2, _P) % _P
    if x2 == 0:
        return None if sign else 0
    x = pow(x2, (_P + 3) // 8, _P)
    if (x * x - x2) % _P:
        x = x * _SQRT_M1 % _P
    if (x * x - x2) % _P:
        return None
    if x & 1 != sign:
        x = _P - x
    return x


def _add(p: Point, q: Point) -> Point:
    a = (p[1] - p[0]) * (q[1] - q[0]) % _P
    b = (p[1] + p[0]) * (q[1] + q[0]) % _P
    c = 2 * p[3] * q[3] * _D % _P
    d = 2 * p[2] * q[2] % _P
    e, f, g, h = b - a, d - c, d + c, b + a
    return (e * f % _P, g * h % _P, f * g % _P, e * h % _P)


def _multiply(scalar: int, point: Point) -> Point:
    result: Point = (0, 1, 1, 0)
    while scalar:
        if scalar & 1:
            result = _add(result, point)
        point = _add(point, point)
        scalar >>= 1
    return result


def _same_point(p: Point, q: Point) -> bool:
    return (p[0] * q[2] - q[0] * p[2]) % _P == 0 and (p[1] * q[2] - q[1] * p[2]) % _P == 0


def _decompress(encoded: bytes) -> Point | None:
    if len(encoded) != 32:
        return None
    y = int.from_bytes(encoded, "little")
    sign = y >> 255
    y &= (1 << 255) - 1
    x = _recover_x(y, sign)
    return None if x is None else (x, y, 1, x * y % _P)


_BASE_Y = 4 * pow(5, _P - 2, _P) % _P
_BASE_X = _recover_x(_BASE_Y, 0)
assert _BASE_X is not None
_BASE: Point = (_BASE_X, _BASE_Y, 1, _BASE_X * _BASE_Y % _P)


def ed25519_verify(public_key: bytes, message: bytes, signature: bytes) -> bool:
    if len(public_key) != 32 or len(signature) != 64:
        return False
    a = _decompress(public_key)
    r = _decompress(signature[:32])
    if a is None or r is None:
        return False
    s = int.from_bytes(signature[32:], "little")
    if s >= _L:
        return False
    h = int.from_bytes(hashlib.sha512(signature[:32] + public_key + message).digest(), "little") % _L
    return _same_point(_multiply(s, _BASE), _add(r, _multiply(h, a)))


# ------------------------------------------------------------------------------- C2SP signed notes

ED25519_TYPE = b"\x01"
SIGNATURE_PREFIX = "\u2014 "  # "— ", U+2014 EM DASH and a space


class NoteError(ValueError):
    """A note, key or checkpoint that is malformed or does not verify."""


def key_id(name: str, public_key: bytes) -> bytes:
    return hashlib.sha256(name.encode("utf-8") + b"\n" + ED25519_TYPE + public_key).digest()[:4]


def parse_verifier_key(vkey: str) -> tuple[str, bytes, bytes]:
    """`<name>+<hex key id>+base64(0x01 || public key)` → (name, key id, public key)."""
    parts = vkey.strip().split("+", 2)
    if len(parts) != 3 or not parts[0]:
        raise NoteError("verifier key is not name+keyid+key")
    name, hex_id, encoded = parts
    try:
        raw = base64.b64decode(encoded, validate=True)
        claimed_id = bytes.fromhex(hex_id)
    except (ValueError, binascii.Error) as error:
        raise NoteError("verifier key is not valid hex/base64") from error
    if raw[:1] != ED25519_TYPE:
        raise NoteError("verifier key is not an Ed25519 key")
    if len(raw) != 33:
        raise NoteError("Ed25519 verifier key has the wrong length")
    public_key = raw[1:]
    if len(claimed_id) != 4 or claimed_id != key_id(name, public_key):
        raise NoteError("verifier key id does not match its name and key")
    return name, claimed_id, public_key


def verify_note(note: str, vkey: str) -> str:
    """Return the note's text when a signature by `vkey` over it verifies; raise NoteError otherwise."""
    name, expected_id, public_key = parse_verifier_key(vkey)
    text, separator, signatures = note.rpartition("\n\n")
    if not separator or not signatures.endswith("\n"):
        raise NoteError("note has no signature block")
    text += "\n"
    for line in signatures[:-1].split("\n"):
        if not line.startswith(SIGNATURE_PREFIX):
            raise NoteError("malformed signature line")
        signer, _, encoded = line[len(SIGNATURE_PREFIX) :].rpartition(" ")
        try:
            raw = base64.b64decode(encoded, validate=True)
        except (ValueError, binascii.Error):
            raise NoteError("signature is not base64") from None
        if signer == name and raw[:4] == expected_id:
            if ed25519_verify(public_key, text.encode("utf-8"), raw[4:]):
                return text
            raise NoteError("signature does not verify")
    raise NoteError("note carries no signature by this key")


def parse_checkpoint(text: str) -> tuple[str, int, bytes]:
    """C2SP tlog-checkpoint body → (origin, tree size, root hash)."""
    lines = text.split("\n")
    if len(lines) < 4 or not lines[0] or not lines[1].isdigit():
        raise NoteError("not a checkpoint: origin, size, root hash")
    if lines[1] != str(int(lines[1])):
        raise NoteError("checkpoint size has leading zeros")
    try:
        root = base64.b64decode(lines[2], validate=True)
    except (ValueError, binascii.Error):
        raise NoteError("checkpoint root hash is not base64") from None
    if len(root) != 32:
        raise NoteError("checkpoint root hash is not 32 bytes")
    return lines[0], int(lines[1]), root


# ------------------------------------------------------------------------------------ proof bundles

BUNDLE_FORMAT = "fazhi-proof-bundle/v1"


def content_sha256(content: object) -> str:
    """The fingerprint the service records for published content: SHA-256 of its canonical JSON (sorted
    keys, no spaces, UTF-8), as fazhi.disclosure.services.fingerprint computes it."""
    canonical = json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def file_sha256(data: bytes | IO[bytes]) -> str:
    """SHA-256 of a file's bytes, read in pieces when given an open file (evidence may be large)."""
    if isinstance(data, bytes):
        return hashlib.sha256(data).hexdigest()
    digest = hashlib.sha256()
    while chunk := data.read(1 << 20):
        digest.update(chunk)
    return digest.hexdigest()


def verify_bundle(bundle: dict[str, object], file: bytes | IO[bytes] | None = None) -> list[tuple[bool, str]]:
    """Check a proof bundle; each result is (passed, what was checked, in Chinese and English).

    Beyond the event itself, everything the bundle carries or is given is hashed again and compared with
    the SHA-256 that the event's payload records: the published `content` (payload `content_sha256`), the
    claimed `file_sha256` and the file's bytes (payload `sha256`, or the payload field the bundle names in
    `file_field`, such as `draft_sha256`)."""
    results: list[tuple[bool, str]] = []

    def check(passed: bool, message: str) -> bool:
        results.append((passed, message))
        return passed

    if not check(bundle.get("format") == BUNDLE_FORMAT, f"格式 format = {BUNDLE_FORMAT}"):
        return results
    event = bundle["event"]
    assert isinstance(event, dict)
    entry = str(event["entry"]).encode("utf-8")
    computed_leaf = leaf_hash(entry)
    check(computed_leaf.hex() == bundle["leaf_hash"], "记录内容与叶哈希一致 entry hashes to leaf_hash")
    parsed = json.loads(entry)
    index = int(str(bundle["leaf_index"]))
    check(
        parsed.get("seq") == index == event.get("sequence"),
        "记录序号与叶位置一致 sequence matches leaf index",
    )
    try:
        text = verify_note(str(bundle["checkpoint"]), str(bundle["public_key"]))
        _, size, root = parse_checkpoint(text)
        check(True, "检查点签名有效 checkpoint signature verifies")
    except NoteError as error:
        check(False, f"检查点签名无效 checkpoint signature fails: {error}")
        return results
    check(size == bundle.get("tree_size"), "检查点树大小一致 checkpoint size matches")
    proof = [bytes.fromhex(str(node)) for node in bundle["inclusion_proof"]]  # type: ignore[attr-defined]
    check(verify_inclusion(computed_leaf, index, size, proof, root), "包含证明有效 inclusion proof verifies")
    payload = parsed.get("payload")
    recorded = payload if isinstance(payload, dict) else {}
    if "content" in bundle:
        check(
            content_sha256(bundle["content"]) == recorded.get("content_sha256"),
            "内容 content 与记录中的 content_sha256 一致 content hashes to the content_sha256 recorded in the event",
        )
    file_field = str(bundle.get("file_field", "sha256"))
    if "file_sha256" in bundle:
        check(
            bundle["file_sha256"] == recorded.get(file_field),
            f"file_sha256 与记录中的 {file_field} 一致 file_sha256 matches the {file_field} recorded in the event",
        )
    if file is not None:
        check(
            file_sha256(file) == recorded.get(file_field),
            f"文件与记录中的 {file_field} 一致 file hashes to the {file_field} recorded in the event",
        )
    return results


PROOF_FOLDER = "全过程记录/"


def verify_archive(archive: zipfile.ZipFile) -> list[tuple[str, list[tuple[bool, str]]]]:
    """Check every proof bundle in a Fazhi archive (a case file, a decision file), each against the
    archive's own copy of the file it names in `file`: (bundle name, its results) in name order."""
    members = set(archive.namelist())
    checked = []
    for name in sorted(members):
        if not (name.startswith(PROOF_FOLDER) and name.endswith(".json")):
            continue
        bundle = json.loads(archive.read(name))
        results: list[tuple[bool, str]]
        named = bundle.get("file")
        if named is not None and named not in members:
            results = [(False, f"文件 file 在压缩包中缺失 the archive lacks {named}")]
        elif named is None:
            results = verify_bundle(bundle)
        else:
            with archive.open(named) as member:
                results = verify_bundle(bundle, member)
        checked.append((name, results))
    return checked


def main(argv: list[str]) -> int:
    if not 1 <= len(argv) <= 2:
        print("用法 usage: python -m fazhi.ledger.verify BUNDLE.json [FILE] | ARCHIVE.zip", file=sys.stderr)
        return 2
    if len(argv) == 1 and zipfile.is_zipfile(argv[0]):
        with zipfile.ZipFile(argv[0]) as archive:
            checked = verify_archive(archive)
        for name, results in checked:
            print(name)
            _print(results)
        everything = [passed for _, results in checked for passed, _ in results]
        return 0 if everything and all(everything) else 1
    with open(argv[0], encoding="utf-8") as handle:
        bundle = json.load(handle)
    file_path = argv[1] if len(argv) == 2 else _archived_file(argv[0], bundle)
    if file_path is not None:
        with open(file_path, "rb") as handle:
            results = verify_bundle(bundle, handle)
    else:
        results = verify_bundle(bundle)
    _print(results)
    return 0 if results and all(passed for passed, _ in results) else 1


def _archived_file(bundle_path: str, bundle: dict[str, object]) -> str | None:
    """The file a bundle of an unpacked archive names (`file`, relative to the archive's top folder,
    the one above 全过程记录/), when it is there."""
    named = bundle.get("file")
    if not isinstance(named, str):
        return None
    top = os.path.dirname(os.path.dirname(os.path.abspath(bundle_path)))
    candidate = os.path.join(top, *named.split("/"))
    return candidate if os.path.isfile(candidate) else None


def _print(results: list[tuple[bool, str]]) -> None:
    for passed, message in results:
        print(("通过 OK    " if passed else "失败 FAIL  ") + message)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
