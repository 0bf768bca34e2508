"""A petition through a real browser, each person in a browser of their own: the petition clerk
registers a group visit and accepts it with the written notice, the head extends the handling period
and the petitioner is told, the clerk issues the 信访处理意见书 and downloads it, and the petitioner's
复查 request is recorded."""

from __future__ import annotations

import io
import re

import docx
import pytest
from playwright.sync_api import Locator, Page, expect

from fazhi.petitions.models import Petition, PetitionStatus
from fazhi.testing.petitions import (
    RECEIVED,
    on_day,  # noqa: F401  (fixture)
    town,  # noqa: F401  (fixture)
)
from tests.conftest import choose_party, log_in, watch_for_problems
from tests.test_browser_enforcement_journeys import browser_of, sign_in


def exactly(page: Page, label: str) -> Locator:
    """The field labelled exactly so, its required mark aside ("事实" and not "事实和理由")."""
    return page.get_by_label(re.compile(r"^%(l)s\s*\*?$" % {"l": label}))


@pytest.mark.browser
def test_a_petition_registered_accepted_extended_answered_and_taken_to_review(
    transactional_db,
    town,  # noqa: F811
    live_server,
    open_chromium_page,
):
    clerk = open_chromium_page()
    watched = [watch_for_problems(clerk)]

    # The clerk registers a group visit of twelve people with two representatives.
    log_in(clerk, live_server.url, "clerk")
    clerk.goto(f"{live_server.url}/petitions/")
    clerk.get_by_role("link", name="信访事项登记").click()
    clerk.get_by_label("信访形式").select_option(label="走访")
    clerk.get_by_label("人数").fill("12")
    for row, party in enumerate(town.villagers[:2]):
        if row:
            clerk.get_by_role("button", name="添加一行").click()
        box = clerk.locator(f"input[name='petitioners-{row}_name']")
        choose_party(clerk, box, party.id_number, re.compile(f"^{party.name}（自然人，身份证"))
    exactly(clerk, "请求").fill("要求修复村内被重型车辆压坏的道路。")
    clerk.get_by_label("事实和理由").fill("村主路被建材运输车辆压坏，雨天积水，村民出行困难。")
    clerk.get_by_role("button", name="保存").click()
    expect(clerk.get_by_role("alert").filter(has_text="应于 2026-06-16 前书面告知是否受理")).to_be_visible()
    expect(clerk.get_by_test_id("status")).to_have_text("已登记，待告知是否受理")
    petition_url = clerk.url

    # Accepted, and told in writing the same day.
    clerk.get_by_role("link", name="受理", exact=True).click()
    clerk.get_by_role("button", name="保存").click()
    expect(
        clerk.get_by_role("alert").filter(has_text="已受理并书面告知，应于 2026-07-31 前办结")
    ).to_be_visible()

    # The head extends the period by 30 days; the petitioner is told the reason.
    head = sign_in(browser_of(clerk), live_server.url, "head", watched)
    head.goto(petition_url)
    head.get_by_role("link", name="延长办理期限").click()
    head.get_by_label("延长天数").fill("30")
    exactly(head, "延期理由").fill("道路修复须经区交通部门立项审批，情况复杂。")
    head.get_by_role("button", name="保存").click()
    expect(
        head.get_by_role("alert").filter(has_text="已批准延长 30 日，办结期限延至 2026-08-31")
    ).to_be_visible()
    expect(head.get_by_test_id("extension")).to_contain_text("李镇长")

    # The clerk answers with the 信访处理意见书 and downloads it.
    clerk.goto(petition_url)
    expect(clerk.get_by_test_id("due-on")).to_contain_text("2026-08-31")
    clerk.get_by_role("link", name="出具处理意见书").click()
    exactly(clerk, "事实").fill("经现场核实，村主路约800米路面破损。")
    exactly(clerk, "理由").fill("道路养护属镇政府职责，修复资金已落实。")
    clerk.get_by_label("予以支持").check()
    clerk.get_by_label("依据").fill("《农村公路养护管理办法》第五条。")
    clerk.get_by_role("button", name="保存").click()
    expect(
        clerk.get_by_role("alert").filter(has_text=re.compile(r"已出具信访处理意见书 测试信处〔2026〕1号"))
    ).to_be_visible()
    with clerk.expect_download() as download:
        clerk.get_by_role("link", name="测试信处〔2026〕1号（.docx）").click()
    assert download.value.suggested_filename == "信访处理意见书-测试信处〔2026〕1号.docx"
    opinion = docx.Document(io.BytesIO(download.value.path().read_bytes()))
    assert "四、处理意见：你（们）的请求事实清楚，符合法律、法规、规章或者其他有关规定，予以支持。" in [
        paragraph.text for paragraph in opinion.paragraphs
    ]

    # The petitioner asks for 复查 within the 30 days.
    expect(clerk.get_by_test_id("opinion")).to_contain_text("予以支持")
    clerk.get_by_role("link", name="登记复查请求").click()
    clerk.get_by_label("请求理由").fill("信访人认为修复范围过小，对处理意见不服。")
    clerk.get_by_role("button", name="保存").click()
    expect(
        clerk.get_by_role("alert").filter(has_text="已登记复查请求，复查意见应于 2026-07-01 前作出")
    ).to_be_visible()
    expect(clerk.get_by_test_id("status")).to_have_text("复查中")

    petition = Petition.objects.get()
    assert petition.status == PetitionStatus.REVIEW
    assert petition.received_on == RECEIVED
    assert petition.person_count == 12
    assert [problem for problems in watched for problem in problems] == []
