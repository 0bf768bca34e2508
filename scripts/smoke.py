"""Deployment smoke test: Fazhi as a district runs it, on loopback, for about half a minute.

Creates a fresh PostgreSQL database, migrates it, collects the static files and creates the ledger's
signing key as docs/deployment.md says; starts gunicorn, a Celery worker and Celery beat with the
production settings against PostgreSQL and Redis; asks for the login page as the reverse proxy would
(one request) and waits until beat has sent the ledger checkpoint and the worker has signed it (one
periodic task run). Stops everything it started, whatever happens, and exits non-zero saying what failed.

    .venv/bin/python scripts/smoke.py \\
        --database-url postgres://postgres@127.0.0.1:5432/fazhi_smoke --redis-url redis://127.0.0.1:6379/13

The database named in --database-url is dropped and created again: give it one of its own.
"""

from __future__ import annotations

import argparse
import os
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
import redis
from psycopg import sql

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
CHECKPOINT_SECONDS = 2
WAIT_SECONDS = 45


class SmokeFailure(Exception):
    pass


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def fresh_database(url: str) -> None:
    """Drop the database the URL names and create it empty, through the server's `postgres` database."""
    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    if not name or name == "postgres":
        raise SmokeFailure(f"--database-url must name a database of the smoke test's own, not {name!r}")
    maintenance = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(maintenance, autocommit=True) as connection:
        connection.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def drop_database(url: str) -> None:
    parts = urlsplit(url)
    maintenance = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(maintenance, autocommit=True) as connection:
        connection.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(parts.path.lstrip("/")))
        )


def production_environment(var_dir: Path, database_url: str, redis_url: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith(("FAZHI_", "DJANGO_"))}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "fazhi.settings",
            "SECRET_KEY": secrets.token_urlsafe(64),
            "ALLOWED_HOSTS": "fazhi.smoke.test",
            "DATABASE_URL": database_url,
            "REDIS_URL": redis_url,
            "FAZHI_VAR_DIR": str(var_dir),
            "FAZHI_LEDGER_KEY_FILE": str(var_dir / "ledger_signing.key"),
            "FAZHI_LEDGER_ORIGIN": "fazhi.smoke.test/ledger",
            "FAZHI_CLIENT_ADDRESS_HEADER": "HTTP_X_REAL_IP",
            "FAZHI_LEDGER_CHECKPOINT_SECONDS": str(CHECKPOINT_SECONDS),
        }
    )
    return env


def manage(env: dict[str, str], *args: str) -> str:
    result = subprocess.run(
        [str(BIN / "python"), "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    if result.returncode != 0:
        raise SmokeFailure(f"manage.py {' '.join(args)} failed:\n{result.stdout}{result.stderr}")
    return result.stdout


# One change, so that the ledger has a tree head for the periodic task to sign.
FIRST_CHANGE = (
    "from fazhi.core import services; "
    "services.create_organisation(services.system_actor(), name='烟测市', kind='city', parent=None)"
)


class Processes:
    """The servers started, each logging to its own file, stopped in reverse order."""

    def __init__(self, log_dir: Path, env: dict[str, str]) -> None:
        self.log_dir = log_dir
        self.env = env
        self.running: list[tuple[str, subprocess.Popen[bytes]]] = []

    def start(self, name: str, *command: str) -> Path:
        log = self.log_dir / f"{name}.log"
        with open(log, "wb") as output:
            process = subprocess.Popen(
                command,
                cwd=ROOT,
                env=self.env,
                stdout=output,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        self.running.append((name, process))
        return log

    def check_alive(self) -> None:
        for name, process in self.running:
            if process.poll() is not None:
                raise SmokeFailure(f"{name} exited with status {process.returncode}")

    def stop(self) -> None:
        for _name, process in reversed(self.running):
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        deadline = time.monotonic() + 15
        for _name, process in reversed(self.running):
            try:
                process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()

    def tails(self) -> str:
        parts = []
        for name, _process in self.running:
            lines = (self.log_dir / f"{name}.log").read_text(errors="replace").splitlines()[-25:]
            parts.append(f"--- {name} (last lines)\n" + "\n".join(lines))
        return "\n".join(parts)


@contextmanager
def servers(env: dict[str, str], log_dir: Path) -> Iterator[Processes]:
    processes = Processes(log_dir, env)
    try:
        yield processes
    except BaseException:
        processes.stop()
        print(processes.tails(), file=sys.stderr)
        raise
    processes.stop()


def login_page(port: int) -> str:
    """The login page as the reverse proxy asks for it: the public host name, https, the visitor's address."""
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/login/",
        headers={"Host": "fazhi.smoke.test", "X-Forwarded-Proto": "https", "X-Real-IP": "203.0.113.9"},
    )
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310  (http on loopback)
        if response.status != 200:
            raise SmokeFailure(f"GET /login/ answered {response.status}")
        return str(response.read().decode())


def wait_for_login_page(port: int, processes: Processes) -> str:
    deadline = time.monotonic() + WAIT_SECONDS
    while True:
        processes.check_alive()
        try:
            return login_page(port)
        except (ConnectionError, urllib.error.URLError) as error:
            if isinstance(error, urllib.error.HTTPError):
                raise SmokeFailure(f"GET /login/ answered {error.code}") from error
            if time.monotonic() > deadline:
                raise SmokeFailure(
                    f"gunicorn did not answer on port {port} within {WAIT_SECONDS} s"
                ) from error
            time.sleep(0.3)


def wait_for_checkpoint(database_url: str, beat_log: Path, processes: Processes) -> int:
    """The tree size of the first checkpoint the worker signed after beat sent the task."""
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        processes.check_alive()
        sent = "Sending due task ledger-checkpoint (ledger.make_checkpoint)" in beat_log.read_text(
            errors="replace"
        )
        with psycopg.connect(database_url) as connection:
            row = connection.execute("SELECT max(tree_size) FROM ledger_checkpoint").fetchone()
        if sent and row is not None and row[0]:
            return int(row[0])
        time.sleep(0.5)
    raise SmokeFailure(
        f"no periodic ledger checkpoint was sent by beat and signed by a worker within {WAIT_SECONDS} s"
    )


def run(database_url: str, redis_url: str) -> None:
    started = time.monotonic()
    redis.Redis.from_url(redis_url).ping()
    fresh_database(database_url)
    with tempfile.TemporaryDirectory(prefix="fazhi-smoke-") as temporary:
        var_dir = Path(temporary)
        env = production_environment(var_dir, database_url, redis_url)
        manage(env, "migrate", "--noinput")
        manage(env, "collectstatic", "--noinput")
        manage(env, "ledger_keygen")
        manage(env, "shell", "-c", FIRST_CHANGE)
        port = free_port()
        with servers(env, var_dir) as processes:
            processes.start(
                "gunicorn", str(BIN / "gunicorn"), "fazhi.wsgi:application",
                "--bind", f"127.0.0.1:{port}", "--workers", "2",
            )  # fmt: skip
            processes.start(
                "worker", str(BIN / "celery"), "-A", "fazhi", "worker",
                "--queues", "default,periodic", "--concurrency", "1", "--loglevel", "INFO",
            )  # fmt: skip
            beat_log = processes.start(
                "beat", str(BIN / "celery"), "-A", "fazhi", "beat",
                "--schedule", str(var_dir / "celerybeat-schedule"), "--loglevel", "INFO",
            )  # fmt: skip
            page = wait_for_login_page(port, processes)
            if "登录" not in page:
                raise SmokeFailure("GET /login/ answered 200 without the login form")
            print(f"smoke: gunicorn on 127.0.0.1:{port} served the login page")
            size = wait_for_checkpoint(database_url, beat_log, processes)
            print(
                f"smoke: beat sent ledger.make_checkpoint; a worker signed a checkpoint of tree size {size}"
            )
    drop_database(database_url)
    print(f"smoke: passed in {time.monotonic() - started:.0f} s")


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432/fazhi_smoke")
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/13")
    args = parser.parse_args()
    try:
        run(args.database_url, args.redis_url)
    except (SmokeFailure, psycopg.Error, redis.RedisError) as failure:
        print(f"smoke: FAILED: {failure}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
