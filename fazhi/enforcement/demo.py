"""Demo enforcement data: the town's delegated powers and a lead waiting for the head's approval."""

from __future__ import annotations

from django.utils import timezone

from fazhi.core import demo
from fazhi.enforcement import services

DEMO_POWERS = [
    ("XQ-CJ-001", "擅自占用城市道路", "城市建设管理", "《城市道路管理条例》第二十七条、第四十二条"),
    (
        "XQ-SR-002",
        "在城市人民政府规定的街道的临街建筑物阳台外、窗外、屋顶吊挂或者堆放物品",
        "市容环境",
        "《城市市容和环境卫生管理条例》第十五条、第三十四条",
    ),
    ("XQ-LJ-003", "未按规定分类投放生活垃圾", "垃圾分类", "《天津市生活垃圾管理条例》"),
]


def load(demo_town: demo.DemoTown) -> None:
    for code, name, category, basis in DEMO_POWERS:
        services.add_delegated_power(
            demo_town.staff["admin"], code=code, name=name, category=category, legal_basis=basis
        )
    today = timezone.localdate()
    services.register_lead(
        demo_town.staff["zhifa1"],
        title="占道经营",
        source="patrol",
        received_on=today,
        act_on=today,
        place="辛口镇辛口村村口",
        summary="巡查发现在村口道路上摆摊经营，占用城市道路约6平方米。",
        party=demo_town.parties[0],
    )


demo.register(load)
