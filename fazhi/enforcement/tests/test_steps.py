"""The step table of a case (enforcement.rules.STEPS): one place says who may take a step and which rule
blocks it, and the services, the pages, their access rules and the API all say the same."""

import datetime

import pytest
from django.urls import resolve, reverse

from conftest import make_staff
from fazhi.core.access import ACCESS_ATTRIBUTE
from fazhi.core.errors import PermissionDenied, RuleViolation
from fazhi.core.roles import Role
from fazhi.enforcement import rules, selectors, services, views
from fazhi.enforcement.models import Case
from fazhi.ledger.models import Event
from fazhi.testing.enforcement import HEARING_FINE_FEN, TODAY, close, notify


def test_every_step_taken_on_a_case_has_a_page_guarded_by_the_steps_roles():
    resolver_views = {
        step.name: resolve(reverse(views.STEP_PAGES[step.name], args=[1])).func
        for step in rules.STEPS
        if step.on_case
    }
    assert set(resolver_views) == {step.name for step in rules.STEPS if step.on_case}
    for name, view in resolver_views.items():
        assert getattr(view, ACCESS_ATTRIBUTE) == ("staff", rules.STEPS[name].roles), name


def test_each_stage_is_reached_by_exactly_one_step():
    targets = [step.target for step in rules.STEPS if step.target is not None]
    assert len(targets) == len(set(targets))
    reachable = {transition.target for table in rules.TRANSITIONS.values() for transition in table}
    assert reachable <= set(targets)


@pytest.mark.parametrize(
    ("service", "kwargs"),
    [
        ("record_defence", {"statement": "当事人称系临时摆放。", "waived": False}),
        ("request_hearing", {"requested_on": TODAY}),
    ],
)
def test_a_step_the_table_gives_to_officers_is_refused_to_a_mediator_and_nothing_is_written(
    town, investigated, service, kwargs
):
    """The page always required an officer or the head; the service let anyone of the town record a
    defence or a hearing request through the API, until the one table said who may."""
    case = close(town, investigated, review=False)
    notify(town, case, fine_fen=HEARING_FINE_FEN)
    mediator = make_staff(town.system, town.town, "mediator", [Role.MEDIATOR], full_name="郑调解")
    events = Event.objects.count()
    with pytest.raises(PermissionDenied, match="执法人员"):
        getattr(services, service)(mediator, case, **kwargs)
    case.refresh_from_db()
    assert case.stage == rules.Stage.NOTIFIED
    assert case.notices.get(superseded=False).statement == ""
    assert Event.objects.count() == events


def test_a_head_must_approve_an_extension_as_the_law_says_and_the_refusal_cites_it(town, investigated):
    with pytest.raises(RuleViolation, match="须经行政机关负责人批准") as raised:
        services.extend_decision_period(town.officer, investigated, days=10, reason="需补充鉴定。")
    assert raised.value.citation == "行政处罚法 第六十条"


def test_the_case_page_lists_the_steps_from_the_table_with_the_rule_that_blocks_each(
    town, investigated, client
):
    case = close(town, investigated, review=True)
    notify(town, case, served_on=TODAY - datetime.timedelta(days=10))
    case.refresh_from_db()
    options = {
        option.step.name: option
        for option in selectors.next_steps(selectors.CaseRowFacts(case, today=TODAY), town.head)
    }
    assert list(options) == ["request_hearing", "submit_review", "discussion", "decide", "investigate"]
    assert options["request_hearing"].blocked_by is not None
    assert options["request_hearing"].blocked_by.citation == "行政处罚法 第六十三条"
    assert options["decide"].blocked_by is not None
    assert options["decide"].blocked_by.citation == "行政处罚法 第五十八条"
    assert options["submit_review"].blocked_by is None
    assert options["submit_review"].allowed
    for_reviewer = selectors.next_steps(selectors.CaseRowFacts(case, today=TODAY), town.reviewer)
    assert [option.step.name for option in for_reviewer if option.allowed] == []
    client.force_login(town.head)
    page = client.get(reverse("enforcement:case-detail", args=[case.pk])).content.decode()
    assert "暂不能进行：本案属于须经法制审核的情形" in page
    assert reverse("enforcement:case-discussion", args=[case.pk]) in page


def test_work_a_gate_blocks_is_not_offered(town, decided):
    services.serve_decision(
        town.officer, decided, method="direct", served_on=TODAY, recipient="刘某", proof="回证签收"
    )
    case = Case.objects.get(pk=decided.pk)
    work = [
        option.step.name
        for option in selectors.work_steps(selectors.CaseRowFacts(case, today=TODAY), town.officer)
    ]
    assert work == ["remedy"]  # no remedy is pending, so there is no result to record
    services.start_remedy(town.officer, case, kind="reconsideration", started_on=TODAY)
    work = [
        option.step.name
        for option in selectors.work_steps(selectors.CaseRowFacts(case, today=TODAY), town.officer)
    ]
    assert work == ["remedy_end"]


def test_the_api_lists_the_cases_steps_as_the_page_does(town, investigated, client):
    case = close(town, investigated, review=True)
    notify(town, case, served_on=TODAY - datetime.timedelta(days=10))
    client.force_login(town.head)
    steps = client.get(f"/api/v1/cases/{case.pk}/steps").json()
    decide = next(step for step in steps if step["name"] == "decide")
    assert decide == {
        "name": "decide",
        "label": "决定",
        "kind": "move",
        "allowed": True,
        "blocked_by": {
            "message": "本案属于须经法制审核的情形，未经法制审核或者审核未通过的，不得作出决定。",
            "citation": "行政处罚法 第五十八条",
        },
    }
    assert {step["name"] for step in steps if step["kind"] == "work"} == {
        "defence",
        "extend",
        "request_recusal",
    }


@pytest.mark.parametrize("case_id", ["0", "-1", "99999999999999999999", "abc"])
def test_the_steps_of_a_case_that_is_not_there_are_not_found(town, client, case_id):
    client.force_login(town.head)
    assert client.get(f"/api/v1/cases/{case_id}/steps").status_code in (404, 422)


def test_another_towns_case_has_no_steps_to_read(town, investigated, client):
    client.force_login(town.other_admin)
    response = client.get(f"/api/v1/cases/{investigated.pk}/steps")
    assert response.status_code == 404
