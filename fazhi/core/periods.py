"""Periods as data, for every app's rules: a period's length, whether it counts working or calendar
days, and the article that sets it; and the month and year arithmetic of periods counted in months
or years (民法典 第二百零二条: the same day of the last month, or that month's last day)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from enum import StrEnum

from fazhi.core import calendar


class DayKind(StrEnum):
    WORKING = "working"
    CALENDAR = "calendar"


@dataclass(frozen=True)
class PeriodRule:
    key: str
    label: str
    days: int
    kind: DayKind
    citation: str

    def due(self, start: datetime.date) -> calendar.Period:
        if self.kind == DayKind.WORKING:
            return calendar.compute_working_days(start, self.days, citation=self.citation)
        return calendar.compute_calendar_days(start, self.days, citation=self.citation)


def full_years(birth_date: datetime.date, day: datetime.date) -> int:
    """Age in full years (周岁) on `day`: the birthday itself completes the year."""
    return day.year - birth_date.year - ((day.month, day.day) < (birth_date.month, birth_date.day))


def add_years(day: datetime.date, years: int) -> datetime.date:
    """The same month and day `years` later; 29 February becomes 28 February in a common year."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later, or the month's last day where it has no such day."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return datetime.date(year, month, candidate)
        except ValueError:
            continue
    raise AssertionError("every month has a 28th")


def compute_months(start: datetime.date, months: int, *, citation: str) -> calendar.Period:
    """A period in months (民法典 第二百零一条、第二百零二条): from the day after `start` to the same day
    `months` later (or that month's last day), a last day off moved to the next working day (第二百零三条)."""
    if months < 0:
        raise ValueError("a period cannot be negative")
    return calendar.ending_on_a_working_day(
        calendar.Period(
            start=start,
            days=months,
            kind=calendar.PeriodKind.MONTHS,
            due=add_months(start, months),
            citation=citation,
        )
    )
