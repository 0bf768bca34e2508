"""Benchmark data for the public portal: a district of four towns and N penalty decisions with their
publications (公示), 95% of them in one town, over the last year.

Organisations, number series and the acting staff are made through fazhi.core.services. The cases,
文号, decisions and publications are bulk-inserted: N service calls would take hours, and the portal
reads only the publication snapshot. Most publications are on the portal (published, within their
period); some are withdrawn, expired or still drafts, so that the list's filter has work to do.

    DJANGO_SETTINGS_MODULE=fazhi.settings FAZHI_VAR_DIR=... python bench/generate_publications.py 100000

Import this module only after django.setup() (the script's main does it).
"""

from __future__ import annotations

import datetime
import hashlib
import random
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

BATCH = 5_000
OTHER_TOWNS_SHARE = 0.05
# Of the publications: on the portal, withdrawn, past their period, drafts awaiting the head.
STATUSES = ("published", "withdrawn", "expired", "draft")
STATUS_WEIGHTS = (0.88, 0.03, 0.05, 0.04)
VIOLATIONS = (
    "擅自占用城市道路",
    "在临街建筑物阳台外堆放物品",
    "未按规定分类投放生活垃圾",
    "占道经营",
    "违法建设",
    "擅自设置户外广告",
    "随意倾倒建筑垃圾",
    "露天焚烧秸秆",
    "运输车辆未密闭抛洒",
    "未经批准挖掘城市道路",
)
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕"
TOWNS = ("辛口镇", "杨柳青镇", "中北镇", "精武镇")


def _setup() -> None:
    import django

    django.setup()


def load(count: int, *, seed: int = 20261129) -> dict[str, Any]:
    from django.db import transaction
    from django.utils import timezone

    from fazhi.core import services as core_services
    from fazhi.core.models import IssuedNumber, OrganisationKind
    from fazhi.disclosure.models import Publication
    from fazhi.enforcement.models import Case, PenaltyDecision

    rnd = random.Random(seed)
    started = time.perf_counter()
    system = core_services.system_actor()
    city = core_services.create_organisation(system, name="天津市", kind=OrganisationKind.CITY, parent=None)
    district = core_services.create_organisation(
        system, name="西青区", kind=OrganisationKind.DISTRICT, parent=city
    )
    towns = [
        core_services.create_organisation(system, name=name, kind=OrganisationKind.TOWN, parent=district)
        for name in TOWNS
    ]
    series = [
        core_services.create_number_series(
            system,
            organisation=town,
            key="penalty-decision",
            code=f"西青{town.name[:2]}综执罚",
            name="决定书",
        )
        for town in towns
    ]
    today = timezone.localdate()
    now = timezone.now()
    sequences = [0] * len(towns)
    written = 0
    while written < count:
        size = min(BATCH, count - written)
        plan = []
        for _ in range(size):
            town_index = 0 if rnd.random() >= OTHER_TOWNS_SHARE else rnd.randrange(1, len(towns))
            status = rnd.choices(STATUSES, STATUS_WEIGHTS)[0]
            age = rnd.randrange(400, 800) if status == "expired" else rnd.randrange(0, 360)
            decided_on = today - datetime.timedelta(days=age)
            sequences[town_index] += 1
            plan.append((town_index, status, decided_on, sequences[town_index]))
        with transaction.atomic():
            cases = Case.objects.bulk_create(
                [
                    Case(
                        organisation=towns[town_index],
                        procedure="ordinary",
                        stage="archived",
                        title=rnd.choice(VIOLATIONS),
                        source="patrol",
                        received_on=decided_on - datetime.timedelta(days=30),
                        act_on=decided_on - datetime.timedelta(days=31),
                        created_by=system,
                    )
                    for town_index, _status, decided_on, _sequence in plan
                ]
            )
            numbers = IssuedNumber.objects.bulk_create(
                [
                    IssuedNumber(
                        series=series[town_index],
                        year=decided_on.year,
                        sequence=sequence,
                        text=f"{series[town_index].code}〔{decided_on.year}〕{sequence}号",
                        subject_type="enforcement.case",
                        subject_id=str(case.pk),
                        issued_by=system,
                    )
                    for case, (town_index, _status, decided_on, sequence) in zip(cases, plan, strict=True)
                ]
            )
            decisions = PenaltyDecision.objects.bulk_create(
                [
                    PenaltyDecision(
                        case=case,
                        number=number,
                        decided_on=decided_on,
                        penalties="罚款",
                        fine_fen=rnd.choice((50_00, 200_00, 500_00, 2_000_00, 5_000_00, 20_000_00)),
                        basis="《城市道路管理条例》第四十二条",
                        decided_by=system,
                    )
                    for case, number, (_town, _status, decided_on, _sequence) in zip(
                        cases, numbers, plan, strict=True
                    )
                ]
            )
            Publication.objects.bulk_create(
                [
                    _publication(rnd, decision, towns[town_index], status, now=now, system=system)
                    for decision, (town_index, status, _decided_on, _sequence) in zip(
                        decisions, plan, strict=True
                    )
                ]
            )
        written += size
    return {
        "publications": count,
        "on_portal": Publication.objects.filter(status="published", visible_until__gte=today).count(),
        "seconds": time.perf_counter() - started,
        "town_id": towns[0].pk,
    }


def _publication(rnd: random.Random, decision: Any, town: Any, status: str, *, now: Any, system: Any) -> Any:
    from fazhi.core.money import yuan
    from fazhi.core.periods import add_months
    from fazhi.disclosure.models import Publication

    name = rnd.choice(SURNAMES) + "某某"
    violation = decision.case.title
    published = status != "draft"
    decided_on = decision.decided_on
    return Publication(
        organisation=town,
        decision=decision,
        status="published" if status == "expired" else status,
        due_on=decided_on + datetime.timedelta(days=9),
        severity="ordinary",
        party_name=name,
        party_kind="自然人",
        decision_number=decision.number.text,
        violation_type=violation,
        facts=f"当事人{name}在{town.name}辖区内{violation}，经责令改正，逾期未改正。现场检查笔录、询问笔录及照片在卷为证。",
        basis=decision.basis,
        penalty_content=f"罚款人民币{yuan(decision.fine_fen)}元",
        fine_fen=decision.fine_fen,
        decided_on=decided_on,
        authority=f"天津市西青区{town.name}人民政府",
        visible_until=add_months(decided_on, 12) if published else None,
        content_sha256=hashlib.sha256(decision.number.text.encode()).hexdigest() if published else "",
        published_at=now if published else None,
        published_by=system if published else None,
        withdrawn_at=now if status == "withdrawn" else None,
        withdrawal_reason="经行政复议，原处罚决定已被撤销" if status == "withdrawn" else "",
    )


def main() -> None:
    import json

    _setup()
    result = load(int(sys.argv[1]))
    print(json.dumps(result))


if __name__ == "__main__":
    main()
