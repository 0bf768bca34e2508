"""The Merkle tree over the event log (RFC 9162 §2.1), stored as complete-subtree hashes.

Node (level L, index i) is the hash of leaves [i·2^L, (i+1)·2^L). Appending leaf n writes its leaf node
and every node it completes (one more on average), reading at most log2(n) nodes. Any root, inclusion
proof or consistency proof is assembled from O(log² n) stored nodes fetched in one query: a subtree
that is not complete is split into the complete subtrees it is made of.
"""

from __future__ import annotations

from collections.abc import Iterable

from fazhi.ledger.models import MerkleNode
from fazhi.ledger.verify import node_hash

EMPTY_ROOT = bytes.fromhex("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
LEVEL_BITS = 6  # levels 0..63 fit; the key is (index << 6) | level


def node_key(level: int, index: int) -> int:
    return (index << LEVEL_BITS) | level


def append_leaf(index: int, leaf: bytes) -> None:
    """Store leaf `index` and the complete subtrees it closes. Runs in the caller's transaction."""
    new_nodes = [MerkleNode(key=node_key(0, index), hash=leaf)]
    level, position, current = 0, index, leaf
    while position & 1:
        left = MerkleNode.objects.get(key=node_key(level, position - 1)).hash
        current = node_hash(bytes(left), current)
        level += 1
        position >>= 1
        new_nodes.append(MerkleNode(key=node_key(level, position), hash=current))
    MerkleNode.objects.bulk_create(new_nodes)


def _largest_power_of_two_below(n: int) -> int:
    """k of RFC 9162: the largest power of two strictly smaller than n (n > 1)."""
    return 1 << ((n - 1).bit_length() - 1)


def _complete_subtrees(start: int, end: int) -> list[tuple[int, int]]:
    """The aligned complete subtrees, left to right, that make up the leaf range [start, end) of a
    range that is itself a subtree of the RFC 9162 split."""
    parts: list[tuple[int, int]] = []
    while start < end:
        size = end - start
        level = size.bit_length() - 1
        # Largest aligned block that starts at `start` and fits.
        while start % (1 << level):
            level -= 1
        parts.append((level, start >> level))
        start += 1 << level
    return parts


class NodeReader:
    """Fetches every node a computation needs in one query, then hashes ranges from memory."""

    def __init__(self, ranges: Iterable[tuple[int, int]]) -> None:
        keys = {
            node_key(level, index) for start, end in ranges for level, index in _complete_subtrees(start, end)
        }
        self._nodes = {node.key: bytes(node.hash) for node in MerkleNode.objects.filter(key__in=keys)}
        missing = keys - self._nodes.keys()
        if missing:
            raise LookupError(f"ledger tree is missing {len(missing)} node(s)")

    def range_hash(self, start: int, end: int) -> bytes:
        parts = [self._nodes[node_key(level, index)] for level, index in _complete_subtrees(start, end)]
        result = parts.pop()
        while parts:
            result = node_hash(parts.pop(), result)
        return result


def _inclusion_ranges(index: int, start: int, end: int) -> list[tuple[int, int]]:
    """The sibling ranges of PATH(m, D[start:end]) (RFC 9162 §2.1.3.1), leaf to root."""
    ranges: list[tuple[int, int]] = []
    while end - start > 1:
        k = _largest_power_of_two_below(end - start)
        if index - start < k:
            ranges.append((start + k, end))
            end = start + k
        else:
            ranges.append((start, start + k))
            start += k
    ranges.reverse()
    return ranges


def _consistency_ranges(size1: int, start: int, end: int, whole: bool) -> list[tuple[int, int]]:
    """SUBPROOF(m, D[start:end], b) of RFC 9162 §2.1.4.1 as leaf ranges, in proof order."""
    m = size1 - start
    n = end - start
    if m == n:
        return [] if whole else [(start, end)]
    k = _largest_power_of_two_below(n)
    if m <= k:
        return [*_consistency_ranges(size1, start, start + k, whole), (start + k, end)]
    return [*_consistency_ranges(size1, start + k, end, False), (start, start + k)]


def root(size: int) -> bytes:
    if size == 0:
        return EMPTY_ROOT
    return NodeReader([(0, size)]).range_hash(0, size)


def inclusion_proof(index: int, size: int) -> list[bytes]:
    if not 0 <= index < size:
        raise ValueError("leaf index outside the tree")
    ranges = _inclusion_ranges(index, 0, size)
    reader = NodeReader(ranges)
    return [reader.range_hash(start, end) for start, end in ranges]


def consistency_proof(size1: int, size2: int) -> list[bytes]:
    if not 0 < size1 <= size2:
        raise ValueError("consistency is proved between 0 < size1 <= size2")
    if size1 == size2:
        return []
    ranges = _consistency_ranges(size1, 0, size2, True)
    reader = NodeReader(ranges)
    return [reader.range_hash(start, end) for start, end in ranges]
