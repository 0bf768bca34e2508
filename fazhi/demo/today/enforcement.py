"""Demo enforcement data: the town's delegated powers, body cameras, a lead waiting for the head's
approval and a case waiting for the legal reviewer."""

from __future__ import annotations

from django.utils import timezone

from fazhi.demo.town import DemoTown, number_series
from fazhi.enforcement import services
from fazhi.enforcement.models import DelegatedPower, DeviceAssignment
from fazhi.enforcement.rules import ReviewGrounds

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


def load(demo_town: DemoTown) -> None:
    staff = demo_town.staff
    # The town has held these powers since the demo year (fazhi/demo/year2020 replays 2020).
    held = {power.code: power for power in DelegatedPower.objects.filter(organisation=demo_town.town)}
    powers = [
        held.get(code)
        or services.add_delegated_power(
            staff["admin"], code=code, name=name, category=category, legal_basis=basis
        )
        for code, name, category, basis in DEMO_POWERS
    ]
    number_series(
        organisation=staff["zhifa1"].organisation or demo_town.town,
        key=services.SUMMARY_SERIES_KEY,
        code="西青辛综简",
        name="当场行政处罚决定书",
    )
    today = timezone.localdate()
    # Every officer, the auxiliary included, carries a body camera (全过程记录), most since the demo year.
    carrying = set(
        DeviceAssignment.objects.filter(
            device__organisation=demo_town.town, valid_to__isnull=True
        ).values_list("staff_id", flat=True)
    )
    for number, username in enumerate(["zhifa1", "zhifa2", "fuzhu"], start=1):
        if staff[username].pk in carrying:
            continue
        device = services.add_device(staff["admin"], number=f"XQXK-ZFJLY-{number:03d}", model_name="DSJ-V8")
        services.assign_device(staff["admin"], device, staff=staff[username], valid_from=today)

    services.register_lead(
        staff["zhifa1"],
        title="占道经营",
        source="patrol",
        received_on=today,
        act_on=today,
        place="辛口镇辛口村村口",
        summary="巡查发现在村口道路上摆摊经营，占用城市道路约6平方米。",
        party=demo_town.parties[0],
    )
    # A case waiting for the legal reviewer, so that 法制审核 can be tried at once.
    case = services.register_lead(
        staff["zhifa2"],
        title="建材堆放占用城市道路",
        source="complaint",
        received_on=today,
        act_on=today,
        place="辛口镇工业园东路",
        summary="群众举报工业园东路被建材长期占用。",
        party=demo_town.parties[2],
    )
    case = services.file_case(
        staff["zhenzhang"],
        case,
        party=demo_town.parties[2],
        power=powers[0],
        act_ended_on=today,
        endangers_life_health_or_finance=False,
    )
    case = services.start_investigation(
        staff["zhifa1"], case, investigators=[staff["zhifa1"], staff["zhifa2"]]
    )
    case = services.close_investigation(
        staff["zhifa1"],
        case,
        outcome="penalty",
        findings="经现场检查和询问，当事人在工业园东路堆放建材约40平方米，未经批准占用城市道路，事实清楚。",
        review_grounds=ReviewGrounds(major_public_interest=True),
        major_or_complex=False,
    )
    services.issue_notice(
        staff["zhifa1"],
        case,
        proposed_penalties="责令限期改正，罚款",
        penalty_kinds=["fine"],
        proposed_fine_fen=5_000_00,
        facts="当事人未经批准占用城市道路堆放建材，违反《城市道路管理条例》第二十七条，依据第四十二条拟处罚款。",
        served_on=today,
        statement_working_days=3,
    )
    services.record_defence(staff["zhifa1"], case, statement="", waived=True)
    services.submit_legal_review(staff["zhifa1"], case)
