"""Issue 8: a random year built through the services of every app — cases to penalty decisions and
their publication, contracts, recording devices and enforcement credentials, major decisions,
petitions, study and training, the mediation centre and the prevention team — each record tallied in
plain Python as it is made, by the counting rule the figure's `source` states; then every figure of the
report must equal the tally. Two towns each get a year of their own (the other a smaller one), with
records of the years before and after, and each town's report is checked against its own tally only,
so a record of the other town or of another year that leaked into a figure would show.

The services refuse future dates, so each step runs on its own day under fazhi.demo.clock.simulated_day,
which fixes both timezone.localdate and timezone.now: a publication's time comes from the clock."""

from __future__ import annotations

import datetime
import itertools
import random
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import TypeVar

from conftest import World, credit_code, make_staff, resident_id
from fazhi.contracts import rules as contract_rules
from fazhi.contracts import services as contracts
from fazhi.contracts.models import ContractKind, ReviewOpinion
from fazhi.core import services as core_services
from fazhi.core.figures import FIGURES, Scope, Value, compute_all
from fazhi.core.models import (
    EnforcementCredential,
    IdType,
    Organisation,
    OrganisationKind,
    Party,
    PartyKind,
    Staff,
)
from fazhi.core.roles import Role
from fazhi.decisions import services as decisions
from fazhi.decisions.models import Outcome as DiscussionOutcome
from fazhi.demo.clock import simulated_day as on_day
from fazhi.disclosure import services as disclosure
from fazhi.disclosure.models import PublicationStatus
from fazhi.enforcement import services as enforcement
from fazhi.enforcement.models import DelegatedPower, PenaltyDecision, ReviewOpinionChoice
from fazhi.enforcement.rules import ReviewGrounds
from fazhi.governance import services as governance
from fazhi.governance.models import MeetingKind
from fazhi.learning import rules as learning_rules
from fazhi.learning import services as learning
from fazhi.learning.models import StudyKind, TrainingKind
from fazhi.mediation import services as mediation
from fazhi.mediation.models import DisputeCategory, Outcome
from fazhi.petitions import rules as petition_rules
from fazhi.petitions import services as petitions
from fazhi.petitions.models import Channel, Decision
from fazhi.prevention import services as prevention
from fazhi.prevention.models import ActivityKind, VolunteerRole
from fazhi.testing.contracts import stored

YEAR = 2023
SEED = 20230917
START = datetime.date(YEAR, 1, 1)
END = datetime.date(YEAR, 12, 31)
CHECKLIST = {"solved": "done", "educated": "not_applicable", "assisted": "not_applicable", "lawful": "done"}
PASSING = (ReviewOpinion.APPROVE, ReviewOpinion.APPROVE_WITH_CHANGES)
STUDY_KINDS = (StudyKind.CENTRAL_GROUP, StudyKind.EXECUTIVE_MEETING)
PUBLICITY = (ActivityKind.ANTI_FRAUD, ActivityKind.FIRE_SAFETY, ActivityKind.LEGAL_PUBLICITY)
LAWS = ("宪法", "民法典", "行政处罚法", "安全生产法", "土地管理法")


def days(n: int) -> datetime.timedelta:
    return datetime.timedelta(days=n)


def some_day(rng: random.Random, first: datetime.date, last: datetime.date) -> datetime.date:
    return first + days(rng.randrange((last - first).days + 1))


Choice = TypeVar("Choice")


def covering(rng: random.Random, choices: Sequence[Choice], count: int) -> list[Choice]:
    """`count` of the choices in random order: each of them at least once when there are enough."""
    if count < len(choices):
        return rng.sample(list(choices), count)
    drawn = [*choices, *(rng.choice(choices) for _ in range(count - len(choices)))]
    rng.shuffle(drawn)
    return drawn


# --------------------------------------------------------------------------------------- the tally


@dataclass
class Share:
    counted: int = 0
    rows: int = 0

    def add(self, counted: bool) -> None:
        self.rows += 1
        self.counted += counted

    @property
    def percent(self) -> Decimal | None:
        if not self.rows:
            return None
        return (Decimal(100 * self.counted) / self.rows).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


@dataclass
class Tally:
    """One town's year as the figures should state it, counted record by record."""

    counts: Counter[str] = field(default_factory=Counter)
    shares: defaultdict[str, Share] = field(default_factory=lambda: defaultdict(Share))
    training_hours: Decimal = Decimal(0)
    hours_by_staff: defaultdict[int, Decimal] = field(default_factory=lambda: defaultdict(Decimal))
    laws: Counter[str] = field(default_factory=Counter)
    categories: defaultdict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0]))
    credentialed: set[int] = field(default_factory=set)  # staff holding a valid credential on 31 December
    with_device: set[int] = field(default_factory=set)  # staff holding a camera on 31 December
    centre_opened: datetime.date | None = None
    key_cleared: Share = field(default_factory=Share)


@dataclass
class Cast:
    """A town's people, parties and settings, and the tally of its year."""

    town: Organisation
    admin: Staff
    head: Staff
    officers: list[Staff]  # the first two hold credentials valid all through and investigate
    auxiliaries: list[Staff]
    reviewer: Staff
    counsel: Staff
    clerk: Staff
    mediator: Staff
    office: Organisation
    village: Organisation
    power: DelegatedPower
    people: list[Party]
    minor: Party
    company: Party
    tally: Tally = field(default_factory=Tally)

    @property
    def enforcement_staff(self) -> list[Staff]:
        return [*self.officers, *self.auxiliaries]


NUMBERS = itertools.count(1)


def credential(
    admin: Staff, person: Staff, valid_from: datetime.date, valid_to: datetime.date
) -> EnforcementCredential:
    return core_services.add_credential(
        admin,
        person,
        number=f"120100{next(NUMBERS):05d}",
        category="综合行政执法",
        issuer="天津市人民政府",
        valid_from=valid_from,
        valid_to=valid_to,
    )


def make_cast(
    world: World, *, town: Organisation, admin: Staff, prefix: str, code: str, region: str, officers: int
) -> Cast:
    """The town's staff (`officers` more officers beside the two investigators, one auxiliary for
    every two of them), its number series, a delegated power and the parties its records name."""
    system = world.system

    def unit(name: str, kind: str = OrganisationKind.DEPARTMENT) -> Organisation:
        return core_services.create_organisation(system, name=name, kind=kind, parent=town)

    team = world.enforcement_team if town == world.town else unit("综合行政执法队")
    village = world.village if town == world.town else unit("一村", OrganisationKind.VILLAGE)

    def staff(
        name: str, roles: list[Role], full_name: str, where: Organisation = town, **extra: str
    ) -> Staff:
        return make_staff(system, where, f"{prefix}-{name}", roles, full_name=full_name, **extra)

    def person(name: str, born: str, serial: int) -> Party:
        data = core_services.PartyInput(
            kind=PartyKind.PERSON,
            name=name,
            id_type=IdType.RESIDENT_ID,
            id_number=resident_id(f"{region}{born}{serial:03d}"),
        )
        return core_services.register_party(admin, data).party

    for key, suffix, name in (
        (enforcement.FILING_SERIES_KEY, "立", "立案号"),
        (enforcement.DECISION_SERIES_KEY, "罚", "行政处罚决定书"),
        (enforcement.SUMMARY_SERIES_KEY, "当", "当场处罚决定书"),
        (contract_rules.REVIEW_SERIES_KEY, "合审", "合同审查意见"),
        (petition_rules.OPINION_SERIES_KEY, "信处", "信访处理意见书"),
    ):
        core_services.create_number_series(system, organisation=town, key=key, code=code + suffix, name=name)
    cast = Cast(
        town=town,
        admin=admin,
        head=staff("head", [Role.HEAD], "镇长"),
        officers=[staff(f"officer{n}", [Role.OFFICER], f"执法员{n}", team) for n in range(1, officers + 3)],
        auxiliaries=[
            staff(f"aux{n}", [Role.AUXILIARY], f"协管员{n}", team) for n in range(1, officers // 2 + 1)
        ],
        reviewer=staff("reviewer", [Role.LEGAL_REVIEWER], "审核员", legal_qualification_no="A20150001"),
        counsel=staff("counsel", [Role.LEGAL_COUNSEL], "法律顾问"),
        clerk=staff("clerk", [Role.PETITION_STAFF], "信访员"),
        mediator=staff("mediator", [Role.MEDIATOR], "调解员"),
        office=unit("党政办"),
        village=village,
        power=enforcement.add_delegated_power(
            admin,
            code="TJ-CG-001",
            name="擅自占用城市道路",
            category="城市建设管理",
            legal_basis="《城市道路管理条例》第二十七条、第四十二条",
        ),
        people=[person(f"{surname}某", "19800101", n) for n, surname in enumerate("刘陈马王李赵", start=1)],
        # Under 18 when the act was done: the decision is counted, its publication withheld.
        # Sixteen in the year: a penalty, lightened (art. 30); a child under fourteen gets none.
        minor=person("孙某某", "20070315", 9),
        company=core_services.register_party(
            admin,
            core_services.PartyInput(
                kind=PartyKind.ORGANISATION,
                name=f"{town.name}建材有限公司",
                uscc=credit_code(f"91{region}MA05XK2Q1"),
                legal_representative="马某",
            ),
        ).party,
    )
    for investigator in cast.officers[:2]:
        credential(admin, investigator, datetime.date(YEAR - 3, 1, 1), datetime.date(YEAR + 3, 12, 31))
        cast.tally.credentialed.add(investigator.pk)
    return cast


# ---------------------------------------------------------------------- credentials and body cameras

CREDENTIAL_STATES = ["valid", "lapsed", "last_day", "not_yet", "revoked", "revoked_later", "none"]
DEVICE_STATES = ["held", "returned", "returned_later", "last_day", "from_next_year", "handed_on", "none"]


def credentials_and_devices(c: Cast, rng: random.Random) -> None:
    """年末持证 and 年末配备执法记录仪, each person in a state drawn at random: a credential valid at the
    year's end (to its very last day, or revoked only later) counts; lapsed, revoked, not yet valid or
    none does not. A camera held on 31 December counts, by whatever way it came or went."""
    tally = c.tally
    others = c.officers[2:]
    for person, state in zip(others, covering(rng, CREDENTIAL_STATES, len(others)), strict=True):
        if state == "none":
            continue
        first, last = datetime.date(YEAR - 2, 3, 1), datetime.date(YEAR + 2, 3, 1)
        if state == "lapsed":
            last = some_day(rng, START, END - days(1))
        elif state == "last_day":
            last = END
        elif state == "not_yet":
            first = some_day(rng, END + days(1), END + days(60))
        held = credential(c.admin, person, first, last)
        if state.startswith("revoked"):
            revoked = some_day(rng, START, END) if state == "revoked" else END + days(rng.randrange(1, 90))
            core_services.revoke_credential(c.admin, held, revoked_on=revoked, reason="调离执法岗位。")
        if state in ("valid", "last_day", "revoked_later"):
            tally.credentialed.add(person.pk)
    staff = c.enforcement_staff
    serials = itertools.count(1)
    for person, state in zip(staff, covering(rng, DEVICE_STATES, len(staff)), strict=True):
        if state == "none":
            continue
        device = enforcement.add_device(c.admin, number=f"JL-{next(serials):03d}", model_name="DSJ-V9")
        given = some_day(rng, datetime.date(YEAR - 1, 1, 1), END - days(30))
        if state == "from_next_year":
            given = some_day(rng, END + days(1), END + days(90))
        enforcement.assign_device(c.admin, device, staff=person, valid_from=given)
        if state in ("returned", "returned_later", "last_day"):
            back = {
                "returned": some_day(rng, given, END - days(1)),
                "returned_later": END + days(rng.randrange(1, 60)),
                "last_day": END,
            }[state]
            enforcement.return_device(c.admin, device, valid_to=back)
        elif state == "handed_on":
            # Handing the camera on to the first investigator ends this person's use the day before.
            enforcement.assign_device(c.admin, device, staff=c.officers[0], valid_from=END - days(10))
            tally.with_device.add(c.officers[0].pk)
        if state in ("held", "returned_later", "last_day"):
            tally.with_device.add(person.pk)


# ----------------------------------------------------------------------------------- enforcement

REVIEWS = {
    # plan: (art. 58 grounds recorded, the opinions given in turn)
    "required": (True, [ReviewOpinionChoice.AGREED]),
    "required_after_problems": (True, [ReviewOpinionChoice.PROBLEMS, ReviewOpinionChoice.AGREED]),
    "optional": (False, [ReviewOpinionChoice.AGREED]),
    "optional_problems": (False, [ReviewOpinionChoice.PROBLEMS]),
    "none": (False, []),
}
TIMINGS = ["within", "late", "extended", "extended_late"]
PUBLICATIONS = ["on_time", "late", "draft", "withdrawn", "none"]


@dataclass(frozen=True)
class CasePlan:
    filed_on: datetime.date
    review: str
    timing: str
    lag: int  # days after filing ("within") or after the deadline in force (the others)
    publication: str
    party: Party


def ordinary_case(c: Cast, rng: random.Random, plan: CasePlan) -> None:
    """普通程序 from the lead to the decision, and the decision's publication."""
    officer, partner = c.officers[:2]
    grounds, opinions = REVIEWS[plan.review]
    with on_day(plan.filed_on):
        case = enforcement.register_lead(
            officer,
            title="占道经营",
            source="patrol",
            received_on=plan.filed_on,
            act_on=plan.filed_on - days(3),
            place="镇政府路",
        )
        case = enforcement.file_case(
            c.head,
            case,
            party=plan.party,
            power=c.power,
            act_ended_on=case.act_on,
            endangers_life_health_or_finance=False,
        )
        enforcement.start_investigation(officer, case, investigators=[officer, partner])
    notified_on = plan.filed_on + days(2)
    fine = rng.randrange(2, 50) * 100_00
    with on_day(notified_on):
        enforcement.close_investigation(
            officer,
            case,
            outcome="penalty",
            findings="占道经营属实，有现场照片及询问笔录为证。",
            review_grounds=ReviewGrounds(major_public_interest=grounds),
            major_or_complex=False,
        )
        enforcement.issue_notice(
            officer,
            case,
            proposed_penalties="罚款",
            penalty_kinds=["fine"],
            proposed_fine_fen=fine,
            facts="当事人在镇政府路占道经营。",
            served_on=notified_on,
            statement_working_days=3,
        )
        enforcement.record_defence(officer, case, statement="", waived=True)
    assert case.decision_due is not None
    due = ninety_days = case.decision_due
    if plan.timing.startswith("extended"):
        with on_day(notified_on):
            due = enforcement.extend_decision_period(
                c.head, case, days=30, reason="案情复杂，需补充调查。"
            ).new_due
    decided_on = {
        "within": plan.filed_on + days(plan.lag),
        "late": ninety_days + days(plan.lag),
        "extended": ninety_days + days(plan.lag),  # past the 90 days, within the extension
        "extended_late": due + days(plan.lag),
    }[plan.timing]
    reviewed_on = max(notified_on, decided_on - days(rng.randrange(2)))
    reviewed = False
    for opinion in opinions:
        with on_day(reviewed_on):
            enforcement.submit_legal_review(officer, case)
            enforcement.review_case(c.reviewer, case, opinion=opinion, reasons="事实清楚，依据正确。")
        # 决定前经法制审核且意见为同意: an opinion of 存在问题 alone does not count.
        reviewed = reviewed or opinion == ReviewOpinionChoice.AGREED
    with on_day(decided_on):
        decision = enforcement.decide(
            c.head,
            case,
            enforcement.DecisionInput(
                penalty_kinds=["fine"],
                penalties="罚款",
                fine_fen=fine,
                basis="《城市道路管理条例》第四十二条",
                overdue_reason="当事人下落不明，延误调查。" if decided_on > due else "",
                # Sixteen at the time: the penalty is lightened (art. 30).
                mitigation="lighter" if plan.party == c.minor else "",
                discretion_reasons="当事人系未成年人，依法从轻处罚。" if plan.party == c.minor else "",
            ),
        )
    tally = c.tally
    if decided_on.year == YEAR:
        tally.counts["penalty_decisions"] += 1
        tally.shares["decisions_on_time"].add(decided_on <= due)
        if grounds:  # only the decisions art. 58 required a review for
            tally.shares["legal_review_coverage"].add(reviewed)
    publish(c, rng, decision, plan.publication)


def on_spot_case(c: Cast, rng: random.Random, day: datetime.date, publication: str) -> None:
    """简易程序: decided and handed over on the spot, never an ordinary-procedure decision."""
    officer, partner = c.officers[:2]
    warning = rng.random() < 0.3
    with on_day(day):
        case = enforcement.decide_on_spot(
            officer,
            enforcement.OnSpotDecision(
                party=rng.choice(c.people),
                power=c.power,
                co_officer=partner,
                title="占道经营",
                place="镇政府路",
                act_on=day,
                facts="当事人在镇政府路占道经营，当场改正。",
                basis="《城市道路管理条例》第四十二条",
                warning_only=warning,
                fine_fen=0 if warning else rng.randrange(1, 5) * 50_00,
                defence_waived=True,
            ),
        )
    if day.year == YEAR:
        c.tally.counts["penalty_decisions"] += 1
    publish(c, rng, PenaltyDecision.objects.get(case=case), publication)


def publish(c: Cast, rng: random.Random, decision: PenaltyDecision, plan: str) -> None:
    """公示: within the 7 working days, late, never (left a draft), published then withdrawn, or not
    even drafted. A decision against a minor is withheld when drafted, whatever the plan."""
    decided_on = decision.decided_on
    # Every decision of the year that must be published counts: one never drafted, or left a draft,
    # was not published in time; one lawfully withheld (a minor's) does not count at all.
    on_time = c.tally.shares["publications_on_time"] if decided_on.year == YEAR else Share()
    if plan == "none":
        on_time.add(False)
        return
    with on_day(decided_on):
        publication = disclosure.prepare_publication(c.officers[0], decision)
    if publication.status == PublicationStatus.NOT_PUBLISHED:
        return
    if plan == "draft":
        on_time.add(False)
        return
    if plan == "late":
        day = publication.due_on + days(rng.randrange(1, 30))
    else:
        day = some_day(rng, decided_on, publication.due_on)
    with on_day(day):
        disclosure.publish(c.head, publication)
    if plan == "withdrawn":
        with on_day(day + days(rng.randrange(20, 90))):
            disclosure.withdraw(c.head, publication, reason="复议机关撤销原处罚决定。")
    tally = c.tally
    if day.year == YEAR:
        tally.counts["penalties_published"] += 1
    on_time.add(day <= publication.due_on)


def enforcement_year(c: Cast, rng: random.Random, *, cases: int, on_spot: int, boundaries: bool) -> None:
    reviews = covering(rng, list(REVIEWS), cases)
    timings = covering(rng, TIMINGS, cases)
    publications = covering(rng, PUBLICATIONS, cases)
    plans = []
    for review, timing, publication in zip(reviews, timings, publications, strict=True):
        # Filed by mid-July, so that even the latest decision (90 + 30 + 25 days on) falls in the year.
        filed_on = some_day(rng, datetime.date(YEAR, 1, 4), datetime.date(YEAR, 7, 20))
        lag = rng.randrange(4, 80) if timing == "within" else rng.randrange(1, 26)
        plans.append(CasePlan(filed_on, review, timing, lag, publication, rng.choice([*c.people, c.company])))
    if boundaries:
        plans += [
            # decided in the year, filed the year before
            CasePlan(datetime.date(YEAR - 1, 11, 20), "required", "within", 51, "on_time", c.people[0]),
            # decided the year before, published late in the year
            CasePlan(datetime.date(YEAR - 1, 11, 1), "none", "within", 56, "late", c.people[1]),
            # decided at the year's end, published late the next year
            CasePlan(datetime.date(YEAR, 11, 1), "optional", "within", 57, "late", c.company),
            # filed in the year, decided the next
            CasePlan(datetime.date(YEAR, 12, 10), "required", "within", 36, "on_time", c.people[2]),
            # against a minor: decided and counted, never published
            CasePlan(datetime.date(YEAR, 5, 8), "none", "within", 20, "on_time", c.minor),
        ]
    for plan in plans:
        ordinary_case(c, rng, plan)
    for publication in covering(rng, PUBLICATIONS, on_spot):
        on_spot_case(
            c, rng, some_day(rng, datetime.date(YEAR - 1, 12, 1), datetime.date(YEAR + 1, 1, 31)), publication
        )


# ------------------------------------------------------------------------------------------ contracts

CONTRACT_PLANS = [
    [ReviewOpinion.APPROVE],
    [ReviewOpinion.APPROVE_WITH_CHANGES],
    [ReviewOpinion.REJECT],
    [ReviewOpinion.REJECT, ReviewOpinion.APPROVE],
    [ReviewOpinion.APPROVE_WITH_CHANGES, ReviewOpinion.APPROVE],
    [],
]


def contract(
    c: Cast,
    rng: random.Random,
    received_on: datetime.date,
    reviews: Sequence[tuple[datetime.date, str]],
    signed_on: datetime.date | None,
) -> None:
    """送审, each review (a revised text resubmitted the day it is reviewed again), and signing."""
    with on_day(received_on):
        held = contracts.register_contract(
            c.admin,
            contracts.ContractInput(
                title=f"合同{next(NUMBERS)}",
                kind=rng.choice(list(ContractKind)),
                amount_fen=rng.randrange(1, 500) * 1000_00,
                counterparty=c.company,
                department=c.office,
                received_on=received_on,
            ),
            drafts=[stored()],
        )
    for index, (day, opinion) in enumerate(reviews):
        with on_day(day):
            if index:
                contracts.resubmit_contract(c.admin, held, received_on=day, drafts=[stored("修改稿.pdf")])
            contracts.review_contract(c.counsel, held, opinion=opinion, reasons="条款合法，权利义务明确。")
    if signed_on is not None:
        with on_day(signed_on):
            contracts.sign_contract(
                c.head,
                held,
                signed_on=signed_on,
                changes_confirmed=reviews[-1][1] == ReviewOpinion.APPROVE_WITH_CHANGES,
            )
    tally = c.tally
    # 同一合同多次审查计一份: one contract, however many of its reviews fall in the year.
    if any(day.year == YEAR for day, _ in reviews):
        tally.counts["contracts_reviewed"] += 1
    if signed_on is not None and signed_on.year == YEAR:
        tally.shares["contracts_signed_reviewed"].add(any(opinion in PASSING for _, opinion in reviews))


def contracts_year(c: Cast, rng: random.Random, *, count: int, boundaries: bool) -> None:
    """The services sign nothing without a passing review, so the signed share is always 100%."""
    for opinions in covering(rng, CONTRACT_PLANS, count):
        received_on = some_day(rng, datetime.date(YEAR, 1, 4), datetime.date(YEAR, 10, 31))
        day, reviews = received_on, []
        for opinion in opinions:
            day += days(rng.randrange(1, 20))
            reviews.append((day, opinion))
        signable = bool(reviews) and reviews[-1][1] in PASSING
        signed_on = day + days(rng.randrange(0, 30)) if signable and rng.random() < 0.8 else None
        contract(c, rng, received_on, reviews, signed_on)
    if boundaries:
        year_before = datetime.date(YEAR - 1, 12, 10)
        # reviewed the year before, signed in the year
        contract(
            c, rng, year_before, [(year_before + days(8), ReviewOpinion.APPROVE)], datetime.date(YEAR, 1, 5)
        )
        # rejected the year before, passed in the year: reviewed in the year
        contract(
            c,
            rng,
            year_before,
            [
                (year_before + days(15), ReviewOpinion.REJECT),
                (datetime.date(YEAR, 1, 9), ReviewOpinion.APPROVE),
            ],
            None,
        )
        # reviewed in the year, signed the next
        contract(
            c,
            rng,
            datetime.date(YEAR, 12, 15),
            [(datetime.date(YEAR, 12, 20), ReviewOpinion.APPROVE_WITH_CHANGES)],
            datetime.date(YEAR + 1, 1, 10),
        )


# ----------------------------------------------------------------------------------- major decisions

FATES = ["preparing", "adopted", "published", "not_adopted", "postponed"]


def major_decision(c: Cast, *, year: int, started_on: datetime.date, fate: str) -> None:
    """The catalogue item of `year` through public comment, legality review and collective discussion."""
    admin = c.admin
    with on_day(started_on):
        item = decisions.add_catalogue_item(
            admin, year=year, title=f"决策事项{next(NUMBERS)}", department=c.office
        )
        decision = decisions.register_decision(
            admin, item, summary="决策草案说明。", needs_expert=False, needs_risk=False
        )
        if fate == "preparing":
            return
        closes_on = started_on + days(30)
        decisions.open_comment_period(
            admin, decision, draft="征求意见稿。", opens_on=started_on, closes_on=closes_on
        )
    discussed_on = closes_on + days(1)
    with on_day(discussed_on):
        decisions.submit_legality_review(admin, decision, due_on=discussed_on + days(20))
        decisions.give_legality_opinion(c.counsel, decision, passed=True, opinion="合法。")
        outcome = {
            "not_adopted": DiscussionOutcome.NOT_ADOPTED,
            "postponed": DiscussionOutcome.POSTPONED,
        }.get(fate, DiscussionOutcome.ADOPTED)
        decisions.record_discussion(
            c.head,
            decision,
            decisions.DiscussionInput(
                meeting_on=discussed_on,
                meeting="镇政府常务会议",
                attendees=[c.head, admin],
                presided_by=c.head,
                head_spoke_last=True,
                outcome=outcome,
                dissent="",
            ),
        )
    if fate == "published":
        with on_day(discussed_on + days(3)):
            decisions.publish_decision(
                admin, decision, published_on=discussed_on + days(3), where="镇政府网站"
            )
    # 列入当年目录、经集体讨论通过或已公布: one rejected or postponed was not made.
    if year == YEAR and fate in ("adopted", "published"):
        c.tally.counts["major_decisions"] += 1


def decisions_year(c: Cast, rng: random.Random, *, count: int, boundaries: bool) -> None:
    for fate in covering(rng, FATES, count):
        major_decision(
            c,
            year=YEAR,
            started_on=some_day(rng, datetime.date(YEAR, 1, 9), datetime.date(YEAR, 9, 30)),
            fate=fate,
        )
    if boundaries:
        # the year before's item, discussed in the year; the next year's item, added in December
        major_decision(c, year=YEAR - 1, started_on=datetime.date(YEAR - 1, 12, 5), fate="adopted")
        major_decision(c, year=YEAR + 1, started_on=datetime.date(YEAR, 11, 20), fate="adopted")
        # the year's item, discussed only the next year: still the year's
        major_decision(c, year=YEAR, started_on=datetime.date(YEAR, 12, 11), fate="adopted")


# ---------------------------------------------------------------------------------------- petitions

PETITION_FATES = ["declined", "open", "on_time", "late", "extended"]


def petition(c: Cast, rng: random.Random, *, received_on: datetime.date, fate: str, key: bool) -> None:
    clerk = c.clerk
    with on_day(received_on):
        held = petitions.register_petition(
            clerk,
            petitions.PetitionInput(
                received_on=received_on,
                channel=rng.choice([Channel.VISIT, Channel.LETTER, Channel.ONLINE]),
                person_count=rng.randrange(2, 9),
                petitioners=rng.sample(c.people, 2),
                request="要求修复村内道路。",
                facts_and_reasons="村主路被运输车辆压坏。",
            ),
        )
    decided_on = received_on + days(rng.randrange(0, 10))
    due: datetime.date | None = None
    with on_day(decided_on):
        if fate == "declined":
            petitions.decline_petition(
                clerk,
                held,
                decided_on=decided_on,
                notice_on=decided_on,
                reason="属于诉讼途径解决的事项。",
                route="依法向人民法院提起诉讼。",
            )
        else:
            held = petitions.accept_petition(clerk, held, decided_on=decided_on, notice_on=decided_on)
            due = held.due_on
            if key:
                petitions.mark_key_matter(clerk, held, leader=c.head, team=[clerk, c.admin])
    concluded_on = None
    if fate == "extended":
        approved_on = decided_on + days(50)
        with on_day(approved_on):
            due = petitions.extend_handling(
                c.head,
                held,
                days=30,
                reason="需协调交通部门。",
                approved_on=approved_on,
                notice_on=approved_on,
            ).due_on
        concluded_on = decided_on + days(rng.randrange(61, 85))
    elif fate == "on_time":
        assert due is not None
        concluded_on = some_day(rng, decided_on, due)
    elif fate == "late":
        assert due is not None
        concluded_on = due + days(rng.randrange(1, 30))
    if concluded_on is not None:
        with on_day(concluded_on + days(1)):
            petitions.issue_opinion(
                clerk,
                held,
                petitions.OpinionInput(
                    request="要求修复村内道路。",
                    facts="村主路约800米路面破损。",
                    reasons="道路养护属镇政府职责。",
                    decision=Decision.SUPPORT,
                    basis="《农村公路养护管理办法》第五条。",
                    issued_on=concluded_on,
                    served_on=concluded_on + days(1),
                ),
            )
    if received_on.year == YEAR:
        tally = c.tally
        tally.counts["petitions_received"] += 1
        if key:
            tally.counts["key_petitions"] += 1
            assert due is not None
            tally.key_cleared.add(concluded_on is not None and concluded_on <= due)


def petitions_year(c: Cast, rng: random.Random, *, count: int, keys: list[str], boundaries: bool) -> None:
    """`keys`: the fates of the year's key matters; the rest are drawn, none of them key."""
    for fate in keys:
        received_on = some_day(rng, datetime.date(YEAR, 1, 4), datetime.date(YEAR, 9, 30))
        petition(c, rng, received_on=received_on, fate=fate, key=True)
    for fate in covering(rng, PETITION_FATES, count):
        received_on = some_day(rng, datetime.date(YEAR, 1, 4), datetime.date(YEAR, 9, 30))
        petition(c, rng, received_on=received_on, fate=fate, key=False)
    if boundaries:
        petition(c, rng, received_on=datetime.date(YEAR - 1, 12, 20), fate="late", key=True)
        petition(c, rng, received_on=datetime.date(YEAR + 1, 1, 5), fate="open", key=True)


# ------------------------------------------------------------------------ learning, mediation, prevention


def learning_year(c: Cast, rng: random.Random, *, sessions: int, trainings: int) -> None:
    tally = c.tally
    for _ in range(sessions):
        kind = rng.choice(list(StudyKind))
        chosen = rng.sample(LAWS, k=rng.randrange(1, 3))
        held_on = some_day(rng, datetime.date(YEAR - 1, 12, 1), datetime.date(YEAR + 1, 1, 31))
        with on_day(held_on):
            learning.record_study_session(
                c.admin,
                learning.StudyInput(
                    kind=kind,
                    held_on=held_on,
                    topic="学法",
                    laws="、".join(chosen),
                    lecturer="讲师",
                    attendees=[c.admin, c.head],
                ),
                materials=[],
            )
        if held_on.year != YEAR:
            continue
        if kind in STUDY_KINDS:
            tally.counts["study_sessions"] += 1
            tally.laws.update(chosen)
        elif kind == StudyKind.LECTURE:
            tally.counts["lectures"] += 1
    for _ in range(trainings):
        training_kind = rng.choice(list(TrainingKind))
        hours = Decimal(rng.randrange(1, 61)) / 2
        attendees = [person for person in c.enforcement_staff if rng.random() < 0.5] or [c.officers[0]]
        held_on = some_day(rng, datetime.date(YEAR - 1, 12, 1), datetime.date(YEAR + 1, 1, 31))
        with on_day(held_on):
            learning.record_training(
                c.admin,
                learning.TrainingInput(
                    kind=training_kind,
                    held_on=held_on,
                    topic="培训",
                    hours=hours,
                    trainer="讲师",
                    attendees=attendees,
                ),
                materials=[],
            )
        if held_on.year != YEAR:
            continue
        tally.training_hours += hours
        tally.counts["trainings_recording"] += training_kind == TrainingKind.RECORDING_EQUIPMENT
        tally.counts["trainings_all_staff"] += training_kind == TrainingKind.ALL_STAFF
        for person in attendees:
            tally.hours_by_staff[person.pk] += hours


def mediation_year(c: Cast, rng: random.Random, *, visits: int, opened_on: datetime.date | None) -> None:
    """Visits from before the year to after it; a centre opened in the year counts from its opening."""
    tally = c.tally
    if opened_on is not None:
        with on_day(opened_on):
            mediation.record_centre_opening(c.admin, name="社会矛盾纠纷调处化解中心", opened_on=opened_on)
        tally.centre_opened = opened_on
    counted_from = opened_on or START
    leaves = list(DisputeCategory.objects.filter(children__isnull=True).select_related("parent"))
    for _ in range(visits):
        leaf = rng.choice(leaves)
        persons = rng.randrange(1, 6)
        received_on = some_day(rng, datetime.date(YEAR - 1, 12, 1), datetime.date(YEAR + 1, 1, 31))
        with on_day(received_on):
            dispute = mediation.register_dispute(
                c.mediator,
                mediation.DisputeInput(
                    received_on=received_on,
                    channel="visit",
                    category=leaf,
                    visitor_count=persons,
                    visitors=rng.sample(c.people, k=min(persons, 2)),
                    summary="纠纷事由",
                    claims="诉求",
                ),
            )
        closed_on = received_on + days(rng.randrange(0, 60)) if rng.random() < 0.75 else None
        if closed_on is not None:
            with on_day(closed_on):
                mediation.close_dispute(
                    c.mediator,
                    dispute,
                    mediation.ClosureInput(
                        outcome=rng.choice([Outcome.BY_LAW, Outcome.TRANSFERRED, Outcome.GUIDED]),
                        closed_on=closed_on,
                        note="已依法处理并告知当事人。",
                        checklist=CHECKLIST,
                    ),
                )
        if not counted_from <= received_on <= END:
            continue
        top = leaf.parent.name if leaf.parent else leaf.name
        tally.categories[top][0] += 1
        tally.categories[top][1] += persons
        tally.counts["mediation_batches"] += 1
        tally.counts["mediation_persons"] += persons
        tally.shares["mediation_disposed"].add(closed_on is not None)
        tally.shares["mediation_on_time"].add(closed_on is not None and closed_on <= dispute.due_on)


def prevention_year(c: Cast, rng: random.Random, *, members: int, activities: int) -> None:
    tally = c.tally
    for index in range(members):
        joined_on = some_day(rng, datetime.date(YEAR - 2, 1, 1), datetime.date(YEAR + 1, 6, 30))
        with on_day(joined_on):
            member = prevention.add_volunteer(
                c.mediator,
                name=f"队员{index}",
                role=rng.choice(list(VolunteerRole)),
                village=c.village,
                joined_on=joined_on,
            )
        left_on = None
        if rng.random() < 0.35:
            # Sometimes the very last day of the year: service includes its last day.
            left_on = END if rng.random() < 0.2 else joined_on + days(rng.randrange(0, 700))
            left_on = max(left_on, joined_on)
            with on_day(left_on):
                prevention.end_service(c.mediator, member, left_on=left_on, reason="搬离本村")
        tally.counts["prevention_team"] += joined_on <= END and (left_on is None or left_on >= END)
    for _ in range(activities):
        kind = rng.choice(list(ActivityKind))
        people = rng.randrange(0, 300)
        held_on = some_day(rng, datetime.date(YEAR - 1, 11, 1), datetime.date(YEAR + 1, 2, 28))
        with on_day(held_on):
            prevention.record_activity(
                c.mediator,
                held_on=held_on,
                place="村委会",
                kind=kind,
                description="",
                materials_handed_out=10,
                people_reached=people,
                volunteers=[],
            )
        if held_on.year == YEAR and kind in PUBLICITY:
            tally.counts["publicity_events"] += 1
            tally.counts["publicity_reached"] += people


# ------------------------------------------------------------------------------------ 依法治镇

TASK_FATES = ["on_time", "late_done", "open"]
SILENT_DAYS = 30  # the default interval: neither town sets its own


def longest_gap(marks: list[datetime.date]) -> int:
    ordered = sorted(marks)
    return max(((later - earlier).days for earlier, later in itertools.pairwise(ordered)), default=0)


def key_task(c: Cast, rng: random.Random, *, deployed_on: datetime.date, fate: str) -> None:
    """A task with 反馈 every 10 to 45 days, completed on time, late or not at all, perhaps 督办 once by
    the head: each step on its own day, the tally counted as the figures' sources state."""
    deadline = deployed_on + days(rng.randrange(20, 200))
    completed_on = {
        "on_time": some_day(rng, deployed_on, deadline),
        "late_done": deadline + days(rng.randrange(1, 60)),
        "open": None,
    }[fate]
    with on_day(deployed_on):
        task = governance.register_task(
            c.head,
            governance.TaskInput(
                year=deployed_on.year,
                source_title="年度重点工作安排",
                source_number="",
                title=f"重点工作{next(NUMBERS)}",
                department=c.office,
                lead=c.admin,
                deployed_on=deployed_on,
                deadline=deadline,
            ),
        )
    last_day = completed_on or END + days(40)
    reports: list[datetime.date] = []
    day = deployed_on + days(rng.randrange(10, 46))
    while day <= last_day:
        reports.append(day)
        day += days(rng.randrange(10, 46))
    acted_on = some_day(rng, deployed_on, last_day) if rng.random() < 0.4 else None
    steps = sorted([*((report, "report") for report in reports), *([(acted_on, "act")] if acted_on else [])])
    for day, step in steps:
        with on_day(day):
            if step == "report":
                governance.report_feedback(c.admin, task, reported_on=day, text="推进中")
            elif task.status == "in_progress" and (completed_on is None or day < completed_on):
                governance.head_act(c.head, task, kind="supervise", acted_on=day, note="请加快进度")
                c.tally.counts["supervision_notices"] += day.year == YEAR
    if completed_on is not None:
        with on_day(completed_on):
            governance.complete_task(c.admin, task, completed_on=completed_on, note="完成")
    if deployed_on.year != YEAR:
        return
    counts = c.tally.counts
    counts["key_tasks_deployed"] += 1
    counts["key_tasks_on_time"] += completed_on is not None and completed_on <= deadline
    counts["key_tasks_late"] += (completed_on or END + days(1)) > deadline and (
        completed_on is not None or deadline < END
    )
    until = min(completed_on or END, END)
    counts["key_tasks_silent"] += (
        longest_gap([deployed_on, *(r for r in reports if r <= until), until]) > SILENT_DAYS
    )


def governance_year(c: Cast, rng: random.Random, *, committee: bool, meetings: int, tasks: int) -> None:
    if committee:
        with on_day(datetime.date(YEAR, 2, 3)):
            governance.set_committee(
                c.admin, name=f"{c.town.name}全面依法治镇委员会", established_on=datetime.date(YEAR, 2, 3)
            )
        c.tally.counts["committee"] = 1
    for _ in range(meetings):
        kind = rng.choice(list(MeetingKind))
        held_on = some_day(rng, datetime.date(YEAR - 1, 12, 1), datetime.date(YEAR + 1, 1, 31))
        with on_day(held_on):
            governance.record_meeting(
                c.admin,
                governance.MeetingInput(
                    kind=kind,
                    held_on=held_on,
                    title="会议",
                    topics="议题",
                    decisions="议定",
                    attendees=[c.head],
                ),
            )
        c.tally.counts["governance_meetings"] += held_on.year == YEAR and kind != MeetingKind.STUDY
    for fate in covering(rng, TASK_FATES, tasks):
        deployed_on = some_day(rng, datetime.date(YEAR - 1, 11, 1), datetime.date(YEAR, 12, 20))
        key_task(c, rng, deployed_on=deployed_on, fate=fate)


# ------------------------------------------------------------------ what the report should state


def laws_wording(laws: Counter[str]) -> str:
    ranked = sorted(laws, key=lambda name: (-laws[name], name))
    shown = [name for name in ranked if laws[name] > 1][:3] or ranked[:2]
    return "、".join(f"《{name}》" for name in shown)


def categories_wording(categories: dict[str, list[int]]) -> str:
    ranked = sorted(categories, key=lambda top: (top == "其他", -categories[top][0], top))
    return "，".join(
        f"其他类别{categories[top][0]}批{categories[top][1]}人次"
        if top == "其他"
        else f"涉及{top}类{categories[top][0]}批{categories[top][1]}人次"
        for top in ranked
    )


def headcount_wording(members: int) -> str:
    return f"{members}人" if members < 10 or members % 10 == 0 else f"{members // 10 * 10}余人"


def key_petitions_wording(key: Share) -> str:
    if not key.rows:
        return "全年无重点信访事项"
    if key.counted == key.rows:
        return "重点信访问题均已在规定时限内实现了“清仓见底”"
    return (
        f"重点信访事项{key.rows}件，在规定时限内办结{key.counted}件，尚有{key.rows - key.counted}件未按期办结"
    )


def expected_figures(c: Cast) -> dict[str, int | Decimal | str | Share]:
    tally = c.tally
    target = learning_rules.yearly_hours_target()
    trained, cameras, credentials = Share(), Share(), Share()
    for person in c.enforcement_staff:
        trained.add(tally.hours_by_staff[person.pk] >= target)
        cameras.add(person.pk in tally.with_device)
    for person in c.officers:
        credentials.add(person.pk in tally.credentialed)
    since = (
        f"今年{tally.centre_opened.month}月，社会矛盾纠纷调处化解中心挂牌成立。自中心成立以来"
        if tally.centre_opened
        else "全年"
    )
    counts = tally.counts
    return {
        "study_sessions": counts["study_sessions"],
        "laws_studied": laws_wording(tally.laws),
        "lectures": counts["lectures"],
        "trainings_recording": counts["trainings_recording"],
        "trainings_all_staff": counts["trainings_all_staff"],
        "training_hours": tally.training_hours,
        "training_target_met": trained,
        "contracts_reviewed": counts["contracts_reviewed"],
        "contracts_signed_reviewed": tally.shares["contracts_signed_reviewed"],
        "penalties_published": counts["penalties_published"],
        "penalty_decisions": counts["penalty_decisions"],
        "publications_on_time": tally.shares["publications_on_time"],
        "decisions_on_time": tally.shares["decisions_on_time"],
        "legal_review_coverage": tally.shares["legal_review_coverage"],
        "device_coverage": cameras,
        "credential_coverage": credentials,
        "major_decisions": counts["major_decisions"],
        "mediation_batches": counts["mediation_batches"],
        "mediation_persons": counts["mediation_persons"],
        "mediation_by_category": categories_wording(tally.categories),
        "mediation_since": since,
        "mediation_disposed": tally.shares["mediation_disposed"],
        "mediation_on_time": tally.shares["mediation_on_time"],
        "petitions_received": counts["petitions_received"],
        "key_petitions": counts["key_petitions"],
        "key_petitions_cleared": key_petitions_wording(tally.key_cleared),
        "prevention_team": counts["prevention_team"],
        "prevention_team_wording": headcount_wording(counts["prevention_team"]),
        "publicity_events": counts["publicity_events"],
        "publicity_reached": counts["publicity_reached"],
        "governance_committee": f"成立了{c.town.name}全面依法治镇委员会"
        if counts["committee"]
        else "尚未成立全面依法治镇委员会",
        "governance_meetings": counts["governance_meetings"],
        "key_tasks_deployed": counts["key_tasks_deployed"],
        "key_tasks_on_time": counts["key_tasks_on_time"],
        "key_tasks_late": counts["key_tasks_late"],
        "key_tasks_silent": counts["key_tasks_silent"],
        "supervision_notices": counts["supervision_notices"],
    }


def as_stated(value: Value, want: int | Decimal | str | Share) -> tuple[object, object]:
    """The figure as computed and as tallied, in comparable form: a share by its counts and percent."""
    if isinstance(want, Share):
        return (value.numerator, value.denominator, value.value), (want.counted, want.rows, want.percent)
    if isinstance(want, Decimal):
        return Decimal(str(value.value)), want
    return value.value, want


# ------------------------------------------------------------------------------------------- the test


def test_every_figure_of_a_random_year_equals_an_independent_count(world: World) -> None:
    rng = random.Random(SEED)
    mediation.ensure_default_categories()
    town = make_cast(
        world, town=world.town, admin=world.admin, prefix="xk", code="辛口", region="120111", officers=6
    )
    # world.officer is one more officer of the town: its credential state is drawn with the others'.
    town.officers.insert(2, world.officer)
    other = make_cast(
        world,
        town=world.other_town,
        admin=world.other_admin,
        prefix="ylq",
        code="杨柳青",
        region="120112",
        officers=1,
    )
    credentials_and_devices(town, rng)
    credentials_and_devices(other, rng)
    enforcement_year(town, rng, cases=9, on_spot=5, boundaries=True)
    enforcement_year(other, rng, cases=2, on_spot=1, boundaries=False)
    contracts_year(town, rng, count=7, boundaries=True)
    contracts_year(other, rng, count=2, boundaries=False)
    decisions_year(town, rng, count=5, boundaries=True)
    decisions_year(other, rng, count=1, boundaries=False)
    petitions_year(town, rng, count=6, keys=["on_time", "extended", "late", "open"], boundaries=True)
    petitions_year(other, rng, count=2, keys=["on_time"], boundaries=False)
    learning_year(town, rng, sessions=12, trainings=10)
    learning_year(other, rng, sessions=3, trainings=2)
    mediation_year(
        town, rng, visits=24, opened_on=some_day(rng, datetime.date(YEAR, 3, 1), datetime.date(YEAR, 6, 30))
    )
    mediation_year(other, rng, visits=5, opened_on=None)
    prevention_year(town, rng, members=20, activities=8)
    prevention_year(other, rng, members=3, activities=2)
    governance_year(town, rng, committee=True, meetings=10, tasks=12)
    governance_year(other, rng, committee=False, meetings=2, tasks=3)

    # The seed must exercise both sides of each share it can: a figure that counted every row, or
    # none, would hide a wrong rule.
    for key in ("decisions_on_time", "publications_on_time", "mediation_on_time"):
        share = town.tally.shares[key]
        assert 0 < share.counted < share.rows, key
    # The services refuse a decision art. 58 requires a review for without one: 100% by construction.
    required = town.tally.shares["legal_review_coverage"]
    assert 0 < required.counted == required.rows
    assert 0 < town.tally.key_cleared.counted < town.tally.key_cleared.rows
    # Key tasks on time, late, silent and not, notices and meetings: each count exercised.
    tasks = town.tally.counts
    for key in ("key_tasks_on_time", "key_tasks_late", "key_tasks_silent", "supervision_notices"):
        assert 0 < tasks[key] < tasks["key_tasks_deployed"], key
    assert tasks["governance_meetings"] > 0

    checked: set[str] = set()
    for cast in (town, other):
        values = compute_all(Scope(cast.town, YEAR))
        expected = expected_figures(cast)
        wrong = {
            key: (computed, tallied)
            for key, want in expected.items()
            for computed, tallied in [as_stated(values[key], want)]
            if computed != tallied
        }
        assert wrong == {}, cast.town.name
        checked |= expected.keys()
    # The signed share is 100% in both towns: the services refuse to sign without a passing review.
    for cast in (town, other):
        signed = cast.tally.shares["contracts_signed_reviewed"]
        assert signed.rows
        assert signed.counted == signed.rows
    # A figure added to the registry without a check here fails the test.
    assert checked == set(FIGURES.figures)
