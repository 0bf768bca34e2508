"""A mediation through a real browser: three villagers come to the centre about unpaid wages; the
mediator registers the group as one batch of three persons, dispatches it to the 司法所, records the
session, is told a closure needs an outcome, closes it with an agreement and downloads the 调解协议书; a
colleague follows up from a phone in the village; the villagers check the progress on the portal."""

from __future__ import annotations

import re

import docx
import pytest
from playwright.sync_api import expect

from conftest import PASSWORD
from fazhi.ledger.models import Event
from fazhi.mediation.models import Dispute
from fazhi.testing.mediation import town  # noqa: F401  (fixture)
from tests.conftest import choose_party, log_in, watch_for_problems
from tests.test_browser_enforcement_journeys import PHONE, browser_of, new_page, no_sideways_scrolling


@pytest.mark.browser
def test_three_villagers_about_unpaid_wages_are_mediated_to_an_agreement_and_followed_up(
    transactional_db,
    town,  # noqa: F811
    live_server,
    open_chromium_page,
    tmp_path,
):
    centre = open_chromium_page()
    watched = [watch_for_problems(centre)]
    log_in(centre, live_server.url, "mediator")

    # Intake: one batch, three persons, the three villagers listed by their ID numbers.
    centre.goto(f"{live_server.url}/mediation/")
    centre.get_by_role("link", name="来访登记").click()
    centre.get_by_label("来源渠道").select_option(label="来访")
    centre.get_by_label("纠纷类别").select_option(label="劳动与社会保障／拖欠工资")
    centre.get_by_label("人次").fill("3")
    for row, party in enumerate(town.villagers):
        if row:
            centre.get_by_role("button", name="添加一行").click()
        box = centre.locator(f"input[name='visitors-{row}_name']")
        choose_party(centre, box, party.id_number, re.compile(f"^{party.name}（自然人，身份证"))
    centre.get_by_label("事由").fill("3名村民在某建筑工地务工，被拖欠工资共计2.4万元。")
    centre.get_by_label("诉求").fill("要求施工方支付拖欠的工资。")
    centre.get_by_role("button", name="保存").click()
    expect(centre.get_by_role("alert").filter(has_text="已登记，查询码")).to_be_visible()
    code = centre.get_by_test_id("tracking-number").inner_text()
    dispute_url = centre.url

    # Dispatch to the 司法所 (1+3+N), within the closure target the page fills in.
    centre.get_by_role("link", name="分流交办").click()
    centre.get_by_label("承办单位").select_option(label="司法所（人民调解）")
    centre.get_by_role("button", name="保存").click()
    expect(centre.get_by_test_id("dispatches")).to_contain_text("司法所（人民调解）")
    expect(centre.get_by_test_id("status")).to_have_text("已交办")

    # The session on record.
    centre.get_by_role("link", name="登记调解记录").click()
    centre.get_by_label("地点").fill("镇矛调中心调解室")
    centre.get_by_label("参加人").fill("刘某、陈某、马某，施工方负责人张某")
    centre.get_by_label("调解记录").fill("告知双方权利义务；施工方承认拖欠，同意分两期支付。")
    centre.get_by_role("button", name="保存").click()
    expect(centre.get_by_test_id("session")).to_contain_text("施工方承认拖欠")

    # Closing without an outcome is refused; then the agreement with the contents of art. 29.
    centre.get_by_role("link", name="办结").click()
    centre.get_by_role("button", name="保存").click()
    expect(centre.get_by_text("未选择办理结果的事项不能办结")).to_be_visible()
    centre.get_by_label("办理结果").select_option(label="调解成功，达成协议")
    centre.locator('[data-field="check_solved"]').get_by_label("到位").check()
    for key in ("educated", "assisted", "lawful"):
        centre.locator(f'[data-field="check_{key}"]').get_by_label("不适用").check()
    centre.get_by_label("协议：争议事项").fill("拖欠工资的数额和支付时间。")
    centre.get_by_label("协议：各方当事人的责任").fill("施工方未按约支付工资，应承担全部责任。")
    centre.get_by_label("协议：协议内容").fill("施工方支付三名村民工资共计2.4万元。")
    centre.get_by_label("协议：履行方式和期限").fill("本月底前支付1.2万元，下月底前支付余款。")
    centre.get_by_role("button", name="保存").click()
    expect(centre.get_by_role("alert").filter(has_text="已办结：调解成功，达成协议")).to_be_visible()
    expect(centre.get_by_test_id("confirmation")).to_contain_text("共同向人民法院申请司法确认")
    with centre.expect_download() as download:
        centre.get_by_role("link", name=re.compile(r"测试调协〔\d{4}〕1号（.docx）")).click()
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    text = "\n".join(paragraph.text for paragraph in docx.Document(str(saved)).paragraphs)
    assert "施工方支付三名村民工资共计2.4万元" in text
    assert "刘某" in text

    # A colleague follows up from a phone in the village.
    phone = new_page(browser_of(centre), watched, **PHONE)
    phone.goto(f"{live_server.url}/login/")
    phone.get_by_label("用户名").fill("mediator")
    phone.get_by_label("密码").fill(PASSWORD)
    phone.get_by_role("button", name="登录").tap()
    expect(phone.get_by_role("heading", name=re.compile(r"^工作台"))).to_be_visible()
    phone.goto(dispute_url)
    phone.get_by_role("link", name="登记回访").click()
    phone.get_by_label("回访方式").select_option(label="上门回访")
    phone.get_by_label("协议履行情况").select_option(label="部分履行")
    phone.get_by_label("满意", exact=True).check()
    phone.get_by_label("回访情况").fill("首期1.2万元已支付。")
    phone.get_by_role("button", name="保存").tap()
    expect(phone.get_by_test_id("follow-ups")).to_contain_text("部分履行，满意")
    no_sideways_scrolling(phone)

    # The villagers check the progress on the portal with the tracking number: closed, no names.
    citizen = new_page(browser_of(centre), watched)
    citizen.goto(f"{live_server.url}/gongshi/chaxun/")
    citizen.get_by_label("镇（街道）").select_option(label=town.town.name)
    citizen.get_by_label("查询码").fill(code)
    citizen.get_by_role("button", name="查询").click()
    expect(citizen.get_by_test_id("progress")).to_contain_text("已办结")
    expect(citizen.get_by_test_id("progress")).not_to_contain_text("刘某")

    dispute = Dispute.objects.get()
    assert (dispute.visitor_count, dispute.outcome) == (3, "agreement")
    actions = list(Event.objects.filter(action__startswith="mediation.").values_list("action", flat=True))
    assert actions == [
        "mediation.dispute.registered",
        "mediation.dispute.dispatched",
        "mediation.dispute.session_recorded",
        "mediation.dispute.closed",
        "mediation.dispute.followed_up",
    ]
    assert [problem for problems in watched for problem in problems] == [
        f"422 POST {live_server.url}/mediation/{dispute.pk}/close/"
    ]
