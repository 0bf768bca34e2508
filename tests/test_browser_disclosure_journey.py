"""The disclosure journey through a real browser: an officer prepares the publication of a decision, the
head publishes it, a citizen without an account finds it on the portal, downloads its proof and checks
it; the head withdraws it and the citizen's old address now says why, without the content."""

from __future__ import annotations

import hashlib
import json
import re

import pytest
from playwright.sync_api import expect

from fazhi.core.models import Party
from fazhi.disclosure.models import Publication, PublicationStatus
from fazhi.ledger import verify
from fazhi.testing.enforcement import decided, investigated, town  # noqa: F401  (fixtures)
from tests.conftest import log_in, watch_for_problems
from tests.test_browser_enforcement_journeys import browser_of, new_page, sign_in


@pytest.mark.browser
def test_publish_find_prove_withdraw(
    transactional_db,
    town,  # noqa: F811
    decided,  # noqa: F811
    live_server,
    open_chromium_page,
    tmp_path,
):
    Party.objects.filter(pk=town.party.pk).update(name="刘建国", phone="13912345678")
    number = decided.decision.number.text
    officer = open_chromium_page()
    watched = [watch_for_problems(officer)]
    browser = browser_of(officer)

    # The officer finds the decision in the queue with its 7-working-day clock and prepares the draft.
    log_in(officer, live_server.url, "officer")
    officer.goto(f"{live_server.url}/disclosure/")
    row = officer.get_by_role("row").filter(has_text=number)
    expect(row).to_contain_text(re.compile(r"\d{4}-\d{2}-\d{2}"))
    row.get_by_role("link", name="生成公示稿").click()
    officer.get_by_label("失信程度").select_option(label="一般")
    officer.get_by_role("button", name="保存").click()
    expect(officer.get_by_role("alert").filter(has_text="已生成公示稿")).to_be_visible()
    preview = officer.get_by_test_id("public-content")
    expect(preview).to_contain_text("刘某某")
    expect(preview).not_to_contain_text("刘建国")
    publication = Publication.objects.get()
    preview_url = officer.url

    # The head publishes; the page gives the fingerprint.
    head = sign_in(browser, live_server.url, "head", watched)
    head.goto(preview_url)
    head.get_by_label("我已知悉", exact=False).check()
    head.get_by_role("button", name="核对无误，发布").click()
    expect(head.get_by_role("alert").filter(has_text="已公示，公示内容已存证")).to_be_visible()

    # A citizen, not logged in, searches the portal by the decision number and opens it.
    citizen = new_page(browser, watched)
    citizen.goto(f"{live_server.url}/gongshi/")
    citizen.get_by_placeholder("当事人、文号或违法行为").fill(number)
    citizen.get_by_role("button", name="查询").click()
    citizen.get_by_role("link", name=number).click()
    content = citizen.get_by_test_id("public-content")
    expect(content).to_contain_text("刘某某")
    expect(content).to_contain_text("罚款人民币2,000元")
    # The fingerprint is folded away for those who verify; opened, it is the content's SHA-256.
    citizen.get_by_text("内容指纹（供核验）").click()
    fingerprint = citizen.get_by_test_id("fingerprint").inner_text()
    detail_url = citizen.url

    # The proof: the event that published it is in the signed ledger, and its content hashes to the
    # fingerprint shown on the page.
    with citizen.expect_download() as download:
        citizen.get_by_role("link", name="存证证明").click()
    bundle_path = tmp_path / download.value.suggested_filename
    download.value.save_as(bundle_path)
    bundle = json.loads(bundle_path.read_text(encoding="utf-8"))
    assert all(passed for passed, _ in verify.verify_bundle(bundle)), verify.verify_bundle(bundle)
    canonical = json.dumps(bundle["content"], ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    assert hashlib.sha256(canonical.encode("utf-8")).hexdigest() == fingerprint
    assert json.loads(bundle["event"]["entry"])["payload"]["content_sha256"] == fingerprint

    # The decision is revoked on reconsideration: the head withdraws it with a public reason.
    head.goto(preview_url)
    head.get_by_label("撤回理由（向社会公开）").fill("经行政复议，原处罚决定已被撤销")
    head.get_by_label("我已知悉", exact=False).check()
    head.get_by_role("button", name="撤回").click()
    expect(head.get_by_role("alert").filter(has_text="已撤回公示")).to_be_visible()
    assert Publication.objects.get().status == PublicationStatus.WITHDRAWN

    # The citizen's old address now says it was withdrawn and why, and shows none of the content.
    # (Public pages may be cached for a minute; a reload asks the server again.)
    citizen.goto(detail_url)
    citizen.reload()
    expect(citizen.get_by_test_id("withdrawn")).to_contain_text("经行政复议，原处罚决定已被撤销")
    expect(citizen.get_by_test_id("public-content")).to_have_count(0)
    citizen.goto(f"{live_server.url}/gongshi/?q={number}")
    expect(citizen.get_by_role("link", name=number)).to_have_count(0)
    assert publication.pk == Publication.objects.get().pk
    assert [problem for problems in watched for problem in problems] == []
