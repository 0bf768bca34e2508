"""The report's "1+3+N" figures counted from rows made here: the handling units that took part in the
visits the centre received in the year (from its opening, as mediation_batches counts them), each with
the visits it handled, and how the report words them. A unit with no dispatch, one whose only visit
came before the centre opened or in another year, and another town's units are not counted."""

import datetime

import pytest

from conftest import make_staff, resident_id
from fazhi.core import services as core_services
from fazhi.core.figures import FIGURES, Scope
from fazhi.core.models import IdType, PartyKind
from fazhi.core.roles import Role
from fazhi.demo.clock import simulated_day as on_day
from fazhi.mediation import services
from fazhi.mediation.models import HandlingUnit, UnitKind

OPENED = datetime.date(2024, 5, 20)


def dispatch(town, unit, day, *, actor=None, visitors=None):
    """A visit received on `day` (by the town's mediator unless another is named) and dispatched to
    `unit` the same day."""
    actor = actor or town.mediator
    with on_day(day):
        dispute = services.register_dispute(
            actor,
            services.DisputeInput(
                received_on=day,
                channel="visit",
                category=town.wages,
                visitor_count=1,
                visitors=visitors or town.villagers[:1],
                summary="某建筑队拖欠村民工资。",
                claims="要求支付拖欠工资。",
            ),
        )
        services.dispatch_dispute(actor, dispute, unit=unit, due_on=day)
    return dispute


@pytest.fixture
def year(town):
    """2024: the centre opens on 20 May; the 司法所 handles two visits (one handed back to the centre and
    dispatched to it again), 辛口村 one (handed on to the 司法所), the 综治中心 and the 执法队 one each; the
    信访办 none; 小沙窝村 only a visit of March, before the centre opened; 水高庄村 only one of 2023; the
    other town's 司法所 one of its own town."""
    with on_day(OPENED):
        services.record_centre_opening(town.admin, name="辛口镇社会矛盾纠纷调处化解中心", opened_on=OPENED)
        town.zongzhi = services.add_handling_unit(town.admin, name="综治中心", kind=UnitKind.CORE)
        town.xinfang = services.add_handling_unit(town.admin, name="信访办", kind=UnitKind.CORE)
        town.squad = services.add_handling_unit(town.admin, name="综合行政执法队", kind=UnitKind.DEPARTMENT)
        town.shagou = services.add_handling_unit(town.admin, name="小沙窝村", kind=UnitKind.VILLAGE)
        town.shuigao = services.add_handling_unit(town.admin, name="水高庄村", kind=UnitKind.VILLAGE)
        town.theirs = services.add_handling_unit(town.other_admin, name="杨柳青镇司法所", kind=UnitKind.CORE)
    handed_on = dispatch(town, town.village, datetime.date(2024, 6, 3))
    with on_day(datetime.date(2024, 6, 10)):
        services.hand_on(
            town.mediator,
            handed_on,
            unit=town.justice,
            due_on=datetime.date(2024, 6, 10),
            reason="村调委会调解未果，移交镇人民调解委员会调解。",
        )
    handed_back = dispatch(town, town.justice, datetime.date(2024, 7, 1))
    with on_day(datetime.date(2024, 7, 2)):
        services.hand_back(town.mediator, handed_back, reason="材料不全，退回中心补充。")
        services.dispatch_dispute(
            town.mediator, handed_back, unit=town.justice, due_on=datetime.date(2024, 7, 2)
        )
    dispatch(town, town.zongzhi, datetime.date(2024, 8, 1))
    dispatch(town, town.squad, datetime.date(2024, 9, 2))
    dispatch(town, town.shagou, datetime.date(2024, 3, 4))
    dispatch(town, town.shuigao, datetime.date(2023, 6, 1))
    with on_day(OPENED):
        other_mediator = make_staff(town.system, town.other_town, "other-mediator", [Role.MEDIATOR])
        villager = core_services.register_party(
            town.other_admin,
            core_services.PartyInput(
                kind=PartyKind.PERSON,
                name="杨某",
                id_type=IdType.RESIDENT_ID,
                id_number=resident_id("12011119830404004"),
            ),
        ).party
    dispatch(town, town.theirs, datetime.date(2024, 6, 10), actor=other_mediator, visitors=[villager])
    return town


def test_the_units_that_took_part_are_counted_once_each_with_their_visits(year):
    scope = Scope(year.town, 2024)
    figure = FIGURES["mediation_units"]
    value = figure.compute(scope)
    assert (value.value, value.display) == (4, "4个")
    assert value.label == "参与化解矛盾纠纷的承办单位"
    assert value.start == OPENED
    rows = list(figure.drill_down(scope))
    assert rows == [year.justice, year.zongzhi, year.squad, year.village]
    assert [tuple(column.value(row) for column in figure.columns) for row in rows] == [
        ("司法所（人民调解）", "核心力量（司法所、综治、信访）", 2),
        ("综治中心", "核心力量（司法所、综治、信访）", 1),
        ("综合行政执法队", "职能部门", 1),
        ("辛口村", "村（社区）", 1),
    ]
    assert [column.header for column in figure.columns] == ["承办单位", "类别", "承办件数"]
    assert HandlingUnit.objects.filter(organisation=year.town).count() == 7


def test_the_units_are_worded_as_one_plus_three_plus_n(year):
    scope = Scope(year.town, 2024)
    figure = FIGURES["mediation_units_wording"]
    value = figure.compute(scope)
    assert value.display == "司法所（人民调解）、综治中心等2个核心力量单位、1个职能部门和1个村（社区）"
    assert list(figure.drill_down(scope)) == list(FIGURES["mediation_units"].drill_down(scope))
    # 2023, before the centre: the whole year, and only 水高庄村 took part.
    assert figure.compute(Scope(year.town, 2023)).display == "1个村（社区）"
    assert figure.compute(Scope(year.town, 2022)).display == "尚无承办单位参与办理"
    assert FIGURES["mediation_units"].compute(Scope(year.town, 2022)).value == 0


def test_the_other_towns_units_are_its_own(year):
    assert FIGURES["mediation_units_wording"].compute(Scope(year.other_town, 2024)).display == (
        "杨柳青镇司法所等1个核心力量单位"
    )


def test_a_districts_wording_names_each_core_unit_once_and_counts_them_all(year):
    """Each town has its own 综治中心: the district's sentence names it once and counts both. (A district
    has no centre of its own: it counts from 1 January, so 小沙窝村's March visit is in.)"""
    with on_day(OPENED):
        theirs = services.add_handling_unit(year.other_admin, name="综治中心", kind=UnitKind.CORE)
        mediator = make_staff(year.system, year.other_town, "other-mediator-2", [Role.MEDIATOR])
        villager = core_services.register_party(
            year.other_admin,
            core_services.PartyInput(
                kind=PartyKind.PERSON,
                name="柳某",
                id_type=IdType.RESIDENT_ID,
                id_number=resident_id("12011119840505005"),
            ),
        ).party
    dispatch(year, theirs, datetime.date(2024, 6, 11), actor=mediator, visitors=[villager])
    assert FIGURES["mediation_units_wording"].compute(Scope(year.district, 2024)).display == (
        "司法所（人民调解）、综治中心、杨柳青镇司法所等4个核心力量单位、1个职能部门和2个村（社区）"
    )
