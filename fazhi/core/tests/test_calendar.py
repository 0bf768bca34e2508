"""Working days across the 2020 国庆/中秋 holidays, and years the official data does not know."""

import datetime

import pytest

from fazhi.core import calendar, services
from fazhi.core.errors import InvalidInput, PermissionDenied
from fazhi.core.models import HolidayOverride


def test_seven_working_days_from_30_september_2020_end_on_16_october(db):
    period = calendar.compute_working_days(datetime.date(2020, 9, 30), 7)
    assert period.due == datetime.date(2020, 10, 16)
    assert [status.day.day for status in period.days_skipped if status.name != "周末"] == [
        1,
        2,
        3,
        4,
        5,
        6,
        7,
        8,
    ]
    assert [status.day for status in period.swapped_workdays] == [datetime.date(2020, 10, 10)]
    assert not period.is_provisional
    text = " ".join(period.explanation())
    assert "2020-10-10（国庆节调休上班）" in text
    assert "到期日 2020-10-16（星期五）" in text


def test_add_working_days_matches_the_explained_computation(db):
    assert calendar.add_working_days(datetime.date(2020, 9, 30), 7) == datetime.date(2020, 10, 16)
    assert calendar.add_working_days(datetime.date(2020, 9, 30), 0) == datetime.date(2020, 9, 30)


def test_the_2020_swap_saturday_is_a_working_day_and_the_holiday_is_not(db):
    assert calendar.is_working_day(datetime.date(2020, 10, 10)) is True
    assert calendar.is_working_day(datetime.date(2020, 9, 27)) is True
    assert calendar.is_working_day(datetime.date(2020, 10, 8)) is False
    assert calendar.is_working_day(datetime.date(2020, 10, 11)) is False


def test_calendar_day_period_ending_on_a_holiday_moves_to_the_next_working_day(db):
    # 15 days from 2020-09-16 is 2020-10-01 (国庆): 民法典 art. 203 moves it past the holiday to 9 October.
    period = calendar.compute_calendar_days(datetime.date(2020, 9, 16), 15)
    assert period.moved_from == datetime.date(2020, 10, 1)
    assert period.due == datetime.date(2020, 10, 9)
    assert "顺延" in " ".join(period.explanation())


def test_calendar_day_period_ending_on_a_working_day_stays(db):
    period = calendar.compute_calendar_days(datetime.date(2020, 3, 2), 15)
    assert period.due == datetime.date(2020, 3, 17)
    assert period.moved_from is None


def test_unknown_year_is_computed_on_weekends_and_flagged(db):
    unknown = calendar.OFFICIAL_LAST_YEAR + 1
    start = datetime.date(unknown, 9, 29)
    period = calendar.compute_working_days(start, 5)
    assert period.is_provisional
    assert period.unknown_years == [unknown]
    assert all(not status.is_working_day for status in period.days_skipped)
    assert "尚未录入" in " ".join(period.explanation())
    assert calendar.year_is_known(unknown) is False


def test_overrides_fill_an_unknown_year_and_confirming_it_removes_the_flag(world):
    unknown = calendar.OFFICIAL_LAST_YEAR + 1
    friday = datetime.date(unknown, 10, 1)
    while friday.weekday() != 4:
        friday += datetime.timedelta(days=1)
    before = calendar.compute_working_days(friday - datetime.timedelta(days=1), 1).due
    assert before == friday
    services.save_holiday_override(
        world.admin, day=friday, is_working_day=False, name="国庆节", source="通知"
    )
    after = calendar.compute_working_days(friday - datetime.timedelta(days=1), 1)
    assert after.due == friday + datetime.timedelta(days=3)
    assert after.is_provisional
    services.confirm_holiday_year(world.admin, year=unknown, source="国务院办公厅通知")
    confirmed = calendar.compute_working_days(friday - datetime.timedelta(days=1), 1)
    assert not confirmed.is_provisional
    assert calendar.year_is_known(unknown) is True


def test_a_weekday_cannot_be_entered_as_a_swap_workday(world):
    monday = datetime.date(2027, 3, 1)
    with pytest.raises(InvalidInput, match="调休上班日应为周六或周日"):
        services.save_holiday_override(world.admin, day=monday, is_working_day=True, name="调休", source="")
    assert not HolidayOverride.objects.exists()


def test_only_an_administrator_maintains_holidays(world):
    with pytest.raises(PermissionDenied):
        services.save_holiday_override(
            world.officer, day=datetime.date(2027, 1, 1), is_working_day=False, name="元旦", source=""
        )
    assert not HolidayOverride.objects.exists()
