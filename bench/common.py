"""What the benchmarks share: percentiles, the versions measured, a scratch PostgreSQL database, and the
bulk loaders' tools (indexes to drop and rebuild, the ledger appender, settling after a load)."""

from __future__ import annotations

import datetime
import hashlib
import platform
import statistics
from typing import Any


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


# ------------------------------------------------------------------------------ bulk loading (the generators)
# Everything below needs django.setup() first; the imports are inside the functions for that reason.


def secondary_indexes(table: str) -> list[tuple[str, str]]:
    """(name, CREATE statement) of every index on `table` that a bulk load may drop and rebuild: all but
    the primary key and, on PostgreSQL, the indexes that back a constraint (UNIQUE, one-to-one)."""
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = %s AND sql IS NOT NULL",
                [table],
            )
        else:
            cursor.execute(
                "SELECT i.indexname, i.indexdef FROM pg_indexes i "
                "JOIN pg_class c ON c.relname = i.indexname JOIN pg_index x ON x.indexrelid = c.oid "
                "WHERE i.tablename = %s AND NOT x.indisprimary "
                "AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = c.oid)",
                [table],
            )
        return list(cursor.fetchall())


def database_bytes() -> int:
    """Size of the database: pg_database_size, or the SQLite file with its WAL."""
    from pathlib import Path

    from django.conf import settings
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_database_size(current_database())")
            return int(cursor.fetchone()[0])
    name = Path(settings.DATABASES["default"]["NAME"])
    return sum(path.stat().st_size for path in name.parent.glob(name.name + "*"))


def settle(tables: list[str]) -> None:
    """What a long-running database would have done by itself after a bulk load: PostgreSQL's
    autovacuum (statistics, visibility map, hint bits), SQLite's WAL checkpoint. SQLite gets no ANALYZE,
    because the app never runs it."""
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            for table in tables:
                cursor.execute(f'VACUUM (ANALYZE) "{table}"')
        else:
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")


LEDGER_EVENT_COLUMNS = (
    "sequence, recorded_at, actor_id, organisation_id, action, subject_type, subject_id, entry, leaf_hash"
)


class LedgerAppender:
    """Appends events in bulk, storing exactly the rows ledger.record() would store: the event with its
    RFC 6962 leaf hash, every complete-subtree MerkleNode it closes, and LedgerHead.size.

    The caller builds each entry (canonical JSON, with `seq` = self.size); append() hashes it and works
    out the Merkle nodes from the tree's right edge, which it keeps in memory; flush() writes what has
    been appended with COPY (PostgreSQL) or executemany (SQLite) and moves the head, in one transaction.
    """

    def __init__(self) -> None:
        from django.db import connection, transaction

        from fazhi.ledger.models import LedgerHead

        with transaction.atomic():
            head, _ = LedgerHead.objects.select_for_update().get_or_create(id=1)
        self.sqlite = connection.vendor == "sqlite"
        self.size = head.size
        self.edge = self._right_edge(self.size)
        self.events: list[tuple[Any, ...]] = []
        self.nodes: list[tuple[int, bytes]] = []

    @staticmethod
    def _right_edge(start: int) -> list[bytes]:
        """The stored nodes that leaves start, start+1, ... will need as left siblings."""
        from fazhi.ledger.models import MerkleNode
        from fazhi.ledger.tree import node_key

        wanted = {level: node_key(level, (start >> level) - 1) for level in range(64) if (start >> level) & 1}
        stored = dict(MerkleNode.objects.filter(key__in=wanted.values()).values_list("key", "hash"))
        edge = [b""] * 64
        for level, key in wanted.items():
            edge[level] = bytes(stored[key])
        return edge

    def stored_time(self, when: datetime.datetime) -> Any:
        """recorded_at as the loader writes it: Django's text form of the UTC time on SQLite, the aware
        datetime for COPY."""
        if not self.sqlite:
            return when
        if when.utcoffset():
            when = when.astimezone(datetime.UTC)
        return str(when.replace(tzinfo=None))

    def append(
        self,
        when: datetime.datetime,
        actor_id: int,
        organisation_id: int | None,
        action: str,
        subject_type: str,
        subject_id: str,
        entry: str,
    ) -> None:
        """Append the event at sequence self.size; `entry` must already carry that sequence and `when`."""
        sequence = self.size
        leaf = hashlib.sha256(b"\x00" + entry.encode("utf-8")).digest()
        self.events.append(
            (
                sequence,
                self.stored_time(when),
                actor_id,
                organisation_id,
                action,
                subject_type,
                subject_id,
                entry,
                leaf,
            )
        )
        nodes, edge = self.nodes, self.edge
        nodes.append((sequence << 6, leaf))
        level, position, current = 0, sequence, leaf
        while position & 1:
            current = hashlib.sha256(b"\x01" + edge[level] + current).digest()
            level += 1
            position >>= 1
            nodes.append(((position << 6) | level, current))
        edge[level] = current
        self.size = sequence + 1

    def flush(self) -> None:
        """Write the appended events and nodes and move LedgerHead, in one transaction (or savepoint)."""
        from django.db import connection, transaction

        from fazhi.ledger.models import LedgerHead

        if not self.events:
            return
        with transaction.atomic(), connection.cursor() as cursor:
            if self.sqlite:
                cursor.executemany(
                    f"INSERT INTO ledger_event ({LEDGER_EVENT_COLUMNS}) VALUES ({', '.join(['%s'] * 9)})",  # noqa: S608 (constants)
                    self.events,
                )
                cursor.executemany("INSERT INTO ledger_merklenode (key, hash) VALUES (%s, %s)", self.nodes)
            else:
                raw = cursor.cursor  # psycopg 3
                with raw.copy(f"COPY ledger_event ({LEDGER_EVENT_COLUMNS}) FROM STDIN") as copy:
                    for row in self.events:
                        copy.write_row(row)
                with raw.copy("COPY ledger_merklenode (key, hash) FROM STDIN") as copy:
                    for node in self.nodes:
                        copy.write_row(node)
            LedgerHead.objects.filter(id=1).update(size=self.size)
        self.events.clear()
        self.nodes.clear()


def prewarm() -> float:
    """Read the whole database into the operating system's page cache, so that a run measures a warm
    cache (as the other benchmarks do, right after their load) even when another database has pushed it
    out: pg_prewarm on every relation (PostgreSQL), a sequential read of the files (SQLite). Seconds."""
    import time
    from pathlib import Path

    from django.conf import settings
    from django.db import connection

    started = time.perf_counter()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_prewarm")
            cursor.execute(
                "SELECT sum(pg_prewarm(c.oid, 'read')) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                "WHERE n.nspname = 'public' AND c.relkind IN ('r', 'i', 't', 'm')"
            )
    else:
        name = Path(settings.DATABASES["default"]["NAME"])
        for path in name.parent.glob(name.name + "*"):
            with path.open("rb") as stream:
                while stream.read(16 * 2**20):
                    pass
    return time.perf_counter() - started
