"""Enforcement journeys through a real browser, each role logged in through the login form in a browser
context of its own: an ordinary case that needs 法制审核 (行政处罚法 art. 58) from 调查终结 to 结案, and a
简易程序 decision made on a phone-sized window. Drives Debian's Chromium through Playwright."""

from __future__ import annotations

import datetime
import re
from typing import Any

import docx
import pytest
from django.utils import timezone
from playwright.sync_api import Browser, Locator, Page, expect

from conftest import PASSWORD
from fazhi.enforcement.models import Case, Closure, DecisionService, LegalReview, Payment, PenaltyDecision
from fazhi.enforcement.rules import Procedure, Stage
from fazhi.ledger.models import Event
from fazhi.testing.enforcement import FILED_ON, investigated, services_on, spot, town  # noqa: F401  (fixtures)
from tests.conftest import TIMEOUT_MS, choose_party, log_in, watch_for_problems

DESKTOP: dict[str, Any] = {"viewport": {"width": 1280, "height": 900}}
PHONE: dict[str, Any] = {
    "viewport": {"width": 390, "height": 844},
    "device_scale_factor": 3,
    "is_mobile": True,
    "has_touch": True,
}


def browser_of(page: Page) -> Browser:
    browser = page.context.browser
    assert browser is not None
    return browser


def new_page(browser: Browser, watched: list[list[str]], **context_options: Any) -> Page:
    """A fresh browser context of one person's own; what goes wrong on its page lands in `watched`."""
    context = browser.new_context(locale="zh-CN", **(context_options or DESKTOP))
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    watched.append(watch_for_problems(page))
    return page


def sign_in(browser: Browser, base_url: str, username: str, watched: list[list[str]]) -> Page:
    """A desktop browser of one person's own, logged in through the login form."""
    page = new_page(browser, watched)
    log_in(page, base_url, username)
    return page


def saved(page: Page, message: str | re.Pattern[str]) -> None:
    """The success message a step page leaves on the case page after saving."""
    expect(page).to_have_url(re.compile(r"/cases/\d+/$"))
    expect(page.get_by_role("alert").filter(has_text=message)).to_be_visible()


def next_steps(page: Page) -> Locator:
    return page.locator("section").filter(has=page.get_by_role("heading", name="下一步", exact=True))


def stage(page: Page) -> Locator:
    return page.get_by_test_id("stage")


def no_sideways_scrolling(page: Page) -> None:
    widths = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1], f"{page.url} scrolls sideways on a phone: {widths[0]}px in {widths[1]}px"


def prefilled_date(field: Locator, day: datetime.date) -> None:
    """A date the page fills in for the user, which the user then leaves as it is."""
    expect(
        field, f"{field} should be prefilled with {day.isoformat()}, so the form can be saved as it is"
    ).to_have_value(day.isoformat())


def clock_cites_its_article_once(page: Page) -> None:
    clock = page.get_by_test_id("clock")
    expect(
        clock.get_by_role("listitem").filter(has_text="依据："), "the clock names its legal basis once"
    ).to_have_count(1)


def case_events(case: Case) -> list[str]:
    return list(
        Event.objects.filter(subject_type="enforcement.case", subject_id=str(case.pk))
        .order_by("sequence")
        .values_list("action", flat=True)
    )


@pytest.mark.browser
def test_an_ordinary_case_needing_legal_review_goes_from_investigation_to_closure_through_the_pages(
    transactional_db,
    town,  # noqa: F811
    investigated,  # noqa: F811
    live_server,
    open_chromium_page,
    tmp_path,
):
    today = timezone.localdate()
    case: Case = investigated
    url = f"{live_server.url}/cases/{case.pk}/"
    officer = open_chromium_page()
    watched = [watch_for_problems(officer)]
    browser = browser_of(officer)

    # 调查终结 by the officer, with the art. 58 ground ticked.
    log_in(officer, live_server.url, "officer")
    officer.goto(url)
    expect(stage(officer)).to_have_text("调查取证")
    next_steps(officer).get_by_role("link", name="调查终结").click()
    expect(officer.get_by_role("heading", name=re.compile(r"^调查终结："))).to_be_visible()
    officer.get_by_label("调查结论").select_option(label="拟给予行政处罚")
    officer.get_by_label("事实、证据和处理建议").fill("占道经营属实，有现场照片及询问笔录为证，建议罚款。")
    officer.get_by_label("涉及重大公共利益（须法制审核）").check()
    # The investigation ended on the day the case was filed, so that the notice below may be dated ten
    # days ago (a notice before 调查终结 is refused, arts. 44 and 55).
    with services_on(FILED_ON):
        officer.get_by_role("button", name="保存").click()
        saved(officer, "已调查终结。")
    expect(stage(officer)).to_have_text("调查终结")

    # 事先告知, served ten days ago with three working days to state a defence.
    next_steps(officer).get_by_role("link", name="告知", exact=True).click()
    expect(officer.get_by_label("陈述申辩期限（工作日）")).to_have_value("3")
    officer.get_by_role("checkbox", name="罚款", exact=True).check()
    officer.get_by_label("拟作出的处罚（内容）").fill("罚款")
    officer.get_by_label("拟罚款金额").fill("2000")
    officer.get_by_label("事实、理由及依据").fill(
        "当事人在政府路占道经营，违反《城市道路管理条例》第二十七条。"
    )
    officer.get_by_label("送达日期").fill((today - datetime.timedelta(days=10)).isoformat())
    officer.get_by_label("陈述申辩期限（工作日）").fill("3")
    officer.get_by_role("button", name="保存").click()
    saved(officer, re.compile(r"^已送达事先告知书；陈述申辩期限至 \d{4}-\d{2}-\d{2}。$"))
    expect(stage(officer)).to_have_text("告知")
    expect(officer.get_by_test_id("hearing-right")).to_have_text("拟处罚不属于第六十三条规定的听证情形")

    # The head sees the decision blocked by art. 58, as text with no link to follow.
    head = sign_in(browser, live_server.url, "head", watched)
    head.goto(url)
    decide_step = next_steps(head).get_by_role("listitem").filter(has_text=re.compile(r"^\s*决定"))
    expect(decide_step).to_have_count(1)
    expect(decide_step.get_by_test_id("blocked")).to_have_text(
        "暂不能进行：本案属于须经法制审核的情形，未经法制审核或者审核未通过的，不得作出决定。"
        "（依据：行政处罚法 第五十八条）"
    )
    expect(decide_step.get_by_role("link")).to_have_count(0)
    expect(next_steps(head).get_by_role("link", name="决定", exact=True)).to_have_count(0)

    # The officer submits the case for review.
    def submit_for_review() -> None:
        officer.goto(url)
        next_steps(officer).get_by_role("link", name="法制审核", exact=True).click()
        expect(officer.get_by_role("heading", name=re.compile(r"^提交法制审核："))).to_be_visible()
        officer.get_by_label("案卷材料已齐全，提交法制审核").check()
        officer.get_by_role("button", name="保存").click()
        saved(officer, "已提交法制审核。")
        expect(stage(officer)).to_have_text("法制审核")

    submit_for_review()

    # The reviewer finds it in the case list and finds a problem.
    reviewer = sign_in(browser, live_server.url, "reviewer", watched)
    reviewer.get_by_role("link", name="行政执法", exact=True).click()
    expect(reviewer.get_by_role("heading", name="行政执法案件")).to_be_visible()
    reviewer.get_by_role("link", name=str(case)).click()
    expect(reviewer).to_have_url(url)

    def review(opinion: str, reasons: str) -> None:
        reviewer.get_by_role("link", name="出具审核意见").click()
        expect(reviewer.get_by_role("heading", name=re.compile(r"^法制审核："))).to_be_visible()
        reviewer.get_by_role("radio", name=opinion).check()
        reviewer.get_by_label("审核理由").fill(reasons)
        reviewer.get_by_role("button", name="保存").click()
        saved(reviewer, f"已出具法制审核意见：{opinion}。")

    review("存在问题", "告知书未写明当事人要求听证的权利，请补正后重新提交。")
    expect(stage(reviewer)).to_have_text("告知")

    # Back at 告知, the decision is still blocked, now by the reviewer's problem.
    head.reload()
    expect(stage(head)).to_have_text("告知")
    decide_step = next_steps(head).get_by_role("listitem").filter(has_text=re.compile(r"^\s*决定"))
    expect(decide_step.get_by_test_id("blocked")).to_contain_text("法制审核意见为“存在问题”")
    expect(decide_step.get_by_test_id("blocked")).to_contain_text("行政处罚法 第五十八条")
    expect(decide_step.get_by_role("link")).to_have_count(0)

    # Resubmitted, and agreed.
    submit_for_review()
    reviewer.reload()
    review("同意", "已补正；主体适格、程序合法、事实清楚、证据确凿、适用法律正确、裁量适当。")
    expect(stage(reviewer)).to_have_text("法制审核")

    # The head decides; the decision gets its 文号.
    number = f"西青辛综执罚〔{today.year}〕1号"
    head.reload()
    next_steps(head).get_by_role("link", name="决定", exact=True).click()
    expect(head.get_by_role("heading", name=re.compile(r"^作出决定："))).to_be_visible()
    # The form starts from what was notified (art. 45).
    expect(head.get_by_role("checkbox", name="罚款", exact=True)).to_be_checked()
    expect(head.get_by_label("处罚内容")).to_have_value("罚款")
    head.get_by_label("罚款金额").fill("2000")
    head.get_by_label("处罚依据").fill("《城市道路管理条例》第四十二条")
    head.get_by_role("button", name="保存").click()
    saved(head, f"已作出行政处罚决定，文号 {number}。")
    expect(stage(head)).to_have_text("决定")
    expect(head.get_by_test_id("decision")).to_contain_text(number)
    expect(head.get_by_test_id("decision"), "the case page shows the fine decided").to_contain_text("2,000")

    # The 行政处罚决定书 downloads as .docx and carries the party, the number and the fine.
    with head.expect_download() as download:
        head.get_by_role("link", name="行政处罚决定书（.docx）").click()
    path = tmp_path / "decision.docx"
    download.value.save_as(path)
    assert download.value.suggested_filename.endswith(".docx")
    document = docx.Document(str(path))
    text = "\n".join(
        [paragraph.text for paragraph in document.paragraphs]
        + [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    )
    assert "刘某" in text
    assert number in text
    assert "2,000" in text

    # The officer serves it and records the payment, prefilled with what is owed.
    officer.goto(url)
    next_steps(officer).get_by_role("link", name="送达", exact=True).click()
    officer.get_by_label("送达方式").select_option(label="直接送达")
    prefilled_date(officer.get_by_label("送达日期"), today)
    expect(officer.get_by_label("受送达人（签收人）")).to_have_value("刘某")
    officer.get_by_label("送达凭证").fill("送达回证签收")
    officer.get_by_role("button", name="保存").click()
    saved(officer, re.compile(r"^已送达；罚款缴纳期限至 \d{4}-\d{2}-\d{2}。$"))
    expect(stage(officer)).to_have_text("送达")
    expect(officer.get_by_test_id("clock")).to_contain_text("缴纳罚款期限")
    clock_cites_its_article_once(officer)

    next_steps(officer).get_by_role("link", name="缴纳", exact=True).click()
    prefilled_date(officer.get_by_label("缴纳日期"), today)
    expect(officer.get_by_label("缴纳金额（含加处罚款）")).to_have_value("2000.00")
    officer.get_by_label("缴款凭证号").fill("FS-2026-0001")
    officer.get_by_role("button", name="保存").click()
    saved(officer, "已登记缴纳：罚款 2,000 元，加处罚款 0 元。")
    expect(stage(officer)).to_have_text("缴纳")

    # The head closes the case.
    head.goto(url)
    next_steps(head).get_by_role("link", name="结案", exact=True).click()
    head.get_by_label("结案理由").select_option(label="执行完毕")
    head.get_by_label("处理结果").fill("罚款2,000元已缴清，执行完毕。")
    head.get_by_role("button", name="保存").click()
    saved(head, "已批准结案。")
    expect(stage(head)).to_have_text("结案")

    assert [problem for problems in watched for problem in problems] == []

    case.refresh_from_db()
    assert case.stage == Stage.CLOSED
    decision = PenaltyDecision.objects.get(case=case)
    assert PenaltyDecision.objects.count() == 1
    assert (decision.number.text, decision.fine_fen, decision.decided_by) == (number, 2_000_00, town.head)
    assert list(
        LegalReview.objects.filter(case=case).order_by("pk").values_list("opinion", "reviewer__username")
    ) == [("problems", "reviewer"), ("agreed", "reviewer")]
    service = DecisionService.objects.get(case=case)
    assert (service.method, service.recipient, service.proof) == ("direct", "刘某", "送达回证签收")
    payment = Payment.objects.get(case=case)
    assert (payment.fine_fen, payment.surcharge_fen, payment.receipt_number) == (2_000_00, 0, "FS-2026-0001")
    assert Closure.objects.get(case=case).reason == "performed"
    assert case_events(case) == [
        "enforcement.case.lead_registered",
        "enforcement.case.filed",
        "enforcement.case.investigation_started",
        "enforcement.case.investigation_closed",
        "enforcement.case.notice_issued",
        "enforcement.case.review_submitted",
        "enforcement.case.review_given",
        "enforcement.case.review_submitted",
        "enforcement.case.review_given",
        "enforcement.case.decided",
        "enforcement.case.served",
        "enforcement.case.paid",
        "enforcement.case.closed",
    ]


@pytest.mark.browser
def test_an_officer_decides_a_small_fine_on_the_spot_on_a_phone(
    transactional_db,
    town,  # noqa: F811
    spot,  # noqa: F811  (the town with its on-the-spot number series)
    live_server,
    open_chromium_page,
):
    today = timezone.localdate()
    watched: list[list[str]] = []
    phone = new_page(browser_of(open_chromium_page()), watched, **PHONE)

    # The officer logs in on the phone, where the menu (with 退出登录) is folded away until tapped open.
    phone.goto(live_server.url + "/login/")
    phone.get_by_label("用户名").fill("officer")
    phone.get_by_label("密码").fill(PASSWORD)
    phone.get_by_role("button", name="登录").tap()
    expect(phone.get_by_role("heading", name=re.compile(r"^工作台"))).to_be_visible()
    no_sideways_scrolling(phone)
    expect(phone.get_by_role("link", name="行政执法", exact=True)).to_be_hidden()
    phone.get_by_role("button", name="展开菜单").tap()
    expect(phone.get_by_role("button", name="退出登录")).to_be_visible()

    # 行政执法 → 当场处罚.
    phone.get_by_role("link", name="行政执法", exact=True).tap()
    expect(phone.get_by_role("heading", name="行政执法案件")).to_be_visible()
    phone.get_by_role("link", name="当场处罚").tap()
    expect(phone.get_by_role("heading", name="当场处罚（简易程序）")).to_be_visible()
    no_sideways_scrolling(phone)

    def fill_the_form(fine: str) -> None:
        box = phone.get_by_label(re.compile(r"^当事人( \*)?$"))
        choose_party(phone, box, town.party.name, re.compile(r"^刘某（自然人，护照 \*\*\*\*4567）"))
        phone.get_by_label("赋权事项").select_option(label=str(town.power))
        phone.get_by_label("共同执法人员").select_option(label="赵执法")
        phone.get_by_label(re.compile(r"^违法行为( \*)?$")).fill("占道经营")
        phone.get_by_label("违法地点").fill("辛口镇政府路")
        prefilled_date(phone.get_by_label("违法行为日期"), today)
        phone.get_by_label("违法事实").fill("在政府路占道摆摊约3平方米")
        phone.get_by_label("处罚依据").fill("《城市道路管理条例》第四十二条")
        phone.get_by_label("罚款金额").fill(fine)
        phone.get_by_label("当事人放弃陈述申辩").check()
        expect(phone.get_by_label("当事人已签收决定书")).to_be_checked()
        phone.get_by_role("button", name="保存").tap()

    # 250 yuan is beyond what a citizen may be fined on the spot: refused, with the article, nothing saved.
    fill_the_form("250")
    refusal = phone.get_by_role("alert").filter(has_text="依据：行政处罚法 第五十一条")
    expect(refusal).to_be_visible()
    expect(refusal).to_contain_text("200 元")
    expect(phone.get_by_role("heading", name="当场处罚（简易程序）")).to_be_visible()
    expect(phone.get_by_label("罚款金额")).to_have_value("250")
    no_sideways_scrolling(phone)
    assert not Case.objects.exists()

    # 50 yuan: decided, numbered, served on the spot, with the payment clock running.
    number = f"西青辛综简〔{today.year}〕1号"
    phone.get_by_label("罚款金额").fill("50")
    phone.get_by_role("button", name="保存").tap()
    saved(phone, f"已当场作出处罚决定，编号 {number}。")
    expect(phone.get_by_test_id("decision")).to_contain_text(number)
    expect(phone.get_by_test_id("clock")).to_contain_text("缴纳罚款期限")
    clock_cites_its_article_once(phone)
    expect(stage(phone)).to_have_text("送达")
    no_sideways_scrolling(phone)

    # The payment, then 备案, from the case page.
    next_steps(phone).get_by_role("link", name="缴纳", exact=True).tap()
    prefilled_date(phone.get_by_label("缴纳日期"), today)
    expect(phone.get_by_label("缴纳金额（含加处罚款）")).to_have_value("50.00")
    no_sideways_scrolling(phone)
    phone.get_by_label("缴款凭证号").fill("FS-2026-0050")
    phone.get_by_role("button", name="保存").tap()
    saved(phone, "已登记缴纳：罚款 50 元，加处罚款 0 元。")
    expect(stage(phone)).to_have_text("缴纳")
    next_steps(phone).get_by_role("link", name="备案", exact=True).tap()
    expect(phone.get_by_role("heading", name=re.compile(r"^简易程序备案："))).to_be_visible()
    phone.get_by_label("确认").check()
    phone.get_by_role("button", name="保存").tap()
    saved(phone, "已备案。")
    expect(stage(phone)).to_have_text("备案")
    no_sideways_scrolling(phone)

    assert watched == [[f"422 POST {live_server.url}/cases/on-the-spot/"]]  # the refused 250 yuan

    case = Case.objects.get()
    assert (case.procedure, case.stage) == (Procedure.SUMMARY, Stage.RECORDED_WITH_AGENCY)
    decision = PenaltyDecision.objects.get(case=case)
    assert (decision.number.text, decision.fine_fen) == (number, 50_00)
    assert Payment.objects.get(case=case).receipt_number == "FS-2026-0050"
    assert sorted(case.officers.values_list("staff__username", flat=True)) == ["officer", "officer2"]
    assert case_events(case) == [
        "enforcement.case.decided_on_spot",
        "enforcement.case.served",
        "enforcement.case.paid",
        "enforcement.case.recorded_with_agency",
    ]
