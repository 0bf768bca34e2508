"""Ledger API: checkpoints, proofs against a chosen checkpoint, consistency between checkpoints."""

from fazhi.core import services as core_services
from fazhi.core.models import OrganisationKind
from fazhi.ledger import services
from fazhi.ledger.models import Event
from fazhi.ledger.verify import verify_consistency, verify_inclusion
from fazhi.testing.api import token_client


def test_inclusion_against_an_older_checkpoint_and_consistency_to_a_newer_one(world):
    older = services.make_checkpoint()
    core_services.create_organisation(
        world.admin, name="司法所", kind=OrganisationKind.DEPARTMENT, parent=world.town
    )
    newer = services.make_checkpoint()
    assert older is not None
    assert newer is not None
    assert newer.tree_size > older.tree_size
    client = token_client(world, world.admin)

    sequence = Event.objects.filter(organisation=world.town).earliest("sequence").sequence
    response = client.get(f"/api/v1/ledger/events/{sequence}/proof", {"tree_size": older.tree_size})
    assert response.status_code == 200, response.content
    bundle = response.json()
    assert bundle["tree_size"] == older.tree_size
    assert verify_inclusion(
        bytes.fromhex(bundle["leaf_hash"]),
        sequence,
        older.tree_size,
        [bytes.fromhex(n) for n in bundle["inclusion_proof"]],
        bytes(older.root_hash),
    )

    proof = client.get(
        "/api/v1/ledger/consistency", {"from_size": older.tree_size, "to_size": newer.tree_size}
    ).json()
    assert verify_consistency(
        older.tree_size,
        newer.tree_size,
        bytes(older.root_hash),
        bytes(newer.root_hash),
        [bytes.fromhex(n) for n in proof["proof"]],
    )
    latest = client.get("/api/v1/ledger/checkpoints/latest").json()
    assert latest["tree_size"] == newer.tree_size


def test_a_checkpoint_that_does_not_cover_the_event_is_a_422(world):
    signed = services.make_checkpoint()
    assert signed is not None
    core_services.create_organisation(
        world.admin, name="司法所", kind=OrganisationKind.DEPARTMENT, parent=world.town
    )
    client = token_client(world, world.admin)
    response = client.get(f"/api/v1/ledger/events/{signed.tree_size}/proof", {"tree_size": signed.tree_size})
    assert response.status_code == 422
    assert response.json()["message"] == "该检查点不包含此记录。"


def test_another_towns_event_proof_is_404(world):
    signed = services.make_checkpoint()
    assert signed is not None
    event = Event.objects.filter(organisation=world.town).earliest("sequence")
    response = token_client(world, world.other_admin).get(f"/api/v1/ledger/events/{event.sequence}/proof")
    assert response.status_code == 404
