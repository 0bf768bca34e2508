"""The demo team today, on top of the team formed in 2020 (which fazhi/demo/year2020 replays, see
fazhi/reports/tests/test_demo_year.py for the whole): those who joined since are added, those who left
since end their service, and the year's activities include anti-fraud and fire-safety publicity."""

import datetime

from fazhi.core import services as core_services
from fazhi.core.models import OrganisationKind
from fazhi.demo.today import prevention as prevention_demo
from fazhi.demo.town import DemoTown
from fazhi.prevention import selectors, services
from fazhi.prevention.models import CommunityVolunteer, PreventionActivity
from fazhi.prevention.models import VolunteerRole as R
from fazhi.testing.prevention import TODAY


def test_the_demo_adds_who_joined_ends_who_left_and_records_this_years_publicity(town):
    # The town fixture has 辛口村 and 小沙窝村 already.
    core_services.create_organisation(
        town.system, name="水高庄村", kind=OrganisationKind.VILLAGE, parent=town.town
    )
    founded = datetime.date(2020, 6, 1)
    for name in [*prevention_demo.LEFT_SINCE, "王建国", "李淑珍"]:
        services.add_volunteer(
            town.admin, name=name, role=R.BUILDING_HEAD, village=town.village, joined_on=founded
        )
    prevention_demo.load(
        DemoTown(town=town.town, staff={"admin": town.admin, "tiaojie": town.mediator}, parties=[])
    )
    assert CommunityVolunteer.objects.count() == 8 + len(prevention_demo.JOINED_SINCE)
    ended = CommunityVolunteer.objects.filter(left_on__isnull=False)
    assert set(ended.values_list("name", flat=True)) == set(prevention_demo.LEFT_SINCE)
    assert selectors.active_members(town.town, on=TODAY) == 2 + len(prevention_demo.JOINED_SINCE)
    counts = selectors.counts_for_year(town.town, year=TODAY.year)
    assert counts.activities == PreventionActivity.objects.count() == 6
    assert counts.activities_by_kind["anti_fraud"] == 2
    assert counts.activities_by_kind["fire_safety"] == 1
    assert counts.publicity_events == 4
    assert not PreventionActivity.objects.exclude(held_on__year=TODAY.year).exists()
