"""Prevention fixtures: a town with two villages and a community, its keepers of the roster, and a
fixed today."""

import datetime
from unittest import mock

import pytest
from django.utils import timezone

from conftest import make_staff
from fazhi.core import services as core_services
from fazhi.core.models import OrganisationKind
from fazhi.core.roles import Role
from fazhi.ledger.models import Event
from fazhi.prevention import services


@pytest.fixture(autouse=True)
def fixed_today():
    """Every test here runs on TODAY unless it travels elsewhere with on_day."""
    with mock.patch.object(timezone, "localdate", return_value=TODAY) as patched:
        yield patched


@pytest.fixture
def on_day(fixed_today):
    def travel(day: datetime.date) -> None:
        fixed_today.return_value = day

    return travel


@pytest.fixture
def town(world):
    """The world plus a mediator, the head, petition staff, two more villages, a community and a
    village of the other town."""
    system = world.system
    world.mediator = make_staff(system, world.town, "mediator", [Role.MEDIATOR], full_name="郑调解")
    world.head = make_staff(system, world.town, "head", [Role.HEAD], full_name="李镇长")
    world.petition_staff = make_staff(
        system, world.town, "xinfang", [Role.PETITION_STAFF], full_name="冯信访"
    )
    world.shagou = core_services.create_organisation(
        system, name="小沙窝村", kind=OrganisationKind.VILLAGE, parent=world.town
    )
    world.community = core_services.create_organisation(
        system, name="辛口社区", kind=OrganisationKind.COMMUNITY, parent=world.town
    )
    world.other_village = core_services.create_organisation(
        system, name="杨柳青村", kind=OrganisationKind.VILLAGE, parent=world.other_town
    )
    return world


TODAY = datetime.date(2026, 11, 28)


def add(town, *, actor=None, **overrides):
    fields = {
        "name": "王秀兰",
        "role": "building_head",
        "village": town.village,
        "joined_on": datetime.date(2024, 3, 1),
        "phone": "",
    }
    return services.add_volunteer(actor or town.mediator, **{**fields, **overrides})


def record(town, *, actor=None, **overrides):
    fields = {
        "held_on": TODAY - datetime.timedelta(days=2),
        "place": "辛口村文化广场",
        "kind": "anti_fraud",
        "channel": "on_site",
        "description": "发放防范电信网络诈骗宣传册。",
        "materials_handed_out": 300,
        "people_reached": 260,
        "volunteers": [],
    }
    return services.record_activity(actor or town.mediator, **{**fields, **overrides})


def ledger_actions():
    return list(Event.objects.filter(action__startswith="prevention.").values_list("action", flat=True))
