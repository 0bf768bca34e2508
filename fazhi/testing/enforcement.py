"""Enforcement fixtures: a town ready to handle cases."""

import datetime
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from unittest import mock

import pytest
from django.utils import timezone

from conftest import make_staff
from fazhi.core import services as core_services
from fazhi.core.models import IdType, PartyKind
from fazhi.core.roles import Role
from fazhi.enforcement import services
from fazhi.enforcement.rules import ReviewGrounds

TODAY = timezone.localdate()
# The `investigated` case is filed and investigated this many days ago, so that a test may serve its
# notice on an earlier day than today (past the statement period) yet after the case was filed.
FILED_ON = TODAY - datetime.timedelta(days=60)


@contextmanager
def services_on(day: datetime.date) -> Iterator[None]:
    """The services believe it is `day` (a step recorded as taken on that day)."""
    with mock.patch.object(timezone, "localdate", return_value=day):
        yield


@pytest.fixture
def town(world):
    """The world plus a head, a second officer, an auxiliary, the filing series, a power and a party."""
    world.head = make_staff(world.system, world.town, "head", [Role.HEAD], full_name="李镇长")
    world.officer2 = make_staff(
        world.system, world.enforcement_team, "officer2", [Role.OFFICER], full_name="赵执法"
    )
    world.auxiliary = make_staff(
        world.system, world.enforcement_team, "aux", [Role.AUXILIARY], full_name="孙协管"
    )
    for number, person in enumerate([world.officer, world.officer2], start=1):
        core_services.add_credential(
            world.system,
            person,
            number=f"1201110000{number}",
            category="综合行政执法",
            issuer="天津市人民政府",
            valid_from=TODAY - datetime.timedelta(days=365),
            valid_to=TODAY + datetime.timedelta(days=365),
        )
    core_services.create_number_series(
        world.system,
        organisation=world.enforcement_team,
        key="case-filing",
        code="西青辛综执立",
        name="立案号",
    )
    world.power = services.add_delegated_power(
        world.admin,
        code="TJ-CG-001",
        name="擅自占用城市道路",
        category="城市建设管理",
        legal_basis="《城市道路管理条例》第二十七条、第四十二条",
    )
    world.party = core_services.register_party(
        world.officer,
        core_services.PartyInput(
            kind=PartyKind.PERSON, name="刘某", id_type=IdType.PASSPORT, id_number="E1234567"
        ),
    ).party
    return world


def lead(town, **overrides):
    fields = {
        "title": "占道经营",
        "source": "patrol",
        "received_on": TODAY,
        "act_on": TODAY,
        "place": "辛口镇政府路",
    }
    return services.register_lead(town.officer, **{**fields, **overrides})


def file(town, case, **overrides):
    fields = {
        "party": town.party,
        "power": town.power,
        "act_ended_on": case.act_on,
        "endangers_life_health_or_finance": False,
    }
    return services.file_case(town.head, case, **{**fields, **overrides})


def ready_to_decide(town, *, qualification_no: str = "A2015") -> None:
    """The town's 法制审核人员 (town.reviewer, 周审核) and its series of 行政处罚决定书 numbers."""
    town.reviewer = make_staff(
        town.system,
        town.town,
        "reviewer",
        [Role.LEGAL_REVIEWER],
        full_name="周审核",
        legal_qualification_no=qualification_no,
    )
    core_services.create_number_series(
        town.system,
        organisation=town.enforcement_team,
        key="penalty-decision",
        code="西青辛综执罚",
        name="行政处罚决定书",
    )


@pytest.fixture
def investigated(town):
    """A case filed and investigated by two officers on FILED_ON, ready to close; the town has a reviewer
    and a decision series."""
    ready_to_decide(town)
    with services_on(FILED_ON):
        case = file(town, lead(town, received_on=FILED_ON, act_on=FILED_ON))
        return services.start_investigation(town.officer, case, investigators=[town.officer, town.officer2])


def close(town, case, *, review=True, major=False, outcome="penalty", circumstances=()):
    """调查终结, dated the day the case was filed, so that a notice may follow on any later day."""
    with services_on(case.filed_on or TODAY):
        return services.close_investigation(
            town.officer,
            case,
            outcome=outcome,
            findings="占道经营属实，有现场照片及询问笔录为证。",
            review_grounds=ReviewGrounds(major_public_interest=review),
            major_or_complex=major,
            circumstances=list(circumstances),
        )


# A fine at or above 较大数额 carries the hearing right (art. 63); 2,000 yuan is below the default.
HEARING_FINE_FEN = 5_000_00


def notify(town, case, *, fine_fen=2_000_00, served_on=TODAY, days=3, kinds=None):
    kinds = kinds if kinds is not None else (["fine"] if fine_fen else ["warning"])
    return services.issue_notice(
        town.officer,
        case,
        proposed_penalties="罚款" if fine_fen else "警告",
        penalty_kinds=kinds,
        proposed_fine_fen=fine_fen,
        facts="事实、理由及依据……",
        served_on=served_on,
        statement_working_days=days,
    )


def review(town, case):
    """法制审核 submitted and agreed (due after a hearing held, art. 58(2))."""
    services.submit_legal_review(town.officer, case)
    return services.review_case(town.reviewer, case, opinion="agreed", reasons="事实清楚，程序合法")


def decide(town, case, fine_fen=2_000_00, **overrides):
    fields = {
        "penalty_kinds": ["fine"] if fine_fen else ["warning"],
        "penalties": "罚款" if fine_fen else "警告",
        "fine_fen": fine_fen,
        "basis": "《城市道路管理条例》第四十二条",
    }
    return services.decide(town.head, case, services.DecisionInput(**{**fields, **overrides}))


@pytest.fixture
def decided(town, investigated):
    """A case decided today with a fine of 2,000 yuan, not yet served."""
    case = close(town, investigated, review=False)
    notify(town, case, served_on=TODAY - datetime.timedelta(days=10))
    decide(town, case)
    case.refresh_from_db()
    return case


@pytest.fixture
def on_day():
    """Lets a test say which day the services believe it is, for the clocks after a decision."""
    with ExitStack() as stack:

        def travel(day: datetime.date) -> None:
            stack.enter_context(mock.patch.object(timezone, "localdate", return_value=day))

        yield travel


def serve(town, case, served_on=TODAY, **overrides):
    fields = {
        "method": "direct",
        "served_on": served_on,
        "recipient": "刘某",
        "proof": "送达回证签收",
    }
    return services.serve_decision(town.officer, case, **{**fields, **overrides})


@pytest.fixture
def spot(town):
    """The town with a number series for on-the-spot decisions (简易程序)."""
    core_services.create_number_series(
        town.system,
        organisation=town.enforcement_team,
        key="summary-decision",
        code="西青辛综简",
        name="当场处罚决定书",
    )
    return town


def on_spot(town, **overrides):
    """A 简易程序 decision by town.officer with town.officer2: a 100-yuan fine on 刘某, statement waived."""
    fields = {
        "party": town.party,
        "power": town.power,
        "co_officer": town.officer2,
        "title": "占道经营",
        "place": "辛口镇政府路",
        "act_on": TODAY,
        "facts": "在政府路占道摆摊约3平方米",
        "basis": "《城市道路管理条例》第四十二条",
        "warning_only": False,
        "fine_fen": 100_00,
        "statement": "",
        "defence_waived": True,
    }
    return services.decide_on_spot(town.officer, services.OnSpotDecision(**{**fields, **overrides}))
