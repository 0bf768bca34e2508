"""The figures the annual report states, counted from rows created here: members serving on 31 December
(not those who left before, nor those who joined after), who joined and who left in the year, the year's
activities by kind and month; "40余人" for 43; the roster with serving members first."""

import datetime

import pytest

from conftest import make_staff
from fazhi.core import public_text
from fazhi.core import services as core_services
from fazhi.core.models import OrganisationKind
from fazhi.core.roles import Role
from fazhi.prevention import selectors, services
from fazhi.testing.prevention import add, record


@pytest.mark.parametrize(
    ("members", "wording"),
    [
        (0, "0人"),
        (9, "9人"),
        (10, "10人"),
        (11, "10余人"),
        (40, "40人"),
        (43, "40余人"),
        (49, "40余人"),
        (105, "100余人"),
    ],
)
def test_the_headcount_is_worded_as_the_report_words_it(members, wording):
    assert selectors.approximate_headcount(members) == wording


@pytest.fixture
def year_2025(town, on_day):
    """A team over 2025, recorded on 2026-03-15: three joined before, one left in June, one joined in
    April, one joined on 31 December, one joined in January 2026; activities in 2024, 2025 and 2026."""
    on_day(datetime.date(2026, 3, 15))
    town.veteran = add(town, name="李建国", role="veteran_party_member", joined_on=datetime.date(2021, 5, 1))
    town.grid = add(town, name="张桂英", role="grid_worker", joined_on=datetime.date(2023, 1, 1))
    town.leaver = add(town, name="蔡春梅", role="safety_volunteer", joined_on=datetime.date(2022, 3, 1))
    town.april = add(town, name="周凤英", role="safety_volunteer", joined_on=datetime.date(2025, 4, 10))
    town.new_year_eve = add(town, name="黄志刚", role="building_head", joined_on=datetime.date(2025, 12, 31))
    town.january = add(town, name="胡秀云", role="other", joined_on=datetime.date(2026, 1, 5))
    services.end_service(town.mediator, town.leaver, left_on=datetime.date(2025, 6, 30), reason="迁居市区")
    for held_on, kind, materials, people in [
        (datetime.date(2024, 12, 31), "anti_fraud", 100, 100),
        (datetime.date(2025, 1, 8), "anti_fraud", 300, 260),
        (datetime.date(2025, 1, 20), "patrol", 0, 0),
        (datetime.date(2025, 3, 2), "anti_fraud", 120, 80),
        (datetime.date(2025, 11, 9), "fire_safety", 200, 150),
        (datetime.date(2025, 12, 4), "legal_publicity", 500, 420),
        (datetime.date(2026, 1, 3), "legal_publicity", 50, 50),
    ]:
        record(town, held_on=held_on, kind=kind, materials_handed_out=materials, people_reached=people)
    return town


def test_the_years_counts_come_from_the_rows(year_2025):
    counts = selectors.counts_for_year(year_2025.town, year=2025)
    # 李建国, 张桂英, 周凤英 and 黄志刚 serve on 31 December; 蔡春梅 left in June, 胡秀云 joined in 2026.
    assert counts.members_at_year_end == 4
    assert counts.headcount == "4人"
    assert counts.joined == 2
    assert counts.left == 1
    assert counts.activities == 5
    assert counts.activities_by_kind == {
        "patrol": 1,
        "anti_fraud": 2,
        "fire_safety": 1,
        "legal_publicity": 1,
        "dispute_screening": 0,
        "other": 0,
    }
    assert counts.publicity_events == 4
    assert counts.materials_handed_out == 1120
    assert counts.people_reached == 910


def test_the_drill_down_by_kind_and_month_adds_up_to_the_year(year_2025):
    rows = selectors.kind_month_breakdown(year_2025.town, year=2025)
    assert [
        (row.label, row.month, row.activities, row.materials_handed_out, row.people_reached) for row in rows
    ] == [
        ("治安巡逻", 1, 1, 0, 0),
        ("反诈宣传", 1, 1, 300, 260),
        ("反诈宣传", 3, 1, 120, 80),
        ("消防安全宣传", 11, 1, 200, 150),
        ("法治宣传（普法）", 12, 1, 500, 420),
    ]
    assert [row.is_publicity for row in rows] == [False, True, True, True, True]
    counts = selectors.counts_for_year(year_2025.town, year=2025)
    assert sum(row.activities for row in rows) == counts.activities


def test_active_members_on_a_day_include_both_ends_of_service(year_2025):
    town = year_2025.town
    assert selectors.active_members(town, on=datetime.date(2025, 6, 30)) == 4
    assert selectors.active_members(town, on=datetime.date(2025, 7, 1)) == 3
    assert selectors.active_members(town, on=datetime.date(2025, 12, 30)) == 3
    assert selectors.active_members(town, on=datetime.date(2026, 3, 15)) == 5


def test_a_district_counts_its_towns_and_a_town_only_itself(year_2025):
    services.add_volunteer(
        year_2025.other_admin,
        name="杨某某",
        role="safety_volunteer",
        village=year_2025.other_village,
        joined_on=datetime.date(2024, 1, 1),
    )
    day = datetime.date(2025, 12, 31)
    assert selectors.active_members(year_2025.town, on=day) == 4
    assert selectors.active_members(year_2025.other_town, on=day) == 1
    assert selectors.active_members(year_2025.district, on=day) == 5
    assert selectors.counts_for_year(year_2025.other_town, year=2025).activities == 0


def test_the_roster_lists_serving_members_first_and_filters_by_role_and_village(year_2025):
    names = [member.name for member in selectors.roster_for(year_2025.mediator)]
    assert names[-1] == "蔡春梅"
    assert set(names[:-1]) == {"李建国", "张桂英", "周凤英", "黄志刚", "胡秀云"}
    safety = selectors.roster_for(year_2025.mediator, role="safety_volunteer")
    assert [member.name for member in safety] == ["周凤英", "蔡春梅"]
    elsewhere = add(year_2025, name="林淑芬", village=year_2025.shagou, joined_on=datetime.date(2025, 1, 1))
    in_shagou = selectors.roster_for(year_2025.mediator, village_id=year_2025.shagou.pk)
    assert list(in_shagou) == [elsewhere]


def test_the_roster_counts_serving_members_per_role(year_2025):
    by_role = {
        row.label: row.members
        for row in selectors.members_by_role(year_2025.town, on=datetime.date(2026, 3, 15))
    }
    assert by_role == {"楼栋长": 1, "老党员": 1, "网格员": 1, "平安志愿者": 1, "其他": 1}


def test_another_town_and_a_department_see_nothing_and_a_supervisor_sees_the_district(year_2025):
    assert not selectors.roster_for(year_2025.other_admin).exists()
    assert not selectors.activities_for(year_2025.other_admin).exists()
    assert selectors.roster_for(year_2025.supervisor).count() == 6
    assert selectors.activities_for(year_2025.supervisor, year=2025).count() == 5
    assert selectors.activities_for(year_2025.supervisor, kind="anti_fraud", year=2025, month=1).count() == 1
    outsider_org = core_services.create_organisation(
        year_2025.system, name="东丽区", kind=OrganisationKind.DISTRICT, parent=year_2025.city
    )
    outsider = make_staff(year_2025.system, outsider_org, "dongli", [Role.SUPERVISOR])
    assert not selectors.roster_for(outsider).exists()


def test_the_members_to_choose_from_serve_on_the_day(year_2025):
    chosen = selectors.serving_volunteers(year_2025.mediator, on=datetime.date(2025, 5, 1))
    assert {member.name for member in chosen} == {"李建国", "张桂英", "蔡春梅", "周凤英"}


def test_a_volunteers_name_is_known_to_the_public_text_gate_of_the_town(town):
    """The roster is a register of natural persons: a name only it holds is masked on the portal."""
    text = "向前在巡逻时发现。"
    assert public_text.masked(text, town.town) == text
    services.add_volunteer(
        town.admin,
        name="向前",
        role="safety_volunteer",
        village=town.shagou,
        joined_on=datetime.date(2024, 1, 1),
    )
    assert public_text.masked(text, town.town) == "向某在巡逻时发现。"
    assert public_text.masked(text, town.other_town) == text
