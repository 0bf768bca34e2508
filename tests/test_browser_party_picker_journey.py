"""立案 with the party picker through a real browser: the head types a name, sees the town's two parties
of that name told apart by their masked ID tails and villages, chooses one; on the next case enters a
new party on the same form, whose bad ID number is refused beside the picker until it is corrected."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from fazhi.core.models import Party
from fazhi.enforcement.models import Case
from fazhi.testing.enforcement import lead, town  # noqa: F401  (fixture)
from fazhi.testing.parties import BAD_ID, NEW_ID, twins
from tests.conftest import choose_party, log_in, watch_for_problems


@pytest.mark.browser
def test_filing_chooses_one_of_two_same_named_parties_then_enters_a_new_one(
    transactional_db,
    town,  # noqa: F811
    live_server,
    open_chromium_page,
):
    pair = twins(town)
    first_case, second_case = lead(town, title="占道经营"), lead(town, title="乱堆乱放")
    head = open_chromium_page()
    watched = watch_for_problems(head)
    log_in(head, live_server.url, "head")

    # Two of one name: each listed with its masked ID tail and village, never the whole number.
    head.goto(f"{live_server.url}/cases/{first_case.pk}/file/")
    box = head.get_by_label(re.compile(r"^当事人( \*)?$"))
    box.fill("王五")
    picker = head.locator("[data-party-picker]")
    for party, village in ((pair.first, "辛口村"), (pair.second, "大沙沟村")):
        tail = party.id_number[-4:]
        expect(
            picker.get_by_label(f"王五（自然人，身份证 ****{tail}，辛口镇{village}（已隐去））")
        ).to_be_visible()
    expect(picker).not_to_contain_text(pair.first.id_number)
    picker.get_by_label(re.compile(r"大沙沟村")).check()
    head.get_by_label("赋权事项").select_option(index=0)
    head.get_by_role("button", name="保存").click()
    expect(head.get_by_role("alert").filter(has_text="已立案，立案号")).to_be_visible()
    assert Case.objects.get(pk=first_case.pk).party == pair.second

    # A new party entered inline: the bad ID number is refused beside the picker, nothing is kept.
    head.goto(f"{live_server.url}/cases/{second_case.pk}/file/")
    box = head.get_by_label(re.compile(r"^当事人( \*)?$"))
    choose_party(head, box, "赵新", "新当事人（在此登记，姓名或名称即上面所填）")
    head.get_by_label("证件号码（自然人、个体经营者）").fill(BAD_ID)
    head.get_by_label("住所（地址）").fill("辛口镇辛口村5号")
    head.get_by_label("赋权事项").select_option(index=0)
    head.get_by_role("button", name="保存").click()
    expect(head.get_by_text("证件号码：居民身份证号码校验码错误")).to_be_visible()
    assert not Party.objects.filter(name="赵新").exists()
    watched.clear()  # the refused form's 422 is the answer expected
    expect(head.get_by_label("证件号码（自然人、个体经营者）")).to_be_visible()
    head.get_by_label("证件号码（自然人、个体经营者）").fill(NEW_ID)
    head.get_by_role("button", name="保存").click()
    expect(head.get_by_role("alert").filter(has_text="已立案，立案号")).to_be_visible()
    party = Party.objects.get(cases__pk=second_case.pk)
    assert (party.name, party.id_number, party.address) == ("赵新", NEW_ID, "辛口镇辛口村5号")
    assert watched == []
