"""Demo petitions in 辛口镇, through the services: a group visit about a road accepted and extended by
the head, a letter about a land subsidy answered and now before 复查, and a key matter about unpaid
compensation closed within its period by its 工作专班."""

from __future__ import annotations

import datetime

from django.utils import timezone

from fazhi.demo.town import DemoTown, number_series
from fazhi.petitions import rules, services
from fazhi.petitions.models import Channel, Decision, Petition


def _days_ago(days: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=days)


def _accepted(demo_town: DemoTown, data: services.PetitionInput, *, decided_days_ago: int) -> Petition:
    clerk = demo_town.staff["xinfang"]
    petition = services.register_petition(clerk, data)
    decided_on = _days_ago(decided_days_ago)
    return services.accept_petition(clerk, petition, decided_on=decided_on, notice_on=decided_on)


def load(demo_town: DemoTown) -> None:
    staff = demo_town.staff
    clerk, head = staff["xinfang"], staff["zhenzhang"]
    liu, chen, company, _snack_bar = demo_town.parties
    number_series(
        organisation=demo_town.town,
        key=rules.OPINION_SERIES_KEY,
        code="西青辛信处",
        name="信访处理意见书",
    )

    road = _accepted(
        demo_town,
        services.PetitionInput(
            received_on=_days_ago(50),
            channel=Channel.VISIT,
            person_count=12,
            petitioners=[liu, chen],
            request="要求尽快修复村内被重型车辆压坏的道路。",
            facts_and_reasons="辛口村主路自去年起被建材运输车辆压坏，雨天积水，村民出行困难。",
        ),
        decided_days_ago=48,
    )
    services.extend_handling(
        head,
        road,
        days=30,
        reason="道路修复须经区交通部门立项审批，情况复杂。",
        approved_on=_days_ago(1),
        notice_on=_days_ago(1),
    )

    subsidy = _accepted(
        demo_town,
        services.PetitionInput(
            received_on=_days_ago(40),
            channel=Channel.LETTER,
            person_count=1,
            petitioners=[liu],
            address="辛口镇辛口村",
            request="要求补发2025年耕地地力保护补贴。",
            facts_and_reasons="本人承包地被纳入设施农业用地后，当年补贴未发放。",
        ),
        decided_days_ago=38,
    )
    services.issue_opinion(
        clerk,
        subsidy,
        services.OpinionInput(
            request=subsidy.request,
            facts="经核实，信访人承包地于2025年3月改为设施农业用地，已不再用于种植粮食作物。",
            reasons="耕地地力保护补贴发放对象为用于种植的耕地承包者，改变用途的耕地不在补贴范围内。",
            decision=Decision.EXPLAIN,
            basis="《耕地地力保护补贴资金管理办法》有关补贴对象的规定。",
            issued_on=_days_ago(20),
            served_on=_days_ago(19),
        ),
    )
    services.request_review(
        clerk, subsidy, requested_on=_days_ago(5), reason="信访人认为设施农业用地仍属耕地，对处理意见不服。"
    )

    wages = _accepted(
        demo_town,
        services.PetitionInput(
            received_on=_days_ago(70),
            channel=Channel.ONLINE,
            person_count=1,
            petitioners=[chen],
            request="要求辛口建材公司支付拆迁过渡期间的停产补偿。",
            facts_and_reasons="%(c)s厂区拆迁后，约定的停产补偿至今未支付。" % {"c": company.name},
        ),
        decided_days_ago=68,
    )
    services.mark_key_matter(clerk, wages, leader=head, team=[clerk, staff["admin"], staff["shenhe"]])
    services.issue_opinion(
        clerk,
        wages,
        services.OpinionInput(
            request=wages.request,
            facts="经工作专班核实，补偿协议约定的停产补偿款已列入镇财政支付计划。",
            reasons="补偿协议合法有效，信访人的请求事实清楚。",
            decision=Decision.SUPPORT,
            basis="《国有土地上房屋征收与补偿条例》第十七条。",
            issued_on=_days_ago(30),
            served_on=_days_ago(29),
        ),
    )
