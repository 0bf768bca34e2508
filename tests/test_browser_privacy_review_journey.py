"""The publisher's privacy review through a real browser: the draft of a decision whose facts name a
neighbour with his phone and ID number shows every finding highlighted; publishing is refused while a
number is open; the head releases the town's public service line with a reason, confirms the rest hidden
and publishes; a citizen reads the facts masked, the released line shown."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from fazhi.disclosure.models import FindingReview, Publication, PublicationStatus
from fazhi.enforcement.models import Notice
from fazhi.testing.enforcement import decided, investigated, town  # noqa: F401  (fixtures)
from tests.conftest import log_in, watch_for_problems
from tests.test_browser_enforcement_journeys import browser_of, new_page, sign_in

FACTS = (
    "当事人在政府路摆摊，与邻居丁国华（tel13911112222，证件IDNo120111194808230299）发生争执。"
    "便民服务中心热线022-27391234。"
)


@pytest.mark.browser
def test_draft_highlight_release_with_reason_publish(
    transactional_db,
    town,  # noqa: F811
    decided,  # noqa: F811
    live_server,
    open_chromium_page,
):
    Notice.objects.filter(case=decided).update(facts=FACTS)
    officer = open_chromium_page()
    watched = [watch_for_problems(officer)]
    browser = browser_of(officer)

    # The officer prepares the draft; the preview already reads as the public will read it.
    log_in(officer, live_server.url, "officer")
    officer.goto(f"{live_server.url}/disclosure/decisions/{decided.decision.pk}/prepare/")
    officer.get_by_role("button", name="保存").click()
    expect(officer.get_by_role("alert").filter(has_text="已生成公示稿")).to_be_visible()
    preview = officer.get_by_test_id("public-content")
    expect(preview).to_contain_text("与邻居丁某某（tel（已隐去），证件IDNo（已隐去））发生争执")
    expect(preview).not_to_contain_text("丁国华")
    draft_url = officer.url

    # The head sees the text as written with each finding highlighted, and publishing blocked.
    head = sign_in(browser, live_server.url, "head", watched)
    head.goto(draft_url)
    marked = head.get_by_test_id("review-facts").locator("mark")
    expect(marked).to_have_text(["丁国华", "13911112222", "120111194808230299", "022-27391234"])
    blocked = head.get_by_test_id("blocked")
    expect(blocked).to_contain_text("手机号码“13911112222”")
    expect(blocked).to_contain_text("个人信息保护法 第二十八条")
    expect(head.get_by_role("button", name="核对无误，发布")).to_have_count(0)

    # The service line is the centre's, published on purpose: released with the reason.
    line = head.get_by_test_id("finding").filter(has_text="022-27391234")
    line.get_by_placeholder("保留公开的理由").fill("系便民服务中心对外公布的服务电话，不属个人信息")
    line.get_by_role("button", name="保留公开").click()
    expect(head.get_by_role("alert").filter(has_text="已保留公开“022-27391234”")).to_be_visible()
    expect(head.get_by_test_id("released")).to_contain_text("系便民服务中心对外公布的服务电话")

    # The neighbour's phone and ID number: confirmed hidden, one after the other.
    for number in ("13911112222", "120111194808230299"):
        head.get_by_test_id("finding").filter(has_text=number).get_by_role("button", name="确认隐去").click()
        expect(head.get_by_role("alert").filter(has_text=f"已标记隐去“{number}”")).to_be_visible()
    head.get_by_label("我已知悉", exact=False).check()
    head.get_by_role("button", name="核对无误，发布").click()
    expect(head.get_by_role("alert").filter(has_text="已公示，公示内容已存证")).to_be_visible()

    publication = Publication.objects.get()
    assert publication.status == PublicationStatus.PUBLISHED
    released = FindingReview.objects.get(action="release")
    assert released.reason == "系便民服务中心对外公布的服务电话，不属个人信息"
    assert released.reviewed_by.username == "head"

    # A citizen reads the facts masked, the released line as written.
    citizen = new_page(browser, watched)
    citizen.goto(f"{live_server.url}/gongshi/{publication.pk}/")
    content = citizen.get_by_test_id("public-content")
    expect(content).to_contain_text("与邻居丁某某（tel（已隐去），证件IDNo（已隐去））发生争执")
    expect(content).to_contain_text("便民服务中心热线022-27391234")
    for private in ("丁国华", "13911112222", "120111194808230299"):
        expect(content).not_to_contain_text(private)
    assert [problem for problems in watched for problem in problems] == []
