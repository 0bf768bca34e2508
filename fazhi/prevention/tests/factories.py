"""Keyword-only builders for the prevention tests: a member or an activity with sensible defaults."""

import datetime

from fazhi.ledger.models import Event
from fazhi.prevention import services

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
        "description": "发放防范电信网络诈骗宣传册。",
        "materials_handed_out": 300,
        "people_reached": 260,
        "volunteers": [],
    }
    return services.record_activity(actor or town.mediator, **{**fields, **overrides})


def ledger_actions():
    return list(Event.objects.filter(action__startswith="prevention.").values_list("action", flat=True))
