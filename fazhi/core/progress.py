"""查询办理进度: a citizen reads where their matter stands by the tracking number they were given (a
visit to the 矛调中心, a 信访 matter). Each app that hands out tracking numbers registers its lookup
(from its AppConfig.ready); the portal asks them in turn."""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Callable
from dataclasses import dataclass

from fazhi.core import public_text
from fazhi.core.models import Organisation


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
    """The matter's progress, its texts through the public-text gate (a handling unit may be named
    after a person: 老娘舅丁国华调解工作室)."""
    normalised = code.strip().upper()
    for lookup in _lookups.values():
        found = lookup(town_id, normalised)
        if found is not None:
            known = public_text.known_for(Organisation.objects.filter(pk=town_id).first())
            return dataclasses.replace(
                found,
                category=public_text.for_public(found.category, known),
                status=public_text.for_public(found.status, known),
                unit=public_text.for_public(found.unit, known),
            )
    return None
