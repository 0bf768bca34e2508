"""The annual report through a real browser: the head generates last year's report, rewords a
paragraph inserting a figure by its Chinese label, clicks a figure through to the rows it counts,
decides the suggested shortcomings, confirms the sentences no figure backs, finalises after confirming, downloads the .docx, publishes, and a
citizen reads it on the portal."""

from __future__ import annotations

import datetime
import re

import docx
import pytest
from django.utils import timezone
from playwright.sync_api import expect

from conftest import make_staff
from fazhi.core.roles import Role
from fazhi.learning import services as learning
from fazhi.learning.models import StudyKind
from fazhi.ledger.models import Event
from fazhi.reports.models import AnnualReport
from tests.conftest import log_in, watch_for_problems
from tests.test_browser_enforcement_journeys import browser_of, new_page

LAST_YEAR = timezone.localdate().year - 1


@pytest.mark.browser
def test_the_head_writes_finalises_and_publishes_last_years_report(
    transactional_db, world, live_server, open_chromium_page, tmp_path
):
    make_staff(world.system, world.town, "head", [Role.HEAD], full_name="李镇长")
    sessions = [
        learning.record_study_session(
            world.admin,
            learning.StudyInput(
                kind=StudyKind.CENTRAL_GROUP,
                held_on=datetime.date(LAST_YEAR, month, 10),
                topic=f"{month}月专题学习",
                laws="民法典、宪法",
                lecturer="镇党委书记",
                attendees=[world.admin],
            ),
            materials=[],
        )
        for month in (3, 6, 9)
    ]
    head = open_chromium_page()
    watched = [watch_for_problems(head)]
    log_in(head, live_server.url, "head")

    # Generate last year's report from the sidebar.
    head.get_by_role("link", name="年度报告").click()
    head.get_by_label("年度").select_option(value=str(LAST_YEAR))
    head.get_by_role("button", name="生成草稿").click()
    expect(head.get_by_role("alert").filter(has_text="草稿")).to_be_visible()
    expect(
        head.get_by_role("heading", name=re.compile(f"辛口镇{LAST_YEAR}年度法治政府建设情况报告"))
    ).to_be_visible()
    report_url = head.url

    # Reword a paragraph, inserting the figure by its Chinese label; the figure stays live.
    head.locator("#h-duty").locator("xpath=..").get_by_role("link", name="修改此段").nth(
        2
    ).click()  # 一, the third paragraph: 专题学法
    editor = head.get_by_test_id("figure-editor")
    expect(editor.locator(".fz-chip")).to_have_text(
        ["党委理论中心组专题学法3次"]
    )  # the chip: label and value
    editor.click()
    head.keyboard.press("Control+A")
    head.keyboard.press("Delete")
    head.keyboard.type("镇党委坚持领导干部学法制度，全年开展专题学法")
    head.get_by_label("插入数据").select_option("党委理论中心组专题学法")
    expect(editor.locator(".fz-chip")).to_have_count(1)
    head.keyboard.type("。")
    head.get_by_role("button", name="保存").click()
    expect(head.get_by_text("镇党委坚持领导干部学法制度，全年开展专题学法")).to_be_visible()
    expect(head.locator("#duty")).to_contain_text("镇党委坚持领导干部学法制度，全年开展专题学法3次。")
    assert "{" not in head.locator("body").inner_text()
    assert "{central_group_sessions}" not in head.content()

    # Click the figure through to the rows it counts.
    head.locator("#duty").get_by_role("link", name="3次").click()
    expect(head.get_by_test_id("figure-value")).to_have_text("3次")
    rows = head.get_by_test_id("figure-rows").locator("tbody tr")
    expect(rows).to_have_count(3)
    expect(head.get_by_test_id("figure-rows")).to_contain_text("民法典、宪法")
    head.goto(report_url)

    # The suggested shortcomings, marked for the head: the first confirmed, the rest dropped.
    suggestions = head.get_by_test_id("suggestion")
    expect(suggestions.first).to_contain_text("建议（待负责人确认）")
    decided = suggestions.count()
    suggestions.first.get_by_role("button", name="确认").click()
    for _ in range(decided - 1):
        head.locator('[data-testid="suggestion"][data-status="undecided"]').first.get_by_role(
            "button", name="不采纳"
        ).click()
    expect(head.locator('[data-testid="suggestion"][data-status="undecided"]')).to_have_count(0)
    expect(head.locator("#shortcomings")).to_contain_text("（一）")
    first_shortcoming = head.locator("#shortcomings [data-testid=paragraph]").nth(1).inner_text().strip()

    # The sentences no figure backs are marked and listed; the head confirms them all after reading them.
    own = head.get_by_test_id("own-statements")
    expect(own).to_contain_text("本镇自述")
    expect(own).to_contain_text("强化学习教育，夯实法治建设基础。")
    expect(head.locator('#measures [data-testid="own-statement"][data-confirmed="no"]').first).to_be_visible()
    own.get_by_role("button", name="已逐条核实，全部确认").click()
    expect(head.get_by_role("alert").filter(has_text="本镇自述")).to_be_visible()
    expect(head.get_by_test_id("own-statements")).to_have_count(0)
    expect(head.locator('[data-testid="own-statement"][data-confirmed="no"]')).to_have_count(0)

    # 定稿, then the .docx, then 公开.
    head.get_by_test_id("finalise-panel").get_by_text("定稿…").click()
    expect(head.get_by_test_id("finalise-panel")).to_contain_text("定稿后不能撤销")
    head.get_by_role("button", name="确认定稿").click()
    expect(head.get_by_test_id("status")).to_have_text("已定稿")
    expect(head.get_by_test_id("frozen")).to_contain_text("签名检查点")
    with head.expect_download() as download:
        head.get_by_role("link", name="下载 .docx").click()
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    text = "\n".join(paragraph.text for paragraph in docx.Document(str(saved)).paragraphs)
    assert "镇党委坚持领导干部学法制度，全年开展专题学法3次。" in text
    assert first_shortcoming in text
    head.get_by_role("button", name="公开").click()
    expect(head.get_by_test_id("status")).to_have_text("已公开")

    # A citizen finds it on the portal.
    citizen = new_page(browser_of(head), watched)
    citizen.goto(f"{live_server.url}/gongshi/baogao/")
    citizen.get_by_role("link", name=f"辛口镇{LAST_YEAR}年度法治政府建设情况报告").click()
    expect(citizen.get_by_text("镇党委坚持领导干部学法制度，全年开展专题学法3次。")).to_be_visible()

    report = AnnualReport.objects.get()
    assert report.figures["study_sessions"]["value"] == len(sessions)
    assert list(Event.objects.filter(action__startswith="reports.").values_list("action", flat=True)) == [
        "reports.report.drafted",
        "reports.paragraph.edited",
        *["reports.suggestion.decided"] * decided,
        "reports.statements.confirmed",
        "reports.report.finalised",
        "reports.report.published",
    ]
    assert [problem for problems in watched for problem in problems] == []
