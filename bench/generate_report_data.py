"""Benchmark data for the annual report: a city of ~10 districts and N towns, with a year's worth of
everything the report counts.

The organisations and each town's enforcement people, powers and 文号 series are made through the
services (fazhi.core.services, and generate_cases._crew for the crews). Everything else is bulk-loaded,
not written through the services (a million service calls each for cases and disputes would take days):

- parties and enforcement cases with every row their stage implies and their ledger events, by the
  loaders of bench/generate_parties.py and bench/generate_cases.py, spread evenly over the towns;
- a 公示 (disclosure.Publication) for most penalty decisions, with one INSERT … SELECT from the
  decisions the case loader wrote (published within or after the nine days after the decision);
- N mediation visits (mediation.Dispute) in the report year, written with COPY: a leaf category,
  visitors, and for most a closure with its outcome and 三到位一处理 checklist;
- a few thousand study sessions, trainings with their attendees, contracts with their reviews (and 文号),
  major decisions, petitions, community volunteers and prevention activities, and recording devices
  assigned to most officers, with bulk_create;
- the ledger topped up to the number of events asked for with bench/ledger.py's loader, if the cases'
  own events (about 11 per case) fall short.

The rows are what the services would have stored for the fields the report reads; the disputes,
petitions and the other small tables get no ledger events of their own (the report never reads the
ledger). Import this module only after django.setup().
"""

from __future__ import annotations

import datetime
import json
import random
import time
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from bench import generate_cases, generate_parties
from bench.common import secondary_indexes, settle
from fazhi.core import services as core_services
from fazhi.core.models import IssuedNumber, NumberSeries, Organisation, OrganisationKind, Party, Staff

# The city's districts (区划码 of 天津市's districts), each with an equal share of the towns.
DISTRICTS = (
    ("和平区", "120101"),
    ("河东区", "120102"),
    ("河西区", "120103"),
    ("南开区", "120104"),
    ("河北区", "120105"),
    ("红桥区", "120106"),
    ("东丽区", "120110"),
    ("西青区", "120111"),
    ("津南区", "120112"),
    ("北辰区", "120113"),
)
DISPUTE_BATCH = 50_000
LAWS = ("宪法", "民法典", "行政处罚法", "行政许可法", "信访工作条例", "土地管理法", "安全生产法")


@dataclass
class City:
    city: Organisation
    towns: list[Organisation]
    villages: dict[int, Organisation]  # town id → a village of it
    world: generate_cases.CaseWorld
    year: int
    seconds: dict[str, float] = field(default_factory=dict)
    rows: dict[str, int] = field(default_factory=dict)


def build_city(towns: int, parties: int, year: int) -> City:
    """天津市, its districts and `towns` towns through the services, each with a village, a 综合行政执法队 and
    its crew (generate_cases._crew: a head, three officers, a reviewer, an auxiliary), then the parties
    spread evenly over the towns (generate_parties.load_parties)."""
    started = time.perf_counter()
    # Set-up only: a thousand staff through create_staff would spend minutes in PBKDF2. Nobody logs in.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    system = core_services.system_actor()
    city = core_services.create_organisation(
        system, name="天津市", kind=OrganisationKind.CITY, parent=None, division_code="120000"
    )
    districts = [
        core_services.create_organisation(
            system, name=name, kind=OrganisationKind.DISTRICT, parent=city, division_code=code
        )
        for name, code in DISTRICTS
    ]
    town_list: list[Organisation] = []
    villages: dict[int, Organisation] = {}
    crews: list[generate_cases.Crew] = []
    admin0: Staff | None = None
    for number in range(towns):
        district = districts[number % len(districts)]
        n = number // len(districts) + 1
        short = district.name[:2]
        town = core_services.create_organisation(
            system,
            name=f"{short}第{n}镇",
            kind=OrganisationKind.TOWN,
            parent=district,
            division_code=f"{district.division_code}{100 + n:03d}",
        )
        villages[town.pk] = core_services.create_organisation(
            system, name=f"{short}第{n}镇第一村", kind=OrganisationKind.VILLAGE, parent=town
        )
        organ = f"{short}{n}综执"
        team = core_services.create_organisation(
            system, name="综合行政执法队", kind=OrganisationKind.DEPARTMENT, parent=town, organ_code=organ
        )
        admin = core_services.create_staff(
            system,
            username=f"t{number}-admin",
            full_name=generate_cases._name(),
            organisation=town,
            password=generate_cases.PASSWORD,
            roles=["admin"],
        )
        admin0 = admin0 or admin
        crews.append(
            generate_cases._crew(
                system,
                town,
                team,
                admin,
                number=number,
                prefix=f"t{number}",
                organ=organ,
                officers=3,
                heads=1,
                reviewers=1,
                auxiliaries=1,
            )
        )
        town_list.append(town)
    assert admin0 is not None
    base = generate_parties.World(system=system, town=town_list[0], other_towns=town_list, admin=admin0)
    _samples, party_seconds = generate_parties.load_parties(parties, base, other_towns_share=1.0)
    by_town = {crew.town.pk: crew for crew in crews}
    for party_id, organisation_id in Party.objects.values_list("id", "organisation_id").order_by("id"):
        by_town[organisation_id].party_ids.append(party_id)
    world = generate_cases.CaseWorld(parties_world=base, crews=crews, party_seconds=party_seconds)
    built = City(city=city, towns=town_list, villages=villages, world=world, year=year)
    built.seconds["organisations_and_staff"] = time.perf_counter() - started - party_seconds
    built.seconds["parties"] = party_seconds
    return built


def load_cases(city: City, count: int, seed: int) -> dict[str, Any]:
    """generate_cases.Loader, spread evenly over the towns: the cases of five years to now, their rows
    and ledger events; then a 公示 for most penalty decisions."""
    loader = generate_cases.Loader(city.world, count, seed=seed, check=False, evenly=True)
    loaded = loader.load()
    city.seconds["cases"] = loaded.seconds["total"]
    city.rows.update(loaded.rows)
    city.rows["ledger_event (cases)"] = loaded.events
    started = time.perf_counter()
    city.rows["disclosure_publication"] = _publications(seed)
    city.seconds["publications"] = time.perf_counter() - started
    return {"events": loaded.events, "stages": loaded.stages}


def _publications(seed: int) -> int:
    """One INSERT … SELECT: 95% of the decisions get a 公示 (3% of those withdrawn later, 2% still drafts),
    published 1–12 days after the decision against a deadline of nine days (about the seven working
    days of disclosure.rules.PUBLISH), so a few are late."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT setseed(%s)", [(seed % 1000) / 1000])
        cursor.execute(
            """
            INSERT INTO disclosure_publication (
                organisation_id, decision_id, status, due_on, severity, party_name, party_kind, party_code,
                legal_representative, decision_number, violation_type, facts, basis, penalty_content,
                fine_fen, decided_on, authority, visible_until, content_sha256, not_published_reason,
                published_at, published_by_id, withdrawn_at, withdrawal_reason, created_at)
            SELECT c.organisation_id, d.id, d.status, d.decided_on + 9, 'ordinary',
                left(p.name, 1) || '某某', '自然人', '', '', n.text, c.title,
                '当事人' || left(p.name, 1) || '某某' || c.title || '。', d.basis, d.penalties,
                d.fine_fen, d.decided_on, o.name || '人民政府',
                CASE WHEN d.status = 'draft' THEN NULL ELSE d.decided_on + 365 END,
                CASE WHEN d.status = 'draft' THEN '' ELSE md5(n.text) || md5(n.text) END, '',
                CASE WHEN d.status = 'draft' THEN NULL
                     ELSE d.decided_on + (1 + floor(d.lag * 12))::int + time '02:00' END,
                CASE WHEN d.status = 'draft' THEN NULL ELSE d.decided_by_id END,
                CASE WHEN d.status = 'withdrawn' THEN d.decided_on + 60 + time '02:00' END,
                CASE WHEN d.status = 'withdrawn' THEN '经行政复议，原处罚决定已被撤销' ELSE '' END,
                d.decided_on + time '01:00'
            FROM (
                SELECT decision.*, random() AS lag,
                       CASE WHEN fate < 0.02 THEN 'draft' WHEN fate < 0.05 THEN 'withdrawn'
                            ELSE 'published' END AS status
                FROM (SELECT *, random() AS fate FROM enforcement_penaltydecision) AS decision
            ) AS d
            JOIN enforcement_case c ON c.id = d.case_id
            JOIN core_organisation o ON o.id = c.organisation_id
            JOIN core_issuednumber n ON n.id = d.number_id
            JOIN core_party p ON p.id = c.party_id
            WHERE d.fate < 0.95
            """
        )
        return int(cursor.rowcount)


def load_disputes(city: City, count: int, seed: int) -> None:
    """`count` visits to the towns' 矛调中心 in the report year, COPY'd; most towns' centre opened years
    before, one in ten opened in May of the report year (and counts from then)."""
    from fazhi.mediation import rules as mediation_rules
    from fazhi.mediation.models import Dispute, DisputeCategory, MediationCentre

    started = time.perf_counter()
    rnd = random.Random(seed + 7)
    year = city.year
    centres = []
    opened: dict[int, datetime.date] = {}
    for index, town in enumerate(city.towns):
        day = datetime.date(year, 5, 8) if index % 10 == 3 else datetime.date(year - 3, 6, 1)
        opened[town.pk] = day
        centres.append(
            MediationCentre(organisation=town, name=f"{town.name}社会矛盾纠纷调处化解中心", opened_on=day)
        )
    MediationCentre.objects.bulk_create(centres)
    leaves = list(
        DisputeCategory.objects.filter(children__isnull=True).values_list("id", flat=True).order_by("id")
    )
    assert leaves, "the default categories come with the mediation migrations"
    weights = [3.0 if index % 4 == 0 else 1.0 for index in range(len(leaves))]
    mediators = {crew.town.pk: [crew.admin.pk, *(p.pk for p in crew.heads)] for crew in city.world.crews}
    period = mediation_rules.closure_period()
    due_of: dict[datetime.date, datetime.date] = {}
    checklist = json.dumps({key: "done" for key, _label in settings.MEDIATION_CHECKLIST})
    table = generate_cases.Table(Dispute, generate_cases._first_id(Dispute))
    towns = [town.pk for town in city.towns]
    channels = ("visit", "visit", "visit", "phone", "online", "referral", "patrol")
    outcomes = ("agreement", "agreement", "agreement", "ended", "transferred", "guided", "by_law")
    today = timezone.localdate()
    indexes = secondary_indexes(Dispute._meta.db_table)
    with connection.cursor() as cursor:
        for name, _ in indexes:
            cursor.execute(f'DROP INDEX "{name}"')
    written = 0
    while written < count:
        size = min(DISPUTE_BATCH, count - written)
        for _ in range(size):
            town_id = towns[int(rnd.random() * len(towns))]
            start = opened[town_id] if opened[town_id].year == year else datetime.date(year, 1, 1)
            span = (datetime.date(year, 12, 31) - start).days
            received = start + datetime.timedelta(days=int(rnd.random() * (span + 1)))
            due = due_of.get(received) or due_of.setdefault(received, period.due(received).due)
            row: dict[str, Any] = {
                "id": table.new_id(),
                "organisation_id": town_id,
                "tracking_number": f"TJ{year}{table.next_id:09d}",
                "received_on": received,
                "channel": rnd.choice(channels),
                "category_id": rnd.choices(leaves, weights)[0],
                "visitor_count": rnd.choice((1, 1, 1, 1, 2, 2, 3, 5)),
                "summary": "来访反映纠纷情况。",
                "claims": "请求依法调处。",
                "status": "registered",
                "due_on": due,
                "checklist": "{}",
                "registered_by_id": mediators[town_id][0],
                "registered_at": datetime.datetime.combine(
                    received, datetime.time(2, 0), tzinfo=datetime.UTC
                ),
            }
            fate = rnd.random()
            if fate < 0.85:
                closed = received + datetime.timedelta(days=int(rnd.random() * 40))
                if closed <= today:
                    row.update(
                        status="closed",
                        outcome=rnd.choice(outcomes),
                        outcome_note="已按“三到位一处理”办结。",
                        closed_on=closed,
                        closed_by_id=rnd.choice(mediators[town_id]),
                        checklist=checklist,
                    )
            elif fate < 0.95:
                row["status"] = "dispatched"
            table.add(row)
        _copy(table)
        written += size
    with connection.cursor() as cursor:
        for _, create in indexes:
            cursor.execute(create)
    _sequences([Dispute])
    city.rows["mediation_dispute"] = table.written
    city.seconds["disputes"] = time.perf_counter() - started


def _copy(table: generate_cases.Table) -> None:
    rows = table.take()
    columns = ", ".join(f'"{column}"' for column in table.columns)
    with (
        transaction.atomic(),
        connection.cursor() as cursor,
        cursor.cursor.copy(f'COPY "{table.name}" ({columns}) FROM STDIN') as copy,
    ):
        for row in rows:
            copy.write_row(row)


def _sequences(models: list[Any]) -> None:
    from django.core.management.color import no_style

    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(statement)


def load_activity(city: City, seed: int) -> None:
    """Per town and report year: about 12 study sessions, 8 trainings with their attendees, 20 contracts
    with a review (and its 文号), 3 major decisions, 20 petitions, 45 volunteers (a few gone), 20
    prevention activities; and a recording device for most officers and auxiliaries."""
    from fazhi.contracts.models import Contract, ContractReview
    from fazhi.decisions.models import CatalogueItem, MajorDecision
    from fazhi.enforcement.models import DeviceAssignment, RecordingDevice
    from fazhi.learning.models import StudySession, Training
    from fazhi.petitions.models import Petition
    from fazhi.prevention.models import CommunityVolunteer, PreventionActivity

    started = time.perf_counter()
    rnd = random.Random(seed + 11)
    year = city.year
    jan1 = datetime.date(year, 1, 1)

    def day() -> datetime.date:
        return jan1 + datetime.timedelta(days=rnd.randrange(365))

    crews = {crew.town.pk: crew for crew in city.world.crews}
    studies: list[StudySession] = []
    trainings: list[Training] = []
    contracts: list[Contract] = []
    catalogue: list[CatalogueItem] = []
    petitions: list[Petition] = []
    volunteers: list[CommunityVolunteer] = []
    activities: list[PreventionActivity] = []
    devices: list[tuple[Organisation, int, Staff]] = []
    series = NumberSeries.objects.bulk_create(
        [
            NumberSeries(
                organisation=town, key="contract-review", code=f"{town.name}合审", name="合同审查意见书"
            )
            for town in city.towns
        ]
    )
    series_of = {s.organisation_id: s for s in series}
    tracking = 0
    for town in city.towns:
        crew = crews[town.pk]
        recorder = crew.admin
        for _ in range(rnd.randint(8, 16)):
            kind = rnd.choice(("central_group", "executive_meeting", "executive_meeting", "lecture", "other"))
            laws = "、".join(rnd.sample(LAWS, 2))
            studies.append(
                StudySession(
                    organisation=town,
                    kind=kind,
                    held_on=day(),
                    topic="专题学法",
                    laws=laws,
                    recorded_by=recorder,
                )
            )
        for _ in range(rnd.randint(5, 10)):
            kind = rnd.choice(("enforcement", "recording_equipment", "all_staff", "other"))
            trainings.append(
                Training(
                    organisation=town,
                    kind=kind,
                    held_on=day(),
                    topic="执法培训",
                    hours=Decimal(rnd.choice(("2.0", "4.0", "8.0", "16.0"))),
                    trainer="区司法局",
                    recorded_by=recorder,
                )
            )
        for _ in range(rnd.randint(15, 25)):
            received = day()
            contracts.append(
                Contract(
                    organisation=town,
                    title="物业服务合同",
                    kind=rnd.choice(("procurement", "construction", "service", "lease")),
                    amount_fen=rnd.randrange(10_000_00, 5_000_000_00),
                    counterparty_id=rnd.choice(crew.party_ids),
                    department=town,
                    status="signed",
                    received_on=received,
                    review_due=received + datetime.timedelta(days=7),
                    registered_by=recorder,
                    signed_on=received + datetime.timedelta(days=rnd.randint(8, 30))
                    if rnd.random() < 0.8
                    else None,
                )
            )
        for index in range(3):
            catalogue.append(
                CatalogueItem(
                    organisation=town,
                    year=year,
                    title=f"{year}年重大行政决策事项{index + 1}",
                    department=town,
                    added_by=recorder,
                )
            )
        for _ in range(rnd.randint(15, 25)):
            tracking += 1
            received = day()
            concluded = received + datetime.timedelta(days=rnd.randint(20, 75))
            is_key = rnd.random() < 0.1
            petitions.append(
                Petition(
                    organisation=town,
                    tracking_number=f"XF{year}{tracking:08d}",
                    received_on=received,
                    channel=rnd.choice(("online", "letter", "visit", "phone")),
                    person_count=rnd.choice((1, 1, 2, 6)),
                    request="请求解决问题。",
                    facts_and_reasons="事实和理由。",
                    status="concluded",
                    notice_due_on=received + datetime.timedelta(days=15),
                    decided_on=received + datetime.timedelta(days=5),
                    handling_due_on=received + datetime.timedelta(days=60),
                    due_on=received + datetime.timedelta(days=60),
                    concluded_on=concluded,
                    is_key=is_key,
                    key_leader=crew.heads[0] if is_key else None,
                    key_marked_on=received if is_key else None,
                    registered_by=recorder,
                )
            )
        village = city.villages[town.pk]
        for index in range(rnd.randint(38, 52)):
            joined = datetime.date(year - rnd.randint(0, 4), rnd.randint(1, 12), 1)
            left = joined + datetime.timedelta(days=rnd.randint(30, 900)) if rnd.random() < 0.1 else None
            volunteers.append(
                CommunityVolunteer(
                    organisation=town,
                    name=f"队员{index:03d}",
                    role=rnd.choice(
                        ("building_head", "veteran_party_member", "grid_worker", "safety_volunteer")
                    ),
                    village=village,
                    joined_on=joined,
                    left_on=left,
                    added_by=recorder,
                )
            )
        for _ in range(rnd.randint(15, 25)):
            activities.append(
                PreventionActivity(
                    organisation=town,
                    held_on=day(),
                    place=village.name,
                    kind=rnd.choice(
                        ("patrol", "anti_fraud", "fire_safety", "legal_publicity", "dispute_screening")
                    ),
                    # Not drawn at random: the stream, and so the data earlier measurements ran on, stay.
                    channel="on_site",
                    materials_handed_out=rnd.randrange(0, 500),
                    people_reached=rnd.randrange(10, 800),
                    recorded_by=recorder,
                )
            )
        for index, person in enumerate((*crew.officers, *crew.auxiliaries)):
            if rnd.random() < 0.9:
                devices.append((town, index, person))
    with transaction.atomic():
        StudySession.objects.bulk_create(studies, batch_size=5_000)
        made = Training.objects.bulk_create(trainings, batch_size=5_000)
        through = Training.attendees.through
        through.objects.bulk_create(
            [
                through(training_id=training.pk, staff_id=person.pk)
                for training in made
                for person in (
                    *crews[training.organisation_id].officers,
                    *crews[training.organisation_id].auxiliaries,
                )
                if rnd.random() < 0.8
            ],
            batch_size=10_000,
        )
        saved = Contract.objects.bulk_create(contracts, batch_size=5_000)
        reviewed = [c for c in saved if rnd.random() < 0.9]
        counters: dict[int, int] = {}
        numbers = []
        for contract in reviewed:
            counters[contract.organisation_id] = counters.get(contract.organisation_id, 0) + 1
            s = series_of[contract.organisation_id]
            numbers.append(
                IssuedNumber(
                    series=s,
                    year=year,
                    sequence=counters[contract.organisation_id],
                    text=f"{s.code}〔{year}〕{counters[contract.organisation_id]}号",
                    subject_type="contracts.contract",
                    subject_id=str(contract.pk),
                    issued_by=crews[contract.organisation_id].reviewers[0],
                )
            )
        numbers = IssuedNumber.objects.bulk_create(numbers, batch_size=5_000)
        ContractReview.objects.bulk_create(
            [
                ContractReview(
                    contract=contract,
                    number=number,
                    opinion=rnd.choice(("approve", "approve", "approve_with_changes", "reject")),
                    reasons="经审查，合同条款合法。",
                    reviewer=crews[contract.organisation_id].reviewers[0],
                    reviewed_on=contract.received_on + datetime.timedelta(days=rnd.randint(1, 9)),
                )
                for contract, number in zip(reviewed, numbers, strict=True)
            ],
            batch_size=5_000,
        )
        items = CatalogueItem.objects.bulk_create(catalogue, batch_size=5_000)
        MajorDecision.objects.bulk_create(
            [
                MajorDecision(
                    organisation_id=item.organisation_id,
                    catalogue_item=item,
                    summary="决策草案说明。",
                    status=rnd.choice(("preparing", "discussed", "published")),
                    registered_by=crews[item.organisation_id].admin,
                )
                for item in items
            ],
            batch_size=5_000,
        )
        Petition.objects.bulk_create(petitions, batch_size=5_000)
        CommunityVolunteer.objects.bulk_create(volunteers, batch_size=5_000)
        PreventionActivity.objects.bulk_create(activities, batch_size=5_000)
        made_devices = RecordingDevice.objects.bulk_create(
            [
                RecordingDevice(organisation=town, number=f"JLY-{index:03d}", model_name="DSJ-V9")
                for town, index, _person in devices
            ],
            batch_size=5_000,
        )
        DeviceAssignment.objects.bulk_create(
            [
                DeviceAssignment(device=device, staff=person, valid_from=datetime.date(year - 2, 1, 1))
                for device, (_town, _index, person) in zip(made_devices, devices, strict=True)
            ],
            batch_size=5_000,
        )
    city.rows.update(
        {
            "learning_studysession": len(studies),
            "learning_training": len(trainings),
            "contracts_contract": len(contracts),
            "contracts_contractreview": len(reviewed),
            "decisions_majordecision": len(items),
            "petitions_petition": len(petitions),
            "prevention_communityvolunteer": len(volunteers),
            "prevention_preventionactivity": len(activities),
            "enforcement_deviceassignment": len(devices),
        }
    )
    city.seconds["activity"] = time.perf_counter() - started


def top_up_ledger(city: City, events: int) -> int:
    """Append bench/ledger.py's generated events until the log holds `events` (if the cases' own events
    fall short); returns how many were added."""
    from bench import ledger as ledger_bench
    from fazhi.ledger.models import LedgerHead

    size = LedgerHead.objects.get(id=1).size
    if size >= events:
        return 0
    system = city.world.parties_world.system
    started = time.perf_counter()
    ledger_bench.Loader(system.pk, system.username, check=False).load(events)
    city.seconds["ledger_top_up"] = time.perf_counter() - started
    return events - size


def finish(city: City) -> None:
    """Statistics and visibility maps for every table loaded, as autovacuum would have them; a signed
    checkpoint at the end of the log."""
    from fazhi.ledger import services as ledger_services

    started = time.perf_counter()
    tables = [
        "mediation_dispute",
        "mediation_mediationcentre",
        "disclosure_publication",
        "learning_studysession",
        "learning_training",
        "learning_training_attendees",
        "contracts_contract",
        "contracts_contractreview",
        "decisions_majordecision",
        "decisions_catalogueitem",
        "petitions_petition",
        "prevention_communityvolunteer",
        "prevention_preventionactivity",
        "enforcement_deviceassignment",
        "core_organisation",
        "core_staff",
        "core_staffrole",
    ]
    settle(tables)
    ledger_services.make_checkpoint()
    city.seconds["settle"] = time.perf_counter() - started
