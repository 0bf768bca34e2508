"""The public portal under load: throughput of the publication list with 100,000 publications, served by
gunicorn and driven by wrk over loopback, against a trivial Django view on the same server in the same run.

    .venv/bin/python bench/portal.py --db both --publications 100000

For each database the script makes a scratch database (a temporary FAZHI_VAR_DIR for SQLite, a
scratch PostgreSQL database it creates and drops), migrates it, loads the data
(bench/generate_publications.py), and starts gunicorn as production would: settings.DEBUG off,
whitenoise, every middleware; on PostgreSQL also with Redis as the cache (where the rate limiter
counts), as a district runs it. The public-page rate limit, which would refuse a load generator on one
address after 120 requests, is raised for the run (FAZHI_PUBLIC_PAGES_PER_MINUTE) but still counts
every request.

Then, for --rounds rounds, wrk hits each address for --seconds seconds in turn: the baseline
/healthz (no database, no template), the list's first page, a deep page, a search, one publication's
page. Interleaving the rounds spreads the noise of this shared machine over every address alike. The
report gives requests per second (the median round), latency p50/p99 of that round, and each page's
throughput as a share of the baseline's; the target for the list is at least 50%. Any response other
than 2xx fails the run.

wrk comes from Debian (`apt-get install wrk`); the script says so if it is missing.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
DEFAULT_PG_URL = "postgres://postgres@127.0.0.1:5432/fazhi_bench_portal"
TARGET_SHARE = 0.5

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.common import reset_postgres_database  # noqa: E402


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def environment(db: str, var_dir: Path, args: argparse.Namespace) -> dict[str, str]:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "fazhi.settings",
        "FAZHI_DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "FAZHI_VAR_DIR": str(var_dir),
        "FAZHI_LOG_LEVEL": "WARNING",
        "FAZHI_PUBLIC_PAGES_PER_MINUTE": "1000000000",
    }
    env.pop("DATABASE_URL", None)
    env.pop("REDIS_URL", None)
    if db == "postgres":
        env["DATABASE_URL"] = args.pg_url
        env["REDIS_URL"] = args.redis_url
    return env


def run(command: list[str], env: dict[str, str]) -> str:
    done = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True, check=False)  # noqa: S603
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{done.stdout}\n{done.stderr}")
    return done.stdout


def wait_until_up(base: str, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit("gunicorn exited before it answered")
        try:
            probe = urllib.request.Request(base + "/healthz", headers=FROM_THE_PROXY)  # noqa: S310 (loopback)
            with urllib.request.urlopen(probe, timeout=2) as response:  # noqa: S310 (loopback)
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise SystemExit("gunicorn did not answer /healthz within 60 s")


# The server runs as in production, where the district's reverse proxy ends TLS and says so in this
# header; without it Django would redirect every request to https.
FROM_THE_PROXY = {"X-Forwarded-Proto": "https"}


def fetch(url: str) -> str:
    with urllib.request.urlopen(urllib.request.Request(url, headers=FROM_THE_PROXY), timeout=30) as response:  # noqa: S310 (loopback)
        body: str = response.read().decode()
        return body


LATENCY = re.compile(r"^\s+(50|99)(?:\.0+)?%\s+([\d.]+)(us|ms|s)\s*$", re.MULTILINE)
UNIT_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


# Every request a new address (an unknown parameter the page ignores), so that none is served from the
# page cache: what the portal costs when it has to render.
UNCACHED_LUA = """
counter = 0
request = function()
  counter = counter + 1
  return wrk.format(nil, wrk.path .. "&miss=" .. counter .. "-" .. math.random(1, 1000000000))
end
"""


def wrk(url: str, args: argparse.Namespace, *, script: Path | None = None) -> dict[str, float]:
    output = subprocess.run(  # noqa: S603
        [  # noqa: S607
            "wrk",
            f"-t{args.threads}",
            f"-c{args.connections}",
            f"-d{args.seconds}s",
            "--latency",
            *[option for name, value in FROM_THE_PROXY.items() for option in ("-H", f"{name}: {value}")],
            *(["-s", str(script)] if script else []),
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    if "Non-2xx or 3xx responses" in output:
        raise SystemExit(f"{url} answered with errors under load:\n{output}")
    rate = re.search(r"Requests/sec:\s+([\d.]+)", output)
    requests = re.search(r"(\d+) requests in", output)
    if rate is None or requests is None:
        raise SystemExit(f"could not read wrk's report:\n{output}")
    latency = {f"p{match[0]}_ms": float(match[1]) * UNIT_MS[match[2]] for match in LATENCY.findall(output)}
    return {"rps": float(rate.group(1)), "requests": float(requests.group(1)), **latency}


def measure(db: str, args: argparse.Namespace) -> dict[str, Any]:
    var_dir = Path(tempfile.mkdtemp(prefix=f"fazhi-bench-portal-{db}-"))
    env = environment(db, var_dir, args)
    if db == "postgres":
        reset_postgres_database(args.pg_url, create=True)
    server: subprocess.Popen[bytes] | None = None
    try:
        run([PYTHON, "manage.py", "migrate", "--noinput", "-v0"], env)
        run([PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"], env)
        loaded = json.loads(run([PYTHON, "bench/generate_publications.py", str(args.publications)], env))
        print(
            f"[{db}] {args.publications:,} publications ({loaded['on_portal']:,} on the portal) "
            f"loaded in {loaded['seconds']:.0f} s",
            file=sys.stderr,
        )
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        server = subprocess.Popen(  # noqa: S603
            [
                str(Path(PYTHON).parent / "gunicorn"),
                "fazhi.wsgi:application",
                f"--workers={args.workers}",
                f"--bind=127.0.0.1:{port}",
                "--log-level=warning",
            ],
            env=env,
            cwd=ROOT,
        )
        wait_until_up(base, server)
        listing = fetch(base + "/gongshi/")
        first = re.search(r'href="/gongshi/(\d+)/"', listing)
        assert first is not None, "the list shows no publication"
        assert "没有符合条件的公示" not in listing
        uncached = var_dir / "uncached.lua"
        uncached.write_text(UNCACHED_LUA)
        pages = {
            "基线：/healthz（不查库、不渲染模板）": "/healthz",
            "公示列表首页 /gongshi/": "/gongshi/",
            "公示列表首页，不命中页面缓存": "/gongshi/?page=1",
            "公示列表第200页": "/gongshi/?page=200",
            "按当事人查询 /gongshi/?q=王某某": "/gongshi/?q=%E7%8E%8B%E6%9F%90%E6%9F%90",
            "公示详情页": f"/gongshi/{first.group(1)}/",
        }
        scripts = {"/gongshi/?page=1": uncached}
        for path in pages.values():  # warm every worker's caches and the database's pages
            wrk(base + path, argparse.Namespace(**{**vars(args), "seconds": 2}), script=scripts.get(path))
        rounds: dict[str, list[dict[str, float]]] = {name: [] for name in pages}
        for _ in range(args.rounds):
            for name, path in pages.items():
                rounds[name].append(wrk(base + path, args, script=scripts.get(path)))
        baseline_rps = statistics.median(result["rps"] for result in rounds[next(iter(pages))])
        results = []
        for name, measured in rounds.items():
            ordered = sorted(measured, key=lambda result: result["rps"])
            middle = ordered[len(ordered) // 2]
            results.append(
                {
                    "page": name,
                    "path": pages[name],
                    "rps": middle["rps"],
                    "rps_rounds": [round(result["rps"], 1) for result in measured],
                    "p50_ms": middle.get("p50_ms"),
                    "p99_ms": middle.get("p99_ms"),
                    "share_of_baseline": middle["rps"] / baseline_rps,
                }
            )
        return {
            "db": db,
            "publications": args.publications,
            "on_portal": loaded["on_portal"],
            "pages": results,
        }
    finally:
        if server is not None:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=30)
        shutil.rmtree(var_dir, ignore_errors=True)
        if db == "postgres":
            reset_postgres_database(args.pg_url, create=False)


def markdown(results: list[dict[str, Any]], args: argparse.Namespace) -> str:
    lines = [
        f"### Public list throughput, {args.publications:,} publications "
        f"(gunicorn {args.workers} workers, wrk -t{args.threads} -c{args.connections}, "
        f"{args.rounds} rounds × {args.seconds} s per address)",
        "",
        "| 数据库 | 地址 | 请求/秒（中位轮） | 各轮 | p50 ms | p99 ms | 占基线 |",
        "|---|---|---:|---|---:|---:|---:|",
    ]
    for result in results:
        for page in result["pages"]:
            share = page["share_of_baseline"]
            # The target is the list as citizens get it; the other rows say what the rest costs.
            flag = " **（未达50%）**" if page["path"] == "/gongshi/" and share < TARGET_SHARE else ""
            lines.append(
                f"| {result['db']} | {page['page']} | {page['rps']:.0f} | "
                f"{', '.join(f'{value:.0f}' for value in page['rps_rounds'])} | "
                f"{page['p50_ms'] or float('nan'):.1f} | {page['p99_ms'] or float('nan'):.1f} | "
                f"{share:.0%}{flag} |"
            )
    return "\n".join(lines)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--publications", type=int, default=100_000)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes")
    parser.add_argument("--threads", type=int, default=1, help="wrk threads")
    parser.add_argument("--connections", type=int, default=8, help="wrk connections")
    parser.add_argument("--seconds", type=int, default=10, help="seconds per address per round")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--pg-url", default=DEFAULT_PG_URL)
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/9")
    parser.add_argument("--json-out", help="also write the raw results here (JSON)")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed: apt-get install -y wrk")
    databases = ["sqlite", "postgres"] if args.db == "both" else [args.db]
    results = [measure(db, args) for db in databases]
    if args.json_out:
        Path(args.json_out).write_text(json.dumps(results, ensure_ascii=False, indent=2))
    print(markdown(results, args))


if __name__ == "__main__":
    main()
