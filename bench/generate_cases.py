"""Benchmark data: N enforcement cases, with every row their stage implies and their ledger events.

The towns, their staff (with 执法证), delegated powers and 文号 series are built through the services,
as in bench/generate_parties.py, which also makes the parties. The cases are then simulated one by one
and bulk-inserted: a million cases through the services would take days.

Each case lives a timeline from its lead (or on-the-spot decision) to wherever it has got to by now:
filing, investigation with evidence and 笔录, the end report, notice, defence, hearing, legal review,
collective discussion, the numbered decision, service, payment or 催告 and the court, closure and
archiving, with the gaps real cases show (days to months). Cases registered five years ago are all
finished; the last few months' are spread over every stage. Each step writes what the service of that
step writes: the rows (Case fields, CaseOfficer, InvestigationReport, Notice, PenaltyDecision with its
IssuedNumber, DecisionService, Payment, Demand, Closure ...), the clock (Case.clock_key / clock_due,
computed with the app's own calendar) and the ledger event with the service's payload. Events of all
cases are merged into one log in time order, so a case's events are spread through the log as they
would be; bench.common.LedgerAppender writes them with their Merkle nodes.

Ids are assigned here, so the loader can write a row's id into the events that name it. Secondary
indexes are dropped before the load and rebuilt after it (the schema ends as the migrations left it),
identity sequences are moved past the new ids, NumberCounter rows continue every series, and a
checkpoint is signed, so the services and pages carry on from the generated state.

Import this module only after django.setup().
"""

from __future__ import annotations

import bisect
import datetime
import functools
import hashlib
import heapq
import itertools
import json
import random
import re
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.utils import timezone

from bench import generate_parties
from bench.common import LedgerAppender, secondary_indexes, settle
from fazhi.core import calendar, money
from fazhi.core import services as core_services
from fazhi.core.events import CoreEvent
from fazhi.core.models import (
    IssuedNumber,
    NumberCounter,
    NumberSeries,
    Organisation,
    OrganisationKind,
    Party,
    Staff,
)
from fazhi.core.roles import Role
from fazhi.enforcement import rules
from fazhi.enforcement import services as enforcement_services
from fazhi.enforcement.events import EnforcementEvent
from fazhi.enforcement.models import (
    Case,
    CaseOfficer,
    Closure,
    CollectiveDiscussion,
    CourtApplication,
    DecisionExtension,
    DecisionService,
    DelegatedPower,
    Demand,
    Evidence,
    Hearing,
    InvestigationRecord,
    InvestigationReport,
    LegalReview,
    Notice,
    Payment,
    PenaltyDecision,
    RemedyProceeding,
    ServiceConsent,
    SummaryDetails,
)
from fazhi.enforcement.rules import Stage
from fazhi.ledger import services as ledger_services

PASSWORD = "bench-staff-password-2026"  # noqa: S105 (a throwaway benchmark database)
OFFICER_USERNAME = "bench-officer"  # the benchmarked town's first officer: the pages are his
HEAD_USERNAME = "bench-head"
REVIEWER_USERNAME = "bench-reviewer"

OTHER_TOWNS_SHARE = 0.05  # as for parties: the visibility filter has rows to reject
SUMMARY_SHARE = 0.35  # 简易程序 (on-the-spot) cases among all cases
YEARS = 5
CASES_PER_FLUSH = 20_000
EVENTS_PER_FLUSH = 100_000
CHECK_EVERY = 50_000  # without check, compare one generated ledger entry in this many with canonical_json

# (code, name, category, legal basis, case titles, weight)
POWERS: tuple[tuple[str, str, str, str, tuple[str, ...], float], ...] = (
    (
        "CJ-001",
        "擅自占用城市道路",
        "城市建设管理",
        "《城市道路管理条例》第二十七条、第四十二条",
        ("占道经营", "擅自占用城市道路堆放物料", "占道设摊"),
        0.26,
    ),
    (
        "SR-002",
        "在临街建筑物阳台外、窗外、屋顶吊挂或者堆放物品",
        "市容环境",
        "《城市市容和环境卫生管理条例》第十五条、第三十四条",
        ("阳台外吊挂物品", "屋顶堆放杂物"),
        0.08,
    ),
    (
        "LJ-003",
        "未按规定分类投放生活垃圾",
        "垃圾分类",
        "《天津市生活垃圾管理条例》第七十二条",
        ("未按规定分类投放生活垃圾", "混投生活垃圾"),
        0.16,
    ),
    (
        "GG-004",
        "擅自设置大型户外广告",
        "市容环境",
        "《城市市容和环境卫生管理条例》第十一条、第三十六条",
        ("擅自设置户外广告牌", "擅自悬挂横幅标语"),
        0.10,
    ),
    (
        "ZT-005",
        "运输渣土未采取密闭措施",
        "城市建设管理",
        "《天津市建筑垃圾管理规定》第二十二条",
        ("渣土车未密闭运输", "运输途中遗撒渣土"),
        0.08,
    ),
    (
        "SK-006",
        "露天焚烧秸秆、落叶等产生烟尘污染的物质",
        "大气污染防治",
        "《中华人民共和国大气污染防治法》第七十七条、第一百一十九条",
        ("露天焚烧秸秆", "露天焚烧垃圾"),
        0.10,
    ),
    (
        "SK-007",
        "露天烧烤食品",
        "大气污染防治",
        "《中华人民共和国大气污染防治法》第八十一条、第一百一十八条",
        ("露天烧烤", "占道露天烧烤"),
        0.12,
    ),
    (
        "JS-008",
        "未取得建设工程规划许可证进行建设",
        "城乡规划",
        "《中华人民共和国城乡规划法》第四十条、第六十四条",
        ("违法建设", "未批先建"),
        0.10,
    ),
)
ORDINARY_FINES_YUAN: tuple[tuple[int, float], ...] = (
    (200, 0.12),
    (500, 0.2),
    (1000, 0.2),
    (2000, 0.18),
    (5000, 0.15),
    (10000, 0.1),
    (20000, 0.04),
    (50000, 0.01),
)
SOURCES = (("patrol", 0.55), ("complaint", 0.3), ("assigned", 0.08), ("transferred", 0.05), ("other", 0.02))
SERVICE_METHODS = (
    ("direct", 0.6),
    ("left", 0.1),
    ("post", 0.2),
    ("electronic", 0.08),
    ("public_notice", 0.02),
)
EVIDENCE_KINDS = ("document", "physical", "witness", "party_statement", "inspection_record", "electronic")
EVIDENCE_NAMES = (
    "现场照片",
    "营业执照复印件",
    "身份证复印件",
    "证人证言",
    "现场勘验图",
    "物品清单",
    "电子数据截图",
)
COURTS = ("天津市西青区人民法院",)


# ------------------------------------------------------------------------------------------ the world


@dataclass
class Crew:
    """One town's enforcement people and registers."""

    town: Organisation
    team: Organisation  # 综合行政执法队, which owns the 文号 series
    admin: Staff
    heads: list[Staff]
    officers: list[Staff]
    credentials: dict[int, str]  # officer id → 执法证号
    auxiliaries: list[Staff]
    reviewers: list[Staff]
    powers: list[DelegatedPower]
    series: dict[str, NumberSeries]
    party_ids: list[int] = field(default_factory=list)


@dataclass
class CaseWorld:
    parties_world: generate_parties.World
    crews: list[Crew]  # the benchmarked town first
    party_seconds: float

    @property
    def crew(self) -> Crew:
        return self.crews[0]


_NAMES = random.Random(7)


def _name() -> str:
    surname = _NAMES.choice(generate_parties.SURNAMES[:40])
    return surname + "".join(_NAMES.choices(generate_parties.GIVEN_CHARS, k=_NAMES.choice((1, 2))))


def _crew(
    system: Staff,
    town: Organisation,
    team: Organisation,
    admin: Staff,
    *,
    number: int,
    prefix: str,
    organ: str,
    officers: int,
    heads: int,
    reviewers: int,
    auxiliaries: int,
) -> Crew:
    today = timezone.localdate()

    def staff(username: str, roles: list[Role], organisation: Organisation, **extra: Any) -> Staff:
        return core_services.create_staff(
            system,
            username=username,
            full_name=_name(),
            organisation=organisation,
            password=PASSWORD,
            roles=[role.value for role in roles],
            **extra,
        )

    head_people = [
        staff(
            HEAD_USERNAME if prefix == "bench" and i == 0 else f"{prefix}-head{i}",
            [Role.HEAD],
            town,
            position="镇长" if i == 0 else "副镇长",
            is_principal_leader=i == 0,
        )
        for i in range(heads)
    ]
    officer_people = [
        staff(
            OFFICER_USERNAME if prefix == "bench" and i == 0 else f"{prefix}-officer{i}", [Role.OFFICER], team
        )
        for i in range(officers)
    ]
    credentials = {}
    for i, person in enumerate(officer_people):
        credential = f"1201110{number:02d}{i:04d}"
        core_services.add_credential(
            system,
            person,
            number=credential,
            category="综合行政执法",
            issuer="天津市人民政府",
            valid_from=today - datetime.timedelta(days=365 * (YEARS + 1)),
            valid_to=today + datetime.timedelta(days=365 * 2),
        )
        credentials[person.pk] = credential
    reviewer_people = [
        staff(
            REVIEWER_USERNAME if prefix == "bench" and i == 0 else f"{prefix}-reviewer{i}",
            [Role.LEGAL_REVIEWER],
            town,
            legal_qualification_no=f"A2015{i:07d}",
        )
        for i in range(reviewers)
    ]
    auxiliary_people = [staff(f"{prefix}-aux{i}", [Role.AUXILIARY], team) for i in range(auxiliaries)]
    powers = [
        enforcement_services.add_delegated_power(
            admin, code=f"{prefix.upper()}-{code}", name=name, category=category, legal_basis=basis
        )
        for code, name, category, basis, _titles, _weight in POWERS
    ]
    series = {
        key: core_services.create_number_series(
            system, organisation=team, key=key, code=f"{organ}{suffix}", name=name
        )
        for key, suffix, name in (
            (enforcement_services.FILING_SERIES_KEY, "立", "立案号"),
            (enforcement_services.DECISION_SERIES_KEY, "罚", "行政处罚决定书"),
            (enforcement_services.SUMMARY_SERIES_KEY, "简", "当场行政处罚决定书"),
        )
    }
    return Crew(
        town=town,
        team=team,
        admin=admin,
        heads=head_people,
        officers=officer_people,
        credentials=credentials,
        auxiliaries=auxiliary_people,
        reviewers=reviewer_people,
        powers=powers,
        series=series,
    )


def build_world(parties: int) -> CaseWorld:
    """The district of bench/generate_parties.py with its parties, and the enforcement staff, powers and
    文号 series of every town (through the services). The benchmarked town gets 12 officers, 3
    auxiliaries, 2 heads and 2 reviewers; each neighbouring town 3 officers, a head and a reviewer."""
    base = generate_parties.build_world()
    _samples, party_seconds = generate_parties.load_parties(parties, base)
    system = base.system
    team = Organisation.objects.get(parent=base.town, name="综合行政执法队")
    crews = [
        _crew(
            system,
            base.town,
            team,
            base.admin,
            number=0,
            prefix="bench",
            organ="西青辛综执",
            officers=12,
            heads=2,
            reviewers=2,
            auxiliaries=3,
        )
    ]
    for number, town in enumerate(base.other_towns, start=1):
        organ = f"西青{town.name[:2]}综执"
        other_team = core_services.create_organisation(
            system, name="综合行政执法队", kind=OrganisationKind.DEPARTMENT, parent=town, organ_code=organ
        )
        admin = core_services.create_staff(
            system,
            username=f"town{number}-admin",
            full_name=_name(),
            organisation=town,
            password=PASSWORD,
            roles=[Role.ADMIN.value],
        )
        crews.append(
            _crew(
                system,
                town,
                other_team,
                admin,
                number=number,
                prefix=f"town{number}",
                organ=organ,
                officers=3,
                heads=1,
                reviewers=1,
                auxiliaries=0,
            )
        )
    by_town = {crew.town.pk: crew for crew in crews}
    for party_id, organisation_id in Party.objects.values_list("id", "organisation_id").order_by("id"):
        by_town[organisation_id].party_ids.append(party_id)
    return CaseWorld(parties_world=base, crews=crews, party_seconds=party_seconds)


def load_world() -> CaseWorld:
    """The world that build_world() made, read back from a database loaded earlier (bench/cases.py
    --reuse-var-dir): the same towns, people in the same order, powers, series and parties."""
    from fazhi.core.models import EnforcementCredential

    system = core_services.system_actor()
    town = Organisation.objects.get(name="辛口镇", kind=OrganisationKind.TOWN)
    other_towns = list(
        Organisation.objects.filter(parent=town.parent, kind=OrganisationKind.TOWN)
        .exclude(pk=town.pk)
        .order_by("id")
    )
    admin = Staff.objects.get(username=generate_parties.ADMIN_USERNAME)
    base = generate_parties.World(system=system, town=town, other_towns=other_towns, admin=admin)
    credentials = dict(EnforcementCredential.objects.values_list("staff_id", "number"))
    crews = []
    for prefix, crew_town in [("bench", town)] + [
        (f"town{n}", t) for n, t in enumerate(other_towns, start=1)
    ]:
        people = list(Staff.objects.filter(username__startswith=f"{prefix}-").order_by("id"))

        def having(role: str, people: list[Staff] = people, prefix: str = prefix) -> list[Staff]:
            return [p for p in people if re.fullmatch(rf"{prefix}-{role}\d*", p.username)]

        team = Organisation.objects.get(parent=crew_town, name="综合行政执法队")
        crews.append(
            Crew(
                town=crew_town,
                team=team,
                admin=admin if prefix == "bench" else Staff.objects.get(username=f"{prefix}-admin"),
                heads=having("head"),
                officers=having("officer"),
                credentials={p.pk: credentials[p.pk] for p in having("officer")},
                auxiliaries=having("aux"),
                reviewers=having("reviewer"),
                powers=list(DelegatedPower.objects.filter(organisation=crew_town).order_by("id")),
                series={series.key: series for series in NumberSeries.objects.filter(organisation=team)},
            )
        )
    by_town = {crew.town.pk: crew for crew in crews}
    for party_id, organisation_id in Party.objects.values_list("id", "organisation_id").order_by("id"):
        by_town[organisation_id].party_ids.append(party_id)
    return CaseWorld(parties_world=base, crews=crews, party_seconds=0.0)


# ----------------------------------------------------------------------------------------- bulk rows


class Table:
    """Rows of one model. A step adds a dict of field values (already in the form the loader writes, see
    Loader.dt / Loader.day) and may fill it in further until the case is done; flush time turns each
    into a row in the table's column order, with the model's defaults for what no step set."""

    def __init__(self, model: type[models.Model], first_id: int) -> None:
        self.model = model
        self.name = model._meta.db_table
        fields = list(model._meta.concrete_fields)
        self.columns = [f.column for f in fields]
        self.index = {f.attname: i for i, f in enumerate(fields)}
        template: list[Any] = []
        self.required: set[str] = set()
        for f in fields:
            if f.has_default():
                template.append(f.get_default())
            elif f.null:
                template.append(None)
            elif isinstance(f, models.CharField | models.TextField) and f.blank:
                template.append("")
            else:
                template.append(None)
                if not f.primary_key:
                    self.required.add(f.attname)
        self.template = template
        self.next_id = first_id
        self.rows: list[dict[str, Any]] = []
        self.written = 0

    def new_id(self) -> int:
        self.next_id += 1
        return self.next_id - 1

    def add(self, values: dict[str, Any]) -> dict[str, Any]:
        self.rows.append(values)
        return values

    def take(self) -> list[list[Any]]:
        """The rows added since the last call, as lists in column order."""
        rows = []
        index, template, required = self.index, self.template, self.required
        for values in self.rows:
            missing = required - values.keys()
            assert not missing, f"{self.name}: no value for {sorted(missing)}"
            row = template.copy()
            for name, value in values.items():
                row[index[name]] = value
            rows.append(row)
        self.written += len(rows)
        self.rows.clear()
        return rows


def _first_id(model: type[models.Model]) -> int:
    top = model._default_manager.aggregate(top=models.Max("pk"))["top"]
    return int(top or 0) + 1


@functools.cache
def _due(rule_key: str, start: datetime.date) -> datetime.date:
    """A period's end by the app's own calendar (enforcement.rules), remembered per start day."""
    rule = next(period for period in rules.PERIODS if period.key == rule_key)
    return rule.due(start).due


@functools.cache
def _working_days(start: datetime.date, days: int) -> datetime.date:
    return calendar.compute_working_days(start, days).due


@functools.cache
def _cumulative(pairs: tuple[tuple[Any, float], ...]) -> tuple[list[Any], list[float]]:
    values = [value for value, _ in pairs]
    return values, list(itertools.accumulate(weight for _, weight in pairs))


def _weighted(rnd: random.Random, pairs: tuple[tuple[Any, float], ...]) -> Any:
    """rnd.choices(values, weights)[0], with the cumulative weights worked out once."""
    values, cumulative = _cumulative(pairs)
    return values[bisect.bisect(cumulative, rnd.random() * cumulative[-1])]


_ENCODER = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def _canonical(value: Any) -> str:
    """fazhi.ledger.record.canonical_json, as text (no float check: the payloads here hold none).
    One encoder for all: json.dumps with options builds a new one per call."""
    return _ENCODER.encode(value)


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass
class LoadResult:
    cases: int
    events: int
    rows: dict[str, int]
    stages: dict[str, int]
    seconds: dict[str, float]
    case_ids: tuple[int, int]


class Loader:
    """Simulates the cases in creation order and writes them; see the module docstring."""

    def __init__(self, world: CaseWorld, count: int, *, seed: int, check: bool, evenly: bool = False) -> None:
        self.world = world
        self.evenly = evenly  # spread the cases evenly over every town, none benchmarked above the rest
        self.count = count
        self.rnd = random.Random(seed)
        self.check = check
        self.sqlite = connection.vendor == "sqlite"
        self.now = timezone.now()
        self.today = timezone.localdate(self.now)
        self.tables: dict[type[models.Model], Table] = {}
        for model in (
            Case,
            IssuedNumber,
            CaseOfficer,
            Evidence,
            Evidence.officers.through,
            InvestigationRecord,
            InvestigationRecord.officers.through,
            InvestigationReport,
            Notice,
            Hearing,
            LegalReview,
            CollectiveDiscussion,
            DecisionExtension,
            PenaltyDecision,
            DecisionService,
            RemedyProceeding,
            Payment,
            Demand,
            CourtApplication,
            Closure,
            SummaryDetails,
            ServiceConsent,
        ):
            self.tables[model] = Table(model, _first_id(model))
        self.counters: Counter[tuple[int, int]] = Counter()  # (series id, year) → last sequence
        for series_id, year, last in NumberCounter.objects.values_list("series_id", "year", "last_sequence"):
            self.counters[(series_id, year)] = last
        self.series_code = dict(NumberSeries.objects.values_list("id", "code"))
        self.party_names = dict(Party.objects.values_list("id", "name"))
        self.party_kinds = dict(Party.objects.values_list("id", "kind"))
        self.actor_json = {
            person.pk: _canonical({"id": person.pk, "username": person.username})
            for crew in world.crews
            for person in (*crew.heads, *crew.officers, *crew.auxiliaries, *crew.reviewers, crew.admin)
        }
        self.power_weights = tuple((index, power[5]) for index, power in enumerate(POWERS))
        self.pending: list[tuple[Any, ...]] = []  # heap of events not yet in the log, by time
        self.pushed = 0
        self.appender = LedgerAppender()
        self.events = 0
        self.stages: Counter[str] = Counter()
        # Per town, the case with the most events so far: (events queued, case id).
        self.heaviest: dict[int, tuple[int, int]] = {}

    # ------------------------------------------------------------------ values as the loader writes them

    def _int(self, low: int, high: int) -> int:
        """random.randint, without its cost (a few million calls)."""
        return low + int(self.rnd.random() * (high - low + 1))

    def _below(self, n: int) -> int:
        return int(self.rnd.random() * n)

    def dt(self, when: datetime.datetime) -> Any:
        # Every moment here is in UTC already.
        return str(when.replace(tzinfo=None)) if self.sqlite else when

    def day(self, value: datetime.date | None) -> Any:
        if value is None:
            return None
        return value.isoformat() if self.sqlite else value

    @staticmethod
    def local_day(when: datetime.datetime) -> datetime.date:
        # Asia/Shanghai has had no summer time since 1991: local time is UTC + 8 h.
        return (when + datetime.timedelta(hours=8)).date()

    def office(self, day: datetime.date) -> datetime.datetime:
        """A moment of office hours (08:00–17:30 local) on a local day."""
        midnight_local_as_utc = datetime.datetime.combine(day, datetime.time(), tzinfo=datetime.UTC)
        seconds = self._int(0, int(9.5 * 3600))
        return midnight_local_as_utc + datetime.timedelta(seconds=seconds, microseconds=self._below(10**6))

    # ------------------------------------------------------------------------------------- the ledger

    def event(
        self,
        when: datetime.datetime,
        actor: int,
        organisation: int | None,
        action: str,
        subject_type: str,
        subject_id: int,
        payload: dict[str, Any],
    ) -> None:
        """Queue one event; it enters the log in time order (see _emit_until)."""
        head = (
            f'{{"action":{_canonical(action)},"actor":{self.actor_json[actor]},'
            f'"org":{"null" if organisation is None else organisation},"payload":{_canonical(payload)},"seq":'
        )
        tail = f',"subject":{{"id":"{subject_id}","type":"{subject_type}"}},"time":"'
        self.pushed += 1
        heapq.heappush(
            self.pending,
            (when, self.pushed, actor, organisation, action, subject_type, str(subject_id), head, tail),
        )

    def _emit_until(self, until: datetime.datetime | None) -> None:
        pending, appender = self.pending, self.appender
        check_every = 1 if self.check else CHECK_EVERY
        while pending and (until is None or pending[0][0] <= until):
            when, _n, actor, organisation, action, subject_type, subject_id, head, tail = heapq.heappop(
                pending
            )
            sequence = appender.size
            iso = when.isoformat()
            entry = f'{head}{sequence}{tail}{iso}"}}'
            if sequence % check_every == 0:
                self._check_entry(entry, sequence, iso, when)
            appender.append(when, actor, organisation, action, subject_type, subject_id, entry)
            self.events += 1
            if len(appender.events) >= EVENTS_PER_FLUSH:
                appender.flush()

    def _check_entry(self, entry: str, sequence: int, iso: str, when: datetime.datetime) -> None:
        from fazhi.ledger import events as ledger_events
        from fazhi.ledger.record import canonical_json

        parsed = json.loads(entry)
        assert canonical_json(parsed).decode("utf-8") == entry, entry
        assert parsed["seq"] == sequence, entry
        assert parsed["time"] == iso, entry
        assert ledger_events.is_registered(parsed["action"]), entry
        assert connection.ops.adapt_datetimefield_value(when) == self.appender.stored_time(when)

    # ----------------------------------------------------------------------------------------- numbers

    def issue_number(
        self, crew: Crew, key: str, day: datetime.date, when: datetime.datetime, actor: int, case_id: int
    ) -> tuple[int, str]:
        """What core.services.issue_number writes: the IssuedNumber row and its ledger event."""
        series = crew.series[key]
        self.counters[(series.pk, day.year)] += 1
        sequence = self.counters[(series.pk, day.year)]
        text = f"{series.code}〔{day.year}〕{sequence}号"
        table = self.tables[IssuedNumber]
        number_id = table.new_id()
        table.add(
            {
                "id": number_id,
                "series_id": series.pk,
                "year": day.year,
                "sequence": sequence,
                "text": text,
                "subject_type": "enforcement.case",
                "subject_id": str(case_id),
                "issued_by_id": actor,
                "issued_at": self.dt(when),
            }
        )
        self.event(
            when,
            actor,
            crew.team.pk,
            CoreEvent.NUMBER_ISSUED.value,
            "core.issuednumber",
            number_id,
            {"text": text, "subject": {"type": "enforcement.case", "id": str(case_id)}},
        )
        return number_id, text

    # ------------------------------------------------------------------------------------------- cases

    def load(self) -> LoadResult:
        timings: dict[str, float] = {}
        started = time.perf_counter()
        loaded = [table.name for table in self.tables.values()] + ["ledger_event", "ledger_merklenode"]
        indexes = [index for table in loaded for index in secondary_indexes(table)]
        with connection.cursor() as cursor:
            for name, _ in indexes:
                cursor.execute(f'DROP INDEX "{name}"')
        self._foreign_keys(enforced=self.check)
        span = self.now - datetime.timedelta(hours=1) - (self.now - datetime.timedelta(days=365 * YEARS))
        begin = self.now - datetime.timedelta(days=365 * YEARS)
        first_case = self.tables[Case].next_id
        crews = self.world.crews
        other_crews = crews[1:]
        try:
            for i in range(self.count):
                t0 = begin + span * ((i + 0.5) / self.count)
                self._emit_until(t0)
                if self.evenly:
                    crew = self.rnd.choice(crews)
                elif self.rnd.random() >= OTHER_TOWNS_SHARE:
                    crew = crews[0]
                else:
                    crew = self.rnd.choice(other_crews)
                before = self.pushed
                if self.rnd.random() < SUMMARY_SHARE:
                    self._summary_case(crew, t0, (i + 0.5) / self.count)
                else:
                    self._ordinary_case(crew, t0, (i + 0.5) / self.count)
                queued = self.pushed - before
                if queued > self.heaviest.get(crew.town.pk, (0, 0))[0]:
                    self.heaviest[crew.town.pk] = (queued, self.tables[Case].next_id - 1)
                if (i + 1) % CASES_PER_FLUSH == 0:
                    self._flush()
            self._emit_until(None)
            self._flush()
            self.appender.flush()
        finally:
            self._foreign_keys(enforced=True)
        timings["generate_and_write"] = time.perf_counter() - started
        step = time.perf_counter()
        with connection.cursor() as cursor:
            for _, create in indexes:
                cursor.execute(create)
        timings["rebuild_indexes"] = time.perf_counter() - step
        step = time.perf_counter()
        self._finish_sequences()
        settle(loaded)
        timings["settle"] = time.perf_counter() - step
        step = time.perf_counter()
        signed = ledger_services.make_checkpoint()
        assert signed is not None
        assert signed.tree_size == self.appender.size
        timings["checkpoint"] = time.perf_counter() - step
        timings["total"] = time.perf_counter() - started
        return LoadResult(
            cases=self.count,
            events=self.events,
            rows={table.name: table.written for table in self.tables.values()},
            stages=dict(self.stages),
            seconds=timings,
            case_ids=(first_case, self.tables[Case].next_id - 1),
        )

    def _foreign_keys(self, *, enforced: bool) -> None:
        """Skip the per-row foreign-key checks during the load (every row refers to rows made here or in
        set-up); `check` keeps them on, so a wrong reference fails the load."""
        with connection.cursor() as cursor:
            if self.sqlite:
                cursor.execute(f"PRAGMA foreign_keys = {'ON' if enforced else 'OFF'}")
            else:
                cursor.execute(f"SET session_replication_role = {'origin' if enforced else 'replica'}")

    def _flush(self) -> None:
        with transaction.atomic(), connection.cursor() as cursor:
            for table in self.tables.values():
                # JSON columns (a notice's penalty kinds, a report's circumstances) go in as their text.
                rows = [
                    [
                        json.dumps(value, ensure_ascii=False) if isinstance(value, list | dict) else value
                        for value in row
                    ]
                    for row in table.take()
                ]
                if not rows:
                    continue
                columns = ", ".join(f'"{column}"' for column in table.columns)
                if self.sqlite:
                    placeholders = ", ".join(["%s"] * len(table.columns))
                    cursor.executemany(
                        f'INSERT INTO "{table.name}" ({columns}) VALUES ({placeholders})',  # noqa: S608 (model metadata)
                        rows,
                    )
                else:
                    with cursor.cursor.copy(f'COPY "{table.name}" ({columns}) FROM STDIN') as copy:
                        for row in rows:
                            copy.write_row(row)
            self.appender.flush()

    def _finish_sequences(self) -> None:
        """Identity sequences past the new ids (PostgreSQL), and NumberCounter rows that continue every
        series, so that the services carry on from here."""
        if not self.sqlite:
            statements = connection.ops.sequence_reset_sql(
                no_style(), [t.model for t in self.tables.values()]
            )
            with connection.cursor() as cursor:
                for statement in statements:
                    cursor.execute(statement)
        NumberCounter.objects.bulk_create(
            [
                NumberCounter(series_id=series_id, year=year, last_sequence=last)
                for (series_id, year), last in self.counters.items()
            ],
            update_conflicts=True,
            unique_fields=["series", "year"],
            update_fields=["last_sequence"],
        )

    # -------------------------------------------------------------------------------- one case's life

    def _pick_party(self, crew: Crew, age_share: float) -> int:
        # Parties were registered over the same five years, in id order: pick one registered by then.
        ids = crew.party_ids
        return ids[self._below(min(len(ids), max(50, int(len(ids) * age_share))))]

    def _power(self, crew: Crew) -> tuple[int, DelegatedPower, str]:
        index = _weighted(self.rnd, self.power_weights)
        return index, crew.powers[index], self.rnd.choice(POWERS[index][4])

    def _place(self) -> str:
        return f"{self.rnd.choice(generate_parties.VILLAGES)}{self._int(1, 299)}号附近"

    def _summary_case(self, crew: Crew, t0: datetime.datetime, age_share: float) -> None:
        """简易程序: enforcement.services.decide_on_spot, then payment, 备案, 结案 and 归档 over the
        following weeks, as far as now allows."""
        rnd = self.rnd
        case_id = self.tables[Case].new_id()
        officer, co_officer = rnd.sample(crew.officers, 2)
        party_id = self._pick_party(crew, age_share)
        kind = self.party_kinds[party_id]
        power_index, power, title = self._power(crew)
        day = self.local_day(t0)
        warning_only = rnd.random() < 0.2
        limit_yuan = rules.SUMMARY_FINE_LIMIT_FEN[kind] // 100
        fine_fen = (
            0
            if warning_only
            else rnd.choice([y for y in (20, 50, 100, 200, 500, 1000, 2000) if y <= limit_yuan]) * 100
        )
        collected = fine_fen > 0 and fine_fen <= rules.ON_THE_SPOT_COLLECTION_LIMIT_FEN and rnd.random() < 0.4
        statement_waived = rnd.random() < 0.6
        basis = POWERS[power_index][3]
        town = crew.town.pk
        case: dict[str, Any] = {
            "id": case_id,
            "organisation_id": town,
            "procedure": rules.Procedure.SUMMARY.value,
            "stage": Stage.SERVED.value,
            "title": title,
            "source": "patrol",
            "summary": f"{title}，当事人当场认可违法事实。",
            "place": self._place(),
            "received_on": self.day(day),
            "act_on": self.day(day),
            "act_ended_on": self.day(day),
            "party_id": party_id,
            "power_id": power.pk,
            "filed_on": self.day(day),
            "created_by_id": officer.pk,
            "created_at": self.dt(t0),
            "updated_at": self.dt(t0),
        }
        for person in (officer, co_officer):
            self.tables[CaseOfficer].add(
                {
                    "id": self.tables[CaseOfficer].new_id(),
                    "case_id": case_id,
                    "staff_id": person.pk,
                    "credential_number": crew.credentials[person.pk],
                    "assigned_on": self.day(day),
                }
            )
        number_id, number_text = self.issue_number(
            crew, enforcement_services.SUMMARY_SERIES_KEY, day, t0, officer.pk, case_id
        )
        case["filing_number_id"] = number_id
        penalties = "警告" if warning_only else f"罚款 {money.yuan(fine_fen)} 元"
        kinds = ["warning"] if warning_only else ["fine"]
        self.tables[PenaltyDecision].add(
            {
                "id": self.tables[PenaltyDecision].new_id(),
                "case_id": case_id,
                "number_id": number_id,
                "decided_on": self.day(day),
                "penalties": penalties,
                "penalty_kinds": kinds,
                "fine_fen": fine_fen,
                "basis": basis,
                "decided_by_id": officer.pk,
            }
        )
        details: dict[str, Any] = {
            "id": self.tables[SummaryDetails].new_id(),
            "case_id": case_id,
            "warning_only": warning_only,
            "party_signed": True,
            "refusal_noted": False,
            "statement": "" if statement_waived else "当事人表示认识到错误，请求从轻处罚。",
            "defence_waived": statement_waived,
            "collected_on_spot": collected,
        }
        self.event(
            t0,
            officer.pk,
            town,
            EnforcementEvent.DECIDED_ON_SPOT.value,
            "enforcement.case",
            case_id,
            {
                "number": number_text,
                "party": party_id,
                "power": power.code,
                "fine_fen": fine_fen,
                "warning_only": warning_only,
                "officers": [officer.pk, co_officer.pk],
                "defence_waived": statement_waived,
            },
        )
        payment_due = _due(rules.PAYMENT.key, day) if fine_fen else None
        self.tables[DecisionService].add(
            {
                "id": self.tables[DecisionService].new_id(),
                "case_id": case_id,
                "method": "on_the_spot",
                "served_on": self.day(day),
                "recipient": self.party_names[party_id],
                "proof": "当场交付，当事人签收",
                "refused": False,
                "payment_due": self.day(payment_due),
                "served_by_id": officer.pk,
            }
        )
        self.event(
            t0,
            officer.pk,
            town,
            EnforcementEvent.SERVED.value,
            "enforcement.case",
            case_id,
            {"method": "on_the_spot", "served_on": day.isoformat(), "refused": False},
        )
        case["clock_key"], case["clock_due"] = (
            (rules.PAYMENT.key, self.day(payment_due)) if fine_fen else ("", None)
        )
        paid = False
        t = t0
        if collected:
            hand_in = _due(rules.CASH_HAND_IN.key, day)
            receipt = f"TJ{day:%Y}{self._below(10**8):08d}"
            self._payment(case_id, "on_the_spot", day, fine_fen, 0, receipt, officer.pk, hand_in)
            self.event(
                t0,
                officer.pk,
                town,
                EnforcementEvent.PAID.value,
                "enforcement.case",
                case_id,
                {
                    "paid_on": day.isoformat(),
                    "fine_fen": fine_fen,
                    "surcharge_fen": 0,
                    "receipt": receipt,
                    "on_the_spot": True,
                },
            )
            case["stage"] = Stage.PAID.value
            case["clock_key"], case["clock_due"] = rules.CASH_HAND_IN.key, self.day(hand_in)
            paid = True
        stop = False
        if fine_fen and not collected:
            if rnd.random() < 0.98:
                later = self._later(t, 1, 14)
                if later is None:
                    stop = True
                else:
                    t = later
                    case["updated_at"] = self.dt(t)
                    self._bank_payment(crew, case, case_id, t, fine_fen, payment_due, officer.pk, [])
                    paid = True
            else:
                stop = True  # never paid: stays 送达 with its payment clock running out
        if not stop:
            later = self._later(t, 0, 5)
            if later is not None:
                t = later
                case["updated_at"] = self.dt(t)
                details["recorded_with_agency_on"] = self.day(self.local_day(t))
                case["stage"] = Stage.RECORDED_WITH_AGENCY.value
                case["clock_key"], case["clock_due"] = "", None
                self.event(
                    t,
                    officer.pk,
                    town,
                    EnforcementEvent.RECORDED_WITH_AGENCY.value,
                    "enforcement.case",
                    case_id,
                    {"recorded_on": self.local_day(t).isoformat()},
                )
                self._close_and_archive(
                    crew, case, case_id, t, "performed" if paid else "warning_only", penalties
                )
        self.tables[SummaryDetails].add(details)
        self.tables[Case].add(case)
        self.stages[case["stage"]] += 1

    def _later(self, t: datetime.datetime, low: int, high: int) -> datetime.datetime | None:
        """A moment of office hours `low`..`high` days after t (never before it), or None if after now."""
        day = self.local_day(t) + datetime.timedelta(days=self._int(low, high))
        moment = max(self.office(day), t + datetime.timedelta(minutes=self._int(5, 90)))
        return None if moment > self.now else moment

    def _at_day(self, t: datetime.datetime, day: datetime.date) -> datetime.datetime | None:
        moment = max(self.office(day), t + datetime.timedelta(minutes=self._int(5, 90)))
        return None if moment > self.now else moment

    def _payment(
        self,
        case_id: int,
        method: str,
        day: datetime.date,
        fine_fen: int,
        surcharge_fen: int,
        receipt: str,
        actor: int,
        hand_in: datetime.date | None,
    ) -> None:
        self.tables[Payment].add(
            {
                "id": self.tables[Payment].new_id(),
                "case_id": case_id,
                "method": method,
                "paid_on": self.day(day),
                "fine_fen": fine_fen,
                "surcharge_fen": surcharge_fen,
                "receipt_number": receipt,
                "cash_hand_in_due": self.day(hand_in),
                "recorded_by_id": actor,
            }
        )

    def _bank_payment(
        self,
        crew: Crew,
        case: dict[str, Any],
        case_id: int,
        t: datetime.datetime,
        fine_fen: int,
        payment_due: datetime.date | None,
        actor: int,
        paused: list[tuple[datetime.date, datetime.date]],
    ) -> None:
        """enforcement.services.record_payment, with the surcharge owed that day (art. 72)."""
        day = self.local_day(t)
        _fine, surcharge = rules.amount_due_fen(
            fine_fen=fine_fen, payment_due=payment_due, on=day, paused=paused
        )
        receipt = f"{day:%Y%m%d}{self._below(10**10):010d}"
        self._payment(case_id, "bank", day, fine_fen, surcharge, receipt, actor, None)
        case["stage"] = Stage.PAID.value
        case["clock_key"], case["clock_due"] = "", None
        self.event(
            t,
            actor,
            crew.town.pk,
            EnforcementEvent.PAID.value,
            "enforcement.case",
            case_id,
            {
                "paid_on": day.isoformat(),
                "fine_fen": fine_fen,
                "surcharge_fen": surcharge,
                "receipt": receipt,
            },
        )

    def _close_and_archive(
        self, crew: Crew, case: dict[str, Any], case_id: int, t: datetime.datetime, reason: str, result: str
    ) -> datetime.datetime:
        """结案 (enforcement.services.close_case) some days on, then 归档 for most closed cases."""
        later = self._later(t, 3, 30)
        if later is None:
            return t
        t = later
        case["updated_at"] = self.dt(t)
        head = self.rnd.choice(crew.heads).pk
        closure: dict[str, Any] = {
            "id": self.tables[Closure].new_id(),
            "case_id": case_id,
            "reason": reason,
            "summary": f"{result}，案件办理完毕。",
            "approved_by_id": head,
            "closed_on": self.day(self.local_day(t)),
        }
        case["stage"] = Stage.CLOSED.value
        case["clock_key"], case["clock_due"] = "", None
        self.event(
            t,
            head,
            crew.town.pk,
            EnforcementEvent.CLOSED.value,
            "enforcement.case",
            case_id,
            {"reason": reason, "closed_on": self.local_day(t).isoformat()},
        )
        if self.rnd.random() < 0.85:
            later = self._later(t, 20, 150)
            if later is not None:
                t = later
                case["updated_at"] = self.dt(t)
                day = self.local_day(t)
                number = f"{day.year}-{crew.series[enforcement_services.FILING_SERIES_KEY].code}-{case_id}"
                digest = hashlib.sha256(f"{case_id}-{number}".encode()).hexdigest()
                closure.update(
                    {"archive_number": number, "archived_on": self.day(day), "archive_sha256": digest}
                )
                case["stage"] = Stage.ARCHIVED.value
                self.event(
                    t,
                    head,
                    crew.town.pk,
                    EnforcementEvent.ARCHIVED.value,
                    "enforcement.case",
                    case_id,
                    {"archive_number": number, "sha256": digest, "size": self._int(10**5, 10**8)},
                )
        self.tables[Closure].add(closure)
        return t

    def _ordinary_case(self, crew: Crew, t0: datetime.datetime, age_share: float) -> None:
        """普通程序 from the lead on; see the module docstring. Each block is one service's writes."""
        case_id = self.tables[Case].new_id()
        case: dict[str, Any] = {"id": case_id}
        self._ordinary_steps(crew, case, t0, age_share)  # returns where the case has got to by now
        self.tables[Case].add(case)
        self.stages[case["stage"]] += 1

    def _ordinary_steps(
        self, crew: Crew, case: dict[str, Any], t0: datetime.datetime, age_share: float
    ) -> None:
        rnd = self.rnd
        case_id = case["id"]
        town = crew.town.pk
        lead_actor = (
            rnd.choice(crew.auxiliaries)
            if crew.auxiliaries and rnd.random() < 0.15
            else rnd.choice(crew.officers)
        )
        power_index, power, title = self._power(crew)
        source = _weighted(rnd, SOURCES)
        received = self.local_day(t0)
        act_on = received - datetime.timedelta(days=rnd.choice((0, 0, 0, 1, 2, 5, 15, 40)))
        party_id: int | None = self._pick_party(crew, age_share) if rnd.random() < 0.7 else None
        reporter = f"{_name()} 1{self._int(3, 9)}{self._below(10**9):09d}" if source == "complaint" else ""
        place = self._place()
        case.update(
            {
                "organisation_id": town,
                "procedure": rules.Procedure.ORDINARY.value,
                "stage": Stage.LEAD.value,
                "title": title,
                "source": source,
                "summary": f"{'巡查发现' if source == 'patrol' else '接报'}{place}存在{title}行为。",
                "place": place,
                "reporter": reporter,
                "received_on": self.day(received),
                "act_on": self.day(act_on),
                "party_id": party_id,
                "created_by_id": lead_actor.pk,
                "created_at": self.dt(t0),
                "updated_at": self.dt(t0),
            }
        )
        payload: dict[str, Any] = {
            "title": title,
            "source": source,
            "received_on": received.isoformat(),
            "act_on": act_on.isoformat(),
            "place": place,
            "party": party_id,
        }
        if reporter:
            payload["reporter_sha256"] = _sha(reporter)
        self.event(
            t0,
            lead_actor.pk,
            town,
            EnforcementEvent.LEAD_REGISTERED.value,
            "enforcement.case",
            case_id,
            payload,
        )
        head = rnd.choice(crew.heads).pk
        t = t0

        def step(low: int, high: int) -> bool:
            nonlocal t
            later = self._later(t, low, high)
            if later is None:
                return False
            t = later
            case["updated_at"] = self.dt(t)
            return True

        def record(action: EnforcementEvent, actor: int, body: dict[str, Any]) -> None:
            self.event(t, actor, town, action.value, "enforcement.case", case_id, body)

        # 不予立案 (enforcement.services.decline_case)
        if rnd.random() < 0.08:
            if step(1, 7):
                reason = rnd.choice(
                    (
                        "经核查不存在违法事实",
                        "不属于本镇赋权事项，已告知当事人向主管部门反映",
                        "违法行为已超过追责期限",
                    )
                )
                case["stage"], case["not_filed_reason"] = Stage.NOT_FILED.value, reason
                record(EnforcementEvent.CASE_NOT_FILED, head, {"reason": reason})
            return
        # 立案 (file_case)
        if not step(1, 10):
            return
        filed_on = self.local_day(t)
        if party_id is None:
            party_id = self._pick_party(crew, age_share)
        decision_due = _due(rules.DECISION.key, filed_on)
        number_id, number_text = self.issue_number(
            crew, enforcement_services.FILING_SERIES_KEY, filed_on, t, head, case_id
        )
        case.update(
            {
                "stage": Stage.FILED.value,
                "party_id": party_id,
                "power_id": power.pk,
                "act_ended_on": self.day(act_on),
                "filed_on": self.day(filed_on),
                "filing_approved_by_id": head,
                "decision_due": self.day(decision_due),
                "clock_key": rules.DECISION.key,
                "clock_due": self.day(decision_due),
                "filing_number_id": number_id,
            }
        )
        record(
            EnforcementEvent.CASE_FILED,
            head,
            {
                "number": number_text,
                "party": party_id,
                "power": power.code,
                "filed_on": filed_on.isoformat(),
                "act_ended_on": act_on.isoformat(),
                "decision_due": decision_due.isoformat(),
                "citation": f"{rules.LAW} 第五十四条",
            },
        )
        # 调查取证 (start_investigation), with evidence and 笔录 (add_evidence, add_record)
        if not step(0, 5):
            return
        investigators = rnd.sample(crew.officers, 2)
        assigned = self.local_day(t)
        for person in investigators:
            self.tables[CaseOfficer].add(
                {
                    "id": self.tables[CaseOfficer].new_id(),
                    "case_id": case_id,
                    "staff_id": person.pk,
                    "credential_number": crew.credentials[person.pk],
                    "assigned_on": self.day(assigned),
                }
            )
        case["stage"] = Stage.INVESTIGATING.value
        record(
            EnforcementEvent.INVESTIGATION_STARTED,
            investigators[0].pk,
            {"officers": [{"staff": p.pk, "credential": crew.credentials[p.pk]} for p in investigators]},
        )
        for _ in range(rnd.choice((0, 0, 1, 1, 2, 3))):
            if not step(0, 7):
                return
            evidence_id = self.tables[Evidence].new_id()
            kind = rnd.choice(EVIDENCE_KINDS)
            captured = t - datetime.timedelta(minutes=self._int(10, 600))
            captured_by = rnd.choice(investigators).pk
            self.tables[Evidence].add(
                {
                    "id": evidence_id,
                    "case_id": case_id,
                    "kind": kind,
                    "description": rnd.choice(EVIDENCE_NAMES),
                    "captured_by_id": captured_by,
                    "captured_at": self.dt(captured),
                    "place": place,
                    "recorded_by_id": investigators[0].pk,
                    "recorded_at": self.dt(t),
                }
            )
            # Both investigators took it (art. 42), whichever of them held the camera.
            evidence_officers = self.tables[Evidence.officers.through]
            for person in investigators:
                evidence_officers.add(
                    {"id": evidence_officers.new_id(), "evidence_id": evidence_id, "staff_id": person.pk}
                )
            record(
                EnforcementEvent.EVIDENCE_ADDED,
                investigators[0].pk,
                {
                    "evidence": evidence_id,
                    "kind": kind,
                    "captured_by": captured_by,
                    "officers": [p.pk for p in investigators],
                    "captured_at": captured.isoformat(),
                    "place": place,
                    "device": None,
                    "sha256": None,
                },
            )
        for _ in range(rnd.choice((0, 0, 1, 1, 2))):
            if not step(0, 7):
                return
            record_id = self.tables[InvestigationRecord].new_id()
            kind = rnd.choice(("inquiry", "site_inspection"))
            started_at = t - datetime.timedelta(minutes=self._int(30, 120))
            content = f"执法人员出示执法证件，告知当事人权利义务。当事人对{title}的事实予以确认。"
            self.tables[InvestigationRecord].add(
                {
                    "id": record_id,
                    "case_id": case_id,
                    "kind": kind,
                    "place": place,
                    "started_at": self.dt(started_at),
                    "ended_at": self.dt(t),
                    "subject_person": self.party_names[party_id][:100],
                    "content": content,
                    "signed": True,
                    "credentials_shown": True,
                    "recorded_by_id": investigators[0].pk,
                }
            )
            through = self.tables[InvestigationRecord.officers.through]
            for person in investigators:
                through.add(
                    {"id": through.new_id(), "investigationrecord_id": record_id, "staff_id": person.pk}
                )
            record(
                EnforcementEvent.RECORD_ADDED,
                investigators[0].pk,
                {
                    "record": record_id,
                    "kind": kind,
                    "started_at": started_at.isoformat(),
                    "officers": [p.pk for p in investigators],
                    "content_sha256": _sha(content),
                    "signed": True,
                    "credentials_shown": True,
                },
            )
        # 延长办案期限 (extend_decision_period), for a few complicated cases
        if rnd.random() < 0.04:
            if not step(20, 60):
                return
            previous = decision_due
            decision_due = previous + datetime.timedelta(days=30)
            self.tables[DecisionExtension].add(
                {
                    "id": self.tables[DecisionExtension].new_id(),
                    "case_id": case_id,
                    "days": 30,
                    "reason": "案情复杂，需进一步调查取证",
                    "previous_due": self.day(previous),
                    "new_due": self.day(decision_due),
                    "approved_by_id": head,
                    "approved_on": self.day(self.local_day(t)),
                }
            )
            case["decision_due"] = case["clock_due"] = self.day(decision_due)
            record(
                EnforcementEvent.PERIOD_EXTENDED,
                head,
                {"days": 30, "previous_due": previous.isoformat(), "new_due": decision_due.isoformat()},
            )
        # 调查终结 (close_investigation)
        if not step(3, 30):
            return
        outcome = _weighted(
            rnd,
            (("penalty", 0.85), ("no_penalty_minor", 0.07), ("not_established", 0.05), ("transfer", 0.03)),
        )
        ground = (
            rnd.choice(("review_public_interest", "review_complex", "review_other_law"))
            if rnd.random() < 0.35
            else ""
        )
        major = outcome == "penalty" and rnd.random() < 0.08
        findings = f"经调查，当事人{title}的违法事实清楚，证据确凿。"
        self.tables[InvestigationReport].add(
            {
                "id": self.tables[InvestigationReport].new_id(),
                "case_id": case_id,
                "outcome": outcome,
                "findings": findings,
                "review_public_interest": ground == "review_public_interest",
                "review_complex": ground == "review_complex",
                "review_other_law": ground == "review_other_law",
                "major_or_complex": major,
                "circumstances": [],
                "closed_by_id": investigators[0].pk,
                "closed_on": self.day(self.local_day(t)),
            }
        )
        case["stage"] = Stage.INVESTIGATION_CLOSED.value
        record(
            EnforcementEvent.INVESTIGATION_CLOSED,
            investigators[0].pk,
            {
                "outcome": outcome,
                "findings_sha256": _sha(findings),
                "review_required": bool(ground),
                "major_or_complex": major,
                "circumstances": [],
            },
        )
        if outcome != "penalty":
            reason = "transferred" if outcome == "transfer" else "no_penalty"
            self._close_and_archive(crew, case, case_id, t, reason, "调查终结，不予行政处罚")
            return
        # 事先告知 (issue_notice) and 陈述申辩 (record_defence)
        if not step(1, 10):
            return
        warning_only = rnd.random() < 0.15
        fine_fen = 0 if warning_only else _weighted(rnd, ORDINARY_FINES_YUAN) * 100
        penalties = "警告" if warning_only else f"罚款 {money.yuan(fine_fen)} 元"
        kinds = ["warning"] if warning_only else ["fine"]
        # The hearing right follows the fine (art. 63), under the default 较大数额 the bench town keeps.
        right = rules.hearing_right(
            kinds,
            fine_fen=fine_fen,
            confiscation_fen=0,
            party_kind=self.party_kinds[party_id],
            standard=rules.DEFAULT_LARGE_AMOUNT,
        )
        served_on = self.local_day(t)
        statement_days = rnd.choice((3, 5))
        statement_ends = _working_days(served_on, statement_days)
        notice: dict[str, Any] = {
            "id": self.tables[Notice].new_id(),
            "case_id": case_id,
            "proposed_penalties": penalties,
            "penalty_kinds": kinds,
            "proposed_fine_fen": fine_fen,
            "hearing_right": right.applies,
            "hearing_right_grounds": "；".join(right.grounds),
            "facts": findings,
            "served_on": self.day(served_on),
            "statement_period_ends": self.day(statement_ends),
            "issued_by_id": investigators[0].pk,
        }
        self.tables[Notice].add(notice)  # defence and hearing below fill it in
        case["stage"] = Stage.NOTIFIED.value
        record(
            EnforcementEvent.NOTICE_ISSUED,
            investigators[0].pk,
            {
                "notice": notice["id"],
                "proposed_penalties": penalties,
                "penalty_kinds": kinds,
                "proposed_fine_fen": fine_fen,
                "hearing_right": right.applies,
                "served_on": served_on.isoformat(),
                "statement_period_ends": statement_ends.isoformat(),
            },
        )
        waived = False
        if rnd.random() < 0.5:
            if not step(0, 2):
                return
            waived = rnd.random() < 0.5
            statement = "" if waived else "当事人称系初次违法，已自行整改，请求从轻处罚。"
            notice.update(statement=statement, defence_waived=waived)
            record(
                EnforcementEvent.DEFENCE_RECORDED,
                investigators[0].pk,
                {"notice": notice["id"], "waived": waived, "statement_sha256": _sha(statement)},
            )
        if right.applies and rnd.random() < 0.4:
            if not step(1, 4):
                return
            requested = self.local_day(t)
            notice["hearing_requested_on"] = self.day(requested)
            case["stage"] = Stage.HEARING.value
            record(
                EnforcementEvent.HEARING_REQUESTED,
                investigators[0].pk,
                {"requested_on": requested.isoformat()},
            )
            notice_sent = requested + datetime.timedelta(days=1)
            held_on = _due(rules.HEARING_NOTICE.key, notice_sent) + datetime.timedelta(days=self._int(0, 7))
            later = self._at_day(t, held_on)
            if later is None:
                return
            t = later
            case["updated_at"] = self.dt(t)
            chair = rnd.choice([p for p in crew.officers if p not in investigators]).pk
            self.tables[Hearing].add(
                {
                    "id": self.tables[Hearing].new_id(),
                    "case_id": case_id,
                    "notice_id": notice["id"],
                    "chair_id": chair,
                    "notice_sent_on": self.day(notice_sent),
                    "held_on": self.day(held_on),
                    "record_signed": True,
                }
            )
            record(
                EnforcementEvent.HEARING_HELD,
                investigators[0].pk,
                {"chair": chair, "notice_sent_on": notice_sent.isoformat(), "held_on": held_on.isoformat()},
            )
        elif not waived:
            # The decision waits for the statement period to run out.
            later = self._at_day(t, statement_ends + datetime.timedelta(days=1))
            if later is None:
                return
            t = later
        # 法制审核 (submit_legal_review, review_case)
        if ground:
            for attempt in range(2):
                if not step(0, 3):
                    return
                case["stage"] = Stage.LEGAL_REVIEW.value
                record(EnforcementEvent.REVIEW_SUBMITTED, investigators[0].pk, {})
                if not step(1, 7):
                    return
                reviewer = rnd.choice(crew.reviewers)
                problems = attempt == 0 and rnd.random() < 0.1
                review_id = self.tables[LegalReview].new_id()
                self.tables[LegalReview].add(
                    {
                        "id": review_id,
                        "case_id": case_id,
                        "reviewer_id": reviewer.pk,
                        "reviewer_qualification_no": reviewer.legal_qualification_no,
                        "opinion": "problems" if problems else "agreed",
                        "reasons": "证据不足，建议补充现场勘验笔录。"
                        if problems
                        else "事实清楚，证据确实充分，适用依据正确，程序合法。",
                        "reviewed_on": self.day(self.local_day(t)),
                    }
                )
                record(
                    EnforcementEvent.REVIEW_GIVEN,
                    reviewer.pk,
                    {"review": review_id, "opinion": "problems" if problems else "agreed"},
                )
                if not problems:
                    break
                case["stage"] = Stage.NOTIFIED.value
        # 集体讨论 (record_collective_discussion)
        if major:
            if not step(1, 10):
                return
            minutes = f"关于{title}一案的集体讨论记录。"
            self.tables[CollectiveDiscussion].add(
                {
                    "id": self.tables[CollectiveDiscussion].new_id(),
                    "case_id": case_id,
                    "held_on": self.day(self.local_day(t)),
                    "attendees": "、".join(p.full_name for p in crew.heads),
                    "minutes": minutes,
                    "conclusion": "同意按拟处罚意见作出决定。",
                }
            )
            case["stage"] = Stage.COLLECTIVE_DISCUSSION.value
            record(
                EnforcementEvent.DISCUSSION_RECORDED,
                head,
                {"held_on": self.local_day(t).isoformat(), "minutes_sha256": _sha(minutes), "dissent": False},
            )
        # 决定 (decide)
        if not step(1, 10):
            return
        decided_on = self.local_day(t)
        overdue = decided_on > decision_due
        number_id, number_text = self.issue_number(
            crew, enforcement_services.DECISION_SERIES_KEY, decided_on, t, head, case_id
        )
        service_due = _due(rules.SERVICE.key, decided_on)
        self.tables[PenaltyDecision].add(
            {
                "id": self.tables[PenaltyDecision].new_id(),
                "case_id": case_id,
                "number_id": number_id,
                "decided_on": self.day(decided_on),
                "penalties": penalties,
                "penalty_kinds": kinds,
                "fine_fen": fine_fen,
                "basis": POWERS[power_index][3],
                "overdue_reason": "案情复杂，经负责人批准" if overdue else "",
                "service_due": self.day(service_due),
                "decided_by_id": head,
            }
        )
        case["stage"] = Stage.DECIDED.value
        case["clock_key"], case["clock_due"] = rules.SERVICE.key, self.day(service_due)
        record(
            EnforcementEvent.DECIDED,
            head,
            {
                "number": number_text,
                "penalties": penalties,
                "fine_fen": fine_fen,
                "decided_on": decided_on.isoformat(),
                "overdue": overdue,
            },
        )
        # 送达 (serve_decision)
        if not step(0, 6):
            return
        served = self.local_day(t)
        method = _weighted(rnd, SERVICE_METHODS)
        # 公告送达 takes effect thirty days on; electronic service rests on the party's signed consent.
        effective_on = rules.service_takes_effect(public_notice=method == "public_notice", served_on=served)
        payment_due = _due(rules.PAYMENT.key, effective_on) if fine_fen else None
        late = served > service_due
        if method == "electronic":
            self.tables[ServiceConsent].add(
                {
                    "id": self.tables[ServiceConsent].new_id(),
                    "case_id": case_id,
                    "channel": "email",
                    "address": f"party{party_id}@example.com",
                    "signed_on": self.day(served),
                    "recorded_by_id": investigators[0].pk,
                    "recorded_at": self.dt(t),
                }
            )
        self.tables[DecisionService].add(
            {
                "id": self.tables[DecisionService].new_id(),
                "case_id": case_id,
                "method": method,
                "served_on": self.day(served),
                "recipient": self.party_names[party_id][:100],
                "proof": "送达回证签收"
                if method in ("direct", "left")
                else f"挂号信 XA{self._below(10**9):09d}CN",
                "refused": method == "left",
                "late_reason": "当事人外出，无法按时送达" if late else "",
                "payment_due": self.day(payment_due),
                "served_by_id": investigators[0].pk,
                "public_notice_reason": "当事人下落不明，经多方查找未果" if method == "public_notice" else "",
            }
        )
        case["stage"] = Stage.SERVED.value
        case["clock_key"], case["clock_due"] = (
            (rules.PAYMENT.key, self.day(payment_due)) if payment_due else ("", None)
        )
        record(
            EnforcementEvent.SERVED,
            investigators[0].pk,
            {
                "method": method,
                "served_on": served.isoformat(),
                "refused": method == "left",
                "late": late,
                "payment_due": payment_due.isoformat() if payment_due else None,
            },
        )
        # 复议或诉讼 (start_remedy, end_remedy), rarely
        paused: list[tuple[datetime.date, datetime.date]] = []
        if rnd.random() < 0.03:
            if not step(5, 50):
                return
            remedy_id = self.tables[RemedyProceeding].new_id()
            kind = rnd.choice(("reconsideration", "litigation"))
            started_on = self.local_day(t)
            remedy: dict[str, Any] = {
                "id": remedy_id,
                "case_id": case_id,
                "kind": kind,
                "started_on": self.day(started_on),
            }
            self.tables[RemedyProceeding].add(remedy)
            record(
                EnforcementEvent.REMEDY_STARTED,
                head,
                {"remedy": remedy_id, "kind": kind, "started_on": started_on.isoformat()},
            )
            if not step(30, 90):
                return
            ended_on = self.local_day(t)
            remedy.update(
                {"ended_on": self.day(ended_on), "result": "upheld", "outcome": "维持原行政处罚决定"}
            )
            paused.append((started_on, ended_on))
            record(
                EnforcementEvent.REMEDY_ENDED,
                head,
                {
                    "remedy": remedy_id,
                    "ended_on": ended_on.isoformat(),
                    "result": "upheld",
                    "outcome": "维持原行政处罚决定",
                },
            )
        if not fine_fen:
            self._close_and_archive(crew, case, case_id, t, "warning_only", penalties)
            return
        assert payment_due is not None
        if rnd.random() < 0.85:
            if not step(1, 14):
                return
            self._bank_payment(crew, case, case_id, t, fine_fen, payment_due, investigators[0].pk, paused)
            self._close_and_archive(crew, case, case_id, t, "performed", penalties)
            return
        # 催告 (issue_demand), then payment or 申请强制执行 (apply_to_court)
        later = self._at_day(
            t, max(payment_due, self.local_day(t)) + datetime.timedelta(days=self._int(1, 20))
        )
        if later is None:
            return
        t = later
        case["updated_at"] = self.dt(t)
        demand_on = self.local_day(t)
        wait_until = _due(rules.DEMAND_WAIT.key, demand_on)
        self.tables[Demand].add(
            {
                "id": self.tables[Demand].new_id(),
                "case_id": case_id,
                "served_on": self.day(demand_on),
                "wait_until": self.day(wait_until),
                "issued_by_id": investigators[0].pk,
            }
        )
        case["stage"] = Stage.EXECUTING.value
        case["clock_key"], case["clock_due"] = rules.DEMAND_WAIT.key, self.day(wait_until)
        record(
            EnforcementEvent.DEMAND_ISSUED,
            investigators[0].pk,
            {"served_on": demand_on.isoformat(), "wait_until": wait_until.isoformat()},
        )
        if rnd.random() < 0.5:
            if not step(1, 14):
                return
            self._bank_payment(crew, case, case_id, t, fine_fen, payment_due, investigators[0].pk, paused)
            self._close_and_archive(crew, case, case_id, t, "performed", penalties)
            return
        window = rules.court_application_window(
            effective_on=effective_on,
            remedies=[
                rules.RemedyFacts(litigation=False, started_on=start, ended_on=end, withdrawn=False)
                for start, end in paused
            ],
        )
        opens = window.opens
        later = self._at_day(
            t,
            max(opens, wait_until + datetime.timedelta(days=1)) + datetime.timedelta(days=self._int(0, 60)),
        )
        if later is None:
            return
        t = later
        case["updated_at"] = self.dt(t)
        applied_on = self.local_day(t)
        court = rnd.choice(COURTS)
        self.tables[CourtApplication].add(
            {
                "id": self.tables[CourtApplication].new_id(),
                "case_id": case_id,
                "court": court,
                "applied_on": self.day(applied_on),
                "applied_by_id": head,
            }
        )
        case["clock_key"], case["clock_due"] = "", None
        record(EnforcementEvent.COURT_APPLIED, head, {"court": court, "applied_on": applied_on.isoformat()})
        if rnd.random() < 0.9 and step(60, 240):
            self._close_and_archive(
                crew, case, case_id, t, "enforcement_ended", "法院裁定准予强制执行，执行终结"
            )
