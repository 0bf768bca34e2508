"""A major decision through a real browser: the office opens a 30-day consultation, a citizen comments
on the portal without an account, the office publishes and answers the comment, the legal counsel
reviews, and once the consultation has closed the collective discussion is recorded — after the page
has shown it blocked for as long as the steps were missing."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from conftest import make_staff
from fazhi.core import services as core_services
from fazhi.core.models import OrganisationKind
from fazhi.core.roles import Role
from fazhi.decisions import services
from fazhi.decisions.models import CollectiveDiscussion, CommentPeriod, DecisionStatus, MajorDecision
from tests.conftest import log_in, watch_for_problems
from tests.test_browser_enforcement_journeys import browser_of, new_page, sign_in

DAY = datetime.timedelta(days=1)


@pytest.mark.browser
def test_a_decision_with_a_citizens_comment_then_legality_review_then_collective_discussion(
    transactional_db, world, live_server, open_chromium_page
):
    head = make_staff(world.system, world.town, "head", [Role.HEAD], full_name="李镇长")
    make_staff(world.system, world.town, "counsel", [Role.LEGAL_COUNSEL], full_name="吴律师")
    office_unit = core_services.create_organisation(
        world.system, name="党政办", kind=OrganisationKind.DEPARTMENT, parent=world.town
    )
    today = timezone.localdate()
    item = services.add_catalogue_item(
        world.admin, year=today.year, title="老旧小区改造实施方案", department=office_unit
    )
    decision = services.register_decision(
        world.admin, item, summary="改造两处老旧小区。", needs_expert=False, needs_risk=False
    )
    office = open_chromium_page()
    watched = [watch_for_problems(office)]
    browser = browser_of(office)
    url = f"{live_server.url}/decisions/{decision.pk}/"

    # The office opens the consultation: thirty days, prefilled.
    log_in(office, live_server.url, "town-admin")
    office.goto(url)
    expect(office.get_by_test_id("blocked")).to_contain_text("尚未公开征求意见")
    office.get_by_role("link", name="公开征求意见").click()
    office.get_by_label("征求意见稿（将在公示网页公开）").fill(
        "一、改造范围：辛口村老旧小区。\n二、改造内容：道路、管网、停车位。"
    )
    office.get_by_role("button", name="保存").click()
    expect(office.get_by_role("alert").filter(has_text="已在公示网页公开征求意见")).to_be_visible()

    # A citizen finds it on the portal and comments, without an account.
    citizen = new_page(browser, watched)
    citizen.goto(f"{live_server.url}/gongshi/juece/")
    citizen.get_by_role("link", name="老旧小区改造实施方案").click()
    expect(citizen.get_by_test_id("draft")).to_contain_text("改造内容：道路、管网、停车位")
    citizen.get_by_label("您的意见").fill("建议增加电动自行车集中充电设施。")
    citizen.get_by_role("button", name="提交意见").click()
    expect(citizen.get_by_role("alert").filter(has_text="已收到您的意见，经审核后公开")).to_be_visible()

    # The office publishes it and answers; the citizen sees the answer.
    office.goto(url)
    office.get_by_test_id("comment").get_by_role("button", name="公开", exact=True).click()
    office.get_by_role("link", name="答复").click()
    office.get_by_label("采纳", exact=True).check()
    office.get_by_label("理由（公开）").fill("已在方案中增加充电设施20处。")
    office.get_by_role("button", name="保存").click()
    expect(office.get_by_role("alert").filter(has_text="已答复")).to_be_visible()
    citizen.reload()
    expect(citizen.get_by_test_id("public-comment")).to_contain_text("采纳：已在方案中增加充电设施20处。")

    # Legality review: submitted with seven working days, the counsel's opinion.
    office.get_by_role("link", name="提交合法性审查").click()
    office.get_by_role("button", name="保存").click()
    expect(office.get_by_role("alert").filter(has_text="已提交合法性审查")).to_be_visible()
    counsel = sign_in(browser, live_server.url, "counsel", watched)
    counsel.goto(url)
    counsel.get_by_role("link", name="出具审查意见").click()
    counsel.get_by_label("合法，可以提交集体讨论").check()
    counsel.get_by_label("审查意见").fill("决策事项属于本镇权限，程序完备，内容合法。")
    counsel.get_by_role("button", name="保存").click()
    expect(counsel.get_by_role("alert").filter(has_text="已出具合法性审查意见（通过）")).to_be_visible()

    # Still blocked: the thirty days have not run.
    office.goto(url)
    expect(office.get_by_test_id("blocked")).to_contain_text("公开征求意见期限尚未届满")
    # Thirty days later (the consultation moved back in time, rather than the clock forward).
    CommentPeriod.objects.filter(decision=decision).update(opens_on=today - 31 * DAY, closes_on=today - DAY)
    office.reload()
    office.get_by_role("link", name="集体讨论决定").click()
    office.get_by_label("李镇长").first.check()
    office.get_by_label("王管理").first.check()
    office.get_by_label("主持人（行政首长）").select_option(label=head.full_name)
    office.get_by_label("行政首长最后发表意见").check()
    office.get_by_label("不同意见（记录在案）").fill("王管理：建议分两期实施。")
    office.get_by_role("button", name="保存").click()
    expect(office.get_by_role("alert").filter(has_text="已记录集体讨论决定")).to_be_visible()
    expect(office.get_by_test_id("status")).to_have_text("已集体讨论")

    assert MajorDecision.objects.get().status == DecisionStatus.DISCUSSED
    assert CollectiveDiscussion.objects.get().dissent == "王管理：建议分两期实施。"
    assert [problem for problems in watched for problem in problems] == []
