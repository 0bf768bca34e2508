"""Demo mediation centre: the 1+3+N handling units, and a group of three villagers about unpaid wages
registered today."""

from __future__ import annotations

from django.utils import timezone

from fazhi.core import demo
from fazhi.mediation import services
from fazhi.mediation.models import DisputeCategory, UnitKind


def load(demo_town: demo.DemoTown) -> None:
    staff = demo_town.staff
    services.ensure_default_categories()
    units = {
        name: services.add_handling_unit(staff["admin"], name=name, kind=kind)
        for name, kind in (
            ("司法所（人民调解委员会）", UnitKind.CORE),
            ("综治中心", UnitKind.CORE),
            ("信访办", UnitKind.CORE),
            ("综合行政执法队", UnitKind.DEPARTMENT),
            ("辛口村", UnitKind.VILLAGE),
        )
    }
    liu, chen, _company, _snack_bar = demo_town.parties
    dispute = services.register_dispute(
        staff["tiaojie"],
        services.DisputeInput(
            received_on=timezone.localdate(),
            channel="visit",
            category=DisputeCategory.objects.get(name="拖欠工资"),
            visitor_count=3,
            visitors=[liu, chen],
            summary="辛口村3名村民在某建筑工地务工，被拖欠工资共计2.4万元。",
            claims="要求施工方支付拖欠的工资。",
        ),
    )
    services.dispatch_dispute(
        staff["tiaojie"], dispute, unit=units["司法所（人民调解委员会）"], due_on=dispute.due_on
    )


demo.register(load)
