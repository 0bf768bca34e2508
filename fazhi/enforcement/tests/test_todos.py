"""A case's 待办 (issue 16, part 1): each kind appears for the person who takes the step, for nobody
else (another officer, an auxiliary, a reviewer or head of another town), and leaves when the step is
taken."""

from __future__ import annotations

import datetime

import pytest

from conftest import make_staff
from fazhi.core import permissions, todos
from fazhi.core.roles import Role
from fazhi.enforcement import rules, selectors, services
from fazhi.enforcement.rules import Stage
from fazhi.testing.enforcement import (
    FILED_ON,
    TODAY,
    close,
    decide,
    file,
    lead,
    notify,
    on_spot,
    serve,
)
from fazhi.testing.enforcement import services_on as on

DAY = datetime.timedelta(days=1)


@pytest.fixture
def people(town):
    """Everyone who might wrongly see an item: the town's staff and another town's head and reviewer."""
    town.other_head = make_staff(town.system, town.other_town, "other-head", [Role.HEAD])
    town.other_reviewer = make_staff(
        town.system, town.other_town, "other-reviewer", [Role.LEGAL_REVIEWER], legal_qualification_no="B1"
    )
    town.bystander = make_staff(town.system, town.enforcement_team, "officer3", [Role.OFFICER])
    return town


def items(person, *, today=TODAY):
    seat = todos.Seat(town_ids=_towns(person), roles=permissions.roles_of(person), staff=person)
    return {(todo.kind, todo.record_id) for todo in todos.gather(seat, today)}


def _towns(person):
    town = permissions.town_of(person.organisation)
    return (town.pk,) if town else ()


def holders(town, kind, case, *, today=TODAY):
    """Who, of everyone in the test's towns, has the item."""
    everyone = [
        town.officer,
        town.officer2,
        town.bystander,
        town.auxiliary,
        town.head,
        town.admin,
        town.other_head,
        town.other_reviewer,
        *([town.reviewer] if hasattr(town, "reviewer") else []),
    ]
    return {person.username for person in everyone if (kind, case.pk) in items(person, today=today)}


def test_a_lead_waits_for_the_head_and_leaves_when_filed(people):
    case = lead(people)
    assert holders(people, "lead", case) == {"head"}
    file(people, case)
    assert holders(people, "lead", case) == set()
    # Filed, with nobody assigned yet: the officer who registered the lead starts the investigation.
    assert holders(people, "investigation", case) == {"officer"}


def test_an_investigation_is_its_officers_until_it_ends_then_the_notice_is(people, investigated):
    assert holders(people, "investigation", investigated) == {"officer", "officer2"}
    todo = next(t for t in todos.for_actor(people.officer, TODAY) if t.record_id == investigated.pk)
    assert todo.step == "close_investigation"
    assert todo.due_on == investigated.decision_due
    assert todo.url == f"/cases/{investigated.pk}/close-investigation/"
    case = close(people, investigated, review=True)
    assert holders(people, "investigation", case) == set()
    assert holders(people, "notice", case) == {"officer", "officer2"}
    notify(people, case, served_on=FILED_ON + DAY)
    assert holders(people, "notice", case) == set()


def test_a_notice_whose_periods_have_run_asks_for_review_then_the_reviewer_then_the_head(
    people, investigated
):
    case = close(people, investigated, review=True)
    notify(people, case, served_on=TODAY)
    # The three days to state a defence run: nothing to do yet.
    assert holders(people, "notice_period", case) == set()
    later = TODAY + datetime.timedelta(days=10)
    assert holders(people, "notice_period", case, today=later) == {"officer", "officer2"}
    with on(later):
        services.submit_legal_review(people.officer, case)
        assert holders(people, "notice_period", case, today=later) == set()
        assert holders(people, "legal_review", case, today=later) == {"reviewer"}
        assert holders(people, "decision", case, today=later) == set()
        services.review_case(people.reviewer, case, opinion="agreed", reasons="事实清楚")
        assert holders(people, "legal_review", case, today=later) == set()
        assert holders(people, "decision", case, today=later) == {"head"}
        decide(people, case)
        assert holders(people, "decision", case, today=later) == set()
        assert holders(people, "service", case, today=later) == {"officer", "officer2"}


def test_a_review_with_problems_goes_back_to_the_officers_and_a_resubmission_to_the_reviewer(
    people, investigated
):
    case = close(people, investigated, review=True)
    notify(people, case, served_on=FILED_ON + DAY)
    services.submit_legal_review(people.officer, case)
    services.review_case(people.reviewer, case, opinion="problems", reasons="证据不足")
    assert holders(people, "legal_review", case) == set()
    assert holders(people, "notice_period", case) == {"officer", "officer2"}
    services.submit_legal_review(people.officer, case)
    assert holders(people, "legal_review", case) == {"reviewer"}


def test_a_major_case_asks_the_head_for_collective_discussion_first(people, investigated):
    case = close(people, investigated, review=False, major=True)
    notify(people, case, served_on=FILED_ON + DAY)
    assert holders(people, "collective", case) == {"head"}
    assert holders(people, "decision", case) == set()
    services.record_collective_discussion(
        people.head, case, held_on=TODAY, attendees="李镇长等", minutes="讨论", conclusion="同意罚款"
    )
    assert holders(people, "collective", case) == set()
    assert holders(people, "decision", case) == {"head"}


def test_service_then_an_overdue_payment_then_the_court(people, decided, on_day):
    assert holders(people, "service", decided) == {"officer", "officer2"}
    serve(people, decided)
    assert holders(people, "service", decided) == set()
    due = rules.PAYMENT.due(TODAY).due
    assert holders(people, "payment_overdue", decided, today=due) == set()
    late = due + DAY
    assert holders(people, "payment_overdue", decided, today=late) == {"officer", "officer2"}
    on_day(late)
    services.issue_demand(people.officer, decided, served_on=late)
    assert holders(people, "payment_overdue", decided, today=late) == set()
    window = selectors.court_window(decided)
    assert window is not None
    assert holders(people, "court", decided, today=window.opens) == {"head"}
    court = next(t for t in todos.for_actor(people.head, window.opens) if t.kind == "court")
    assert court.due_on == window.closes
    on_day(window.opens)
    services.apply_to_court(people.head, decided, court="西青区人民法院", applied_on=window.opens)
    assert holders(people, "court", decided, today=window.opens) == set()


def test_a_paid_case_waits_for_closure_and_then_for_its_archive(people, decided):
    serve(people, decided)
    assert holders(people, "closure", decided) == set()
    services.record_payment(people.officer, decided, paid_on=TODAY, paid_fen=2_000_00, receipt_number="A1")
    assert holders(people, "closure", decided) == {"head"}
    services.close_case(people.head, decided, reason="performed", summary="已缴纳")
    assert holders(people, "closure", decided) == set()
    assert holders(people, "archive", decided) == {"head", "town-admin"}


def test_an_on_the_spot_warning_is_recorded_with_the_agency_by_its_officers(people, spot):
    case = on_spot(people, warning_only=True, fine_fen=0)
    assert case.stage == Stage.SERVED
    assert holders(people, "recording", case) == {"officer", "officer2"}
    services.record_with_agency(people.officer, case)
    assert holders(people, "recording", case) == set()
    assert holders(people, "closure", case) == {"head"}


def test_a_recusal_request_waits_for_the_head(people, investigated):
    recusal = services.request_recusal(
        people.officer,
        investigated,
        staff=people.officer2,
        requested_by="party",
        reason="系近亲属",
        requested_on=TODAY,
    )
    assert holders(people, "recusal", investigated) == {"head"}
    services.decide_recusal(people.head, investigated, recusal, granted=False, decision_reason="理由不成立")
    assert holders(people, "recusal", investigated) == set()


def test_a_preservation_waits_for_its_handling_within_seven_working_days(people, investigated):
    preservation = services.preserve(
        people.officer,
        investigated,
        services.PreservationInput(
            items="流动摊车一辆",
            reason="事后难以取得",
            approved_by=people.head,
            approved_on=TODAY,
            preserved_on=TODAY,
            officers=[people.officer, people.officer2],
        ),
    )
    assert holders(people, "preservation", investigated) == {"officer", "officer2"}
    todo = next(t for t in todos.for_actor(people.officer, TODAY) if t.kind == "preservation")
    assert todo.due_on == rules.PRESERVATION_DECISION.due(TODAY).due
    services.handle_preservation(
        people.officer,
        investigated,
        preservation,
        handled_on=TODAY,
        handling="return",
        handling_note="已返还",
    )
    assert holders(people, "preservation", investigated) == set()


def test_a_withdrawn_officer_no_longer_has_the_case(people, investigated):
    recusal = services.request_recusal(
        people.officer,
        investigated,
        staff=people.officer2,
        requested_by="party",
        reason="系近亲属",
        requested_on=TODAY,
    )
    services.decide_recusal(people.head, investigated, recusal, granted=True, decision_reason="应当回避")
    assert holders(people, "investigation", investigated) == {"officer"}


def test_the_supervisor_reads_each_towns_overdue_items(people, decided):
    late = rules.SERVICE.due(TODAY).due + DAY
    towns = dict(todos.towns_overdue(people.supervisor, late))
    assert {town.name for town in towns} == {"辛口镇", "杨柳青镇"}
    # The cases' overdue items (other apps' — last year's report, a publication — are their tests').
    overdue = {
        town.name: [(t.kind, t.record_id) for t in found if t.record_type == "case"]
        for town, found in towns.items()
    }
    assert overdue == {"辛口镇": [("service", decided.pk)], "杨柳青镇": []}
    # An officer reads no other town's work, and the supervisor has no seat of their own.
    assert todos.towns_overdue(people.officer, late) == []
    assert todos.for_actor(people.supervisor, late) == []
