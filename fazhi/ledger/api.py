"""Ledger endpoints: checkpoints, inclusion proofs and consistency proofs."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema

from fazhi.core.errors import InvalidInput
from fazhi.core.models import Staff
from fazhi.ledger import selectors, services

router = Router(tags=["全过程记录"])


class CheckpointOut(Schema):
    tree_size: int
    root_hash: str
    created_at: str
    note: str


def _checkpoint_out(row: Any) -> dict[str, object]:
    return {
        "tree_size": row.tree_size,
        "root_hash": bytes(row.root_hash).hex(),
        "created_at": row.created_at.isoformat(),
        "note": row.note,
    }


@router.get("/ledger/checkpoints/latest", response=CheckpointOut, summary="最新签名检查点")
def latest_checkpoint(request: HttpRequest) -> dict[str, object]:
    signed = selectors.latest_checkpoint() or services.make_checkpoint()
    if signed is None:
        raise InvalidInput("记录为空，尚无检查点。")
    return _checkpoint_out(signed)


class ProofBundleOut(Schema):
    format: str
    event: dict[str, Any]
    leaf_hash: str
    leaf_index: int
    tree_size: int
    inclusion_proof: list[str]
    checkpoint: str
    public_key: str


@router.get(
    "/ledger/events/{id:sequence}/proof", response=ProofBundleOut, summary="单条记录的包含证明（证明包）"
)
def event_proof(request: HttpRequest, sequence: int, tree_size: int | None = None) -> dict[str, Any]:
    actor = request.auth  # type: ignore[attr-defined]
    assert isinstance(actor, Staff)
    event = selectors.access_event(actor, sequence)
    signed = (
        selectors.access_checkpoint(tree_size) if tree_size is not None else selectors.latest_checkpoint()
    )
    if signed is None or signed.tree_size <= event.sequence:
        if tree_size is not None:
            raise InvalidInput("该检查点不包含此记录。")
        signed = services.make_checkpoint()
    assert signed is not None
    return selectors.proof_bundle(event, signed)


class ConsistencyOut(Schema):
    from_size: int
    to_size: int
    proof: list[str]


@router.get("/ledger/consistency", response=ConsistencyOut, summary="两个检查点之间的一致性证明")
def consistency(request: HttpRequest, from_size: int, to_size: int) -> dict[str, object]:
    if from_size > to_size:
        raise InvalidInput("from_size 不能大于 to_size。")
    older = selectors.access_checkpoint(from_size)
    newer = selectors.access_checkpoint(to_size)
    return {"from_size": from_size, "to_size": to_size, "proof": selectors.consistency_between(older, newer)}
