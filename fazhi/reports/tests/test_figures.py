"""Each figure against rows made here through the services: a random year of study, training, visits to
the mediation centre and a prevention team, tallied independently in Python as they are made, then
compared with every figure the report computes; the drill-down lists exactly the rows counted; another
town's rows never count; a district counts its towns."""

import datetime
import random
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from conftest import make_staff, resident_id
from fazhi.core import services as core_services
from fazhi.core.figures import FIGURES, Scope, compute_all
from fazhi.core.models import IdType, PartyKind
from fazhi.core.roles import Role
from fazhi.enforcement import services as enforcement
from fazhi.learning import services as learning
from fazhi.learning.models import StudyKind, TrainingKind
from fazhi.mediation import services as mediation
from fazhi.mediation.models import DisputeCategory, HandlingUnit, Outcome, UnitKind
from fazhi.mediation.rules import AGREEMENT_SERIES_KEY
from fazhi.prevention import services as prevention
from fazhi.prevention.models import ActivityKind, VolunteerRole

YEAR = 2024
CHECKED = {
    "solved": "done",
    "educated": "not_applicable",
    "assisted": "not_applicable",
    "lawful": "not_applicable",
}


@pytest.fixture
def town(world):
    world.mediator = make_staff(world.system, world.town, "mediator", [Role.MEDIATOR], full_name="郑调解")
    world.other_mediator = make_staff(world.system, world.other_town, "other-mediator", [Role.MEDIATOR])
    mediation.ensure_default_categories()
    world.unit = HandlingUnit.objects.create(organisation=world.town, name="司法所", kind=UnitKind.CORE)
    core_services.create_number_series(
        world.system, organisation=world.town, key=AGREEMENT_SERIES_KEY, code="测试调协", name="调解协议书"
    )
    world.villagers = [
        core_services.register_party(
            actor,
            core_services.PartyInput(
                kind=PartyKind.PERSON,
                name=f"村民{index}",
                id_type=IdType.RESIDENT_ID,
                id_number=resident_id(f"1201111980{index:02d}01{index:03d}"),
            ),
        ).party
        for index, actor in enumerate([world.admin] * 6 + [world.other_admin] * 2, start=1)
    ]
    return world


def visit(town, rng, day, leaf, persons, *, mediator=None, villagers=None):
    mediator = mediator or town.mediator
    villagers = villagers or town.villagers[:6]
    listed = rng.sample(villagers, k=min(persons, 2))
    return mediation.register_dispute(
        mediator,
        mediation.DisputeInput(
            received_on=day,
            channel="visit",
            category=leaf,
            visitor_count=persons,
            visitors=listed,
            summary="纠纷事由",
            claims="诉求",
        ),
    )


def random_day(rng) -> datetime.date:
    return datetime.date(YEAR, 1, 1) + datetime.timedelta(days=rng.randrange(366))


def test_every_figure_of_a_random_year_matches_an_independent_tally(town):
    rng = random.Random(20240601)
    study = recording = all_staff = batches = persons_in_all = 0
    hours_in_all = Decimal(0)
    by_category: dict[str, list[int]] = {}
    laws: dict[str, int] = {}
    disposed = 0
    for _ in range(rng.randrange(5, 12)):
        kind = rng.choice(list(StudyKind))
        chosen = rng.sample(["宪法", "民法典", "行政处罚法", "安全生产法"], k=rng.randrange(1, 3))
        learning.record_study_session(
            town.admin,
            learning.StudyInput(
                kind=kind,
                held_on=random_day(rng),
                topic="学法",
                laws="、".join(chosen),
                lecturer="讲师",
                attendees=[town.admin],
            ),
            materials=[],
        )
        if kind in (StudyKind.CENTRAL_GROUP, StudyKind.EXECUTIVE_MEETING):
            study += 1
            for law in chosen:
                laws[law] = laws.get(law, 0) + 1
    for _ in range(rng.randrange(3, 8)):
        training_kind = rng.choice(list(TrainingKind))
        hours = Decimal(rng.randrange(1, 9)) / 2
        learning.record_training(
            town.admin,
            learning.TrainingInput(
                kind=training_kind,
                held_on=random_day(rng),
                topic="培训",
                hours=hours,
                trainer="讲师",
                attendees=[town.officer],
            ),
            materials=[],
        )
        hours_in_all += hours
        recording += training_kind == TrainingKind.RECORDING_EQUIPMENT
        all_staff += training_kind == TrainingKind.ALL_STAFF
    leaves = list(DisputeCategory.objects.filter(children__isnull=True))
    for _ in range(rng.randrange(15, 30)):
        leaf = rng.choice(leaves)
        persons = rng.randrange(1, 6)
        dispute = visit(town, rng, random_day(rng), leaf, persons)
        top = leaf.parent.name if leaf.parent else leaf.name
        by_category.setdefault(top, [0, 0])
        by_category[top][0] += 1
        by_category[top][1] += persons
        batches += 1
        persons_in_all += persons
        if rng.random() < 0.6:
            mediation.close_dispute(
                town.mediator,
                dispute,
                mediation.ClosureInput(
                    outcome=Outcome.BY_LAW,
                    closed_on=dispute.received_on,
                    note="依法处理。",
                    checklist=CHECKED,
                ),
            )
            disposed += 1
    # Another town's visit and a visit of another year never count.
    visit(
        town,
        rng,
        datetime.date(YEAR, 6, 1),
        leaves[0],
        4,
        mediator=town.other_mediator,
        villagers=town.villagers[6:],
    )
    visit(town, rng, datetime.date(YEAR + 1, 1, 2), leaves[0], 4)
    members = 0
    for index in range(rng.randrange(8, 20)):
        joined = datetime.date(YEAR - 1, 1, 1) + datetime.timedelta(days=rng.randrange(700))
        member = prevention.add_volunteer(
            town.mediator,
            name=f"队员{index}",
            role=rng.choice(list(VolunteerRole)),
            village=town.village,
            joined_on=joined,
        )
        left = joined + datetime.timedelta(days=rng.randrange(1, 500)) if rng.random() < 0.3 else None
        if left is not None and left <= timezone.localdate():
            prevention.end_service(town.mediator, member, left_on=left, reason="搬离")
        else:
            left = None
        members += joined <= datetime.date(YEAR, 12, 31) and (
            left is None or left >= datetime.date(YEAR, 12, 31)
        )
    publicity = reached = 0
    for _ in range(rng.randrange(2, 6)):
        activity_kind = rng.choice(list(ActivityKind))
        people = rng.randrange(0, 300)
        prevention.record_activity(
            town.mediator,
            held_on=random_day(rng),
            place="村委会",
            kind=activity_kind,
            description="",
            materials_handed_out=10,
            people_reached=people,
            volunteers=[],
        )
        if activity_kind in (ActivityKind.ANTI_FRAUD, ActivityKind.FIRE_SAFETY, ActivityKind.LEGAL_PUBLICITY):
            publicity += 1
            reached += people

    values = compute_all(Scope(town.town, YEAR))
    assert values["study_sessions"].value == study
    ranked = sorted(laws, key=lambda name: (-laws[name], name))
    top_laws = [name for name in ranked if laws[name] > 1][:3] or ranked[:2]
    assert values["laws_studied"].value == "、".join(f"《{name}》" for name in top_laws)
    assert values["trainings_recording"].value == recording
    assert values["trainings_all_staff"].value == all_staff
    assert Decimal(str(values["training_hours"].value)) == hours_in_all
    assert values["mediation_batches"].value == batches
    assert values["mediation_persons"].value == persons_in_all
    assert values["mediation_batches"].display == f"{batches}批"
    assert values["mediation_disposed"].numerator == disposed
    assert values["mediation_disposed"].denominator == batches
    for top, (top_batches, top_persons) in by_category.items():
        wording = (
            f"其他类别{top_batches}批{top_persons}人次"
            if top == "其他"
            else f"涉及{top}类{top_batches}批{top_persons}人次"
        )
        assert wording in str(values["mediation_by_category"].value)
    assert values["prevention_team"].value == members
    assert values["publicity_events"].value == publicity
    assert values["publicity_reached"].value == reached
    # The district counts its towns: here the other town's visit joins in.
    district = compute_all(Scope(town.district, YEAR))
    assert district["mediation_batches"].value == batches + 1


def test_the_drill_down_lists_exactly_the_rows_counted_and_marks_a_shares_rows(town):
    rng = random.Random(7)
    leaf = DisputeCategory.objects.get(name="拖欠工资")
    kept = visit(town, rng, datetime.date(YEAR, 3, 1), leaf, 3)
    mediation.close_dispute(
        town.mediator,
        kept,
        mediation.ClosureInput(
            outcome=Outcome.BY_LAW, closed_on=kept.received_on, note="依法处理。", checklist=CHECKED
        ),
    )
    open_one = visit(town, rng, datetime.date(YEAR, 4, 1), leaf, 2)
    scope = Scope(town.town, YEAR)
    figure = FIGURES["mediation_disposed"]
    rows = {row.pk: row.counted for row in figure.drill_down(scope)}
    assert rows == {kept.pk: True, open_one.pk: False}
    value = figure.compute(scope)
    assert (value.numerator, value.denominator, value.display) == (1, 2, "50%")


def test_a_centre_opened_in_the_year_is_counted_from_its_opening(town):
    rng = random.Random(3)
    leaf = DisputeCategory.objects.get(name="拖欠工资")
    visit(town, rng, datetime.date(YEAR, 3, 1), leaf, 2)
    visit(town, rng, datetime.date(YEAR, 6, 1), leaf, 5)
    mediation.record_centre_opening(town.admin, name="镇矛调中心", opened_on=datetime.date(YEAR, 5, 20))
    values = compute_all(Scope(town.town, YEAR))
    assert (values["mediation_batches"].value, values["mediation_persons"].value) == (1, 5)
    assert values["mediation_batches"].start == datetime.date(YEAR, 5, 20)
    assert values["mediation_since"].value == "今年5月，社会矛盾纠纷调处化解中心挂牌成立。自中心成立以来"
    assert compute_all(Scope(town.town, YEAR + 1))["mediation_since"].value == "全年"


def test_the_number_of_queries_does_not_grow_with_the_records(town):
    rng = random.Random(5)
    leaf = DisputeCategory.objects.get(name="拖欠工资")
    visit(town, rng, datetime.date(YEAR, 3, 1), leaf, 1)
    with CaptureQueriesContext(connection) as few:
        compute_all(Scope(town.town, YEAR))
    for day in range(1, 25):
        visit(town, rng, datetime.date(YEAR, 4, day), leaf, 2)
    with CaptureQueriesContext(connection) as many:
        compute_all(Scope(town.town, YEAR))
    assert len(many) == len(few)


def test_credentials_count_officers_and_devices_count_auxiliaries_too(town):
    auxiliary = make_staff(town.system, town.enforcement_team, "aux", [Role.AUXILIARY], full_name="孙协管")
    second = make_staff(town.system, town.enforcement_team, "officer2", [Role.OFFICER], full_name="赵执法")
    core_services.add_credential(
        town.admin,
        town.officer,
        number="12010012345",
        category="综合行政执法",
        issuer="天津市人民政府",
        valid_from=datetime.date(YEAR - 2, 1, 1),
        valid_to=datetime.date(YEAR + 3, 1, 1),
    )
    core_services.add_credential(
        town.admin,
        second,
        number="12010012346",
        category="综合行政执法",
        issuer="天津市人民政府",
        valid_from=datetime.date(YEAR - 5, 1, 1),
        valid_to=datetime.date(YEAR, 6, 30),  # lapsed before the year's end
    )
    device = enforcement.add_device(town.admin, number="JL-001")
    enforcement.assign_device(town.admin, device, staff=auxiliary, valid_from=datetime.date(YEAR, 2, 1))
    values = compute_all(Scope(town.town, YEAR))
    credential = values["credential_coverage"]
    assert (credential.numerator, credential.denominator, credential.display) == (1, 2, "50%")
    devices = values["device_coverage"]
    assert (devices.numerator, devices.denominator) == (1, 3)
    assert devices.display == "33.3%"


def test_the_report_presents_every_registered_figure_and_names_no_other():
    """Each app registers its own figures (core.figures); the report orders them and must not lose one."""
    from fazhi.core import charts
    from fazhi.core.figures import FIGURES as REGISTERED
    from fazhi.reports import rules

    assert [figure.key for figure in REGISTERED] == list(rules.FIGURE_ORDER)
    assert list(charts.SERIES) == list(rules.CHART_ORDER)
