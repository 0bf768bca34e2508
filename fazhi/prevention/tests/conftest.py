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
from fazhi.prevention.tests.factories import TODAY


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
