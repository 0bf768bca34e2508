"""The 工作台 leads the work (issue 16), in a real browser: a lead an officer registers is at once in the
head's 待办 and leaves it when filed; a case sent to 法制审核 is in the reviewer's 待办, reviewed with the
proposal in view, and then in the head's 待办 with the decision prefilled."""

from __future__ import annotations

import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from fazhi.enforcement import services
from fazhi.testing.enforcement import FILED_ON, close, investigated, notify, town  # noqa: F401  (fixtures)
from tests.conftest import choose_party, log_in, watch_for_problems
from tests.test_browser_enforcement_journeys import browser_of, saved, sign_in


def todo_rows(page: Page, kind: str):
    return page.get_by_test_id("todos").locator(f'tr[data-kind="{kind}"]')


@pytest.mark.browser
def test_a_lead_is_in_the_heads_todo_at_once_and_leaves_it_when_filed(
    transactional_db,
    town,  # noqa: F811
    live_server,
    open_chromium_page,
):
    today = timezone.localdate()
    officer = open_chromium_page()
    watched = [watch_for_problems(officer)]
    head = sign_in(browser_of(officer), live_server.url, "head", watched)
    expect(todo_rows(head, "lead")).to_have_count(0)

    log_in(officer, live_server.url, "officer")
    officer.goto(f"{live_server.url}/cases/leads/new/")
    officer.get_by_label("案由").fill("夜间施工噪声扰民")
    officer.get_by_label("案件来源").select_option(index=1)
    officer.get_by_label("收到线索日期").fill(today.isoformat())
    officer.get_by_label("违法行为发生日期").fill(today.isoformat())
    officer.get_by_label("违法地点").fill("辛口镇政府路")
    officer.get_by_role("button", name="保存").click()
    saved(officer, "已登记线索“夜间施工噪声扰民”。")

    head.reload()
    row = todo_rows(head, "lead")
    expect(row).to_have_count(1)
    expect(row).to_contain_text("夜间施工噪声扰民")
    expect(row).to_contain_text("立案须经行政机关负责人批准")
    expect(head.get_by_test_id("nav-count-cases")).to_have_text("1 项待办")  # the lead is its only case item
    row.get_by_role("link", name="去办理").click()
    expect(head.get_by_role("heading", name=re.compile(r"^批准立案："))).to_be_visible()
    box = head.get_by_label(re.compile(r"^当事人( \*)?$"))
    choose_party(head, box, town.party.name, re.compile(r"^刘某（自然人，护照 \*\*\*\*4567）"))
    head.get_by_label("违法行为终了日期").fill(today.isoformat())
    head.get_by_role("button", name="保存").click()
    saved(head, re.compile(r"^已立案，立案号"))

    head.goto(live_server.url + "/")
    expect(todo_rows(head, "lead")).to_have_count(0)
    expect(head.get_by_test_id("nav-count-cases")).to_have_count(0)
    # The officer who registered the lead now has the investigation to start.
    officer.goto(live_server.url + "/")
    expect(todo_rows(officer, "investigation")).to_contain_text("夜间施工噪声扰民")
    for problems in watched:
        assert problems == []


@pytest.mark.browser
def test_a_case_sent_to_review_is_the_reviewers_then_the_heads_with_the_proposal_in_view(
    transactional_db,
    town,  # noqa: F811
    investigated,  # noqa: F811
    live_server,
    open_chromium_page,
):
    case = close(town, investigated, review=True)
    notify(town, case, served_on=FILED_ON)
    services.record_defence(town.officer, case, statement="已自行撤除摊位，请求从轻。", waived=False)
    services.submit_legal_review(town.officer, case)

    reviewer = open_chromium_page()
    watched = [watch_for_problems(reviewer)]
    log_in(reviewer, live_server.url, "reviewer")
    row = todo_rows(reviewer, "legal_review")
    expect(row).to_have_count(1)
    expect(row).to_contain_text("待法制审核")
    row.get_by_role("link", name="去办理").click()
    proposal = reviewer.get_by_test_id("proposal")
    expect(proposal).to_contain_text("占道经营属实，有现场照片及询问笔录为证。")
    expect(proposal).to_contain_text("2,000 元")
    expect(proposal).to_contain_text("已自行撤除摊位，请求从轻。")
    expect(proposal.get_by_test_id("proposal-officers")).to_contain_text("张执法 · 执法证 12011100001")
    reviewer.get_by_role("radio", name="同意").check()
    reviewer.get_by_label("审核理由").fill("事实清楚，证据确凿，裁量适当。")
    reviewer.get_by_role("button", name="保存").click()
    saved(reviewer, "已出具法制审核意见：同意。")
    reviewer.goto(live_server.url + "/")
    expect(todo_rows(reviewer, "legal_review")).to_have_count(0)

    head = sign_in(browser_of(reviewer), live_server.url, "head", watched)
    row = todo_rows(head, "decision")
    expect(row).to_have_count(1)
    row.get_by_role("link", name="去办理").click()
    expect(head.get_by_test_id("proposal-reviews")).to_contain_text(
        "周审核：同意。事实清楚，证据确凿，裁量适当。"
    )
    expect(head.get_by_label("罚款金额")).to_have_value("2000.00")
    expect(head.get_by_label("罚款", exact=True)).to_be_checked()
    expect(head.get_by_label("处罚依据")).to_have_value("《城市道路管理条例》第二十七条、第四十二条")
    for problems in watched:
        assert problems == []
