"""What both benchmarks need: percentiles, the versions measured, and a scratch PostgreSQL database."""

from __future__ import annotations

import platform
import statistics


def quantiles_ms(values_ms: list[float]) -> dict[str, float]:
    """n, p50, p95 and max of timings in milliseconds."""
    values = sorted(values_ms)
    if len(values) < 2:
        only = values[0] if values else float("nan")
        return {"n": len(values), "p50": only, "p95": only, "max": only}
    cuts = statistics.quantiles(values, n=100, method="inclusive")
    return {"n": len(values), "p50": cuts[49], "p95": cuts[94], "max": values[-1]}


def versions() -> dict[str, str]:
    """Python, Django, SQLite and (when connected to it) PostgreSQL versions, for the report."""
    import sqlite3

    import django
    from django.db import connection

    found = {
        "python": platform.python_version(),
        "django": django.get_version(),
        "sqlite": sqlite3.sqlite_version,
    }
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            row = cursor.fetchone()
            found["postgresql"] = str(row[0]) if row else "?"
    return found


def reset_postgres_database(url: str, *, create: bool) -> None:
    """Drop the database named in `url` (ending any session on it) and, with create, make it anew."""
    import psycopg

    name = url.rsplit("/", 1)[1]
    maintenance = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(maintenance, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if create:
            conn.execute(f'CREATE DATABASE "{name}"')
