"""Working days and statutory periods.

Official holidays and 调休 workdays come from chinese-calendar, which knows the years up to its last
release. HolidayOverride rows correct or extend it; an administrator enters a later year's 国务院办公厅
notice there and marks the year complete in HolidayYear. A date in a year that neither source knows is
computed on weekends plus any overrides, and the computation says so.

Counting (民法典 第二百零一条、第二百零三条): the start day is not counted; a period counted in days
whose last day is not a working day ends on the next working day. Working-day periods count only
working days after the start day (行政处罚法 第八十五条).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from enum import StrEnum

from chinese_calendar import constants as official

from fazhi.core.models import HolidayOverride, HolidayYear

OFFICIAL_FIRST_YEAR = min(official.holidays).year
OFFICIAL_LAST_YEAR = max(official.holidays).year
# The years a page or an API call may ask about; anything else is refused before any date arithmetic.
FIRST_YEAR, LAST_YEAR = 2000, 2100

HOLIDAY_NAMES_ZH = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "抗战胜利70周年纪念日",
}
CITATION_COUNTING = "民法典 第二百零一条、第二百零三条"
CITATION_WORKING_DAYS = "行政处罚法 第八十五条"
WEEKDAY_NAMES = "一二三四五六日"


class DaySource(StrEnum):
    OFFICIAL = "official"
    OVERRIDE = "override"
    WEEKDAY_RULE = "weekday_rule"


@dataclass(frozen=True)
class DayStatus:
    day: datetime.date
    is_working_day: bool
    name: str
    source: DaySource
    year_known: bool


class _Days:
    """Day statuses for one computation, with the overrides of the years it touches loaded once."""

    def __init__(self) -> None:
        self._overrides: dict[datetime.date, HolidayOverride] = {}
        self._loaded_years: set[int] = set()
        self._entered_years: set[int] = set()

    def _load(self, year: int) -> None:
        if year in self._loaded_years:
            return
        for override in HolidayOverride.objects.filter(day__year=year):
            self._overrides[override.day] = override
        if HolidayYear.objects.filter(year=year).exists():
            self._entered_years.add(year)
        self._loaded_years.add(year)

    def year_known(self, year: int) -> bool:
        self._load(year)
        return OFFICIAL_FIRST_YEAR <= year <= OFFICIAL_LAST_YEAR or year in self._entered_years

    def status(self, day: datetime.date) -> DayStatus:
        self._load(day.year)
        known = self.year_known(day.year)
        override = self._overrides.get(day)
        if override is not None:
            return DayStatus(day, override.is_working_day, override.name, DaySource.OVERRIDE, known)
        if OFFICIAL_FIRST_YEAR <= day.year <= OFFICIAL_LAST_YEAR:
            if day in official.holidays:
                name = HOLIDAY_NAMES_ZH.get(official.holidays[day], official.holidays[day])
                return DayStatus(day, False, name, DaySource.OFFICIAL, known)
            if day in official.workdays:
                name = HOLIDAY_NAMES_ZH.get(official.workdays[day], official.workdays[day]) + "调休上班"
                return DayStatus(day, True, name, DaySource.OFFICIAL, known)
        weekend = day.weekday() >= 5
        return DayStatus(day, not weekend, "周末" if weekend else "", DaySource.WEEKDAY_RULE, known)


def is_working_day(day: datetime.date) -> bool:
    return _Days().status(day).is_working_day


def year_is_known(year: int) -> bool:
    return _Days().year_known(year)


class PeriodKind(StrEnum):
    WORKING_DAYS = "working_days"
    CALENDAR_DAYS = "calendar_days"
    MONTHS = "months"


PERIOD_UNITS = {
    PeriodKind.WORKING_DAYS: "个工作日",
    PeriodKind.CALENDAR_DAYS: "日",
    PeriodKind.MONTHS: "个月",
}


@dataclass
class Period:
    """A computed due date and how it was reached, for the page that shows the clock."""

    start: datetime.date
    days: int
    kind: PeriodKind
    due: datetime.date
    citation: str = ""
    days_skipped: list[DayStatus] = field(default_factory=list)
    swapped_workdays: list[DayStatus] = field(default_factory=list)
    moved_from: datetime.date | None = None
    unknown_years: list[int] = field(default_factory=list)

    @property
    def is_provisional(self) -> bool:
        """True when a year on the way has no holiday data: the due date may move once it is entered."""
        return bool(self.unknown_years)

    def explanation(self) -> list[str]:
        """How the due date was counted, line by line, for the page that shows a clock."""
        unit = PERIOD_UNITS[self.kind]
        lines = [
            "起算日 %(start)s（星期%(wd)s，当日不计入），期间 %(days)d%(unit)s。"
            % {
                "start": self.start.isoformat(),
                "wd": WEEKDAY_NAMES[self.start.weekday()],
                "days": self.days,
                "unit": unit,
            },
            *self._skipped_lines(),
        ]
        if self.moved_from is not None:
            lines.append(
                "期间最后一日 %(last)s 为休息日，顺延至其后第一个工作日（民法典第二百零三条）。"
                % {"last": self.moved_from.isoformat()}
            )
        lines.append(
            "到期日 %(due)s（星期%(wd)s）。"
            % {"due": self.due.isoformat(), "wd": WEEKDAY_NAMES[self.due.weekday()]}
        )
        if self.unknown_years:
            lines.append(
                "注意：%(years)s 年的法定节假日尚未录入，本结果仅按周末及已录入的调整计算，录入后可能变化。"
                % {"years": "、".join(str(year) for year in self.unknown_years)}
            )
        if self.citation:
            lines.append("依据：%(c)s。" % {"c": self.citation})
        return lines

    def _skipped_lines(self) -> list[str]:
        """The holidays and weekends left out of the count, and the 调休 workdays counted in it."""
        lines = []
        holidays = [status for status in self.days_skipped if status.name and status.name != "周末"]
        if holidays:
            lines.append(
                "跳过法定节假日：%(list)s。"
                % {"list": "、".join(f"{status.day.isoformat()}（{status.name}）" for status in holidays)}
            )
        weekends = sum(1 for status in self.days_skipped if status.name == "周末")
        if weekends:
            lines.append("跳过周末 %(n)d 天。" % {"n": weekends})
        if self.swapped_workdays:
            lines.append(
                "计入调休上班日：%(list)s。"
                % {
                    "list": "、".join(
                        f"{status.day.isoformat()}（{status.name}）" for status in self.swapped_workdays
                    )
                }
            )
        return lines


def compute_working_days(start: datetime.date, days: int, *, citation: str = CITATION_WORKING_DAYS) -> Period:
    if days < 0:
        raise ValueError("a period cannot be negative")
    table = _Days()
    period = Period(start=start, days=days, kind=PeriodKind.WORKING_DAYS, due=start, citation=citation)
    counted = 0
    day = start
    while counted < days:
        day += datetime.timedelta(days=1)
        status = table.status(day)
        _note_unknown_year(period, status)
        if status.is_working_day:
            counted += 1
            if day.weekday() >= 5:
                period.swapped_workdays.append(status)
        else:
            period.days_skipped.append(status)
    period.due = day
    return period


def compute_calendar_days(start: datetime.date, days: int, *, citation: str = CITATION_COUNTING) -> Period:
    """A period in days: the start day not counted, a last day off moved to the next working day."""
    if days < 0:
        raise ValueError("a period cannot be negative")
    last = start + datetime.timedelta(days=days)
    return ending_on_a_working_day(
        Period(start=start, days=days, kind=PeriodKind.CALENDAR_DAYS, due=last, citation=citation)
    )


def ending_on_a_working_day(period: Period) -> Period:
    """民法典 第二百零三条: a period counted in days, months or years whose last day (period.due) is a
    statutory holiday or rest day ends on the next working day; the move is noted for its explanation."""
    table = _Days()
    last = period.due
    status = table.status(last)
    _note_unknown_year(period, status)
    while not status.is_working_day:
        period.days_skipped.append(status)
        period.due += datetime.timedelta(days=1)
        status = table.status(period.due)
        _note_unknown_year(period, status)
    if period.due != last:
        period.moved_from = last
    return period


def _note_unknown_year(period: Period, status: DayStatus) -> None:
    if not status.year_known and status.day.year not in period.unknown_years:
        period.unknown_years.append(status.day.year)


def add_working_days(start: datetime.date, days: int) -> datetime.date:
    return compute_working_days(start, days).due


def add_calendar_days(start: datetime.date, days: int) -> datetime.date:
    return compute_calendar_days(start, days).due


def working_day_before(day: datetime.date, days: int) -> datetime.date:
    """The `days`-th working day before `day` (not counting `day`): the earliest start whose period of
    `days` working days (add_working_days) still ends on or after `day`."""
    if days <= 0:
        raise ValueError("count back at least one working day")
    table = _Days()
    counted = 0
    while counted < days:
        day -= datetime.timedelta(days=1)
        if table.status(day).is_working_day:
            counted += 1
    return day


def working_days_between(start: datetime.date, end: datetime.date) -> int:
    """The working days after `start` up to and including `end` (none when `end` is not later): how
    many working days a person has left before a due date."""
    count, day = 0, start
    while day < end:
        day += datetime.timedelta(days=1)
        count += is_working_day(day)
    return count
