"""A town administrator's journey through a real browser: log in, register a party after correcting a
mistyped ID number, find it again in the list, log out. Drives Debian's Chromium through Playwright."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from conftest import PASSWORD, resident_id
from fazhi.core import services
from fazhi.core.models import IdType, Party, PartyKind
from fazhi.ledger.models import Event
from tests.conftest import watch_for_problems

NAME = "刘建国"
VALID_ID = resident_id("11010519491231002")  # 11010519491231002X
WRONG_ID = "110105194912310021"  # the same number with a wrong check character
OTHER_NAME = "赵丽华"


@pytest.mark.browser
def test_admin_registers_a_party_after_fixing_the_id_finds_it_and_logs_out(
    transactional_db, world, live_server, open_chromium_page
):
    page = open_chromium_page()
    services.register_party(
        world.officer,
        services.PartyInput(
            kind=PartyKind.PERSON, name=OTHER_NAME, id_type=IdType.PASSPORT, id_number="E12345678"
        ),
    )
    problems = watch_for_problems(page)

    # A visitor is sent to the login page and logs in there.
    page.goto(live_server.url + "/")
    expect(page).to_have_url(re.compile(r"/login/"))
    expect(page.get_by_role("heading", name="登录法治工作平台")).to_be_visible()
    page.get_by_label("用户名").fill("town-admin")
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    expect(page.get_by_text("王管理 · 辛口镇")).to_be_visible()

    # 当事人 → 登记当事人
    page.get_by_role("link", name="当事人", exact=True).click()
    expect(page.get_by_role("heading", name="当事人（一户一档）")).to_be_visible()
    page.get_by_role("link", name="登记当事人").click()
    expect(page).to_have_url(live_server.url + "/parties/new/")
    expect(page.get_by_role("heading", name="登记当事人")).to_be_visible()

    # A natural person with a mistyped check character: the form comes back with the error beside 证件号码.
    page.get_by_role("radio", name="自然人").check()
    page.get_by_label("姓名（名称）").fill(NAME)
    page.get_by_label("证件类型").select_option(label="居民身份证")
    page.get_by_label("证件号码").fill(WRONG_ID)
    with page.expect_response(
        lambda r: r.request.method == "POST" and r.url.endswith("/parties/new/")
    ) as post:
        page.get_by_role("button", name="保存").click()
    assert post.value.status == 422
    expect(page.get_by_text("当事人信息有误，请按各项下方的提示修改。")).to_be_visible()
    id_number = page.get_by_label("证件号码")
    expect(id_number).to_have_value(WRONG_ID)
    expect(id_number).to_have_attribute("aria-invalid", "true")
    message = "居民身份证号码校验码错误：第18位应为 X，而不是 1，请核对号码。"
    expect(id_number).to_have_accessible_description(message)
    field_error = page.locator("[data-field='id_number']").get_by_role("alert")
    expect(field_error).to_have_text(message)
    expect(field_error).to_be_visible()
    expect(page.get_by_label("姓名（名称）")).to_have_value(NAME)
    expect(page.get_by_role("radio", name="自然人")).to_be_checked()
    assert not Party.objects.filter(name=NAME).exists()

    # Corrected, it is saved and the party's page opens.
    id_number.fill(VALID_ID)
    page.get_by_role("button", name="保存").click()
    expect(page).to_have_url(re.compile(r"/parties/\d+/$"))
    expect(page.get_by_role("heading", name=NAME)).to_be_visible()
    expect(page.get_by_role("alert").filter(has_text=f"已登记当事人“{NAME}”。")).to_be_visible()
    expect(page.get_by_text(VALID_ID, exact=True)).to_be_visible()
    expect(page.get_by_text("1949-12-31")).to_be_visible()  # read from the ID number

    # The list shows both parties; a search by name leaves only the new one.
    page.get_by_role("link", name="当事人", exact=True).click()
    results = page.locator("#party-results")
    expect(results.get_by_role("link", name=OTHER_NAME)).to_be_visible()
    page.get_by_role("searchbox", name="搜索").fill(NAME)
    page.get_by_role("button", name="搜索", exact=True).click()
    expect(page).to_have_url(re.compile(r"[?&]q="))
    expect(results.get_by_role("link", name=OTHER_NAME)).to_have_count(0)
    row = results.get_by_role("row").filter(has=page.get_by_role("link", name=NAME))
    expect(row).to_have_count(1)
    expect(row).to_contain_text("自然人")
    expect(row).to_contain_text("1101**********002X")  # masked in lists

    # 退出登录 ends the session: back on the login page, and the party list needs a login again.
    page.get_by_role("button", name="退出登录").click()
    expect(page).to_have_url(live_server.url + "/login/")
    expect(page.get_by_role("heading", name="登录法治工作平台")).to_be_visible()
    expect(page.get_by_role("button", name="退出登录")).to_have_count(0)
    response = page.goto(live_server.url + "/parties/")
    assert response is not None
    redirect = response.request.redirected_from
    assert redirect is not None
    assert redirect.url == live_server.url + "/parties/"
    redirect_response = redirect.response()
    assert redirect_response is not None
    assert redirect_response.status == 302
    expect(page).to_have_url(live_server.url + "/login/?next=/parties/")
    expect(page.get_by_role("heading", name="登录法治工作平台")).to_be_visible()

    assert problems == [f"422 POST {live_server.url}/parties/new/"]
    party = Party.objects.get(id_number=VALID_ID)
    assert Party.objects.filter(id_number=VALID_ID).count() == 1
    assert (party.name, party.kind, party.id_type) == (NAME, PartyKind.PERSON, IdType.RESIDENT_ID)
    assert (party.organisation, party.created_by) == (world.town, world.admin)
    assert not Party.objects.filter(id_number=WRONG_ID).exists()
    assert Event.objects.filter(action="core.party.registered", subject_id=str(party.pk)).count() == 1
