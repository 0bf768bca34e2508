"""Concurrent writers and killed processes: no lost, duplicated or half-written event."""

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection, connections

from conftest import run_manage
from fazhi.core import services
from fazhi.ledger import tree
from fazhi.ledger.models import Event, LedgerHead
from fazhi.ledger.verify import root_from_leaf_hashes

ROOT = Path(__file__).resolve().parents[3]
WRITERS = 8
EVENTS_PER_WRITER = 25


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_eight_concurrent_writers_lose_nothing_and_the_tree_verifies(world):
    if connection.vendor != "postgresql":
        pytest.skip("concurrent writers are tested on PostgreSQL (CI runs this suite there too)")
    before = LedgerHead.objects.get().size
    barrier = threading.Barrier(WRITERS)
    failures: list[BaseException] = []

    def write(writer: int) -> None:
        try:
            barrier.wait()
            for number in range(EVENTS_PER_WRITER):
                services.create_organisation(
                    world.admin, name=f"村{writer}-{number}", kind="village", parent=world.town
                )
        except BaseException as error:
            failures.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=write, args=(writer,)) for writer in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    sequences = list(Event.objects.order_by("sequence").values_list("sequence", flat=True))
    assert sequences == list(range(before + WRITERS * EVENTS_PER_WRITER))
    assert LedgerHead.objects.get().size == len(sequences)
    leaves = [bytes(leaf) for leaf in Event.objects.order_by("sequence").values_list("leaf_hash", flat=True)]
    assert tree.root(len(leaves)) == root_from_leaf_hashes(leaves)
    call_command("ledger_verify")


WRITER_SCRIPT = """
import datetime, sys
import django
django.setup()
from conftest import run_manage
from fazhi.core import services
system = services.system_actor()
start = datetime.date(2031, 1, 1)
for number in range(100000):
    services.save_holiday_override(
        system, day=start + datetime.timedelta(days=number), is_working_day=False, name="测试", source=""
    )
    print(number, flush=True)
"""


def test_a_writer_killed_mid_stream_loses_nothing_committed_and_leaves_no_half_event(tmp_path):
    def manage(*args: str) -> subprocess.CompletedProcess[str]:
        return run_manage(*args, var_dir=tmp_path, env={"FAZHI_DEBUG": "1"})

    env = {key: value for key, value in os.environ.items() if key not in {"DATABASE_URL", "SECRET_KEY"}}
    env.update(
        {"DJANGO_SETTINGS_MODULE": "fazhi.settings", "FAZHI_DEBUG": "1", "FAZHI_VAR_DIR": str(tmp_path)}
    )
    assert manage("migrate", "--noinput").returncode == 0
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER_SCRIPT], cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True
    )
    assert writer.stdout is not None
    committed = -1
    deadline = time.monotonic() + 120
    while committed < 150 and time.monotonic() < deadline:
        line = writer.stdout.readline()
        if not line:
            break
        committed = int(line)
    writer.send_signal(signal.SIGKILL)
    writer.wait(timeout=30)
    assert committed >= 150, "the writer did not get going"

    verified = manage("ledger_verify")
    assert verified.returncode == 0, verified.stdout + verified.stderr
    counted = manage(
        "shell",
        "-c",
        "from fazhi.ledger.models import Event; from fazhi.core.models import HolidayOverride;"
        "print(Event.objects.filter(action='core.holiday_override.saved').count(), HolidayOverride.objects.count())",
    )
    events, overrides = (int(value) for value in counted.stdout.split()[-2:])
    assert events == overrides, "every change has its event and no event lacks its change"
    assert overrides >= committed + 1, "every change the writer saw committed survived the kill"
