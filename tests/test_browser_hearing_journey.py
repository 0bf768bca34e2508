"""The hearing of 行政处罚法 arts. 63–65 and 58(2) through a real browser: a heavy proposal shows the
party's right to a hearing without anyone ticking it; the party asks; the chair cannot be one of the
investigators; the decision waits for the hearing, then for the legal review a hearing makes due."""

from __future__ import annotations

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from fazhi.enforcement.models import Hearing, Notice, PenaltyDecision
from fazhi.testing.enforcement import FILED_ON, investigated, services_on, town  # noqa: F401  (fixtures)
from tests.conftest import log_in, watch_for_problems
from tests.test_browser_enforcement_journeys import browser_of, next_steps, saved, sign_in, stage

DAY = datetime.timedelta(days=1)


@pytest.mark.browser
def test_a_heavy_proposal_gives_the_hearing_that_the_decision_waits_for(
    transactional_db,
    town,  # noqa: F811
    investigated,  # noqa: F811
    live_server,
    open_chromium_page,
):
    today = timezone.localdate()
    served = today - 30 * DAY
    url = f"{live_server.url}/cases/{investigated.pk}/"
    officer = open_chromium_page()
    watched = [watch_for_problems(officer)]
    browser = browser_of(officer)

    # 调查终结: nothing on the form asks whether there is a right to a hearing.
    log_in(officer, live_server.url, "officer")
    officer.goto(url)
    next_steps(officer).get_by_role("link", name="调查终结").click()
    expect(officer.get_by_text("听证")).to_have_count(0)
    officer.get_by_label("调查结论").select_option(label="拟给予行政处罚")
    officer.get_by_label("事实、证据和处理建议").fill("当事人无证经营且拒不改正，情节严重。")
    with services_on(FILED_ON):
        officer.get_by_role("button", name="保存").click()
        saved(officer, "已调查终结。")

    # 事先告知 of 吊销 + 罚款 200,000 yuan: the right follows from the proposal.
    next_steps(officer).get_by_role("link", name="告知", exact=True).click()
    officer.get_by_role("checkbox", name="罚款", exact=True).check()
    officer.get_by_role("checkbox", name="吊销许可证件").check()
    officer.get_by_label("拟作出的处罚（内容）").fill("吊销许可证件，并处罚款二十万元")
    officer.get_by_label("拟罚款金额").fill("200000")
    officer.get_by_label("事实、理由及依据").fill("当事人无证经营，拒不改正。")
    officer.get_by_label("送达日期").fill(served.isoformat())
    officer.get_by_label("陈述申辩期限（工作日）").fill("0")
    officer.get_by_role("button", name="保存").click()
    saved(officer, re.compile(r"当事人有权要求听证：较大数额罚款（200,000 元"))
    right = officer.get_by_test_id("hearing-right")
    expect(right).to_contain_text("当事人有权要求听证（行政处罚法第六十三条）")
    expect(right).to_contain_text("吊销许可证件（第六十三条第一款第三项至第五项）")
    assert Notice.objects.get(case=investigated).hearing_right

    # The party asks for a hearing the day after the notice.
    next_steps(officer).get_by_role("link", name="听证", exact=True).click()
    officer.get_by_label("当事人要求听证的日期").fill((served + DAY).isoformat())
    officer.get_by_role("button", name="保存").click()
    saved(officer, "")
    expect(stage(officer)).to_have_text("听证")

    # The head cannot decide while the hearing is pending.
    head = sign_in(browser, live_server.url, "head", watched)
    head.goto(url)
    decide_step = next_steps(head).get_by_role("listitem").filter(has_text=re.compile(r"^\s*决定"))
    expect(decide_step.get_by_test_id("blocked")).to_contain_text("当事人已要求听证")
    expect(decide_step.get_by_test_id("blocked")).to_contain_text("第六十四条")

    # The hearing: an investigator is refused as chair, by who he is; the reviewer chairs it.
    officer.goto(url)
    officer.get_by_role("link", name="记录听证").click()
    officer.get_by_label("听证主持人").select_option(label="张执法")
    officer.get_by_label("听证通知送达日期").fill((served + 2 * DAY).isoformat())
    officer.get_by_label("举行日期").fill((served + 20 * DAY).isoformat())
    officer.get_by_label("听证地点").fill("镇政府三楼会议室")
    officer.get_by_label("听证笔录已经当事人核对签字（拒签的已由主持人注明）").check()
    officer.get_by_role("button", name="保存").click()
    expect(officer.get_by_role("alert")).to_contain_text("非本案调查人员")
    expect(officer.get_by_role("alert")).to_contain_text("第六十四条第四项")
    assert not Hearing.objects.exists()
    officer.get_by_label("听证主持人").select_option(label="周审核")
    officer.get_by_role("button", name="保存").click()
    saved(officer, "")

    # Heard: now the decision waits for the legal review art. 58(2) requires after a hearing.
    head.reload()
    decide_step = next_steps(head).get_by_role("listitem").filter(has_text=re.compile(r"^\s*决定"))
    expect(decide_step.get_by_test_id("blocked")).to_contain_text("须经法制审核")
    expect(decide_step.get_by_role("link")).to_have_count(0)

    next_steps(officer).get_by_role("link", name="法制审核", exact=True).click()
    officer.get_by_label("案卷材料已齐全，提交法制审核").check()
    officer.get_by_role("button", name="保存").click()
    saved(officer, "已提交法制审核。")
    reviewer = sign_in(browser, live_server.url, "reviewer", watched)
    reviewer.goto(url)
    reviewer.get_by_role("link", name="出具审核意见").click()
    reviewer.get_by_role("radio", name="同意").check()
    reviewer.get_by_label("审核理由").fill("听证程序合法，事实清楚，裁量适当。")
    reviewer.get_by_role("button", name="保存").click()
    saved(reviewer, "已出具法制审核意见：同意。")

    # The head decides on what was notified, a lighter fine after the hearing.
    head.reload()
    next_steps(head).get_by_role("link", name="决定", exact=True).click()
    expect(head.get_by_role("checkbox", name="吊销许可证件")).to_be_checked()
    head.get_by_role("checkbox", name="吊销许可证件").uncheck()
    head.get_by_label("处罚内容").fill("罚款十五万元")
    head.get_by_label("罚款金额").fill("150000")
    head.get_by_label("处罚依据").fill("《某条例》第三十条")
    head.get_by_role("button", name="保存").click()
    saved(head, re.compile(r"^已作出行政处罚决定，文号 "))
    decision = PenaltyDecision.objects.get(case=investigated)
    assert decision.penalty_kinds == ["fine"]
    assert decision.fine_fen == 150_000_00
    # The one refusal was the investigator as chair; nothing else went wrong on any page.
    problems = [problem for page_problems in watched for problem in page_problems]
    assert problems == [f"422 POST {url}hearing/"]
