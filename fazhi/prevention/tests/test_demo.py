"""The demo team, loaded through the services: 43 serving members in the three villages of 辛口镇 ("40余人"),
two who left last year, and the year's activities with anti-fraud and fire-safety publicity."""

from fazhi.core import demo
from fazhi.core import services as core_services
from fazhi.core.models import OrganisationKind
from fazhi.prevention import demo as prevention_demo
from fazhi.prevention import selectors
from fazhi.prevention.models import CommunityVolunteer, PreventionActivity
from fazhi.prevention.tests.factories import TODAY


def test_the_demo_town_has_a_team_of_forty_odd_and_this_years_publicity(town):
    # The town fixture has 辛口村 and 小沙窝村 already.
    core_services.create_organisation(
        town.system, name="水高庄村", kind=OrganisationKind.VILLAGE, parent=town.town
    )
    prevention_demo.load(
        demo.DemoTown(town=town.town, staff={"admin": town.admin, "tiaojie": town.mediator}, parties=[])
    )
    assert CommunityVolunteer.objects.count() == 45
    counts = selectors.counts_for_year(town.town, year=TODAY.year)
    assert counts.members_at_year_end == 43
    assert counts.headcount == "40余人"
    assert counts.left == 0
    assert counts.activities == PreventionActivity.objects.count() == 6
    assert counts.activities_by_kind["anti_fraud"] == 2
    assert counts.activities_by_kind["fire_safety"] == 1
    assert counts.publicity_events == 4
    assert set(CommunityVolunteer.objects.values_list("village__name", flat=True)) == {
        "辛口村",
        "小沙窝村",
        "水高庄村",
    }
    assert len(set(CommunityVolunteer.objects.values_list("role", flat=True))) == 5
    assert not PreventionActivity.objects.exclude(held_on__year=TODAY.year).exists()
