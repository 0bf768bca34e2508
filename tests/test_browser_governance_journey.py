"""依法治镇 through a real browser: the head opens 依法治镇 from the sidebar, finds a key task among the
year's 重点工作 and 亲自督办 it; the 督办单 is on the task's page. The lead signs in, answers it — first
dated tomorrow, which is refused in Chinese, then today — and the notice shows the answer, which is also
the task's latest 反馈."""

from __future__ import annotations

import datetime

import pytest
from playwright.sync_api import Page, expect

from fazhi.governance.models import SupervisionNotice, TaskFeedback
from fazhi.testing.governance import (
    TODAY,
    task,  # noqa: F401  (fixture)
    town,  # noqa: F401  (fixture)
)
from tests.conftest import log_in, watch_for_problems


def sign_out(page: Page) -> None:
    page.get_by_role("button", name="退出登录").click()
    expect(page.get_by_label("用户名")).to_be_visible()


@pytest.mark.browser
def test_the_head_supervises_a_task_and_its_lead_answers(
    transactional_db,
    town,  # noqa: F811
    task,  # noqa: F811
    live_server,
    open_chromium_page,
):
    page = open_chromium_page()
    watched = watch_for_problems(page)
    log_in(page, live_server.url, "head")

    page.get_by_role("link", name="依法治镇", exact=True).click()
    expect(page.get_by_role("heading", name="依法治镇 · %(y)d 年" % {"y": TODAY.year})).to_be_visible()
    page.get_by_role("link", name="重点工作", exact=True).click()
    page.get_by_role("link", name=task.title).click()
    page.get_by_role("link", name="部署、过问、协调、督办").click()
    page.get_by_label("亲自督办").check()
    page.get_by_label("内容").fill("权责清单调整请于月底前完成。")
    page.get_by_role("button", name="保存").click()
    expect(page.get_by_role("alert").filter(has_text="已记录亲自督办。")).to_be_visible()
    expect(page.get_by_test_id("notice")).to_contain_text("负责人督办：权责清单调整请于月底前完成。")
    expect(page.get_by_test_id("act")).to_contain_text("李镇长亲自督办")
    sign_out(page)

    log_in(page, live_server.url, "lead")
    page.goto(f"{live_server.url}/governance/tasks/{task.pk}/")
    page.get_by_role("link", name="答复督办").click()
    page.get_by_label("答复日期").fill((TODAY + datetime.timedelta(days=1)).isoformat())
    page.get_by_label("整改落实情况").fill("已抽调人员，月底前完成。")
    page.get_by_role("button", name="保存").click()
    expect(page.get_by_text("不能晚于今天")).to_be_visible()
    assert SupervisionNotice.objects.get().answered_on is None
    page.get_by_label("答复日期").fill(TODAY.isoformat())
    page.get_by_role("button", name="保存").click()
    expect(page.get_by_role("alert").filter(has_text="已答复督办。")).to_be_visible()
    expect(page.get_by_test_id("notice")).to_contain_text("答复：已抽调人员，月底前完成。")
    expect(page.get_by_test_id("feedback")).to_contain_text("（答复督办）已抽调人员，月底前完成。")
    assert TaskFeedback.objects.filter(task=task, reported_on=TODAY).exists()
    assert watched == [
        f"422 POST {live_server.url}/governance/notices/{SupervisionNotice.objects.get().pk}/answer/"
    ]
