"""Party list and party search: latency of the real page at a million parties, on SQLite and PostgreSQL.

    .venv/bin/python bench/party_list.py --db both --parties 1000000 --requests 200

For each database the script starts itself again in a child process with that database's settings
(FAZHI_DEBUG=1, a temporary FAZHI_VAR_DIR, DATABASE_URL for PostgreSQL), migrates an empty database,
builds a district of four towns through the services, bulk-inserts the parties
(bench/generate_parties.py) and then times GET /parties/ through Django's test Client, logged in as
the benchmarked town's administrator. The whole request is timed: session, user, permissions, the
page's queries, template rendering, session save.

Cases run round-robin (one request of each case, then the next round), so that a burst of noise on
this shared machine lands on every case alike. A case that has used up --case-seconds stops early
(after at least --min-requests requests); the table says how many requests each figure rests on.

The baseline, measured in the same run and the same rounds, is what the machine does when the
database has nothing to do: one primary-key lookup through Django's connection, and the static
login page through the same test Client.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    # Run as `python bench/<name>.py`, the script's own folder is on the path, not the project's.
    sys.path.insert(0, str(ROOT))

from bench.common import quantiles_ms, reset_postgres_database, versions  # noqa: E402

DEFAULT_PG_URL = "postgres://postgres@127.0.0.1:5432/fazhi_bench"
TARGET_MS = 100.0


@dataclass
class CaseResult:
    key: str
    label: str
    example: str
    timings_ms: list[float] = field(default_factory=list)
    queries: int = 0
    rows_on_page: int = 0

    def summary(self) -> dict[str, float]:
        return quantiles_ms(self.timings_ms)


# ------------------------------------------------------------------------------------------ the child


def _explain(sql: str) -> str:
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) " + sql)
            return "\n".join(row[0] for row in cursor.fetchall())
        cursor.execute("EXPLAIN QUERY PLAN " + sql)
        return "\n".join(f"{row[0]:>3} {row[1]:>3} {row[3]}" for row in cursor.fetchall())


def _rows_on_page(html: str) -> int:
    return html.count('<td data-label="名称">')


def run_child(args: argparse.Namespace) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fazhi.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from bench import generate_parties

    started = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    world = generate_parties.build_world()
    samples, load_seconds = generate_parties.load_parties(args.parties, world)
    if args.try_trigram and connection.vendor == "postgresql":
        # A proposal, not in the migrations: see docs/performance.md.
        with connection.cursor() as cursor:
            cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
            cursor.execute("CREATE INDEX party_name_trgm ON core_party USING gin (name gin_trgm_ops)")
            cursor.execute("ANALYZE core_party")
    if args.sqlite_analyze and connection.vendor == "sqlite":
        # A proposal, not what the app does today: see docs/performance.md.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    setup_seconds = time.perf_counter() - started
    print(
        f"[{connection.vendor}] {args.parties:,} parties loaded in {load_seconds:.0f} s "
        f"(set-up {setup_seconds:.0f} s); {len(samples.resident_ids)} ID, "
        f"{len(samples.name_prefixes)} prefix, {len(samples.company_substrings)} substring samples",
        file=sys.stderr,
        flush=True,
    )

    client = Client()
    client.force_login(world.admin, backend="django.contrib.auth.backends.ModelBackend")
    anonymous = Client()
    with connection.cursor() as cursor:
        cursor.execute("SELECT MIN(id), MAX(id) FROM core_party")
        low_id, high_id = cursor.fetchone()

    def pick(values: list[str], i: int) -> str:
        return values[(i * 7919) % len(values)]

    # key, label, URL for the i-th request
    page_cases: list[tuple[str, str, Callable[[int], str]]] = [
        ("list", "1. 列表首页 /parties/", lambda i: "/parties/"),
        ("id", "2a. 身份证号精确查找", lambda i: f"/parties/?q={pick(samples.resident_ids, i)}"),
        ("prefix", "2b. 姓名前缀（2字）", lambda i: f"/parties/?q={pick(samples.name_prefixes, i)}"),
        (
            "substring",
            "2c. 企业名称中间3字",
            lambda i: f"/parties/?q={pick(samples.company_substrings, i)}",
        ),
        ("common", "2c'. 常见3字“有限公”（大量匹配）", lambda i: "/parties/?q=有限公"),
        ("kind", "2d. 类型筛选（法人及非法人组织）", lambda i: "/parties/?kind=organisation"),
        (
            "kind_prefix",
            "2d'. 类型+姓名前缀（自然人+2字）",
            lambda i: f"/parties/?kind=person&q={pick(samples.name_prefixes, i)}",
        ),
        ("deep", "2e. 列表第400页", lambda i: "/parties/?page=400"),
    ]
    results: dict[str, CaseResult] = {}
    explains: dict[str, list[dict[str, Any]]] = {}
    for key, label, url_for in page_cases:
        url = url_for(0)
        # Warm caches and compile templates; then one captured request to list the page's queries.
        for i in range(3):
            client.get(url_for(i + 1))
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        html = response.content.decode()
        results[key] = CaseResult(
            key=key,
            label=label,
            example=url,
            queries=len(captured.captured_queries),
            rows_on_page=_rows_on_page(html),
        )
        if key != "list" and key != "kind" and key != "deep":
            assert results[key].rows_on_page > 0, f"{url} found nothing"
        if args.explain:
            explains[key] = [
                {"sql": query["sql"], "ms": float(query["time"]) * 1000, "plan": _explain(query["sql"])}
                for query in captured.captured_queries
                if "core_party" in query["sql"]
            ]

    results["baseline_sql"] = CaseResult(
        key="baseline_sql",
        label="基线：SELECT 1 FROM core_party WHERE id = ?",
        example="connection.cursor()",
    )
    results["baseline_page"] = CaseResult(
        key="baseline_page", label="基线：静态页面 GET /login/（未登录）", example="/login/"
    )
    for _ in range(3):
        anonymous.get("/login/")

    def time_request(key: str, i: int) -> None:
        if key == "baseline_sql":
            party_id = low_id + (i * 104729) % (high_id - low_id + 1)
            begin = time.perf_counter()
            with connection.cursor() as cursor:
                cursor.execute("SELECT 1 FROM core_party WHERE id = %s", [party_id])
                cursor.fetchone()
            results[key].timings_ms.append((time.perf_counter() - begin) * 1000)
            return
        if key == "baseline_page":
            begin = time.perf_counter()
            response = anonymous.get("/login/")
        else:
            url = next(url_for for k, _, url_for in page_cases if k == key)(i)
            begin = time.perf_counter()
            response = client.get(url)
        elapsed = (time.perf_counter() - begin) * 1000
        assert response.status_code == 200, (key, response.status_code)
        results[key].timings_ms.append(elapsed)

    # Connection.queries keeps the last 9000 queries under DEBUG; that is bounded, so leave it.
    spent = dict.fromkeys(results, 0.0)
    active = list(results)
    measuring_started = time.perf_counter()
    for i in range(args.requests):
        for key in list(active):
            begin = time.perf_counter()
            time_request(key, i)
            spent[key] += time.perf_counter() - begin
            if spent[key] > args.case_seconds and len(results[key].timings_ms) >= args.min_requests:
                active.remove(key)
        if not active:
            break
    measuring_seconds = time.perf_counter() - measuring_started

    output = {
        "vendor": connection.vendor,
        "parties": args.parties,
        "versions": versions(),
        "load_seconds": load_seconds,
        "setup_seconds": setup_seconds,
        "measuring_seconds": measuring_seconds,
        "cases": [{**asdict(result), "summary": result.summary()} for result in results.values()],
        "explains": explains,
    }
    Path(args.json_out).write_text(json.dumps(output, ensure_ascii=False))


# ----------------------------------------------------------------------------------------- the parent


def run_database(db: str, args: argparse.Namespace) -> dict[str, Any]:
    var_dir = Path(tempfile.mkdtemp(prefix=f"fazhi-bench-{db}-"))
    json_out = var_dir / "result.json"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "fazhi.settings",
        "FAZHI_DEBUG": "1",
        "FAZHI_VAR_DIR": str(var_dir),
        "ALLOWED_HOSTS": "testserver,127.0.0.1",
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
        "--db",
        db,
        "--parties",
        str(args.parties),
        "--requests",
        str(args.requests),
        "--case-seconds",
        str(args.case_seconds),
        "--min-requests",
        str(args.min_requests),
        "--json-out",
        str(json_out),
        *(["--explain"] if args.explain else []),
        *(["--try-trigram"] if args.try_trigram else []),
        *(["--sqlite-analyze"] if args.sqlite_analyze else []),
    ]
    try:
        subprocess.run(command, env=env, check=True, cwd=ROOT)  # noqa: S603 (our own script)
        result: dict[str, Any] = json.loads(json_out.read_text())
    finally:
        if not args.keep_db:
            shutil.rmtree(var_dir, ignore_errors=True)
            if db == "postgres":
                reset_postgres_database(args.pg_url, create=False)
        else:
            print(f"[{db}] kept: {var_dir}", file=sys.stderr)
    return result


def _ms(value: float) -> str:
    if value != value:  # NaN
        return "–"
    return f"{value:.3f}" if value < 1 else f"{value:.1f}"


def markdown(results: list[dict[str, Any]]) -> str:
    names = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
    header = "| 场景 | " + " | ".join(
        f"{names[r['vendor']]} p50 | {names[r['vendor']]} p95 | n" for r in results
    )
    lines = [
        header + " |",
        "|---|" + "---:|---:|---:|" * len(results),
    ]
    first = results[0]["cases"]
    for index, case in enumerate(first):
        cells = []
        for result in results:
            summary = result["cases"][index]["summary"]
            p95 = _ms(summary["p95"])
            if not case["key"].startswith("baseline") and summary["p95"] > TARGET_MS:
                p95 = f"**{p95}**"
            cells.append(f"{_ms(summary['p50'])} | {p95} | {summary['n']}")
        lines.append(f"| {case['label']} | " + " | ".join(cells) + " |")
    lines.append("")
    lines.append(
        "Milliseconds per request. **Bold**: p95 over the 100 ms target. n: requests measured. "
        "Example URLs: "
        + "; ".join(f"`{case['example']}`" for case in first if case["example"].startswith("/parties"))
    )
    for result in results:
        lines.append(
            f"\n{names[result['vendor']]}: {result['parties']:,} parties loaded in "
            f"{result['load_seconds']:.0f} s, measured for {result['measuring_seconds']:.0f} s; "
            f"queries per page: "
            + ", ".join(
                f"{case['key']} {case['queries']}"
                for case in result["cases"]
                if not case["key"].startswith("baseline")
            )
            + "; versions: "
            + ", ".join(f"{k} {v}" for k, v in result["versions"].items())
        )
    return "\n".join(lines)


def explains_text(results: list[dict[str, Any]]) -> str:
    out = []
    for result in results:
        for key, queries in result["explains"].items():
            for query in queries:
                out.append(f"### {result['vendor']} · {key} · {query['ms']:.1f} ms\n")
                out.append("```sql\n" + query["sql"] + "\n```\n```\n" + query["plan"] + "\n```\n")
    return "\n".join(out)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--parties", type=int, default=1_000_000)
    parser.add_argument("--requests", type=int, default=200, help="requests per case (rounds)")
    parser.add_argument(
        "--case-seconds",
        type=float,
        default=30.0,
        help="stop timing a case once it has used this many seconds (and --min-requests requests)",
    )
    parser.add_argument("--min-requests", type=int, default=30)
    parser.add_argument("--pg-url", default=DEFAULT_PG_URL)
    parser.add_argument("--explain", action="store_true", help="print the plan of every party query")
    parser.add_argument(
        "--try-trigram",
        action="store_true",
        help="PostgreSQL only: add a pg_trgm GIN index on name before measuring (the proposed fix)",
    )
    parser.add_argument(
        "--sqlite-analyze",
        action="store_true",
        help="SQLite only: run ANALYZE after loading, so the planner has statistics (a proposal)",
    )
    parser.add_argument("--keep-db", action="store_true", help="keep the databases for inspection")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--json-out", help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    if args.child:
        run_child(args)
        return
    databases = ["sqlite", "postgres"] if args.db == "both" else [args.db]
    started = time.perf_counter()
    results = [run_database(db, args) for db in databases]
    print(markdown(results))
    if args.explain:
        print("\n## Query plans\n")
        print(explains_text(results))
    print(f"\nTotal wall time: {time.perf_counter() - started:.0f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
