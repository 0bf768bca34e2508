"""The services' clock, set to a past day: a demo year is replayed day by day, so that every record
and every ledger event carries the day it happened."""

from __future__ import annotations

import datetime
import itertools
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from unittest import mock

from django.utils import timezone


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
