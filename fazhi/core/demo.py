"""Demo data beyond core: each app may have a `demo.py` that registers a loader here; `load_demo` runs
them after the town, its staff and parties exist, so core never imports the apps built on it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from fazhi.core.models import Organisation, Party, Staff


@dataclass(frozen=True)
class DemoTown:
    town: Organisation
    staff: dict[str, Staff]
    parties: list[Party]


_loaders: list[Callable[[DemoTown], None]] = []


def register(loader: Callable[[DemoTown], None]) -> None:
    if loader not in _loaders:
        _loaders.append(loader)


def run_loaders(demo_town: DemoTown) -> None:
    for loader in _loaders:
        loader(demo_town)
