"""依法治镇 fixtures: the town with its head, a 党政办 with two of its staff (one the lead of the tasks),
and a key task deployed some weeks ago."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from conftest import make_staff
from fazhi.core import services as core_services
from fazhi.core.models import OrganisationKind
from fazhi.core.roles import Role
from fazhi.governance import services
from fazhi.governance.models import KeyTask

TODAY = timezone.localdate()
DEPLOYED = TODAY - datetime.timedelta(days=40)


def days(n: int) -> datetime.timedelta:
    return datetime.timedelta(days=n)


@pytest.fixture
def town(world):
    """The world plus a head, the 党政办 with its director (the lead) and a clerk, and another town's head."""
    world.head = make_staff(world.system, world.town, "head", [Role.HEAD], full_name="李镇长")
    world.office = core_services.create_organisation(
        world.system, name="党政办", kind=OrganisationKind.DEPARTMENT, parent=world.town
    )
    world.lead = make_staff(world.system, world.office, "lead", [Role.ADMIN], full_name="刘主任")
    world.clerk = make_staff(world.system, world.office, "clerk", [Role.OFFICER], full_name="钱干事")
    world.other_head = make_staff(
        world.system, world.other_town, "other-head", [Role.HEAD], full_name="杨镇长"
    )
    return world


def task_input(town, **overrides) -> services.TaskInput:
    fields = {
        "year": DEPLOYED.year,
        "source_title": "全面依法治镇委员会年度重点工作安排",
        "source_number": "辛口法治委〔2026〕1号",
        "title": "完成镇政府权责清单动态调整",
        "department": town.office,
        "lead": town.lead,
        "deployed_on": DEPLOYED,
        "deadline": TODAY + days(30),
    }
    return services.TaskInput(**{**fields, **overrides})


def register(town, **overrides) -> KeyTask:
    return services.register_task(town.head, task_input(town, **overrides))


@pytest.fixture
def task(town) -> KeyTask:
    return register(town)
