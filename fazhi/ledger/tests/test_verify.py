"""The offline verifier against published vectors: RFC 6962 reference tree, transparency-dev, Trillian,
CT and Sigstore proofs, and C2SP signed notes."""

import json
from pathlib import Path

import pytest

from fazhi.ledger.verify import (
    NoteError,
    leaf_hash,
    node_hash,
    parse_checkpoint,
    parse_verifier_key,
    root_from_leaf_hashes,
    verify_consistency,
    verify_inclusion,
    verify_note,
)

VECTORS = Path(__file__).parent / "vectors"
RFC = json.loads((VECTORS / "rfc6962.json").read_text())
PUBLIC = json.loads((VECTORS / "merkle_public.json").read_text())
NOTES = json.loads((VECTORS / "signed_notes.json").read_text())
LEAVES = [leaf_hash(bytes.fromhex(leaf)) for leaf in RFC["leaves"]]


def unhex(values):
    return [bytes.fromhex(value) for value in values]


@pytest.mark.parametrize("size", range(9))
def test_reference_roots(size):
    assert root_from_leaf_hashes(LEAVES[:size]).hex() == RFC["roots"][str(size)]


@pytest.mark.parametrize("case", RFC["inclusion"], ids=lambda c: f"{c['leaf_index']}-of-{c['tree_size']}")
def test_reference_inclusion_proofs(case):
    index, size = case["leaf_index"], case["tree_size"]
    root = bytes.fromhex(RFC["roots"][str(size)])
    assert verify_inclusion(LEAVES[index], index, size, unhex(case["proof"]), root) is True


@pytest.mark.parametrize("case", RFC["consistency"], ids=lambda c: f"{c['size1']}-to-{c['size2']}")
def test_reference_consistency_proofs(case):
    root1 = bytes.fromhex(RFC["roots"][str(case["size1"])])
    root2 = bytes.fromhex(RFC["roots"][str(case["size2"])])
    assert verify_consistency(case["size1"], case["size2"], root1, root2, unhex(case["proof"])) is True


@pytest.mark.parametrize("case", RFC["must_fail"], ids=lambda c: c["what"])
def test_reference_corruptions_fail(case):
    if case["kind"] == "inclusion":
        result = verify_inclusion(
            bytes.fromhex(case["leaf_hash"]),
            case["leaf_index"],
            case["tree_size"],
            unhex(case["proof"]),
            bytes.fromhex(case["root"]),
        )
    else:
        result = verify_consistency(
            case["size1"],
            case["size2"],
            bytes.fromhex(case["root1"]),
            bytes.fromhex(case["root2"]),
            unhex(case["proof"]),
        )
    assert result is False


@pytest.mark.parametrize("case", PUBLIC["inclusion_proofs"], ids=lambda c: c["id"])
def test_public_inclusion_vectors(case):
    result = verify_inclusion(
        bytes.fromhex(case["leaf_hash"]),
        case["leaf_index"],
        case["tree_size"],
        unhex(case["proof"]),
        bytes.fromhex(case["root"]),
    )
    assert result is (case["expect"] == "valid")


@pytest.mark.parametrize("case", PUBLIC["consistency_proofs"], ids=lambda c: c["id"])
def test_public_consistency_vectors(case):
    result = verify_consistency(
        case["size1"],
        case["size2"],
        bytes.fromhex(case["root1"]),
        bytes.fromhex(case["root2"]),
        unhex(case["proof"]),
    )
    assert result is (case["expect"] == "valid")


@pytest.mark.parametrize("case", PUBLIC["hash_vectors"], ids=lambda c: c["id"])
def test_public_hash_vectors(case):
    if case["kind"] == "empty_tree":
        computed = root_from_leaf_hashes([])
    elif case["kind"] == "leaf":
        computed = leaf_hash(bytes.fromhex(case["input_hex"]))
    else:
        computed = node_hash(bytes.fromhex(case["left_hex"]), bytes.fromhex(case["right_hex"]))
    assert computed.hex() == case["expected"]


@pytest.mark.parametrize("tree", PUBLIC["trees"], ids=lambda t: t["id"])
def test_public_tree_roots(tree):
    leaves = [leaf_hash(bytes.fromhex(leaf)) for leaf in tree["leaves_hex"]]
    for entry in tree["roots"]:
        assert root_from_leaf_hashes(leaves[: entry["size"]]).hex() == entry["root"]


KEYS = {key["id"]: key for key in NOTES["ed25519_keys"]}


def _signed_note_cases():
    for note in NOTES["signed_notes"]:
        for key in note["key"] if isinstance(note["key"], list) else [note["key"]]:
            if KEYS[key]["vkey"]:
                yield pytest.param(note, KEYS[key]["vkey"], id=f"{note['id']}-{key}")


@pytest.mark.parametrize(("note", "vkey"), list(_signed_note_cases()))
def test_signed_notes(note, vkey):
    if note["expect"] == "valid":
        assert verify_note(note["note"], vkey) == note["note"].rpartition("\n\n")[0] + "\n"
    else:
        with pytest.raises(NoteError):
            verify_note(note["note"], vkey)


@pytest.mark.parametrize("case", NOTES["bad_vkeys"], ids=lambda c: c["why"])
def test_bad_verifier_keys_are_rejected(case):
    with pytest.raises(NoteError):
        parse_verifier_key(case["vkey"])


@pytest.mark.parametrize("case", NOTES["checkpoint_bodies"], ids=lambda c: c["id"])
def test_checkpoint_bodies_parse(case):
    origin, size, root = parse_checkpoint(case["text"])
    assert (origin, size, root.hex()) == (case["origin"], case["size"], case["root_hex"])


def test_a_note_signed_by_another_key_is_refused():
    peter = KEYS["gomod-peter"]["vkey"]
    enoch_only = next(note for note in NOTES["signed_notes"] if note["id"] == "gomod-enoch")
    with pytest.raises(NoteError, match="no signature by this key"):
        verify_note(enoch_only["note"], peter)
