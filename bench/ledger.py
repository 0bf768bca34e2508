"""The ledger (全过程记录) at millions of events: append rate, proof time, full verification, on SQLite
and PostgreSQL.

    .venv/bin/python bench/ledger.py --db both --events 1000000
    .venv/bin/python bench/ledger.py --db sqlite --events 10000,100000 --check

For each database the script starts itself again in a child process with that database's settings
(FAZHI_DEBUG=1, a temporary FAZHI_VAR_DIR, DATABASE_URL for PostgreSQL, whose database it creates and
drops). The child migrates an empty database, creates the system actor (which records event 0 through
ledger.record) and then, for each size N in --events, in increasing order:

1. bulk-loads events up to N: exactly the rows ledger.record() would store (the canonical entry, its
   RFC 6962 leaf hash, every complete-subtree MerkleNode, LedgerHead.size = N), written with
   executemany (SQLite) or COPY (PostgreSQL) in batches, because 10 million calls of record() take
   hours; then signs a checkpoint at N with services.make_checkpoint();
2. times `manage.py ledger_verify` (call_command) between two runs of its baseline: reading the same
   rows in the same chunks through the same query and hashing each entry once;
3. times tree.inclusion_proof(i, N) for random i and tree.consistency_proof(m, N) for random m, and
   checks a sample of the proofs with fazhi.ledger.verify (the standalone verifier);
4. times appends through the real ledger.record(), each call in transaction.atomic(): one event per
   transaction, then --batch-size events per transaction. These events stay in the log, so the next N
   is loaded on top of them.

With --check (on by default for N <= 100,000) the child also proves the bulk loader right: every
generated entry equals canonical_json() of its dict, tree.root(N) equals root_from_leaf_hashes() over
all stored leaves, a generated entry has the shape of one written by record(), and ledger_verify and
the root still agree after the appends.

Timing runs with settings.DEBUG switched off in the child after start-up, as in production: under
DEBUG Django logs every query, and on SQLite that logging runs one extra `SELECT QUOTE(?)` query per
query. One extra figure measures single-event appends with DEBUG on, to show that cost.
"""

from __future__ import annotations

import argparse
import datetime
import hashlib
import io
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    # Run as `python bench/<name>.py`, the script's own folder is on the path, not the project's.
    sys.path.insert(0, str(ROOT))

from bench.common import (  # noqa: E402
    LedgerAppender,
    database_bytes,
    quantiles_ms,
    reset_postgres_database,
    settle,
    versions,
)

DEFAULT_PG_URL = "postgres://postgres@127.0.0.1:5432/fazhi_bench_ledger"
LOAD_BATCH = 100_000  # events per bulk transaction
STEP_US = 1_000  # generated events are one millisecond apart, ending just before the bulk load
CHECK_EVERY = 50_000  # without --check, compare one generated entry in this many with canonical_json
PAYLOAD = {
    "day": "2026-10-01",
    "is_working_day": False,
    "name": "国庆节",
    "source": "国务院办公厅关于2026年部分节假日安排的通知",
    "created": True,
}
SEQ_SENTINEL = 987_654_321_987_654_321
TIME_SENTINEL = "@@time@@"
TARGET_APPENDS_PER_SECOND = 1_000
TARGET_PROOF_MS = 10.0
TARGET_VERIFY_RATIO = 3.0


# ------------------------------------------------------------------------------------------ the child


class Loader:
    """Writes what ledger.record() would write, in bulk (bench.common.LedgerAppender), for one action."""

    def __init__(self, actor_id: int, actor_username: str, check: bool) -> None:
        from fazhi.core.events import CoreEvent
        from fazhi.ledger.record import canonical_json

        self.actor_id = actor_id
        self.actor_username = actor_username
        self.action = CoreEvent.HOLIDAY_OVERRIDE_SAVED.value
        # The subject is the system actor itself (a Staff row), as in the brief.
        self.subject_type = "core.staff"
        self.subject_id = str(actor_id)
        self.check = check
        # canonical_json of the entry with sentinels for the two fields that vary, cut into the text
        # around them: an int's JSON is str(int) and the ISO time is plain ASCII, so filling the gaps
        # gives canonical_json's output. _entry_dict() + canonical_json() re-check that on samples.
        template = canonical_json(self._entry_dict(SEQ_SENTINEL, TIME_SENTINEL)).decode("utf-8")
        before_seq, after_seq = template.split(str(SEQ_SENTINEL))
        between, after_time = after_seq.split(TIME_SENTINEL)
        self.parts = (before_seq, between, after_time)

    def _entry_dict(self, sequence: int, when: str) -> dict[str, Any]:
        # The dict ledger.record() builds, field for field.
        return {
            "seq": sequence,
            "time": when,
            "actor": {"id": self.actor_id, "username": self.actor_username},
            "org": None,
            "action": self.action,
            "subject": {"type": self.subject_type, "id": self.subject_id},
            "payload": PAYLOAD,
        }

    def load(self, target: int) -> float:
        """Append generated events until the log holds `target`; returns the seconds it took."""
        from django.db import connection
        from django.utils import timezone

        from fazhi.ledger.record import canonical_json

        started = time.perf_counter()
        appender = LedgerAppender()
        start = appender.size
        if target <= start:
            return 0.0
        before_seq, between, after_time = self.parts
        # Times one millisecond apart, the last one now; whole microseconds, as timezone.now() gives.
        now = timezone.now()
        base = now - datetime.timedelta(microseconds=STEP_US * (target - start))
        timedelta = datetime.timedelta
        append = appender.append
        action, subject_type, subject_id, actor_id = (
            self.action,
            self.subject_type,
            self.subject_id,
            self.actor_id,
        )
        check_every = 1 if self.check else CHECK_EVERY
        for batch_start in range(start, target, LOAD_BATCH):
            batch_end = min(batch_start + LOAD_BATCH, target)
            for sequence in range(batch_start, batch_end):
                when = base + timedelta(microseconds=STEP_US * (sequence - start))
                iso = when.isoformat()
                entry = f"{before_seq}{sequence}{between}{iso}{after_time}"
                if sequence % check_every == 0:
                    assert entry.encode("utf-8") == canonical_json(self._entry_dict(sequence, iso))
                    assert connection.ops.adapt_datetimefield_value(when) == appender.stored_time(when)
                append(when, actor_id, None, action, subject_type, subject_id, entry)
            appender.flush()
        settle(["ledger_event", "ledger_merklenode"])
        return time.perf_counter() - started


def _read_and_hash_once() -> tuple[int, float]:
    """The baseline of ledger_verify: its query, its chunks, one SHA-256 per entry, nothing else."""
    from fazhi.ledger.management.commands.ledger_verify import CHUNK
    from fazhi.ledger.models import Event

    started = time.perf_counter()
    count = 0
    last_sequence = -1
    sha256 = hashlib.sha256
    while True:
        rows = list(
            Event.objects.filter(sequence__gt=last_sequence)
            .order_by("sequence")
            .values_list("sequence", "entry", "leaf_hash")[:CHUNK]
        )
        if not rows:
            break
        for _sequence, entry, _stored_leaf in rows:
            sha256(b"\x00" + entry.encode("utf-8")).digest()
        count += len(rows)
        last_sequence = rows[-1][0]
    return count, time.perf_counter() - started


def _ledger_verify() -> tuple[str, float]:
    from django.core.management import call_command

    out, err = io.StringIO(), io.StringIO()
    started = time.perf_counter()
    call_command("ledger_verify", progress_every=10**15, stdout=out, stderr=err)
    elapsed = time.perf_counter() - started
    text = out.getvalue().strip()
    assert "校验通过" in text, (text, err.getvalue())
    return text, elapsed


def _check_root(size: int) -> None:
    from fazhi.ledger import tree
    from fazhi.ledger.models import Event
    from fazhi.ledger.verify import root_from_leaf_hashes

    leaves = [
        bytes(leaf)
        for leaf in Event.objects.filter(sequence__lt=size)
        .order_by("sequence")
        .values_list("leaf_hash", flat=True)
        .iterator(chunk_size=20_000)
    ]
    assert len(leaves) == size
    assert tree.root(size) == root_from_leaf_hashes(leaves), f"tree.root({size}) is wrong"


def _check_entry_shape() -> None:
    """A generated entry and one that ledger.record() wrote have the same keys and kinds of value."""
    from fazhi.core.events import CoreEvent
    from fazhi.ledger.models import Event
    from fazhi.ledger.record import canonical_json

    generated = Event.objects.filter(action=CoreEvent.HOLIDAY_OVERRIDE_SAVED.value).order_by("sequence")[0]
    recorded = Event.objects.order_by("-sequence")[0]  # the last append, made by record()
    first, second = json.loads(generated.entry), json.loads(recorded.entry)
    assert canonical_json(first).decode("utf-8") == generated.entry
    assert {k: v for k, v in first.items() if k not in {"seq", "time"}} == {
        k: v for k, v in second.items() if k not in {"seq", "time"}
    }
    assert datetime.datetime.fromisoformat(first["time"]) == generated.recorded_at
    assert datetime.datetime.fromisoformat(second["time"]) == recorded.recorded_at
    for field in ("actor_id", "organisation_id", "subject_type", "subject_id"):
        assert getattr(generated, field) == getattr(recorded, field), field


def _time_proofs(size: int, count: int, rng: random.Random) -> dict[str, Any]:
    from fazhi.ledger import tree
    from fazhi.ledger.models import Event
    from fazhi.ledger.verify import verify_consistency, verify_inclusion

    root = tree.root(size)
    indexes = [rng.randrange(size) for _ in range(count)]
    old_sizes = [rng.randrange(1, size) for _ in range(count)]
    for index in indexes[:10]:  # warm-up
        tree.inclusion_proof(index, size)
    inclusion_ms: list[float] = []
    for index in indexes:
        started = time.perf_counter()
        tree.inclusion_proof(index, size)
        inclusion_ms.append((time.perf_counter() - started) * 1000)
    consistency_ms: list[float] = []
    for old in old_sizes:
        started = time.perf_counter()
        tree.consistency_proof(old, size)
        consistency_ms.append((time.perf_counter() - started) * 1000)
    # Check a sample with the standalone verifier (outside the timings).
    leaves = dict(Event.objects.filter(sequence__in=indexes[:25]).values_list("sequence", "leaf_hash"))
    for index in indexes[:25]:
        proof = tree.inclusion_proof(index, size)
        assert verify_inclusion(bytes(leaves[index]), index, size, proof, root), index
    for old in old_sizes[:10]:
        proof = tree.consistency_proof(old, size)
        assert verify_consistency(old, size, tree.root(old), root, proof), old
    return {"inclusion": quantiles_ms(inclusion_ms), "consistency": quantiles_ms(consistency_ms)}


def _time_appends(args: argparse.Namespace, actor: Any) -> dict[str, Any]:
    from django.conf import settings
    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext

    from fazhi.core.events import CoreEvent
    from fazhi.ledger.record import record

    action = CoreEvent.HOLIDAY_OVERRIDE_SAVED

    def one() -> None:
        with transaction.atomic():
            record(actor, action, actor, PAYLOAD)

    for _ in range(20):  # warm-up
        one()
    # Statements per single-event transaction, BEGIN and COMMIT included; append_leaf reads one stored
    # node per trailing 1 bit of the sequence number, so this varies: average it over 64 appends.
    with CaptureQueriesContext(connection) as captured:
        for _ in range(64):
            one()
    queries_per_event = len(captured.captured_queries) / 64

    single_ms: list[float] = []
    started = time.perf_counter()
    for _ in range(args.single):
        begin = time.perf_counter()
        one()
        single_ms.append((time.perf_counter() - begin) * 1000)
    single_seconds = time.perf_counter() - started

    batch_ms: list[float] = []
    started = time.perf_counter()
    for _ in range(args.batches):
        begin = time.perf_counter()
        with transaction.atomic():
            for _ in range(args.batch_size):
                record(actor, action, actor, PAYLOAD)
        batch_ms.append((time.perf_counter() - begin) * 1000)
    batch_seconds = time.perf_counter() - started

    # The same single-event appends with DEBUG on (query logging), for comparison only.
    settings.DEBUG = True
    try:
        debug_count = max(args.single // 4, 50)
        started = time.perf_counter()
        for _ in range(debug_count):
            one()
        debug_seconds = time.perf_counter() - started
    finally:
        settings.DEBUG = False
        connection.queries_log.clear()
    return {
        "queries_per_event": queries_per_event,
        "single": {
            "events": args.single,
            "seconds": single_seconds,
            "per_second": args.single / single_seconds,
            "latency_ms": quantiles_ms(single_ms),
        },
        "batch": {
            "events": args.batches * args.batch_size,
            "batch_size": args.batch_size,
            "seconds": batch_seconds,
            "per_second": args.batches * args.batch_size / batch_seconds,
            "latency_ms": quantiles_ms(batch_ms),
        },
        "single_debug": {"events": debug_count, "per_second": debug_count / debug_seconds},
    }


def run_child(args: argparse.Namespace) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fazhi.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    from fazhi.core.services import system_actor
    from fazhi.ledger import checkpoint, services
    from fazhi.ledger.models import LedgerHead

    call_command("migrate", verbosity=0, interactive=False)
    checkpoint.signing_key()  # development (DEBUG) creates the key on first use
    settings.DEBUG = False  # time what production runs; see the module docstring
    actor = system_actor()  # records event 0 through ledger.record
    rng = random.Random(6962)
    sizes = sorted(args.events)
    loader = Loader(actor.pk, actor.username, check=False)
    results: list[dict[str, Any]] = []
    tag = f"[{connection.vendor}]"
    for size in sizes:
        check = args.check or size <= 100_000
        loader.check = check
        load_seconds = loader.load(size)
        assert LedgerHead.objects.get(id=1).size == size
        started = time.perf_counter()
        signed = services.make_checkpoint()
        checkpoint_seconds = time.perf_counter() - started
        assert signed is not None
        assert signed.tree_size == size
        print(
            f"{tag} {size:,} events: loaded in {load_seconds:.0f} s, checkpoint in "
            f"{checkpoint_seconds * 1000:.0f} ms, database {database_bytes() / 2**30:.2f} GiB",
            file=sys.stderr,
            flush=True,
        )
        if check:
            _check_root(size)
            print(f"{tag} tree.root({size:,}) == root_from_leaf_hashes: ok", file=sys.stderr, flush=True)

        baseline_before = _read_and_hash_once()
        verify_text, verify_seconds = _ledger_verify()
        baseline_after = _read_and_hash_once()
        assert baseline_before[0] == baseline_after[0] == size
        baseline = (baseline_before[1] + baseline_after[1]) / 2
        print(
            f"{tag} ledger_verify {verify_seconds:.1f} s; read+hash baseline "
            f"{baseline_before[1]:.1f} s / {baseline_after[1]:.1f} s; ratio {verify_seconds / baseline:.2f}",
            file=sys.stderr,
            flush=True,
        )

        proofs = _time_proofs(size, args.proofs, rng)
        print(
            f"{tag} inclusion p50 {proofs['inclusion']['p50']:.2f} ms p95 "
            f"{proofs['inclusion']['p95']:.2f} ms; consistency p50 {proofs['consistency']['p50']:.2f} ms "
            f"p95 {proofs['consistency']['p95']:.2f} ms",
            file=sys.stderr,
            flush=True,
        )

        appends = _time_appends(args, actor)
        print(
            f"{tag} appends: {appends['single']['per_second']:.0f}/s single, "
            f"{appends['batch']['per_second']:.0f}/s in batches of {args.batch_size}, "
            f"{appends['single_debug']['per_second']:.0f}/s single with DEBUG on; "
            f"{appends['queries_per_event']:.1f} statements per single-event transaction",
            file=sys.stderr,
            flush=True,
        )
        if check:
            final = LedgerHead.objects.get(id=1).size
            _check_entry_shape()
            assert services.make_checkpoint() is not None
            _check_root(final)
            _ledger_verify()
            print(
                f"{tag} after appends: root and ledger_verify agree at {final:,}", file=sys.stderr, flush=True
            )
        results.append(
            {
                "size": size,
                "load_seconds": load_seconds,
                "checkpoint_ms": checkpoint_seconds * 1000,
                "database_bytes": database_bytes(),
                "checked": check,
                "verify": {
                    "seconds": verify_seconds,
                    "output": verify_text,
                    "baseline_before": baseline_before[1],
                    "baseline_after": baseline_after[1],
                    "baseline": baseline,
                    "ratio": verify_seconds / baseline,
                },
                "proofs": proofs,
                "appends": appends,
            }
        )
    output = {"vendor": connection.vendor, "versions": versions(), "sizes": results}
    Path(args.json_out).write_text(json.dumps(output, ensure_ascii=False, indent=1))


# ----------------------------------------------------------------------------------------- the parent


def run_database(db: str, args: argparse.Namespace) -> dict[str, Any]:
    var_dir = Path(tempfile.mkdtemp(prefix=f"fazhi-bench-ledger-{db}-"))
    json_out = var_dir / "result.json"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "fazhi.settings",
        "FAZHI_DEBUG": "1",
        "FAZHI_VAR_DIR": str(var_dir),
        "FAZHI_LOG_LEVEL": "WARNING",
    }
    env.pop("DATABASE_URL", None)
    if db == "postgres":
        env["DATABASE_URL"] = args.pg_url
        reset_postgres_database(args.pg_url, create=True)
    command = [
        sys.executable,
        str(Path(__file__).resolve()),
        "--child",
        "--events",
        ",".join(str(size) for size in args.events),
        "--single",
        str(args.single),
        "--batches",
        str(args.batches),
        "--batch-size",
        str(args.batch_size),
        "--proofs",
        str(args.proofs),
        "--json-out",
        str(json_out),
        *(["--check"] if args.check else []),
    ]
    started = time.perf_counter()
    try:
        subprocess.run(command, env=env, check=True, cwd=ROOT)  # noqa: S603 (our own script)
        result: dict[str, Any] = json.loads(json_out.read_text())
    finally:
        if args.keep_db:
            print(f"[{db}] kept: {var_dir}", file=sys.stderr)
        else:
            shutil.rmtree(var_dir, ignore_errors=True)
            if db == "postgres":
                reset_postgres_database(args.pg_url, create=False)
    result["wall_seconds"] = time.perf_counter() - started
    return result


def _mark(text: str, ok: bool) -> str:
    return text if ok else f"**{text}**"


def markdown(results: list[dict[str, Any]]) -> str:
    names = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
    lines = [
        "| 数据库 | N | 单条事务 事件/秒 | 单条 p50 / p95 ms | 每事务100条 事件/秒 | 包含证明 p50 / p95 ms "
        "| 一致性证明 p50 / p95 ms | ledger_verify s | 基线 读+哈希一次 s | 比值 | 载入 s | 库大小 GiB |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for result in results:
        for row in result["sizes"]:
            appends, proofs, verify = row["appends"], row["proofs"], row["verify"]
            single = appends["single"]
            inclusion, consistency = proofs["inclusion"], proofs["consistency"]
            # The issue sets the append target for SQLite, the embedded single-town set-up.
            rate = _mark(
                f"{single['per_second']:,.0f}",
                result["vendor"] != "sqlite" or single["per_second"] >= TARGET_APPENDS_PER_SECOND,
            )
            proof_p95 = _mark(f"{inclusion['p95']:.2f}", inclusion["p95"] <= TARGET_PROOF_MS)
            ratio = _mark(f"{verify['ratio']:.2f}", verify["ratio"] <= TARGET_VERIFY_RATIO)
            lines.append(
                f"| {names[result['vendor']]} | {row['size']:,} | {rate} "
                f"| {single['latency_ms']['p50']:.2f} / {single['latency_ms']['p95']:.2f} "
                f"| {appends['batch']['per_second']:,.0f} "
                f"| {inclusion['p50']:.2f} / {proof_p95} "
                f"| {consistency['p50']:.2f} / {consistency['p95']:.2f} "
                f"| {verify['seconds']:.1f} "
                f"| {verify['baseline_before']:.1f} / {verify['baseline_after']:.1f} | {ratio} "
                f"| {row['load_seconds']:.0f} | {row['database_bytes'] / 2**30:.2f} |"
            )
    lines.append("")
    lines.append(
        f"**Bold**: misses its target (≥ {TARGET_APPENDS_PER_SECOND:,} single-event transactions per "
        f"second on SQLite, inclusion proof ≤ {TARGET_PROOF_MS:.0f} ms, verify ≤ {TARGET_VERIFY_RATIO:.0f}× "
        "baseline). Ratio: ledger_verify ÷ mean of the two baselines."
    )
    for result in results:
        first = result["sizes"][0]["appends"]
        lines.append(
            f"\n{names[result['vendor']]}: {first['queries_per_event']:.1f} statements per single-event "
            "transaction (BEGIN and COMMIT included); single-event appends with DEBUG on: "
            + ", ".join(
                f"{row['appends']['single_debug']['per_second']:,.0f}/s at {row['size']:,}"
                for row in result["sizes"]
            )
            + f"; child wall time {result['wall_seconds']:.0f} s; versions: "
            + ", ".join(f"{k} {v}" for k, v in result["versions"].items())
        )
    return "\n".join(lines)


def _sizes(text: str) -> list[int]:
    sizes = [int(part.replace("_", "")) for part in text.split(",") if part.strip()]
    if not sizes or min(sizes) < 2:
        raise argparse.ArgumentTypeError("--events takes sizes >= 2, comma-separated")
    return sorted(set(sizes))


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument(
        "--events",
        type=_sizes,
        default=[1_000_000],
        help="log sizes N, comma-separated; each is loaded on top of the previous one",
    )
    parser.add_argument("--single", type=int, default=2000, help="single-event transactions to time")
    parser.add_argument("--batches", type=int, default=20, help="batched transactions to time")
    parser.add_argument("--batch-size", type=int, default=100, help="events per batched transaction")
    parser.add_argument("--proofs", type=int, default=500, help="inclusion and consistency proofs to time")
    parser.add_argument(
        "--check",
        action="store_true",
        help="check the bulk loader at every N (always on for N <= 100,000)",
    )
    parser.add_argument("--pg-url", default=DEFAULT_PG_URL)
    parser.add_argument("--keep-db", action="store_true", help="keep the databases for inspection")
    parser.add_argument("--json-out", help="also write the raw results here (JSON)")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    if args.child:
        run_child(args)
        return
    databases = ["sqlite", "postgres"] if args.db == "both" else [args.db]
    started = time.perf_counter()
    results = [run_database(db, args) for db in databases]
    if args.json_out:
        Path(args.json_out).write_text(json.dumps(results, ensure_ascii=False, indent=1))
    print(markdown(results))
    print(f"\nTotal wall time: {time.perf_counter() - started:.0f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
