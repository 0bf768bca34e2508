"""The prevention team through a real browser: the mediator opens the roster from the sidebar, adds a
楼栋长 of 辛口村 who began this month, records an anti-fraud publicity event with two serving members —
first dated tomorrow, which is refused in Chinese, then on the day it was held — finds it in the
activity log and in the year's figures for the annual report, and ends another member's service, after
which the roster counts one fewer."""

from __future__ import annotations

import datetime

import pytest
from playwright.sync_api import Page, expect

from fazhi.prevention.models import CommunityVolunteer, PreventionActivity
from fazhi.testing.prevention import (
    TODAY,
    add,
    fixed_today,  # noqa: F401  (fixture)
    ledger_actions,
    town,  # noqa: F401  (fixture)
)
from tests.conftest import log_in, watch_for_problems

JOINED_ON = datetime.date(TODAY.year, TODAY.month, 1)
HELD_ON = TODAY - datetime.timedelta(days=2)
LEFT_ON = TODAY - datetime.timedelta(days=1)


def serving(page: Page, count: int) -> None:
    expect(page.get_by_test_id("serving")).to_contain_text("共 %(n)d 人" % {"n": count})


def section(page: Page, name: str) -> None:
    """One of the three tabs of the prevention pages."""
    page.get_by_role("navigation", name="群防群治", exact=True).get_by_role("link", name=name).click()


@pytest.mark.browser
def test_a_member_is_added_an_anti_fraud_event_counted_and_a_service_ended(
    transactional_db,
    fixed_today,  # noqa: F811
    town,  # noqa: F811
    live_server,
    open_chromium_page,
):
    li = add(town, name="李建国", role="veteran_party_member", village=town.shagou)
    add(town, name="蔡春梅", role="safety_volunteer", village=town.community)
    page = open_chromium_page()
    watched = watch_for_problems(page)
    log_in(page, live_server.url, "mediator")

    # The sidebar opens the roster: two members serving today.
    page.get_by_role("link", name="群防群治", exact=True).click()
    expect(page.get_by_role("heading", name="群防群治队伍")).to_be_visible()
    serving(page, 2)

    # A 楼栋长 of 辛口村 joins, entered in the form beside the roster.
    add_form = page.locator('form[action="/prevention/volunteers/new/"]')
    add_form.get_by_label("姓名").fill("王秀兰")
    add_form.get_by_label("身份").select_option(label="楼栋长")
    add_form.get_by_label("所在村（社区）").select_option(label="辛口村")
    add_form.get_by_label("加入日期").fill(JOINED_ON.isoformat())
    add_form.get_by_label("联系电话").fill("13800001111")
    add_form.get_by_role("button", name="登记").click()
    expect(page.get_by_role("alert").filter(has_text="已登记队员王秀兰。")).to_be_visible()
    expect(page.get_by_test_id("status")).to_have_text("在册")
    page.get_by_role("link", name="群防群治队伍").click()
    serving(page, 3)
    expect(page.get_by_test_id("by-role")).to_contain_text("楼栋长 1 人")

    # An anti-fraud publicity event with two members: dated tomorrow it is refused, nothing saved.
    page.get_by_role("link", name="登记活动").click()
    page.get_by_label("日期").fill((TODAY + datetime.timedelta(days=1)).isoformat())
    page.get_by_label("类别").select_option(label="反诈宣传")
    page.get_by_label("渠道").select_option(label="现场活动")
    page.get_by_label("地点").fill("辛口村文化广场")
    page.get_by_label("活动内容").fill("发放防范电信网络诈骗宣传册，现场讲解常见骗局。")
    page.get_by_label("发放资料（份）").fill("300")
    page.get_by_label("受众（人次）").fill("260")
    page.get_by_label("王秀兰（楼栋长 · 辛口村）").check()
    page.get_by_label("李建国（老党员 · 小沙窝村）").check()
    page.get_by_role("button", name="保存").click()
    expect(page.get_by_text("活动日期不能晚于今天：只登记已经开展的活动。")).to_be_visible()
    assert not PreventionActivity.objects.exists()
    page.get_by_label("日期").fill(HELD_ON.isoformat())
    page.get_by_role("button", name="保存").click()
    expect(
        page.get_by_role("alert").filter(has_text="已登记%(d)s的反诈宣传。" % {"d": HELD_ON.isoformat()})
    ).to_be_visible()
    expect(page.get_by_test_id("volunteers")).to_contain_text("王秀兰")
    expect(page.get_by_test_id("volunteers")).to_contain_text("李建国")

    # The activity log lists it as a publicity event with its materials, audience and two members.
    page.get_by_role("link", name="活动台账").click()
    row = page.get_by_role("row").filter(has_text=HELD_ON.isoformat())
    expect(row).to_contain_text("反诈宣传")
    expect(row).to_contain_text("普法宣传")
    expect(row).to_contain_text("现场活动")
    expect(row).to_contain_text("300")
    expect(row).to_contain_text("260")
    expect(row).to_contain_text("2 人")

    # The year's figures, as the annual report states them.
    section(page, "年度统计")
    counts = page.get_by_test_id("counts")
    expect(counts).to_contain_text("3 人（表述：3人组建群防群治工作队伍）")
    expect(counts).to_contain_text("1 次，其中普法宣传 1 次")
    expect(counts).to_contain_text("300 份 / 260 人次")
    expect(page.get_by_role("row").filter(has_text="%(m)d 月" % {"m": HELD_ON.month})).to_contain_text(
        "反诈宣传"
    )

    # 蔡春梅 moved away yesterday: her service ends and the roster counts one fewer.
    section(page, "队伍名册")
    page.get_by_role("link", name="蔡春梅").click()
    page.get_by_role("link", name="办理退出").click()
    page.get_by_label("服务截止日期").fill(LEFT_ON.isoformat())
    page.get_by_label("退出原因").fill("迁居市区")
    page.get_by_role("button", name="保存").click()
    expect(page.get_by_role("alert").filter(has_text="已办理蔡春梅退出队伍。")).to_be_visible()
    expect(page.get_by_test_id("status")).to_have_text("已退出")
    expect(page.get_by_role("link", name="办理退出")).to_have_count(0)
    page.get_by_role("link", name="群防群治队伍").click()
    serving(page, 2)
    expect(page.get_by_role("row").filter(has_text="蔡春梅")).to_contain_text("已退出")

    activity = PreventionActivity.objects.get()
    assert (activity.kind, activity.channel, activity.materials_handed_out, activity.people_reached) == (
        "anti_fraud",
        "on_site",
        300,
        260,
    )
    assert {member.name for member in activity.volunteers.all()} == {"王秀兰", li.name}
    assert CommunityVolunteer.objects.get(name="蔡春梅").left_on == LEFT_ON
    assert ledger_actions() == [
        "prevention.volunteer.added",
        "prevention.volunteer.added",
        "prevention.volunteer.added",
        "prevention.activity.recorded",
        "prevention.volunteer.service_ended",
    ]
    assert watched == [f"422 POST {live_server.url}/prevention/activities/new/"]
