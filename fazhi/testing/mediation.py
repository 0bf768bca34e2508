"""The mediation centre's test town: a mediator, three villagers, the default taxonomy and the 司法所."""

import pytest
from django.utils import timezone

from conftest import make_staff, resident_id
from fazhi.core import services as core_services
from fazhi.core.models import IdType, PartyKind
from fazhi.core.roles import Role
from fazhi.mediation import rules, services
from fazhi.mediation.models import Dispute, DisputeCategory, HandlingUnit, UnitKind

TODAY = timezone.localdate()


@pytest.fixture
def town(world):
    world.mediator = make_staff(world.system, world.town, "mediator", [Role.MEDIATOR], full_name="郑调解")
    world.villagers = [
        core_services.register_party(
            world.admin,
            core_services.PartyInput(
                kind=PartyKind.PERSON, name=name, id_type=IdType.RESIDENT_ID, id_number=resident_id(first17)
            ),
        ).party
        for name, first17 in (
            ("刘某", "12011119800101001"),
            ("陈某", "12011119810202002"),
            ("马某", "12011119820303003"),
        )
    ]
    services.ensure_default_categories()  # a transactional test before this one may have emptied the table
    world.wages = DisputeCategory.objects.get(name="拖欠工资")
    world.justice = HandlingUnit.objects.create(
        organisation=world.town, name="司法所（人民调解）", kind=UnitKind.CORE
    )
    world.village = HandlingUnit.objects.create(organisation=world.town, name="辛口村", kind=UnitKind.VILLAGE)
    core_services.create_number_series(
        world.system,
        organisation=world.town,
        key=rules.AGREEMENT_SERIES_KEY,
        code="测试调协",
        name="调解协议书",
    )
    return world


def visit(town, **overrides) -> Dispute:
    fields = {
        "received_on": TODAY,
        "channel": "visit",
        "category": town.wages,
        "visitor_count": 3,
        "visitors": town.villagers,
        "summary": "某建筑队拖欠3名村民工资共计2.4万元。",
        "claims": "要求支付拖欠工资。",
    }
    return services.register_dispute(town.mediator, services.DisputeInput(**{**fields, **overrides}))
