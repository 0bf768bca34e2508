"""年度报告's 待办: from the day the reminders start until last year's report is public, the town's report
is owed by 31 March — drafted by its writers, finalised and published by the head — for that town only,
and gone once published."""

import datetime

import pytest
from django.utils import timezone

from conftest import make_staff
from fazhi.core.roles import Role
from fazhi.reports import services
from fazhi.testing.reports import finalised
from fazhi.testing.todos import items, town_items

TODAY = timezone.localdate()
LAST_YEAR = TODAY.year - 1
MARCH = datetime.date(TODAY.year, 3, 15)
DUE = datetime.date(TODAY.year, 3, 31)


@pytest.fixture
def town(world):
    world.head = make_staff(world.system, world.town, "head", [Role.HEAD], full_name="李镇长")
    world.mediator = make_staff(world.system, world.town, "mediator", [Role.MEDIATOR])
    return world


def test_last_years_report_is_owed_from_the_reminders_until_it_is_public(town):
    assert not items(town.admin, "annual_report", datetime.date(TODAY.year, 2, 1))
    [todo] = items(town.admin, "annual_report", MARCH)
    assert (todo.step, todo.step_label, todo.due_on) == ("draft", "起草年度报告", DUE)
    assert todo.title == f"辛口镇{LAST_YEAR}年度法治政府建设情况报告"
    assert (todo.record_type, todo.record_id, todo.url) == ("organisation", town.town.pk, "/reports/")
    assert todo.why == "由负责人或管理员办理"
    assert "4月1日前" in todo.due_basis
    assert items(town.head, "annual_report", MARCH)
    assert not items(town.mediator, "annual_report", MARCH)
    # Another town's administrator is asked for their own town's report, not this one.
    assert {t.town_id for t in items(town.other_admin, "annual_report", MARCH)} == {town.other_town.pk}
    # Past the day, still owed, and late.
    [late] = items(town.admin, "annual_report", datetime.date(TODAY.year, 4, 2))
    assert late.overdue(datetime.date(TODAY.year, 4, 2))

    report = services.draft_report(town.admin, year=LAST_YEAR)
    assert not items(town.admin, "annual_report", MARCH)  # the head finalises
    [todo] = items(town.head, "annual_report", MARCH)
    assert (todo.step, todo.record_id, todo.url) == ("finalise", report.pk, f"/reports/{report.pk}/")
    finalised(town.head, report)
    [todo] = items(town.head, "annual_report", MARCH)
    assert todo.step == "publish"
    services.publish_report(town.head, report)
    assert not items(town.head, "annual_report", MARCH)
    assert not town_items(town.town, "annual_report", MARCH)
