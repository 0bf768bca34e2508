"""Demo disclosure: three on-the-spot decisions of today — two published on the portal (the facts of
one carried the person's ID number and phone, which the head confirmed hidden), one draft awaiting the
head with a neighbour's name and phone highlighted — and the town's random-inspection list."""

from __future__ import annotations

from django.utils import timezone

from fazhi.core.models import Party
from fazhi.demo.town import DemoTown
from fazhi.disclosure import selectors, services
from fazhi.enforcement import services as enforcement_services
from fazhi.enforcement.models import Case, DelegatedPower

DEMO_INSPECTIONS = [
    (
        "临街商户占用城市道路情况",
        "辖区内临街商户",
        "《城市道路管理条例》第二十七条",
        "每年抽查比例不低于5%，每半年一次",
    ),
    (
        "生活垃圾分类投放情况",
        "辖区内机关、企事业单位",
        "《天津市生活垃圾管理条例》",
        "每年抽查比例不低于3%，每年一次",
    ),
]


def load(demo_town: DemoTown) -> None:
    staff = demo_town.staff
    officer, co_officer, head = staff["zhifa1"], staff["zhifa2"], staff["zhenzhang"]
    power = DelegatedPower.objects.get(organisation=demo_town.town, code="XQ-CJ-001")
    liu, chen, _company, snack_bar = demo_town.parties
    today = timezone.localdate()

    def on_spot(party: Party, facts: str, *, fine_fen: int) -> Case:
        return enforcement_services.decide_on_spot(
            officer,
            enforcement_services.OnSpotDecision(
                party=party,
                power=power,
                co_officer=co_officer,
                title="占道经营",
                place="辛口镇辛口村村口",
                act_on=today,
                facts=facts,
                basis="《城市道路管理条例》第二十七条、第四十二条",
                warning_only=fine_fen == 0,
                fine_fen=fine_fen,
                defence_waived=True,
            ),
        )

    published = [
        on_spot(
            chen,
            "当事人陈某某（身份证号 %(id)s，联系电话 13800000002）在辛口村村口道路摆摊，占用城市道路约3平方米。"
            % {"id": chen.id_number},
            fine_fen=100_00,
        ),
        on_spot(snack_bar, "当事人在店门外道路摆放桌椅经营，占用城市道路约5平方米，当场改正。", fine_fen=0),
    ]
    for case in published:
        publication = services.prepare_publication(officer, case.decision)
        # The head confirms that each number the check found is hidden, then publishes.
        for review in selectors.field_reviews(publication):
            for finding in review.open:
                services.review_finding(
                    head, publication, field=review.field, text=finding.text, action="hide"
                )
        services.publish(head, publication)
    draft = on_spot(
        liu,
        "当事人在辛口村村口道路摆摊，占用城市道路约2平方米，邻居王建国（电话13800000003）反映影响通行。",
        fine_fen=50_00,
    )
    services.prepare_publication(officer, draft.decision)
    for name, subjects, basis, frequency in DEMO_INSPECTIONS:
        services.add_inspection_item(
            staff["admin"],
            name=name,
            subjects=subjects,
            basis=basis,
            department="辛口镇综合行政执法队",
            method="现场检查",
            frequency=frequency,
        )
