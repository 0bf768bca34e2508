"""一户一档: every app registers how to list its records that point at a party, and the party page
shows them all. A source receives the acting staff member and must return only what they may see."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from fazhi.core.models import Party, Staff


@dataclass(frozen=True)
class PartyLink:
    title: str
    url: str
    detail: str = ""
    # A proof bundle for the record, checkable offline (fazhi/ledger/verify.py).
    proof_url: str = ""


@dataclass(frozen=True)
class PartyLinkSource:
    key: str
    label: str
    fetch: Callable[[Staff, Party], list[PartyLink]]


_sources: dict[str, PartyLinkSource] = {}


def register(key: str, label: str, fetch: Callable[[Staff, Party], list[PartyLink]]) -> None:
    _sources[key] = PartyLinkSource(key=key, label=label, fetch=fetch)


def unregister(key: str) -> None:
    _sources.pop(key, None)


def links_for(actor: Staff, party: Party) -> list[tuple[PartyLinkSource, list[PartyLink]]]:
    return [(source, source.fetch(actor, party)) for source in _sources.values()]
