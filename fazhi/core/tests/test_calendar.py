"""Working days across the 2020 国庆/中秋 holidays, and years the official data does not know."""

import datetime
import json

import pytest
from django.utils import timezone

from conftest import World, make_staff
from fazhi.core import calendar, services
from fazhi.core.errors import InvalidInput, PermissionDenied
from fazhi.core.models import HolidayOverride, Staff
from fazhi.core.roles import Role
from fazhi.ledger.models import Event
from fazhi.testing.api import token_client


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


@pytest.fixture
def district_admin(world: World) -> Staff:
    return make_staff(world.system, world.district, "district-admin", [Role.ADMIN], full_name="区管理员")


def test_overrides_fill_an_unknown_year_and_confirming_it_removes_the_flag(world, district_admin):
    unknown = calendar.OFFICIAL_LAST_YEAR + 1
    friday = datetime.date(unknown, 10, 1)
    while friday.weekday() != 4:
        friday += datetime.timedelta(days=1)
    before = calendar.compute_working_days(friday - datetime.timedelta(days=1), 1).due
    assert before == friday
    services.save_holiday_override(
        district_admin, day=friday, is_working_day=False, name="国庆节", source="通知"
    )
    after = calendar.compute_working_days(friday - datetime.timedelta(days=1), 1)
    assert after.due == friday + datetime.timedelta(days=3)
    assert after.is_provisional
    services.confirm_holiday_year(district_admin, year=unknown, source="国务院办公厅通知")
    confirmed = calendar.compute_working_days(friday - datetime.timedelta(days=1), 1)
    assert not confirmed.is_provisional
    assert calendar.year_is_known(unknown) is True


def test_a_weekday_cannot_be_entered_as_a_swap_workday(district_admin):
    monday = datetime.date(2027, 3, 1)
    with pytest.raises(InvalidInput, match="调休上班日应为周六或周日"):
        services.save_holiday_override(
            district_admin, day=monday, is_working_day=True, name="调休", source=""
        )
    assert not HolidayOverride.objects.exists()


@pytest.mark.parametrize("who", ["officer", "admin"])
def test_only_a_platform_or_district_administrator_maintains_holidays(world, who):
    # A town's administrator is refused too: the table moves every town's deadlines.
    with pytest.raises(PermissionDenied, match="只有平台或区（市）级管理员可以维护"):
        services.save_holiday_override(
            getattr(world, who), day=datetime.date(2027, 1, 1), is_working_day=False, name="元旦", source=""
        )
    with pytest.raises(PermissionDenied):
        services.confirm_holiday_year(getattr(world, who), year=2027, source="通知")
    assert not HolidayOverride.objects.exists()
    assert not Event.objects.filter(action__startswith="core.holiday").exists()


def test_the_event_names_who_set_a_holiday_and_for_which_scope(world, district_admin):
    services.save_holiday_override(
        district_admin, day=datetime.date(2027, 1, 1), is_working_day=False, name="元旦", source="通知"
    )
    event = Event.objects.get(action="core.holiday_override.saved")
    entry = json.loads(event.entry)
    assert entry["actor"]["username"] == "district-admin"
    assert entry["payload"]["scope"] == "district"
    assert entry["payload"]["organisation"] == "西青区"


def test_a_town_administrator_gets_403_from_the_page_and_the_api(world, client):
    client.force_login(world.admin)
    page = client.post(
        "/calendar/overrides/", {"day": "2027-01-01", "name": "元旦", "source": "", "is_working_day": ""}
    )
    assert page.status_code == 403
    assert "只有平台或区（市）级管理员可以维护" in page.content.decode()
    api = token_client(world, world.admin).post(
        "/api/v1/calendar/overrides",
        json.dumps({"day": "2027-01-01", "name": "元旦"}),
        content_type="application/json",
    )
    assert api.status_code == 403
    assert "只有平台或区（市）级管理员可以维护" in api.json()["message"]
    assert not HolidayOverride.objects.exists()


def test_a_district_administrator_sets_a_holiday_through_the_api(world, district_admin):
    api = token_client(world, district_admin)
    saved = api.post(
        "/api/v1/calendar/overrides",
        json.dumps({"day": "2027-01-01", "name": "元旦", "source": "国办发明电"}),
        content_type="application/json",
    )
    assert saved.status_code == 201, saved.content
    listed = api.get("/api/v1/calendar/overrides?year=2027").json()
    assert [(row["day"], row["name"]) for row in listed] == [("2027-01-01", "元旦")]
    assert calendar.is_working_day(datetime.date(2027, 1, 1)) is False


@pytest.mark.parametrize("year", ["99999", "-1", "1999", "abc", "99999999999999999999"])
def test_the_calendar_page_shows_this_year_for_an_absurd_one(world, client, year):
    client.force_login(world.admin)
    response = client.get(f"/calendar/?year={year}")
    assert response.status_code == 200
    assert response.context["year"] == timezone.localdate().year


def test_a_period_past_the_years_the_calendar_serves_is_refused_with_a_message(world, client):
    client.force_login(world.admin)
    response = client.get("/calendar/?start=9999-12-30&days=3650&kind=working_days")
    assert response.status_code == 200
    assert "起算日应在 2000 年至 2100 年之间" in response.content.decode()
    assert response.context["period"] is None


def test_counting_back_working_days_finds_the_earliest_start_still_running(db):
    # Around the 2020 National Day holiday and an ordinary week: the day found is the earliest start
    # whose 7 working days end on or after the given day.
    for offset in range(60):
        day = datetime.date(2020, 9, 15) + datetime.timedelta(days=offset)
        start = calendar.working_day_before(day, 7)
        assert calendar.add_working_days(start, 7) >= day
        assert calendar.add_working_days(start - datetime.timedelta(days=1), 7) < day
