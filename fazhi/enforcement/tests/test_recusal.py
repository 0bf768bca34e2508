"""回避 (art. 43): recorded for the party or the officer, decided by the head, the investigation going on
meanwhile; a withdrawn officer takes no further part in the case."""

from __future__ import annotations

import datetime
import json
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from fazhi.core.errors import InvalidInput, RuleViolation
from fazhi.enforcement import documents, selectors, services
from fazhi.enforcement.models import CaseOfficer, DocumentKind, Evidence, InvestigationRecord, Recusal
from fazhi.enforcement.rules import Stage
from fazhi.enforcement.tests.test_evidence import evidence_input, third_officer
from fazhi.ledger.models import Event
from fazhi.testing.api import token_client
from fazhi.testing.enforcement import FILED_ON, TODAY, close

DAY = datetime.timedelta(days=1)


def ask(town, case, *, staff=None, actor=None, requested_by="party", requested_on=TODAY) -> Recusal:
    return services.request_recusal(
        actor or town.officer,
        case,
        staff=staff or town.officer2,
        requested_by=requested_by,
        reason="该执法人员系当事人的近亲属。",
        requested_on=requested_on,
    )


def record_input(town, officers) -> services.RecordInput:
    now = timezone.now()
    return services.RecordInput(
        kind="inquiry",
        place="辛口镇综合执法队询问室",
        started_at=now - datetime.timedelta(hours=2),
        ended_at=now - datetime.timedelta(hours=1),
        subject_person="刘某",
        content="问：……答：……",
        officers=officers,
        credentials_shown=True,
    )


def _post(client: Client, url: str, body: dict[str, Any]) -> Any:
    return client.post(url, json.dumps(body), content_type="application/json")


def test_a_pending_request_does_not_stop_the_investigation(town, investigated):
    recusal = ask(town, investigated)
    assert recusal.decided_on is None
    # Art. 43 para. 3: 决定作出之前，不停止调查.
    services.add_evidence(town.officer, investigated, evidence_input(town))
    services.add_record(town.officer, investigated, record_input(town, [town.officer, town.officer2]))
    assert Evidence.objects.count() == InvestigationRecord.objects.count() == 1


def test_only_the_head_decides_a_recusal(town, investigated):
    recusal = ask(town, investigated)
    events = Event.objects.count()
    with pytest.raises(RuleViolation, match="由行政机关负责人决定") as refused:
        services.decide_recusal(town.officer, investigated, recusal, granted=True, decision_reason="属实")
    assert refused.value.citation == "行政处罚法 第四十三条第三款"
    recusal.refresh_from_db()
    assert recusal.decided_on is None
    assert not CaseOfficer.objects.filter(withdrawn_on__isnull=False).exists()
    assert Event.objects.count() == events


def test_a_granted_recusal_withdraws_the_officer_from_everything_in_the_case(town, investigated):
    recusal = ask(town, investigated)
    services.decide_recusal(
        town.head, investigated, recusal, granted=True, decision_reason="近亲属，应当回避"
    )
    withdrawn = CaseOfficer.objects.get(case=investigated, staff=town.officer2)
    assert withdrawn.withdrawn_on == TODAY
    assert [officer.staff for officer in selectors.acting_officers(investigated)] == [town.officer]
    with pytest.raises(RuleViolation, match="赵执法 已回避") as evidence:
        services.add_evidence(town.officer, investigated, evidence_input(town))
    assert evidence.value.citation == "行政处罚法 第四十三条"
    with pytest.raises(RuleViolation, match="赵执法 已回避"):
        services.add_record(town.officer, investigated, record_input(town, [town.officer, town.officer2]))
    # Nor as the one holding the camera.
    with pytest.raises(RuleViolation, match="赵执法 已回避"):
        services.add_evidence(
            town.officer,
            investigated,
            evidence_input(town, captured_by=town.officer2, officers=[town.officer]),
        )
    # One officer is left: the next act of investigation is refused by art. 42, even with an officer from
    # outside the case.
    outsider = third_officer(town)
    with pytest.raises(RuleViolation, match="钱执法 不是本案在办的执法人员") as short:
        services.add_evidence(
            town.officer, investigated, evidence_input(town, officers=[town.officer, outsider])
        )
    assert short.value.citation == "行政处罚法 第四十二条"
    assert not Evidence.objects.exists()
    assert not InvestigationRecord.objects.exists()

    browser = Client()
    browser.force_login(town.officer)
    page = browser.get(reverse("enforcement:case-detail", args=[investigated.pk])).content.decode()
    assert 'data-testid="officers-short"' in page
    assert "赵执法（%(d)s 起回避）" % {"d": TODAY.isoformat()} in page
    filing = documents.context(investigated, DocumentKind.FILING_APPROVAL)
    assert "赵执法" not in str(filing["officers"])


def test_a_refused_recusal_changes_nobody(town, investigated):
    recusal = ask(town, investigated)
    services.decide_recusal(town.head, investigated, recusal, granted=False, decision_reason="理由不成立")
    recusal.refresh_from_db()
    assert recusal.granted is False
    assert len(selectors.acting_officers(investigated)) == 2
    services.add_evidence(town.officer, investigated, evidence_input(town))


def test_a_withdrawn_officer_is_not_assigned_to_the_case_again(town, investigated):
    services.decide_recusal(
        town.head, investigated, ask(town, investigated), granted=True, decision_reason="应当回避"
    )
    case = close(town, investigated, review=False)
    outsider = third_officer(town)
    with pytest.raises(RuleViolation, match="赵执法 已回避") as refused:
        services.start_investigation(
            town.officer, case, investigators=[town.officer, town.officer2, outsider]
        )
    assert refused.value.citation == "行政处罚法 第四十三条"
    case.refresh_from_db()
    assert case.stage == Stage.INVESTIGATION_CLOSED
    assert not CaseOfficer.objects.filter(staff=outsider).exists()
    services.start_investigation(town.officer, case, investigators=[town.officer, outsider])
    services.add_evidence(town.officer, case, evidence_input(town, officers=[town.officer, outsider]))


def test_the_head_names_another_officer_in_the_withdrawn_ones_place(town, investigated):
    recusal = ask(town, investigated)
    with pytest.raises(RuleViolation, match="两名以上"):
        services.decide_recusal(
            town.head,
            investigated,
            recusal,
            granted=True,
            decision_reason="应当回避",
            replacement=town.auxiliary,
        )
    recusal.refresh_from_db()
    assert recusal.decided_on is None
    assert not CaseOfficer.objects.filter(withdrawn_on__isnull=False).exists()
    outsider = third_officer(town)
    services.decide_recusal(
        town.head, investigated, recusal, granted=True, decision_reason="应当回避", replacement=outsider
    )
    assert {officer.staff for officer in selectors.acting_officers(investigated)} == {town.officer, outsider}
    services.add_evidence(town.officer, investigated, evidence_input(town, officers=[town.officer, outsider]))
    with pytest.raises(RuleViolation, match="没有待决定的回避申请"):
        services.decide_recusal(town.head, investigated, recusal, granted=False, decision_reason="再议")


def test_a_request_is_about_an_acting_officer_asked_once_and_an_own_one_by_that_officer(town, investigated):
    outsider = third_officer(town)
    with pytest.raises(RuleViolation, match="不是本案在办的执法人员，无须申请回避"):
        ask(town, investigated, staff=outsider)
    with pytest.raises(RuleViolation, match="由其本人提出") as own:
        ask(town, investigated, staff=town.officer2, requested_by="self")
    assert own.value.citation == "行政处罚法 第四十三条第一款"
    ask(town, investigated, staff=town.officer2, actor=town.officer2, requested_by="self")
    with pytest.raises(RuleViolation, match="尚未决定的回避申请"):
        ask(town, investigated, staff=town.officer2)
    assert Recusal.objects.count() == 1


def test_a_request_dated_before_the_filing_or_in_the_future_is_refused(town, investigated):
    for day in (FILED_ON - DAY, TODAY + DAY):
        with pytest.raises(RuleViolation) as refused:
            ask(town, investigated, requested_on=day)
        assert refused.value.citation == "行政处罚法 第四十三条"
    with pytest.raises(InvalidInput) as blank:
        services.request_recusal(
            town.officer,
            investigated,
            staff=town.officer2,
            requested_by="party",
            reason=" ",
            requested_on=TODAY,
        )
    assert "reason" in blank.value.field_errors
    assert not Recusal.objects.exists()


def test_recusal_through_the_api(town, investigated):
    officer, head = token_client(town, town.officer), token_client(town, town.head)
    url = f"/api/v1/cases/{investigated.pk}/recusals"
    body = {
        "staff_id": town.officer2.pk,
        "requested_by": "party",
        "reason": "系当事人近亲属",
        "requested_on": TODAY.isoformat(),
    }
    outsider = third_officer(town)
    events = Event.objects.count()
    refused = _post(officer, url, {**body, "staff_id": outsider.pk})
    assert refused.status_code == 422
    assert refused.json()["citation"] == "行政处罚法 第四十三条"
    assert not Recusal.objects.exists()
    assert Event.objects.count() == events
    created = _post(officer, url, body)
    assert created.status_code == 201, created.content
    recusal_id = created.json()["id"]
    decision = f"{url}/{recusal_id}/decision"
    by_officer = _post(officer, decision, {"granted": True, "decision_reason": "属实"})
    assert by_officer.status_code == 422
    assert by_officer.json()["citation"] == "行政处罚法 第四十三条第三款"
    assert Recusal.objects.get().decided_on is None
    decided = _post(
        head, decision, {"granted": True, "decision_reason": "属实", "replacement_id": outsider.pk}
    )
    assert decided.status_code == 200, decided.content
    assert decided.json()["granted"] is True
    assert CaseOfficer.objects.get(staff=town.officer2).withdrawn_on == TODAY
    evidence = _post(
        officer,
        f"/api/v1/cases/{investigated.pk}/evidence",
        {
            "kind": "document",
            "description": "现场照片",
            "captured_by_id": town.officer.pk,
            "captured_at": (timezone.now() - datetime.timedelta(hours=1)).isoformat(),
            "place": "辛口镇政府路",
            "officer_ids": [town.officer.pk, town.officer2.pk],
        },
    )
    assert evidence.status_code == 422
    assert evidence.json()["citation"] == "行政处罚法 第四十三条"
    assert _post(head, decision, {"granted": False, "decision_reason": "再议"}).status_code == 422


def test_recusal_pages_record_and_decide(town, investigated):
    officer = Client()
    officer.force_login(town.officer)
    page = reverse("enforcement:case-detail", args=[investigated.pk])
    assert "登记回避申请" in officer.get(page).content.decode()
    response = officer.post(
        reverse("enforcement:case-recusal-request", args=[investigated.pk]),
        {
            "staff": town.officer2.pk,
            "requested_by": "party",
            "reason": "系当事人近亲属",
            "requested_on": TODAY.isoformat(),
        },
        follow=True,
    )
    assert "待负责人决定" in response.content.decode()
    head = Client()
    head.force_login(town.head)
    recusal = Recusal.objects.get()
    response = head.post(
        reverse("enforcement:case-recusal-decide", args=[investigated.pk]),
        {"recusal": recusal.pk, "granted": "yes", "decision_reason": "属实"},
        follow=True,
    )
    assert "已决定准予回避" in response.content.decode()
    assert 'data-testid="officers-short"' in response.content.decode()
