"""Decisions taken with the whole case in view (issue 16, part 3): the 法制审核 form shows the facts
found, the evidence, the proposed penalty with its basis, the party's statement, the officers and their
执法证; the review is of that exact proposal; the decide form starts from the notice and the basis."""

from __future__ import annotations

import json

from fazhi.enforcement import selectors, services
from fazhi.enforcement.models import LegalReview
from fazhi.ledger.models import Event
from fazhi.testing.api import token_client
from fazhi.testing.enforcement import FILED_ON, close, notify
from fazhi.testing.pages import client_for


def _submitted(town, investigated):
    case = close(town, investigated, review=True)
    notify(town, case, served_on=FILED_ON)
    services.record_defence(town.officer, case, statement="摊位系临时摆放，已自行撤除。", waived=False)
    services.submit_legal_review(town.officer, case)
    return case


def test_the_review_form_shows_what_is_reviewed(town, investigated):
    case = _submitted(town, investigated)
    page = client_for(town.reviewer).get(f"/cases/{case.pk}/review/").content.decode()
    assert 'data-testid="proposal"' in page
    assert "占道经营属实，有现场照片及询问笔录为证。" in page
    assert "2,000 元" in page
    assert "《城市道路管理条例》第二十七条、第四十二条" in page
    assert "摊位系临时摆放，已自行撤除。" in page
    assert "张执法 · 执法证 12011100001" in page
    assert "赵执法 · 执法证 12011100002" in page
    assert f'value="{selectors.fingerprint(case)}"' in page


def test_a_review_of_a_proposal_changed_since_the_page_was_read_is_refused(town, investigated):
    case = _submitted(town, investigated)
    client = client_for(town.reviewer)
    page = client.get(f"/cases/{case.pk}/review/").content.decode()
    shown = selectors.fingerprint(case)
    assert shown in page
    # Meanwhile, from another window, the case went back to the officers, who recorded a further
    # statement and sent it again: what the page showed is no longer the proposal.
    services.review_case(town.reviewer, case, opinion="problems", reasons="陈述申辩未复核")
    services.record_defence(town.officer, case, statement="补充：当事人称系初次经营。", waived=False)
    services.submit_legal_review(town.officer, case)
    events = Event.objects.count()
    response = client.post(
        f"/cases/{case.pk}/review/", {"opinion": "agreed", "reasons": "事实清楚", "proposal_sha256": shown}
    )
    assert response.status_code == 422
    assert "请重新查看后再出具审核意见" in response.content.decode()
    assert LegalReview.objects.count() == 1
    assert Event.objects.count() == events
    fresh = selectors.fingerprint(case)
    client.post(
        f"/cases/{case.pk}/review/", {"opinion": "agreed", "reasons": "事实清楚", "proposal_sha256": fresh}
    )
    assert LegalReview.objects.latest("id").proposal_sha256 == fresh


def test_the_api_reads_the_proposal_and_reviews_it(town, investigated):
    case = _submitted(town, investigated)
    reviewer = token_client(town, town.reviewer)
    proposal = reviewer.get(f"/api/v1/cases/{case.pk}/proposal").json()
    assert proposal["proposed_fine_fen"] == 2_000_00
    assert proposal["statement"] == "摊位系临时摆放，已自行撤除。"
    stale = "0" * 64
    body = {"opinion": "agreed", "reasons": "事实清楚", "proposal_sha256": stale}
    refused = reviewer.post(
        f"/api/v1/cases/{case.pk}/review", json.dumps(body), content_type="application/json"
    )
    assert refused.status_code == 422
    assert not LegalReview.objects.exists()
    body["proposal_sha256"] = proposal["fingerprint"]
    done = reviewer.post(f"/api/v1/cases/{case.pk}/review", json.dumps(body), content_type="application/json")
    assert done.status_code == 200
    assert token_client(town, town.other_admin).get(f"/api/v1/cases/{case.pk}/proposal").status_code == 404


def test_the_decide_page_shows_the_proposal_and_starts_from_the_notice_and_the_basis(town, investigated):
    case = _submitted(town, investigated)
    services.review_case(town.reviewer, case, opinion="agreed", reasons="事实清楚，程序合法")
    page = client_for(town.head).get(f"/cases/{case.pk}/decide/").content.decode()
    assert 'data-testid="proposal-reviews"' in page
    assert "周审核：同意。事实清楚，程序合法" in page
    assert 'name="fine" value="2000.00"' in page
    assert "《城市道路管理条例》第二十七条、第四十二条</textarea>" in page
