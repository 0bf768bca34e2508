"""The stored tree gives the published roots and proofs, and every proof it makes verifies."""

import json
from pathlib import Path

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fazhi.ledger import tree
from fazhi.ledger.models import Event
from fazhi.ledger.verify import leaf_hash, root_from_leaf_hashes, verify_consistency, verify_inclusion

RFC = json.loads((Path(__file__).parent / "vectors" / "rfc6962.json").read_text())
REFERENCE_LEAVES = [leaf_hash(bytes.fromhex(leaf)) for leaf in RFC["leaves"]]
PROPERTY_LEAVES = 70


@pytest.fixture
def reference_tree(db):
    with transaction.atomic():
        for index, leaf in enumerate(REFERENCE_LEAVES):
            tree.append_leaf(index, leaf)


@pytest.fixture
def property_tree(db):
    leaves = [leaf_hash(f"event {index}".encode()) for index in range(PROPERTY_LEAVES)]
    with transaction.atomic():
        for index, leaf in enumerate(leaves):
            tree.append_leaf(index, leaf)
    return leaves


@pytest.mark.parametrize("size", range(9))
def test_stored_tree_gives_the_reference_roots(reference_tree, size):
    assert tree.root(size).hex() == RFC["roots"][str(size)]


@pytest.mark.parametrize("case", RFC["inclusion"], ids=lambda c: f"{c['leaf_index']}-of-{c['tree_size']}")
def test_stored_tree_gives_the_reference_inclusion_proofs(reference_tree, case):
    assert [node.hex() for node in tree.inclusion_proof(case["leaf_index"], case["tree_size"])] == case[
        "proof"
    ]


@pytest.mark.parametrize("case", RFC["consistency"], ids=lambda c: f"{c['size1']}-to-{c['size2']}")
def test_stored_tree_gives_the_reference_consistency_proofs(reference_tree, case):
    assert [node.hex() for node in tree.consistency_proof(case["size1"], case["size2"])] == case["proof"]


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(data=st.data())
def test_every_proof_from_the_stored_tree_verifies_and_any_changed_byte_fails(property_tree, data):
    size2 = data.draw(st.integers(1, PROPERTY_LEAVES), label="size2")
    size1 = data.draw(st.integers(1, size2), label="size1")
    index = data.draw(st.integers(0, size2 - 1), label="index")
    root1, root2 = tree.root(size1), tree.root(size2)
    assert root2 == root_from_leaf_hashes(property_tree[:size2])

    inclusion = tree.inclusion_proof(index, size2)
    assert verify_inclusion(property_tree[index], index, size2, inclusion, root2)
    consistency = tree.consistency_proof(size1, size2)
    assert verify_consistency(size1, size2, root1, root2, consistency)

    byte = data.draw(st.integers(0, 31), label="byte")

    def flipped(value: bytes) -> bytes:
        return value[:byte] + bytes([value[byte] ^ 0x01]) + value[byte + 1 :]

    assert not verify_inclusion(flipped(property_tree[index]), index, size2, inclusion, root2)
    assert not verify_inclusion(property_tree[index], index, size2, inclusion, flipped(root2))
    if inclusion:
        position = data.draw(st.integers(0, len(inclusion) - 1), label="inclusion node")
        damaged = [*inclusion[:position], flipped(inclusion[position]), *inclusion[position + 1 :]]
        assert not verify_inclusion(property_tree[index], index, size2, damaged, root2)
    if size1 < size2:
        assert not verify_consistency(size1, size2, flipped(root1), root2, consistency)
        assert not verify_consistency(size1, size2, root1, flipped(root2), consistency)
        position = data.draw(st.integers(0, len(consistency) - 1), label="consistency node")
        damaged = [*consistency[:position], flipped(consistency[position]), *consistency[position + 1 :]]
        assert not verify_consistency(size1, size2, root1, root2, damaged)


def test_recorded_events_build_the_same_tree(world):
    leaves = [bytes(leaf) for leaf in Event.objects.order_by("sequence").values_list("leaf_hash", flat=True)]
    assert tree.root(len(leaves)) == root_from_leaf_hashes(leaves)


def test_a_proof_reads_a_bounded_number_of_nodes(property_tree, django_assert_max_num_queries):
    with django_assert_max_num_queries(1):
        tree.inclusion_proof(37, PROPERTY_LEAVES)
    with django_assert_max_num_queries(1):
        tree.consistency_proof(13, PROPERTY_LEAVES)
