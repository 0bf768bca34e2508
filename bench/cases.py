"""Enforcement cases at a million: the case list and the case page, and transitions per second, on SQLite
and PostgreSQL.

    .venv/bin/python bench/cases.py --db both --cases 1000,1000000

For each database and each size N the script starts itself again in a child process with that
database's settings (FAZHI_DEBUG=1, a temporary FAZHI_VAR_DIR, DATABASE_URL for PostgreSQL, whose
scratch database it creates and drops), migrates an empty database and loads the data
(bench/generate_cases.py: a district of four towns, N/4 parties, N cases with every row their stage
implies and about 11 ledger events each, 95% of the cases in the benchmarked town). Then it:

1. times pages through Django's test Client, logged in as an officer (执法人员) of the benchmarked
   town: the list, filtered by stage, a deep page, the other filters, the clocks page, and the case
   page of random cases. The whole request is timed (session, user, permissions, the page's queries,
   templates, session save). Cases run round-robin, one request of each per round, so that a burst of
   noise on this shared machine lands on every case alike; a case that has used --case-seconds stops
   early (after at least --min-requests requests). Two baselines run in the same rounds: a primary-key
   SELECT through Django's connection and the static login page, not logged in;
2. counts the SQL queries of each page (CaptureQueriesContext), and of the case page for the newest
   cases of every stage, with the number of ledger events the page verifies;
3. drives --transitions new cases through the real services, from register_lead to close_case
   (twelve calls, ten of which move the case to another stage), on top of the loaded data, and reports
   calls per second and each call's latency. Timing of this part runs with settings.DEBUG off, as in
   production and as bench/ledger.py times appends; the pages run with DEBUG on, as bench/party_list.py
   times them.

Run it at two sizes (1,000 and 1,000,000) to see that the number of queries per page does not grow with
the data; the figures and what they mean are in docs/performance.md.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import re
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

from bench.common import database_bytes, prewarm, quantiles_ms, reset_postgres_database, versions  # noqa: E402

DEFAULT_PG_URL = "postgres://postgres@127.0.0.1:5432/fazhi_bench_cases"
TARGET_MS = 150.0
CASE_LINK = re.compile(r'href="/cases/\d+/"')


@dataclass
class PageResult:
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


def _case_events(case_id: int) -> int:
    from fazhi.ledger.models import Event

    return Event.objects.filter(subject_type="enforcement.case", subject_id=str(case_id)).count()


def _load(args: argparse.Namespace) -> tuple[Any, dict[str, Any]]:
    from django.core.management import call_command
    from django.db import connection

    from bench import generate_cases

    started = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    parties = args.parties or max(1_000, args.cases // 4)
    world = generate_cases.build_world(parties)
    world_seconds = time.perf_counter() - started - world.party_seconds
    check = args.check or args.cases <= 10_000
    loader = generate_cases.Loader(world, args.cases, seed=args.seed, check=check)
    loaded = loader.load()
    if check:
        # The generated rows and events are what the app would have written: foreign keys hold (they
        # were enforced during the load), and the whole log verifies against the signed checkpoint.
        out = io.StringIO()
        call_command("ledger_verify", progress_every=10**15, stdout=out)
        assert "校验通过" in out.getvalue(), out.getvalue()
    info = {
        "parties": parties,
        "party_seconds": world.party_seconds,
        "world_seconds": world_seconds,
        "load": asdict(loaded),
        "checked": check,
        "database_bytes": database_bytes(),
        "setup_seconds": time.perf_counter() - started,
        "heaviest": {str(town): value for town, value in loader.heaviest.items()},
    }
    # Kept with the database, so that --reuse-var-dir can measure it again without loading it again.
    (Path(os.environ["FAZHI_VAR_DIR"]) / "bench-load.json").write_text(json.dumps(info, default=str))
    print(
        f"[{connection.vendor}] {args.cases:,} cases, {loaded.events:,} events, {parties:,} parties: "
        f"cases loaded in {loaded.seconds['total']:.0f} s (set-up {info['setup_seconds']:.0f} s), "
        f"database {info['database_bytes'] / 2**30:.2f} GiB",
        file=sys.stderr,
        flush=True,
    )
    return world, info


def _reuse(args: argparse.Namespace) -> tuple[Any, dict[str, Any]]:
    """A database loaded by an earlier run (--keep-db), migrated to the code measured now."""
    from django.core.management import call_command
    from django.db import connection
    from django.db.models import Count

    from bench import generate_cases
    from fazhi.enforcement.models import Case
    from fazhi.ledger.models import Event, LedgerHead

    call_command("migrate", verbosity=0, interactive=False)
    world = generate_cases.load_world()
    saved = Path(os.environ["FAZHI_VAR_DIR"]) / "bench-load.json"
    if saved.exists():
        info: dict[str, Any] = json.loads(saved.read_text())
    else:
        # Loaded before the loader kept its figures: what the database itself can tell.
        town = world.crew.town.pk
        top = (
            Event.objects.filter(subject_type="enforcement.case", organisation_id=town)
            .values("subject_id")
            .annotate(n=Count("sequence"))
            .order_by("-n")
            .first()
        )
        assert top is not None
        info = {
            "parties": len([p for crew in world.crews for p in crew.party_ids]),
            "party_seconds": float("nan"),
            "load": {
                "cases": Case.objects.count(),
                "events": LedgerHead.objects.get(id=1).size,
                "rows": {},
                "stages": dict(
                    Case.objects.values_list("stage").annotate(n=Count("id")).values_list("stage", "n")
                ),
                "seconds": {"total": float("nan"), "rebuild_indexes": float("nan")},
            },
            "checked": False,
            "heaviest": {str(town): [top["n"], int(top["subject_id"])]},
        }
    info["database_bytes"] = database_bytes()
    info["reused"] = True
    args.cases = info["load"]["cases"]
    print(f"[{connection.vendor}] reusing {args.cases:,} cases", file=sys.stderr, flush=True)
    return world, info


def _pages(args: argparse.Namespace, world: Any, heaviest: int) -> dict[str, Any]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from fazhi.enforcement.models import Case
    from fazhi.enforcement.rules import Stage

    crew = world.crew
    officer = crew.officers[0]
    client = Client()
    client.force_login(officer, backend="django.contrib.auth.backends.ModelBackend")
    anonymous = Client()
    town_case_ids = list(Case.objects.filter(organisation=crew.town).values_list("id", flat=True))
    rnd = random.Random(args.seed)
    random_ids = [rnd.choice(town_case_ids) for _ in range(max(args.requests, 50) + 10)]

    page_cases: list[tuple[str, str, Callable[[int], str]]] = [
        ("list", "1. 列表首页 /cases/", lambda i: "/cases/"),
        ("stage_common", "2a. 阶段筛选：归档（多数案件）", lambda i: "/cases/?stage=archived"),
        ("stage_open", "2b. 阶段筛选：调查取证（进行中）", lambda i: "/cases/?stage=investigating"),
        ("stage_rare", "2c. 阶段筛选：法制审核（少数）", lambda i: "/cases/?stage=legal_review"),
        ("deep", "3. 列表第400页", lambda i: "/cases/?page=400"),
        ("officer", "4a. 办案人员筛选", lambda i: f"/cases/?officer={officer.pk}"),
        ("overdue", "4b. 仅看超期", lambda i: "/cases/?overdue=on"),
        ("clocks", "4c. 期限提醒 /cases/clocks/", lambda i: "/cases/clocks/"),
        ("detail", "5a. 案件页（随机案件）", lambda i: f"/cases/{random_ids[i]}/"),
        ("detail_heavy", "5b. 案件页（记录最多的案件）", lambda i: f"/cases/{heaviest}/"),
    ]
    results: dict[str, PageResult] = {}
    explains: dict[str, list[dict[str, Any]]] = {}
    for key, label, url_for in page_cases:
        url = url_for(0)
        for i in range(3):  # warm caches and compile templates
            client.get(url_for(i + 1))
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        html = response.content.decode()
        results[key] = PageResult(
            key=key,
            label=label,
            example=url,
            queries=len(captured.captured_queries),
            rows_on_page=len(CASE_LINK.findall(html)) if not key.startswith("detail") else 0,
        )
        if key in ("list", "stage_common", "deep", "officer"):
            assert results[key].rows_on_page > 0, f"{url} shows no case"
        if args.explain:
            explains[key] = [
                {"sql": query["sql"], "ms": float(query["time"]) * 1000, "plan": _explain(query["sql"])}
                for query in captured.captured_queries
                if "enforcement_" in query["sql"] or "ledger_event" in query["sql"]
            ]

    # Queries of the case page, for the newest cases of every stage: they depend on the stage and on the
    # case's own events (one inclusion proof each), not on how many cases or events the database holds.
    probes = []
    for stage in Stage:
        for case_id in (
            Case.objects.filter(organisation=crew.town, stage=stage)
            .order_by("-id")
            .values_list("id", flat=True)[:3]
        ):
            with CaptureQueriesContext(connection) as captured:
                response = client.get(f"/cases/{case_id}/")
            assert response.status_code == 200, (case_id, response.status_code)
            events = _case_events(case_id)
            probes.append(
                {
                    "stage": stage.value,
                    "case": case_id,
                    "queries": len(captured.captured_queries),
                    "events": events,
                }
            )

    results["baseline_sql"] = PageResult(
        key="baseline_sql",
        label="基线：SELECT 1 FROM enforcement_case WHERE id = ?",
        example="connection.cursor()",
    )
    results["baseline_page"] = PageResult(
        key="baseline_page", label="基线：静态页面 GET /login/（未登录）", example="/login/"
    )
    for _ in range(3):
        anonymous.get("/login/")
    low_id, high_id = min(town_case_ids), max(town_case_ids)

    def time_request(key: str, i: int) -> None:
        if key == "baseline_sql":
            case_id = low_id + (i * 104729) % (high_id - low_id + 1)
            begin = time.perf_counter()
            with connection.cursor() as cursor:
                cursor.execute("SELECT 1 FROM enforcement_case WHERE id = %s", [case_id])
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
    return {
        "measuring_seconds": time.perf_counter() - measuring_started,
        "pages": [{**asdict(result), "summary": result.summary()} for result in results.values()],
        "probes": probes,
        "explains": explains,
        "heaviest_events": _case_events(heaviest),
    }


def _transitions(args: argparse.Namespace, world: Any) -> dict[str, Any]:
    """New cases through the services, register_lead to close_case, timed call by call."""
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from fazhi.core.models import Party
    from fazhi.enforcement import services
    from fazhi.enforcement.models import Case
    from fazhi.enforcement.rules import ReviewGrounds, Stage

    crew = world.crew
    officer, officer2 = crew.officers[0], crew.officers[1]
    head, reviewer = crew.heads[0], crew.reviewers[0]
    power = crew.powers[0]
    rnd = random.Random(args.seed + 1)
    parties = list(Party.objects.filter(pk__in=rnd.sample(crew.party_ids, min(500, len(crew.party_ids)))))
    today = timezone.localdate()
    fine = 2_000_00

    def one_case(
        n: int, timings: dict[str, list[float]] | None, after: Callable[[str, Case], None] | None = None
    ) -> Case:
        party = parties[n % len(parties)]
        case: Any = None
        steps: list[tuple[str, Callable[[], Any]]] = [
            (
                "register_lead",
                lambda: services.register_lead(
                    officer,
                    title="占道经营",
                    source="patrol",
                    received_on=today,
                    act_on=today,
                    place="辛口村村口",
                    party=party,
                ),
            ),
            (
                "file_case",
                lambda: services.file_case(
                    head,
                    case,
                    party=party,
                    power=power,
                    act_ended_on=today,
                    endangers_life_health_or_finance=False,
                ),
            ),
            (
                "start_investigation",
                lambda: services.start_investigation(officer, case, investigators=[officer, officer2]),
            ),
            (
                "close_investigation",
                lambda: services.close_investigation(
                    officer,
                    case,
                    outcome="penalty",
                    findings="占道经营属实，有现场照片及询问笔录为证。",
                    review_grounds=ReviewGrounds(major_public_interest=True),
                    major_or_complex=False,
                ),
            ),
            (
                "issue_notice",
                lambda: services.issue_notice(
                    officer,
                    case,
                    proposed_penalties="罚款",
                    penalty_kinds=["fine"],
                    proposed_fine_fen=fine,
                    facts="事实、理由及依据……",
                    served_on=today,
                    statement_working_days=3,
                ),
            ),
            ("record_defence", lambda: services.record_defence(officer, case, statement="", waived=True)),
            ("submit_legal_review", lambda: services.submit_legal_review(officer, case)),
            (
                "review_case",
                lambda: services.review_case(
                    reviewer, case, opinion="agreed", reasons="事实清楚，证据确实充分。"
                ),
            ),
            (
                "decide",
                lambda: services.decide(
                    head,
                    case,
                    services.DecisionInput(
                        penalty_kinds=["fine"],
                        penalties="罚款",
                        fine_fen=fine,
                        basis="《城市道路管理条例》第四十二条",
                    ),
                ),
            ),
            (
                "serve_decision",
                lambda: services.serve_decision(
                    officer,
                    case,
                    method="direct",
                    served_on=today,
                    recipient=party.name,
                    proof="送达回证签收",
                ),
            ),
            (
                "record_payment",
                lambda: services.record_payment(
                    officer, case, paid_on=today, paid_fen=fine, receipt_number=f"TJ{n:010d}"
                ),
            ),
            (
                "close_case",
                lambda: services.close_case(head, case, reason="performed", summary="罚款已缴纳，执行完毕。"),
            ),
        ]
        for name, call in steps:
            begin = time.perf_counter()
            returned = call()
            if timings is not None:
                timings[name].append((time.perf_counter() - begin) * 1000)
            if isinstance(returned, Case):
                case = returned
            if after is not None:
                after(name, case)
        assert isinstance(case, Case)
        case.refresh_from_db()
        assert case.stage == Stage.CLOSED, case.stage
        return case

    settings.DEBUG = False  # time what production runs; see the module docstring
    try:
        one_case(0, None)  # warm-up
        with CaptureQueriesContext(connection) as captured:
            one_case(1, None)
        queries_per_case = len(captured.captured_queries)
        timings: dict[str, list[float]] = {
            name: [] for name in ("register_lead", "file_case", "start_investigation", "close_investigation")
        }
        timings.update(
            {
                name: []
                for name in (
                    "issue_notice",
                    "record_defence",
                    "submit_legal_review",
                    "review_case",
                    "decide",
                    "serve_decision",
                    "record_payment",
                    "close_case",
                )
            }
        )
        started = time.perf_counter()
        for n in range(args.transitions):
            one_case(n + 2, timings)
        seconds = time.perf_counter() - started
    finally:
        settings.DEBUG = True
        connection.queries_log.clear()

    # One more case, with its page looked at after every call: the same case at every size, so its
    # query counts compare like with like.
    client = Client()
    client.force_login(officer, backend="django.contrib.auth.backends.ModelBackend")
    walk: list[dict[str, Any]] = []

    def look(name: str, case: Case) -> None:
        with CaptureQueriesContext(connection) as captured:
            response = client.get(f"/cases/{case.pk}/")
        assert response.status_code == 200, (name, response.status_code)
        stage = Case.objects.values_list("stage", flat=True).get(pk=case.pk)
        walk.append(
            {
                "after": name,
                "stage": stage,
                "events": _case_events(case.pk),
                "queries": len(captured.captured_queries),
            }
        )

    one_case(args.transitions + 2, None, after=look)
    calls = sum(len(values) for values in timings.values())
    return {
        "cases": args.transitions,
        "calls": calls,
        "stage_moves": args.transitions * 10,
        "seconds": seconds,
        "calls_per_second": calls / seconds,
        "stage_moves_per_second": args.transitions * 10 / seconds,
        "queries_per_case": queries_per_case,
        "per_call_ms": {name: quantiles_ms(values) for name, values in timings.items()},
        "walk": walk,
    }


def run_child(args: argparse.Namespace) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fazhi.settings")
    import django

    django.setup()
    from django.db import connection

    world, info = _reuse(args) if args.reuse else _load(args)
    output: dict[str, Any] = {
        "vendor": connection.vendor,
        "cases": args.cases,
        "versions": versions(),
        **info,
    }
    if not args.generate_only:
        output["prewarm_seconds"] = prewarm()
        # The benchmarked town's case with the most events, which the loader kept track of.
        output.update(_pages(args, world, heaviest=info["heaviest"][str(world.crew.town.pk)][1]))
        output["transitions"] = _transitions(args, world)
        print(
            f"[{connection.vendor}] {args.cases:,} cases: pages measured for {output['measuring_seconds']:.0f} s; "
            f"{output['transitions']['calls_per_second']:.0f} service calls/s",
            file=sys.stderr,
            flush=True,
        )
    Path(args.json_out).write_text(json.dumps(output, ensure_ascii=False, default=str))


# ----------------------------------------------------------------------------------------- the parent


def code_version() -> str:
    """The commit measured, and whether fazhi/ had changes not yet committed (others work alongside)."""

    def git(*words: str) -> str:
        found = subprocess.run(["git", *words], cwd=ROOT, capture_output=True, text=True, check=False)  # noqa: S603, S607
        return found.stdout.strip()

    dirty = git("status", "--porcelain", "--", "fazhi")
    return git("rev-parse", "--short", "HEAD") + (" with uncommitted changes in fazhi/" if dirty else "")


def commit_of(ref: str) -> str:
    found = subprocess.run(  # noqa: S603 (git, with a ref given on our command line)
        ["git", "rev-parse", "--short", ref],  # noqa: S607
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return found.stdout.strip()


def snapshot(ref: str) -> Path:
    """A commit's code with the current bench/ files, copied aside: a run takes most of an hour, and
    others' edits in progress in the working tree must not change the code under it."""
    target = Path(tempfile.mkdtemp(prefix="fazhi-bench-code-"))
    archive = subprocess.run(["git", "archive", ref], cwd=ROOT, capture_output=True, check=True)  # noqa: S603, S607
    subprocess.run(["tar", "-x", "-C", str(target)], input=archive.stdout, check=True)  # noqa: S603, S607
    for path in (ROOT / "bench").glob("*.py"):
        shutil.copy2(path, target / "bench" / path.name)
    return target


def run_database(db: str, size: int, args: argparse.Namespace) -> dict[str, Any]:
    reuse = Path(args.reuse_var_dir) if args.reuse_var_dir else None
    var_dir = reuse or Path(tempfile.mkdtemp(prefix=f"fazhi-bench-cases-{db}-"))
    json_out = var_dir / "result.json"
    code = ROOT if args.code == "live" else snapshot(args.code)
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
        if reuse is None:
            reset_postgres_database(args.pg_url, create=True)
    command = [
        sys.executable,
        str(code / "bench" / "cases.py"),
        "--child",
        "--cases",
        str(size),
        "--parties",
        str(args.parties),
        "--requests",
        str(args.requests),
        "--case-seconds",
        str(args.case_seconds),
        "--min-requests",
        str(args.min_requests),
        "--transitions",
        str(args.transitions),
        "--seed",
        str(args.seed),
        "--json-out",
        str(json_out),
        *(["--explain"] if args.explain else []),
        *(["--check"] if args.check else []),
        *(["--generate-only"] if args.generate_only else []),
        *(["--reuse"] if reuse else []),
    ]
    started = time.perf_counter()
    try:
        subprocess.run(command, env=env, check=True, cwd=code)  # noqa: S603 (our own script)
        result: dict[str, Any] = json.loads(json_out.read_text())
    finally:
        if code != ROOT:
            shutil.rmtree(code, ignore_errors=True)
        if args.keep_db or reuse:
            print(f"[{db}] kept: {var_dir}", file=sys.stderr)
        else:
            shutil.rmtree(var_dir, ignore_errors=True)
            if db == "postgres":
                reset_postgres_database(args.pg_url, create=False)
    result["wall_seconds"] = time.perf_counter() - started
    result["code"] = code_version() if args.code == "live" else commit_of(args.code)
    return result


NAMES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}


def _ms(value: float) -> str:
    if value != value:  # NaN
        return "–"
    return f"{value:.3f}" if value < 1 else f"{value:.1f}"


def _pages_table(results: list[dict[str, Any]]) -> list[str]:
    header = "| 场景 | " + " | ".join(
        f"{NAMES[r['vendor']]} p50 | {NAMES[r['vendor']]} p95 | n" for r in results
    )
    lines = [header + " |", "|---|" + "---:|---:|---:|" * len(results)]
    first = results[0]["pages"]
    for index, page in enumerate(first):
        cells = []
        for result in results:
            summary = result["pages"][index]["summary"]
            p95 = _ms(summary["p95"])
            if not page["key"].startswith("baseline") and summary["p95"] > TARGET_MS:
                p95 = f"**{p95}**"
            cells.append(f"{_ms(summary['p50'])} | {p95} | {summary['n']}")
        lines.append(f"| {page['label']} | " + " | ".join(cells) + " |")
    return lines


def markdown(results: list[dict[str, Any]]) -> str:
    lines: list[str] = []
    sizes = sorted({r["cases"] for r in results})
    measured = [r for r in results if "pages" in r]
    for size in sizes:
        at_size = [r for r in measured if r["cases"] == size]
        if not at_size:
            continue
        lines.append(f"\n### Pages at {size:,} cases (milliseconds per request)\n")
        lines.extend(_pages_table(at_size))
        lines.append("")
        lines.append(
            f"**Bold**: p95 over the {TARGET_MS:.0f} ms target. n: requests measured. URLs: "
            + "; ".join(
                f"`{page['example']}`" for page in at_size[0]["pages"] if page["example"].startswith("/cases")
            )
        )
    if measured:
        lines.append("\n### Queries per page\n")
        columns = [(r["vendor"], r["cases"]) for r in measured]
        lines.append("| 场景 | " + " | ".join(f"{NAMES[vendor]} {size:,}" for vendor, size in columns) + " |")
        lines.append("|---|" + "---:|" * len(columns))
        for index, page in enumerate(measured[0]["pages"]):
            if page["key"].startswith("baseline"):
                continue
            cells = [str(r["pages"][index]["queries"]) for r in measured]
            lines.append(f"| {page['label']} | " + " | ".join(cells) + " |")
        lines.append(
            "\nThe case page of one case driven through the services (the same case at every size), after "
            "each call: queries, and in brackets the case's ledger events (the page checks one inclusion "
            "proof per event):\n"
        )
        lines.append(
            "| 调用后 | 阶段 | " + " | ".join(f"{NAMES[vendor]} {size:,}" for vendor, size in columns) + " |"
        )
        lines.append("|---|---|" + "---:|" * len(columns))
        for index, step in enumerate(measured[0]["transitions"]["walk"]):
            cells = [
                f"{r['transitions']['walk'][index]['queries']} ({r['transitions']['walk'][index]['events']})"
                for r in measured
            ]
            lines.append(f"| {step['after']} | {step['stage']} | " + " | ".join(cells) + " |")
        lines.append(
            "\nCase page of the newest generated cases of each stage: queries − the case's events, min–max:\n"
        )
        lines.append("| 阶段 | " + " | ".join(f"{NAMES[vendor]} {size:,}" for vendor, size in columns) + " |")
        lines.append("|---|" + "---:|" * len(columns))
        stages = list(dict.fromkeys(probe["stage"] for r in measured for probe in r["probes"]))
        for stage in stages:
            cells = []
            for r in measured:
                values = [p["queries"] - p["events"] for p in r["probes"] if p["stage"] == stage]
                cells.append(f"{min(values)}–{max(values)}" if values else "–")
            lines.append(f"| {stage} | " + " | ".join(cells) + " |")
        lines.append("\n### Transitions through the services\n")
        lines.append(
            "| 数据库 | 案件数 | 服务调用/秒 | 阶段变更/秒 | 每案查询数 | "
            + " | ".join(measured[0]["transitions"]["per_call_ms"])
            + " |"
        )
        lines.append("|---|---:|---:|---:|---:|" + "---:|" * len(measured[0]["transitions"]["per_call_ms"]))
        for r in measured:
            t = r["transitions"]
            lines.append(
                f"| {NAMES[r['vendor']]} | {r['cases']:,} | {t['calls_per_second']:.0f} | "
                f"{t['stage_moves_per_second']:.0f} | {t['queries_per_case']} | "
                + " | ".join(f"{v['p50']:.1f} / {v['p95']:.1f}" for v in t["per_call_ms"].values())
                + " |"
            )
        lines.append(
            "\nPer call: p50 / p95 ms. A case is 12 calls, 10 of which move it to another stage "
            "(record_defence and review_case do not)."
        )
    lines.append("\n### Loading\n")
    lines.append(
        "| 数据库 | 案件数 | 记录事件数 | 当事人数 | 案件载入 s | 其中重建索引 s | 当事人载入 s | 库大小 GiB | 子进程总时间 s |"
    )
    lines.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in results:
        load = r["load"]
        lines.append(
            f"| {NAMES[r['vendor']]} | {r['cases']:,} | {load['events']:,} | {r['parties']:,} | "
            f"{load['seconds']['total']:.0f} | {load['seconds']['rebuild_indexes']:.0f} | "
            f"{r['party_seconds']:.0f} | {r['database_bytes'] / 2**30:.2f} | {r['wall_seconds']:.0f} |"
        )
    for r in results:
        spread = ", ".join(
            f"{k} {v:,}" for k, v in sorted(r["load"]["stages"].items(), key=lambda kv: -kv[1])
        )
        lines.append(f"\n{NAMES[r['vendor']]} {r['cases']:,}: stages: {spread}.")
        lines.append("Rows: " + ", ".join(f"{k} {v:,}" for k, v in r["load"]["rows"].items()) + ".")
        lines.append("Versions: " + ", ".join(f"{k} {v}" for k, v in r["versions"].items()) + ".")
        lines.append(f"Code: {r.get('code', '?')}.")
    return "\n".join(lines)


def explains_text(results: list[dict[str, Any]]) -> str:
    out = []
    for result in results:
        for key, queries in result.get("explains", {}).items():
            for query in queries:
                out.append(f"### {result['vendor']} {result['cases']:,} · {key} · {query['ms']:.1f} ms\n")
                out.append("```sql\n" + query["sql"] + "\n```\n```\n" + query["plan"] + "\n```\n")
    return "\n".join(out)


def _sizes(text: str) -> list[int]:
    sizes = [int(part.replace("_", "")) for part in text.split(",") if part.strip()]
    if not sizes or min(sizes) < 100:
        raise argparse.ArgumentTypeError("--cases takes sizes >= 100, comma-separated")
    return sizes


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument(
        "--cases",
        default="1000,1000000",
        help="numbers of cases, comma-separated; each size gets a database of its own",
    )
    parser.add_argument(
        "--parties", type=int, default=0, help="parties to load (default: a quarter of the cases)"
    )
    parser.add_argument("--requests", type=int, default=200, help="requests per page case (rounds)")
    parser.add_argument(
        "--case-seconds",
        type=float,
        default=30.0,
        help="stop timing a page case once it has used this many seconds (and --min-requests requests)",
    )
    parser.add_argument("--min-requests", type=int, default=30)
    parser.add_argument("--transitions", type=int, default=100, help="new cases driven through the services")
    parser.add_argument("--seed", type=int, default=20260601)
    parser.add_argument("--pg-url", default=DEFAULT_PG_URL)
    parser.add_argument("--explain", action="store_true", help="print the plan of every case-list query")
    parser.add_argument(
        "--check",
        action="store_true",
        help="enforce foreign keys during the load and run ledger_verify after it (always on up to 10,000 cases)",
    )
    parser.add_argument("--generate-only", action="store_true", help="load the data, measure nothing")
    parser.add_argument(
        "--code",
        default="HEAD",
        help="the commit to measure, copied aside with the current bench/ files (default HEAD, resolved "
        "when the run starts); 'live' measures the working tree as it is",
    )
    parser.add_argument("--keep-db", action="store_true", help="keep the databases for inspection")
    parser.add_argument(
        "--reuse-var-dir",
        help="measure the database a --keep-db run left (its FAZHI_VAR_DIR; for PostgreSQL also --pg-url) "
        "instead of loading one; one --db and one size",
    )
    parser.add_argument("--reuse", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--json-out", help="also write the raw results here (JSON)")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    if args.child:
        args.cases = int(args.cases)
        run_child(args)
        return
    databases = ["sqlite", "postgres"] if args.db == "both" else [args.db]
    if args.code != "live":
        args.code = commit_of(args.code)  # one commit for every database and size of this run
    started = time.perf_counter()
    if args.reuse_var_dir and len(databases) > 1:
        raise SystemExit("--reuse-var-dir measures one database: give --db sqlite or --db postgres")
    # A reused database has the size it was loaded with.
    sizes = [0] if args.reuse_var_dir else _sizes(args.cases)
    results = [run_database(db, size, args) for db in databases for size in sizes]
    if args.json_out:
        Path(args.json_out).write_text(json.dumps(results, ensure_ascii=False, indent=1))
    print(markdown(results))
    if args.explain:
        print("\n## Query plans\n")
        print(explains_text(results))
    print(f"\nTotal wall time: {time.perf_counter() - started:.0f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
