"""A key task followed through in a real browser (issue 16, part 6): the head deploys it, its lead reports
twice, it runs late and the daily job raises a 督办 that is in the lead's 待办 and bell and in the head's
bell, and the year's report counts the task as late and the notice as issued."""

from __future__ import annotations

import datetime

import pytest
from playwright.sync_api import Page, expect

from fazhi.core.figures import Scope, compute_all
from fazhi.governance import services
from fazhi.governance.models import KeyTask, TaskFeedback
from fazhi.testing.enforcement import services_on
from fazhi.testing.governance import TODAY, town  # noqa: F401  (fixture)
from tests.conftest import log_in, watch_for_problems
from tests.test_browser_enforcement_journeys import browser_of, sign_in

DEADLINE = TODAY + datetime.timedelta(days=3)
LATE = DEADLINE + datetime.timedelta(days=1)


def report(page: Page, text: str) -> None:
    page.get_by_role("link", name="反馈进展").click()
    page.get_by_label("反馈日期").fill(TODAY.isoformat())
    page.get_by_label("进展情况").fill(text)
    page.get_by_role("button", name="保存").click()
    expect(page.get_by_role("alert").filter(has_text="已反馈进展。")).to_be_visible()


@pytest.mark.browser
def test_a_deployed_task_reported_on_then_late_raises_supervision_in_the_todo_and_the_bell(
    transactional_db,
    town,  # noqa: F811
    live_server,
    open_chromium_page,
):
    head = open_chromium_page()
    watched = [watch_for_problems(head)]
    log_in(head, live_server.url, "head")
    head.goto(f"{live_server.url}/governance/tasks/new/")
    head.get_by_label("年度").fill(str(TODAY.year))
    head.get_by_label("来源文件").fill("全面依法治镇委员会年度重点工作安排")
    head.get_by_label("工作任务").fill("完成行政执法三项制度自查")
    head.get_by_label("责任单位").select_option(label="党政办")
    head.get_by_label("牵头人").select_option(label="刘主任")
    head.get_by_label("部署日期").fill(TODAY.isoformat())
    head.get_by_label("完成时限").fill(DEADLINE.isoformat())
    head.get_by_role("button", name="保存").click()
    task = KeyTask.objects.get(title="完成行政执法三项制度自查")

    lead = sign_in(browser_of(head), live_server.url, "lead", watched)
    row = lead.get_by_test_id("todos").locator(f'tr[data-record="key_task-{task.pk}"]')
    expect(row).to_have_count(1)
    row.get_by_role("link", name="去办理").click()
    lead.goto(f"{live_server.url}/governance/tasks/{task.pk}/")
    report(lead, "已制定自查方案。")
    lead.goto(f"{live_server.url}/governance/tasks/{task.pk}/")
    report(lead, "已完成案卷评查一半。")
    assert TaskFeedback.objects.filter(task=task).count() == 2

    # The deadline passes with the task open: the morning job raises the 督办. It runs here, beside the
    # live server, so first let both pages' sidebar counts finish loading (no request in flight).
    for page in (head, lead):
        expect(page.locator("#fz-sidebar:not([hx-get])")).to_have_count(1)
    with services_on(LATE):
        run = services.raise_supervision(today=LATE)
        assert run.issued == 1
        lead.goto(live_server.url + "/")
        supervision = lead.get_by_test_id("todos").locator('tr[data-kind="supervision"]')
        expect(supervision).to_have_count(1)
        expect(supervision).to_contain_text("完成行政执法三项制度自查")
        expect(lead.get_by_test_id("bell-count")).to_have_text("1")
        head.goto(live_server.url + "/")
        expect(head.get_by_test_id("bell-count")).to_have_text("1")
        head.get_by_test_id("bell").click()
        expect(head.get_by_test_id("notification-list")).to_contain_text("完成行政执法三项制度自查")
        # The year's report, drawn up that day, counts the task late and the notice issued.
        values = compute_all(Scope(town.town, TODAY.year))
    assert values["key_tasks_deployed"].value == 1
    assert values["key_tasks_late"].value == 1
    assert values["supervision_notices"].value == 1
    assert "重点工作" in values["key_tasks_late"].label
    assert "督办" in values["supervision_notices"].label
    for problems in watched:
        assert problems == []
