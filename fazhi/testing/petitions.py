"""The petitions test town: a petition clerk, the head, seven villagers, the opinion number series, and
a clock the services believe."""

from __future__ import annotations

import datetime
import json
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from unittest import mock

import pytest
from django.utils import timezone

from conftest import make_staff, resident_id
from fazhi.core import services as core_services
from fazhi.core.models import IdType, PartyKind
from fazhi.core.roles import Role
from fazhi.ledger.models import Event
from fazhi.petitions import rules, services
from fazhi.petitions.models import Channel, Extension, Petition

# A Monday; its 15th day (06-16) and its 60th (07-31) are working days, its 90th (08-30) a Sunday.
RECEIVED = datetime.date(2026, 6, 1)
NAMES = ("刘某", "陈某", "马某", "王某", "李某", "赵某", "孙某")


@pytest.fixture
def on_day() -> Iterator[Callable[[datetime.date], None]]:
    """Lets a test say which day the services believe it is."""
    with ExitStack() as stack:

        def travel(day: datetime.date) -> None:
            stack.enter_context(mock.patch.object(timezone, "localdate", return_value=day))

        yield travel


@pytest.fixture
def town(world, on_day):
    on_day(RECEIVED)
    world.clerk = make_staff(world.system, world.town, "clerk", [Role.PETITION_STAFF], full_name="冯信访")
    world.head = make_staff(world.system, world.town, "head", [Role.HEAD], full_name="李镇长")
    world.villagers = [
        core_services.register_party(
            world.admin,
            core_services.PartyInput(
                kind=PartyKind.PERSON,
                name=name,
                id_type=IdType.RESIDENT_ID,
                id_number=resident_id(f"120111198001{index:02d}{index:03d}"),
            ),
        ).party
        for index, name in enumerate(NAMES, start=1)
    ]
    core_services.create_number_series(
        world.system,
        organisation=world.town,
        key=rules.OPINION_SERIES_KEY,
        code="测试信处",
        name="信访处理意见书",
    )
    return world


def register(town, **overrides) -> Petition:
    fields = {
        "received_on": RECEIVED,
        "channel": Channel.VISIT,
        "person_count": 12,
        "petitioners": town.villagers[:2],
        "request": "要求修复村内被压坏的道路。",
        "facts_and_reasons": "村主路被建材运输车辆压坏，雨天积水，村民出行困难。",
    }
    return services.register_petition(town.clerk, services.PetitionInput(**{**fields, **overrides}))


def accept(town, petition: Petition, day: datetime.date = RECEIVED) -> Petition:
    return services.accept_petition(town.clerk, petition, decided_on=day, notice_on=day)


def opinion_input(**overrides) -> services.OpinionInput:
    fields = {
        "request": "要求修复村内被压坏的道路。",
        "facts": "经现场核实，村主路约800米路面破损。",
        "reasons": "道路养护属镇政府职责，修复资金已落实。",
        "decision": "support",
        "basis": "《农村公路养护管理办法》第五条。",
        "issued_on": RECEIVED + datetime.timedelta(days=20),
        "served_on": RECEIVED + datetime.timedelta(days=21),
    }
    return services.OpinionInput(**{**fields, **overrides})


def payload_of(action: str) -> dict[str, object]:
    """The payload of the one ledger event of this action."""
    payload: dict[str, object] = json.loads(Event.objects.get(action=action).entry)["payload"]
    return payload


def events(action: str) -> int:
    return Event.objects.filter(action=action).count()


def snapshot(petition: Petition) -> dict[str, object]:
    """What a refused action must leave as it was: the row and the ledger."""
    petition.refresh_from_db()
    fields = {field.name: getattr(petition, field.attname) for field in Petition._meta.concrete_fields}
    return {
        **fields,
        "events": Event.objects.count(),
        "extension": Extension.objects.filter(petition=petition).exists(),
        "reviews": petition.reviews.count(),
    }
