"""Demo major decisions: this year's catalogue, published, with the 老旧小区改造 plan open for public
comment on the portal (one citizen's comment waiting for review) and flagged for expert assessment."""

from __future__ import annotations

import datetime

from django.utils import timezone

from fazhi.core.models import Organisation
from fazhi.decisions import services
from fazhi.demo.town import DemoTown


def load(demo_town: DemoTown) -> None:
    staff = demo_town.staff
    today = timezone.localdate()
    office = Organisation.objects.get(parent=demo_town.town, name="党政办")
    plan = services.add_catalogue_item(
        staff["admin"], year=today.year, title="辛口镇老旧小区改造实施方案", department=office
    )
    services.add_catalogue_item(
        staff["admin"], year=today.year, title="辛口镇农村人居环境整治三年行动计划", department=office
    )
    services.publish_catalogue(staff["zhenzhang"], year=today.year)
    decision = services.register_decision(
        staff["admin"],
        plan,
        summary="对辛口村、小沙窝村两处老旧小区实施改造，涉及居民约1200户，资金由区财政补助和镇自筹解决。",
        needs_expert=True,
        needs_risk=True,
    )
    period = services.open_comment_period(
        staff["admin"],
        decision,
        draft="一、改造范围：辛口村、小沙窝村老旧小区。\n二、改造内容：道路、管网、停车位、适老化设施。\n三、实施期限：一年。",
        opens_on=today,
        closes_on=today + datetime.timedelta(days=30),
    )
    services.submit_comment(
        period, services.CommentInput(text="建议增加电动自行车集中充电设施。"), today=today
    )
