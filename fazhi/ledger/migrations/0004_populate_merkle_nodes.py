"""Build the stored Merkle tree for events recorded before the tree existed."""

import hashlib

from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps

BATCH = 5000


def build_nodes(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    event_model = apps.get_model("ledger", "Event")
    node_model = apps.get_model("ledger", "MerkleNode")
    if node_model.objects.exists():
        return
    completed: dict[tuple[int, int], bytes] = {}
    pending: list[object] = []
    for sequence, leaf in (
        event_model.objects.order_by("sequence").values_list("sequence", "leaf_hash").iterator()
    ):
        level, position, current = 0, sequence, bytes(leaf)
        pending.append(node_model(key=(position << 6) | level, hash=current))
        completed[(level, position)] = current
        while position & 1:
            current = hashlib.sha256(b"\x01" + completed.pop((level, position - 1)) + current).digest()
            completed.pop((level, position), None)
            level += 1
            position >>= 1
            completed[(level, position)] = current
            pending.append(node_model(key=(position << 6) | level, hash=current))
        if len(pending) >= BATCH:
            node_model.objects.bulk_create(pending)
            pending = []
    node_model.objects.bulk_create(pending)


class Migration(migrations.Migration):
    dependencies = [("ledger", "0003_merkle_nodes_and_checkpoints")]

    operations = [migrations.RunPython(build_nodes, migrations.RunPython.noop)]
