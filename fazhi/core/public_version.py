"""The version of what the public portal shows: a random number changed in the transaction of every
change to it (core.services.public_content_changed). Cached public pages are keyed by it."""

from __future__ import annotations

import time

from django.db import connection

from fazhi.core.models import PublicContentVersion

# How long a process trusts the version it last read. Pages may be cached for a minute downstream
# anyway (Cache-Control); a second here spares the database a query on almost every public request.
VERSION_SECONDS = 1.0
# (when read, version), for every thread of the process: a change committed by one request thread
# is seen by the others at once. Replaced whole, never mutated, so threads need no lock.
_last_read: tuple[float, int] = (-VERSION_SECONDS, 0)


def content_version() -> int:
    global _last_read
    now = time.monotonic()
    read_at, version = _last_read
    if now - read_at < VERSION_SECONDS:
        return version
    # Plain SQL: the ORM's query building costs more than the primary-key read itself.
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT version FROM {PublicContentVersion._meta.db_table} WHERE id = 1")  # noqa: S608
        row = cursor.fetchone()
    version = int(row[0]) if row else 0
    _last_read = (now, version)
    return version


def forget_version() -> None:
    """This process's next public request reads the version again (after a change it committed)."""
    global _last_read
    _last_read = (-VERSION_SECONDS, 0)
