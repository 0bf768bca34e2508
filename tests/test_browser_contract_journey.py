"""A contract through a real browser, each person in a browser of their own: the office registers it
with its draft, the head finds signing blocked, the legal counsel gives 修改后同意, the head signs once
the changes are confirmed, the office files the signed copy and the register shows the archive number."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from fazhi.contracts.models import Contract, ContractStatus
from fazhi.testing.contracts import (
    PDF,
    TODAY,
    town,  # noqa: F401  (fixture)
)
from tests.conftest import log_in, watch_for_problems
from tests.test_browser_enforcement_journeys import browser_of, sign_in


@pytest.mark.browser
def test_a_contract_from_registration_through_a_review_with_changes_to_signing_and_filing(
    transactional_db,
    town,  # noqa: F811
    live_server,
    open_chromium_page,
    tmp_path,
):
    draft = tmp_path / "食材采购合同（送审稿）.pdf"
    draft.write_bytes(PDF)
    office = open_chromium_page()
    watched = [watch_for_problems(office)]
    browser = browser_of(office)

    # The office registers the contract with its draft.
    log_in(office, live_server.url, "town-admin")
    office.goto(f"{live_server.url}/contracts/")
    office.get_by_role("link", name="合同送审登记").click()
    office.get_by_label("合同名称").fill("机关食堂食材采购合同")
    office.get_by_label("合同类型").select_option(label="采购合同")
    office.get_by_label("合同金额").fill("180000")
    office.get_by_label("合同相对方").fill(town.company.uscc)
    office.get_by_label("承办部门").select_option(label="党政办")
    office.get_by_label("合同文本（送审稿及附件）").set_input_files(str(draft))
    office.get_by_role("button", name="保存").click()
    expect(office.get_by_role("alert").filter(has_text="已登记送审，审查期限")).to_be_visible()
    expect(office.get_by_test_id("status")).to_have_text("待审查")
    contract_url = office.url

    # The head may not sign yet, and the page says which rule stops it.
    head = sign_in(browser, live_server.url, "head", watched)
    head.goto(contract_url)
    expect(head.get_by_test_id("blocked")).to_contain_text("合同尚在合法性审查中，不得签订。")

    # The legal counsel: 修改后同意, with the changes asked for.
    counsel = sign_in(browser, live_server.url, "counsel", watched)
    counsel.goto(contract_url)
    counsel.get_by_role("link", name="出具审查意见").click()
    counsel.get_by_label("修改后同意").check()
    counsel.get_by_label("理由及修改意见").fill("第八条未约定逾期交货的违约金计算方式，请补充后签订。")
    counsel.get_by_role("button", name="保存").click()
    expect(
        counsel.get_by_role("alert").filter(has_text=re.compile(r"已出具审查意见 辛口合审〔\d{4}〕1号"))
    ).to_be_visible()
    with counsel.expect_download() as opinion:
        counsel.get_by_role("link", name="审查意见书（.docx）").click()
    assert opinion.value.suggested_filename.endswith(".docx")

    # The head signs, confirming the changes were made; without the tick the service refuses.
    head.goto(contract_url)
    head.get_by_role("link", name="签订").click()
    head.get_by_role("button", name="保存").click()
    expect(head.get_by_role("alert").filter(has_text="须确认已按审查意见修改")).to_be_visible()
    head.get_by_label("已按审查意见修改合同文本（修改后同意的须勾选）").check()
    head.get_by_role("button", name="保存").click()
    expect(head.get_by_role("alert").filter(has_text="已签订；请于")).to_be_visible()

    # The office files the signed copy and the contract gets its archive number.
    signed_copy = tmp_path / "食材采购合同（签订本）.pdf"
    signed_copy.write_bytes(PDF.replace(b"draft", b"signed copy"))
    office.goto(contract_url)
    office.get_by_role("link", name="归档签订文本").click()
    office.get_by_label("签订文本（扫描件）").set_input_files(str(signed_copy))
    office.get_by_label("我已知悉", exact=False).check()
    office.get_by_role("button", name="保存").click()
    expect(office.get_by_test_id("archive-number")).to_contain_text(f"辛口合档〔{TODAY.year}〕1号")
    office.goto(f"{live_server.url}/contracts/?status=filed")
    expect(office.get_by_role("link", name="机关食堂食材采购合同")).to_be_visible()

    contract = Contract.objects.get()
    assert contract.status == ContractStatus.FILED
    assert contract.changes_confirmed
    # The one refusal on the way: the head's first signing, without the changes confirmed.
    assert [problem for problems in watched for problem in problems] == [
        f"422 POST {live_server.url}/contracts/{contract.pk}/sign/"
    ]
