"""The main pages pass axe-core (tests/vendor/axe.min.js) with no serious or critical violation: each
demo role signs in and the pages it works on are checked as the browser shows them — the 工作台, the
case list, a case and its forms, the disclosure queue and a publication, the contracts, decisions,
mediation, petitions, reports and parties, and the public portal without an account."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TypeVar

import pytest
from django.db.models import Model, QuerySet
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from fazhi.contracts.models import Contract
from fazhi.core.models import NumberSeries, Party
from fazhi.decisions.models import CommentPeriod, MajorDecision
from fazhi.demo import today
from fazhi.demo.town import DEMO_PASSWORD, build_town
from fazhi.disclosure.models import Publication, PublicationStatus
from fazhi.enforcement.models import Case
from fazhi.mediation.models import Dispute
from fazhi.petitions.models import Petition
from fazhi.reports import services as report_services
from fazhi.reports.models import AnnualReport
from tests.conftest import CHROMIUM, TIMEOUT_MS

RecordT = TypeVar("RecordT", bound=Model)
AXE = Path(__file__).parent / "vendor" / "axe.min.js"
# Serious and critical only (the bar); the rules run are axe's defaults (WCAG 2.x A and AA).
RUN_AXE = """async () => {
  const result = await axe.run(document, {resultTypes: ["violations"]});
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(" | ")}`);
}"""


def violations(page: Page, url: str) -> list[str]:
    """axe's serious and critical violations on the page at `url`, each prefixed with its address."""
    response = page.goto(url)
    assert response is not None, url
    assert response.status < 400, f"{url}: {response.status}"
    page.evaluate(AXE.read_text(encoding="utf-8"))
    return [f"{url}: {found}" for found in page.evaluate(RUN_AXE)]


def sign_in(browser: Browser, base_url: str, username: str) -> Page:
    # bypass_csp: axe is evaluated into the page by the test, which the site's CSP would not allow.
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900}, bypass_csp=True)
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    if username:
        page.goto(base_url + "/login/")
        page.get_by_label("用户名").fill(username)
        page.get_by_label("密码").fill(DEMO_PASSWORD)
        page.get_by_role("button", name="登录").click()
        expect(page.get_by_role("button", name="退出登录")).to_be_visible()
    return page


def first(rows: QuerySet[RecordT]) -> RecordT:
    """The first record of a kind the demo must have loaded for the pages to audit."""
    found = rows.first()
    assert found is not None, rows.model.__name__
    return found


def pages_by_role() -> dict[str, list[str]]:
    """The demo users and the main pages each works on (the town's records loaded for today)."""
    case = first(Case.objects.filter(filed_on__isnull=False).order_by("-id"))
    lead = first(Case.objects.filter(filed_on__isnull=True).order_by("-id"))
    published = first(Publication.objects.filter(status=PublicationStatus.PUBLISHED))
    draft = Publication.objects.filter(status=PublicationStatus.DRAFT).first() or published
    contract = first(Contract.objects.order_by("-id"))
    decision = first(MajorDecision.objects.order_by("-id"))
    dispute = first(Dispute.objects.order_by("-id"))
    petition = first(Petition.objects.order_by("-id"))
    party = first(Party.objects.order_by("-id"))
    report = first(AnnualReport.objects.order_by("-id"))
    series = first(NumberSeries.objects.order_by("id"))
    period = CommentPeriod.objects.order_by("-id").first()
    officer = [
        "/",
        "/cases/",
        f"/cases/{case.pk}/",
        f"/cases/{case.pk}/evidence/",
        f"/cases/{case.pk}/notice/",
        "/cases/on-the-spot/",
        "/parties/",
        f"/parties/{party.pk}/",
        "/disclosure/",
        f"/disclosure/{draft.pk}/",
    ]
    head = [
        "/",
        f"/cases/{lead.pk}/file/",
        f"/cases/{case.pk}/decide/",
        f"/disclosure/{published.pk}/",
        "/contracts/",
        f"/contracts/{contract.pk}/",
        "/decisions/",
        f"/decisions/{decision.pk}/",
        "/reports/",
        f"/reports/{report.pk}/",
    ]
    public = [
        "/gongshi/",
        f"/gongshi/{published.pk}/",
        "/gongshi/zhuti/",
        "/gongshi/juece/",
        "/gongshi/chaxun/",
    ]
    if period is not None:
        public.append(f"/gongshi/juece/{period.pk}/")
    return {
        "zhifa1": officer,
        "zhenzhang": head,
        "shenhe": ["/", f"/cases/{case.pk}/review/"],
        "tiaojie": ["/", "/mediation/", f"/mediation/{dispute.pk}/"],
        "xinfang": ["/", "/petitions/", f"/petitions/{petition.pk}/"],
        "admin": ["/", "/cases/powers/", "/numbering/", f"/numbering/{series.pk}/", "/staff/", "/tokens/"],
        "": public,
    }


def audit(browser: Browser, base_url: str, plan: dict[str, list[str]]) -> Iterable[str]:
    for username, urls in plan.items():
        page = sign_in(browser, base_url, username)
        for url in urls:
            yield from violations(page, base_url + url)
        page.context.close()


@pytest.mark.browser
def test_the_main_pages_have_no_serious_or_critical_accessibility_violation(
    transactional_db, live_server, allow_orm_beside_playwright, settings
):
    if not Path(CHROMIUM).is_file():
        pytest.fail(f"Browser tests need Debian's Chromium at {CHROMIUM}.", pytrace=False)
    from playwright.sync_api import sync_playwright

    from tests.conftest import CHROMIUM_ARGS

    # Today's records of the demo town (not the replayed 2020, which is slow to load) and a draft report.
    town = build_town()
    for load in today.LOADERS:
        load(town)
    report_services.draft_report(town.staff["zhenzhang"], year=timezone.localdate().year - 1)
    plan = pages_by_role()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            found = list(audit(browser, live_server.url, plan))
        finally:
            browser.close()
    assert found == []
