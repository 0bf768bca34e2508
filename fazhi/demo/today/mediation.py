"""Demo mediation centre: the 1+3+N handling units, a group of three villagers about unpaid wages
registered today and dispatched to the 司法所, and a neighbours' quarrel of three weeks ago mediated to
an agreement and followed up."""

from __future__ import annotations

import datetime

from django.utils import timezone

from fazhi.demo.town import DemoTown, number_series
from fazhi.mediation import rules, services
from fazhi.mediation.models import (
    DisputeCategory,
    FollowUpMethod,
    HandlingUnit,
    Outcome,
    Performance,
    Satisfaction,
    UnitKind,
)


def load(demo_town: DemoTown) -> None:
    staff = demo_town.staff
    services.ensure_default_categories()
    # The centre has had its units since it opened in the demo year (fazhi/demo/year2020 replays 2020).
    existing = {unit.name: unit for unit in HandlingUnit.objects.filter(organisation=demo_town.town)}
    units = {
        name: existing.get(name) or services.add_handling_unit(staff["admin"], name=name, kind=kind)
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
    number_series(
        organisation=demo_town.town,
        key=rules.AGREEMENT_SERIES_KEY,
        code="辛口调协",
        name="人民调解协议书",
    )
    _mediated_to_agreement(demo_town, units["辛口村"])


def _mediated_to_agreement(demo_town: DemoTown, village: HandlingUnit) -> None:
    mediator = demo_town.staff["tiaojie"]
    liu, chen, _company, _snack_bar = demo_town.parties
    today = timezone.localdate()
    days_ago = [today - datetime.timedelta(days=n) for n in (21, 18, 16, 6)]
    dispute = services.register_dispute(
        mediator,
        services.DisputeInput(
            received_on=days_ago[0],
            channel="visit",
            category=DisputeCategory.objects.get(name="邻里纠纷"),
            visitor_count=2,
            visitors=[liu, chen],
            summary="两户相邻，陈某某翻建房屋时排水管道改向刘某院内，双方多次争吵。",
            claims="刘某要求陈某某将排水管道改回原处并赔偿院墙损失。",
        ),
    )
    services.dispatch_dispute(mediator, dispute, unit=village, due_on=dispute.due_on)
    services.record_session(
        mediator,
        dispute,
        services.SessionInput(
            held_on=days_ago[1],
            place="辛口村村委会调解室",
            mediators="调解员 王某",
            attendees="刘某、陈某某、辛口村村委会主任",
            record="告知双方人民调解的性质和权利义务；双方陈述后，经现场察看，陈某某同意改管并修复院墙。",
        ),
    )
    services.close_dispute(
        mediator,
        dispute,
        services.ClosureInput(
            outcome=Outcome.AGREEMENT,
            closed_on=days_ago[2],
            note="",
            checklist={
                "solved": "done",
                "educated": "done",
                "assisted": "not_applicable",
                "lawful": "not_applicable",
            },
            agreement=services.AgreementInput(
                parties="刘某，男，辛口村村民\n陈某某，男，辛口村村民",
                facts=dispute.summary,
                disputed_matters="排水管道走向及院墙损失的赔偿。",
                responsibilities="陈某某改动排水管道未与相邻方协商，应承担主要责任。",
                terms="一、陈某某于十日内将排水管道改回原处；二、陈某某赔偿刘某院墙修复费用800元。",
                performance="陈某某于签订协议后十日内完成改管，并当场以现金支付800元。",
                signed_on=days_ago[2],
                mediator="王某",
                committee="辛口镇人民调解委员会",
            ),
        ),
    )
    services.record_follow_up(
        mediator,
        dispute,
        services.FollowUpInput(
            visited_on=days_ago[3],
            method=FollowUpMethod.VISIT,
            performance=Performance.FULL,
            satisfaction=Satisfaction.SATISFIED,
            note="管道已改回，院墙已修复，双方关系缓和。",
        ),
    )
