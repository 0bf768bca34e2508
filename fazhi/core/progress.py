"""查询办理进度: a citizen reads where their matter stands by the tracking number they were given (a
visit to the 矛调中心, a 信访 matter). Each app that hands out tracking numbers registers its lookup
(from its AppConfig.ready); the portal asks them in turn."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class PublicProgress:
    """What a citizen may learn by the tracking number: no names, no facts, no claims."""

    received_on: datetime.date
    category: str
    status: str
    unit: str
    due_on: datetime.date
    closed_on: datetime.date | None = None
    due_label: str = "办结期限"


# A lookup answers None for a wrong code, another town's code or a guess, alike, so that the answer
# reveals nothing about which.
Lookup = Callable[[int, str], PublicProgress | None]
_lookups: dict[str, Lookup] = {}


def register(key: str, lookup: Lookup) -> None:
    _lookups[key] = lookup


def find(*, town_id: int, code: str) -> PublicProgress | None:
    normalised = code.strip().upper()
    for lookup in _lookups.values():
        found = lookup(town_id, normalised)
        if found is not None:
            return found
    return None
