"""Demo data beyond core: each app may have a `demo.py` that registers a loader here; `load_demo` runs
them after the town, its staff and parties exist, so core never imports the apps built on it.

A loader of a past year (the demo year the annual report is written from) registers with
`history=True`: those run first, on a simulated clock, so the ledger reads in time order."""

from __future__ import annotations

import datetime
import itertools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any
from unittest import mock

from django.utils import timezone

from fazhi.core import services
from fazhi.core.models import NumberSeries, Organisation, Party, Staff


@dataclass(frozen=True)
class DemoTown:
    town: Organisation
    staff: dict[str, Staff]
    parties: list[Party]


_history_loaders: list[Callable[[DemoTown], None]] = []
_loaders: list[Callable[[DemoTown], None]] = []


def register(loader: Callable[[DemoTown], None], *, history: bool = False) -> None:
    chosen = _history_loaders if history else _loaders
    if loader not in chosen:
        chosen.append(loader)


def run_loaders(demo_town: DemoTown) -> None:
    for loader in [*_history_loaders, *_loaders]:
        loader(demo_town)


@contextmanager
def simulated_day(day: datetime.date, *, hour: int = 9) -> Iterator[None]:
    """The services believe it is `day`: today's date and the clock (from `hour`, a second further at
    each reading, so times stay in order). Only for replaying a demo year through the services."""
    start = datetime.datetime.combine(day, datetime.time(hour), tzinfo=timezone.get_current_timezone())
    ticks = itertools.count()

    def now() -> datetime.datetime:
        return start + datetime.timedelta(seconds=next(ticks))

    real_localdate = timezone.localdate

    def localdate(value: datetime.datetime | None = None, *args: Any, **kwargs: Any) -> datetime.date:
        return day if value is None else real_localdate(value, *args, **kwargs)

    with mock.patch.object(timezone, "now", now), mock.patch.object(timezone, "localdate", localdate):
        yield


def number_series(organisation: Organisation, *, key: str, code: str, name: str) -> NumberSeries:
    """The organisation's series for `key`, made on first use: several demo loaders (a past year's and
    this year's) number documents from the same series."""
    existing = NumberSeries.objects.filter(organisation=organisation, key=key).first()
    if existing is not None:
        return existing
    return services.create_number_series(
        services.system_actor(), organisation=organisation, key=key, code=code, name=name
    )
