"""The annual report at city size, on PostgreSQL: one town's report and the whole city's.

    .venv/bin/python bench/reports.py --sizes 10000,1000000 --batch

For each size N the script starts itself again in a child process (FAZHI_DEBUG=1, a temporary
FAZHI_VAR_DIR, DATABASE_URL pointing at a scratch PostgreSQL database of its own, created and dropped),
migrates it and loads (bench/generate_report_data.py) a city of 10 districts and --towns towns (200)
with N enforcement cases over five years (about 11 ledger events each, and their decisions'
publications), N mediation visits in the report year, a few thousand of every other record the report
counts, and the ledger topped up to 10 × N events if the cases' own events fall short. Then, with
settings.DEBUG off:

1. times a town's report for --sample-towns random towns and the city's report: compute_all(Scope(org,
   year)) (the figures), then the draft rendered (selectors.unsaved_sections, wording.fill of every
   paragraph, documents.report_docx). Towns run round-robin, --town-runs rounds; the city --city-runs
   times. Two baselines run in the same rounds: a primary-key SELECT on mediation_dispute and a
   `SELECT count(*) FROM mediation_dispute`;
2. counts the queries of a town's report and of the city's (CaptureQueriesContext);
3. times each figure at the city's scope and prints EXPLAIN (ANALYZE, BUFFERS) of the slowest queries;
4. with --batch, times `manage.py annual_report --org <city> --year Y --each-town --json DIR`.

Run two sizes (1% and the full one) to see that the number of queries does not grow with the data.
The figures and what they mean are in docs/performance.md ("Annual report, 200 towns").
"""

from __future__ import annotations

import argparse
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
    sys.path.insert(0, str(ROOT))

from bench.cases import code_version  # noqa: E402
from bench.common import database_bytes, prewarm, quantiles_ms, reset_postgres_database, versions  # noqa: E402

DEFAULT_PG_URL = "postgres://postgres@127.0.0.1:5432/fazhi_bench_reports"
TOWN_TARGET_MS = 2_000.0
CITY_TARGET_MS = 30_000.0


# ------------------------------------------------------------------------------------------ the child


def _load(args: argparse.Namespace) -> dict[str, Any]:
    from django.core.management import call_command
    from django.utils import timezone

    from bench import generate_report_data

    started = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    year = timezone.localdate().year - 1
    city = generate_report_data.build_city(args.towns, max(1_000, args.size // 4), year)
    cases = generate_report_data.load_cases(city, args.size, args.seed)
    generate_report_data.load_disputes(city, args.size, args.seed)
    generate_report_data.load_activity(city, args.seed)
    topped = generate_report_data.top_up_ledger(city, args.events or 10 * args.size)
    generate_report_data.finish(city)
    info = {
        "size": args.size,
        "towns": len(city.towns),
        "year": year,
        "rows": city.rows,
        "load_seconds": city.seconds,
        "case_events": cases["events"],
        "ledger_topped_up": topped,
        "stages": cases["stages"],
        "setup_seconds": time.perf_counter() - started,
        "database_bytes": database_bytes(),
    }
    (Path(os.environ["FAZHI_VAR_DIR"]) / "bench-load.json").write_text(json.dumps(info, default=str))
    print(
        f"{args.size:,}: loaded in {info['setup_seconds']:.0f} s, {info['database_bytes'] / 2**30:.2f} GiB",
        file=sys.stderr,
        flush=True,
    )
    return info


def _explain(sql: str) -> str:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) " + sql)
        return "\n".join(row[0] for row in cursor.fetchall())


def _report(organisation: Any, year: int) -> tuple[float, float, int]:
    """A report as the command line and the draft page make it: the figures, then every paragraph
    filled and the .docx. Milliseconds for each part, and the .docx's size."""
    from fazhi.core.figures import Scope, compute_all
    from fazhi.reports import documents, selectors, wording

    begin = time.perf_counter()
    values = compute_all(Scope(organisation, year))
    figures_done = time.perf_counter()
    report = selectors.unsaved_report(organisation, year)
    sections = selectors.unsaved_sections(organisation, values)
    context = selectors.context_of(report)
    texts = [wording.fill(p.text, values, context) for section in sections for p in section.paragraphs]
    assert texts
    docx = documents.report_docx(report, sections, values, context)
    end = time.perf_counter()
    return (figures_done - begin) * 1000, (end - figures_done) * 1000, len(docx)


def _measure(args: argparse.Namespace, info: dict[str, Any]) -> dict[str, Any]:
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from fazhi.core.figures import FIGURES, Scope
    from fazhi.core.models import Organisation, OrganisationKind
    from fazhi.mediation.models import Dispute

    year = info["year"]
    city = Organisation.objects.get(kind=OrganisationKind.CITY)
    towns = list(Organisation.objects.filter(kind=OrganisationKind.TOWN).order_by("id"))
    rnd = random.Random(args.seed)
    sample = rnd.sample(towns, min(args.sample_towns, len(towns)))
    low, high = (
        Dispute.objects.order_by("id").values_list("id", flat=True)[:1][0],
        Dispute.objects.order_by("-id").values_list("id", flat=True)[:1][0],
    )

    def baseline_pk(i: int) -> float:
        begin = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT 1 FROM mediation_dispute WHERE id = %s", [low + (i * 104729) % (high - low + 1)]
            )
            cursor.fetchone()
        return (time.perf_counter() - begin) * 1000

    def baseline_count() -> float:
        begin = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM mediation_dispute")
            cursor.fetchone()
        return (time.perf_counter() - begin) * 1000

    # Queries, with DEBUG as it was (CaptureQueriesContext records them either way). The load filled
    # the bounded query log, and a full log would make every capture look empty.
    connection.queries_log.clear()
    counts = {}
    for key, organisation in (("town", sample[0]), ("city", city)):
        with CaptureQueriesContext(connection) as captured:
            _report(organisation, year)
        counts[key] = len(captured.captured_queries)

    settings.DEBUG = False
    timings: dict[str, list[float]] = {
        "town_total": [],
        "town_figures": [],
        "town_render": [],
        "city_total": [],
        "city_figures": [],
        "city_render": [],
        "baseline_pk": [],
        "baseline_count": [],
    }
    per_town: dict[str, list[float]] = {town.name: [] for town in sample}
    docx_bytes = 0
    _report(sample[0], year)  # warm-up: templates of the .docx, the wording
    started = time.perf_counter()
    for round_number in range(args.town_runs):
        for town in sample:
            figures_ms, render_ms, docx_bytes = _report(town, year)
            timings["town_figures"].append(figures_ms)
            timings["town_render"].append(render_ms)
            timings["town_total"].append(figures_ms + render_ms)
            per_town[town.name].append(figures_ms + render_ms)
            timings["baseline_pk"].append(baseline_pk(round_number * 100 + len(timings["baseline_pk"])))
        timings["baseline_count"].append(baseline_count())
    for _ in range(args.city_runs):
        figures_ms, render_ms, _size = _report(city, year)
        timings["city_figures"].append(figures_ms)
        timings["city_render"].append(render_ms)
        timings["city_total"].append(figures_ms + render_ms)
        timings["baseline_count"].append(baseline_count())
    measuring = time.perf_counter() - started

    # Each figure at the city's scope and at one town's: time, queries, and the plans of the slowest.
    figures: list[dict[str, Any]] = []
    slow_queries: list[dict[str, Any]] = []
    for scope_name, organisation in (("city", city), ("town", sample[0])):
        scope = Scope(organisation, year)
        for figure in FIGURES:
            connection.queries_log.clear()
            with CaptureQueriesContext(connection) as captured:
                begin = time.perf_counter()
                figure.compute(scope)
                elapsed = (time.perf_counter() - begin) * 1000
            figures.append(
                {
                    "scope": scope_name,
                    "key": figure.key,
                    "ms": elapsed,
                    "queries": len(captured.captured_queries),
                }
            )
            for query in captured.captured_queries:
                slow_queries.append(
                    {
                        "scope": scope_name,
                        "figure": figure.key,
                        "sql": query["sql"],
                        "ms": float(query["time"]) * 1000,
                    }
                )
    explains = []
    for scope_name in ("city", "town"):
        ranked = sorted((q for q in slow_queries if q["scope"] == scope_name), key=lambda q: -q["ms"])
        for query in ranked[: args.explain_top]:
            explains.append({**query, "plan": _explain(query["sql"])})

    batch: dict[str, Any] = {}
    if args.batch:
        out = Path(tempfile.mkdtemp(prefix="fazhi-bench-reports-batch-"))
        try:
            begin = time.perf_counter()
            call_command(
                "annual_report",
                "--org",
                city.division_code,
                "--year",
                str(year),
                "--each-town",
                "--json",
                str(out),
                stdout=io.StringIO(),
            )
            batch = {"seconds": time.perf_counter() - begin, "files": len(list(out.glob("*.json")))}
        finally:
            shutil.rmtree(out, ignore_errors=True)
    settings.DEBUG = True
    return {
        "sample": [town.name for town in sample],
        "queries": counts,
        "timings": {key: quantiles_ms(values) for key, values in timings.items()},
        "raw": timings,
        "per_town": {name: quantiles_ms(values) for name, values in per_town.items()},
        "docx_bytes": docx_bytes,
        "measuring_seconds": measuring,
        "figures": figures,
        "explains": explains,
        "batch": batch,
    }


def run_child(args: argparse.Namespace) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fazhi.settings")
    import django

    django.setup()
    from django.core.management import call_command

    saved = Path(os.environ["FAZHI_VAR_DIR"]) / "bench-load.json"
    if args.reuse:
        call_command("migrate", verbosity=0, interactive=False)
        info = json.loads(saved.read_text())
        info["reused"] = True
    else:
        info = _load(args)
    output = {"versions": versions(), **info}
    if not args.generate_only:
        output["prewarm_seconds"] = prewarm()
        output.update(_measure(args, info))
    Path(args.json_out).write_text(json.dumps(output, ensure_ascii=False, default=str))


# ----------------------------------------------------------------------------------------- the parent


def run_size(size: int, args: argparse.Namespace) -> dict[str, Any]:
    reuse = Path(args.reuse_var_dir) if args.reuse_var_dir else None
    var_dir = reuse or Path(tempfile.mkdtemp(prefix=f"fazhi-bench-reports-{size}-"))
    pg_url = args.pg_url if reuse else f"{args.pg_url}_{size}"
    json_out = var_dir / "result.json"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "fazhi.settings",
        "FAZHI_DEBUG": "1",
        "FAZHI_VAR_DIR": str(var_dir),
        "ALLOWED_HOSTS": "testserver,127.0.0.1",
        "FAZHI_LOG_LEVEL": "WARNING",
        "DATABASE_URL": pg_url,
    }
    if reuse is None:
        reset_postgres_database(pg_url, create=True)
    command = [
        sys.executable,
        str(ROOT / "bench" / "reports.py"),
        "--child",
        "--sizes",
        str(size),
        "--towns",
        str(args.towns),
        "--events",
        str(args.events),
        "--sample-towns",
        str(args.sample_towns),
        "--town-runs",
        str(args.town_runs),
        "--city-runs",
        str(args.city_runs),
        "--explain-top",
        str(args.explain_top),
        "--seed",
        str(args.seed),
        "--json-out",
        str(json_out),
        *(["--batch"] if args.batch else []),
        *(["--generate-only"] if args.generate_only else []),
        *(["--reuse"] if reuse else []),
    ]
    started = time.perf_counter()
    try:
        subprocess.run(command, env=env, check=True, cwd=ROOT)  # noqa: S603 (our own script)
        result: dict[str, Any] = json.loads(json_out.read_text())
    finally:
        if args.keep_db or reuse:
            print(f"[{size}] kept: {var_dir} ({pg_url})", file=sys.stderr)
        else:
            shutil.rmtree(var_dir, ignore_errors=True)
            reset_postgres_database(pg_url, create=False)
    result["wall_seconds"] = time.perf_counter() - started
    result["code"] = code_version()
    return result


def _ms(value: float) -> str:
    return f"{value:,.0f}" if value >= 100 else f"{value:.2f}" if value < 1 else f"{value:.1f}"


def markdown(results: list[dict[str, Any]]) -> str:
    lines = ["| | " + " | ".join(f"{r['size']:,} p50 | p95 | n" for r in results) + " |"]
    lines.append("|---|" + "---:|---:|---:|" * len(results))
    labels = {
        "town_total": "一个镇的报告（数据 + 成文）",
        "town_figures": "　其中 compute_all",
        "town_render": "　其中 成文（段落 + .docx）",
        "city_total": "全市报告（数据 + 成文）",
        "city_figures": "　其中 compute_all",
        "city_render": "　其中 成文（段落 + .docx）",
        "baseline_pk": "基线：SELECT 1 FROM mediation_dispute WHERE id = ?",
        "baseline_count": "基线：SELECT count(*) FROM mediation_dispute",
    }
    for key, label in labels.items():
        cells = []
        for r in results:
            t = r["timings"][key]
            p95 = _ms(t["p95"])
            target = (
                TOWN_TARGET_MS if key == "town_total" else CITY_TARGET_MS if key == "city_total" else None
            )
            if target is not None and t["p95"] > target:
                p95 = f"**{p95}**"
            cells.append(f"{_ms(t['p50'])} | {p95} | {t['n']}")
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    lines.append("\nMilliseconds. **Bold**: over the target (town 2 s, city 30 s).\n")
    lines.append("| queries | " + " | ".join(f"{r['size']:,}" for r in results) + " |")
    lines.append("|---|" + "---:|" * len(results))
    for key in ("town", "city"):
        lines.append(f"| {key} | " + " | ".join(str(r["queries"][key]) for r in results) + " |")
    for r in results:
        if r.get("batch"):
            lines.append(
                f"\n{r['size']:,}: `annual_report --each-town --json DIR`: {r['batch']['files']} towns in "
                f"{r['batch']['seconds']:.0f} s."
            )
    last = results[-1]
    lines.append(f"\nSlowest figures at {last['size']:,} (ms, city / town):\n")
    by_key: dict[str, dict[str, float]] = {}
    for f in last["figures"]:
        by_key.setdefault(f["key"], {})[f["scope"]] = f["ms"]
    for key, ms in sorted(by_key.items(), key=lambda kv: -kv[1].get("city", 0))[:10]:
        lines.append(f"- {key}: {ms.get('city', 0):,.0f} / {ms.get('town', 0):,.0f}")
    for r in results:
        lines.append(
            f"\n{r['size']:,}: rows " + ", ".join(f"{k} {v:,}" for k, v in r["rows"].items()) + "; "
            f"load {r.get('setup_seconds', 0):.0f} s ("
            + ", ".join(f"{k} {v:.0f}" for k, v in r["load_seconds"].items())
            + f"); database {r['database_bytes'] / 2**30:.2f} GiB; sample {', '.join(r['sample'])}; "
            f"code {r['code']}; versions " + ", ".join(f"{k} {v}" for k, v in r["versions"].items()) + "."
        )
    return "\n".join(lines)


def explains_text(results: list[dict[str, Any]]) -> str:
    out = []
    for r in results:
        for q in r.get("explains", []):
            out.append(f"### {r['size']:,} · {q['scope']} · {q['figure']} · {q['ms']:.0f} ms\n")
            out.append("```sql\n" + q["sql"] + "\n```\n```\n" + q["plan"] + "\n```\n")
    return "\n".join(out)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", default="10000,1000000", help="cases = mediation visits, comma-separated")
    parser.add_argument("--towns", type=int, default=200)
    parser.add_argument("--events", type=int, default=0, help="ledger events at least (default 10 × size)")
    parser.add_argument("--sample-towns", type=int, default=5)
    parser.add_argument("--town-runs", type=int, default=5)
    parser.add_argument("--city-runs", type=int, default=3)
    parser.add_argument("--explain-top", type=int, default=4, help="plans of the N slowest queries per scope")
    parser.add_argument("--batch", action="store_true", help="also time annual_report --each-town")
    parser.add_argument("--seed", type=int, default=20261129)
    parser.add_argument("--pg-url", default=DEFAULT_PG_URL, help="the size is appended to the database name")
    parser.add_argument("--keep-db", action="store_true")
    parser.add_argument(
        "--reuse-var-dir", help="measure a kept database again (its FAZHI_VAR_DIR; --pg-url its full URL)"
    )
    parser.add_argument("--generate-only", action="store_true")
    parser.add_argument("--json-out")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--reuse", action="store_true", help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    if args.child:
        args.size = int(args.sizes)
        run_child(args)
        return
    started = time.perf_counter()
    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]
    if args.reuse_var_dir:
        sizes = sizes[:1]
    results = [run_size(size, args) for size in sizes]
    if args.json_out:
        Path(args.json_out).write_text(json.dumps(results, ensure_ascii=False, indent=1))
    print(markdown(results))
    print("\n## Query plans\n")
    print(explains_text(results))
    print(f"\nTotal wall time: {time.perf_counter() - started:.0f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
