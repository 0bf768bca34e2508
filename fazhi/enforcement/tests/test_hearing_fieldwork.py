"""The hearing's chair by who they are (art. 64(4)) and public hearings (art. 64(3))."""

from __future__ import annotations

import datetime
import json
from typing import Any

import pytest
from django.test import Client

from conftest import make_staff
from fazhi.core.errors import InvalidInput, RuleViolation
from fazhi.core.roles import Role
from fazhi.enforcement import documents, services
from fazhi.enforcement.models import DocumentKind, Hearing
from fazhi.enforcement.tests.test_evidence import evidence_input
from fazhi.ledger.models import Event
from fazhi.testing.api import token_client
from fazhi.testing.enforcement import HEARING_FINE_FEN, TODAY, close, notify

DAY = datetime.timedelta(days=1)


@pytest.fixture
def hearing_asked(town, investigated):
    """A hearing case whose party asked for a hearing 17 days ago."""
    case = close(town, investigated, review=False)
    notify(town, case, served_on=TODAY - 20 * DAY, fine_fen=HEARING_FINE_FEN)
    services.request_hearing(town.officer, case, requested_on=TODAY - 17 * DAY)
    return case


def schedule(town, case, chair, **overrides) -> Hearing:
    fields: dict[str, Any] = {
        "chair": chair,
        "notice_sent_on": TODAY - 14 * DAY,
        "held_on": TODAY,
        "place": "镇政府会议室",
    }
    return services.schedule_hearing(town.officer, case, **{**fields, **overrides})


def _post(client: Client, url: str, body: dict[str, Any]) -> Any:
    return client.post(url, json.dumps(body), content_type="application/json")


def test_a_namesake_of_an_investigator_may_chair_but_the_investigator_renamed_may_not(town, hearing_asked):
    namesake = make_staff(town.system, town.town, "namesake", [Role.HEAD], full_name="赵执法")
    town.officer2.full_name = "赵新名"
    town.officer2.save(update_fields=["full_name"])
    with pytest.raises(RuleViolation, match="赵新名 是本案调查人员") as refused:
        schedule(town, hearing_asked, town.officer2)
    assert refused.value.citation == "行政处罚法 第六十四条第四项"
    assert not Hearing.objects.exists()
    assert schedule(town, hearing_asked, namesake).chair == namesake


def test_whoever_took_part_in_the_evidence_does_not_chair(town, investigated):
    # The auxiliary at the camera is not an officer of the case, yet took part in its evidence.
    services.add_evidence(town.officer, investigated, evidence_input(town, captured_by=town.auxiliary))
    case = close(town, investigated, review=False)
    notify(town, case, served_on=TODAY - 20 * DAY, fine_fen=HEARING_FINE_FEN)
    services.request_hearing(town.officer, case, requested_on=TODAY - 17 * DAY)
    with pytest.raises(RuleViolation, match="孙协管 参与了本案证据或笔录") as refused:
        schedule(town, case, town.auxiliary)
    assert refused.value.citation == "行政处罚法 第六十四条第四项"
    assert not Hearing.objects.exists()


def test_a_withdrawn_officer_does_not_chair(town, investigated):
    recusal = services.request_recusal(
        town.officer,
        investigated,
        staff=town.officer2,
        requested_by="party",
        reason="近亲属",
        requested_on=TODAY,
    )
    services.decide_recusal(town.head, investigated, recusal, granted=True, decision_reason="应当回避")
    case = close(town, investigated, review=False)
    notify(town, case, served_on=TODAY - 20 * DAY, fine_fen=HEARING_FINE_FEN)
    services.request_hearing(town.officer, case, requested_on=TODAY - 17 * DAY)
    with pytest.raises(RuleViolation, match="赵执法 已在本案回避") as refused:
        services.hold_hearing(
            town.officer,
            case,
            chair=town.officer2,
            notice_sent_on=TODAY - 14 * DAY,
            held_on=TODAY,
            record_signed=True,
        )
    assert refused.value.citation == "行政处罚法 第四十三条、第六十四条第四项"
    assert not Hearing.objects.exists()


def test_a_hearing_is_public_unless_the_law_keeps_it_private(town, hearing_asked):
    events = Event.objects.count()
    with pytest.raises(InvalidInput) as refused:
        schedule(town, hearing_asked, town.reviewer, public=False)
    assert "closed_reason" in refused.value.field_errors
    assert refused.value.citation == "行政处罚法 第六十四条第三项"
    assert not Hearing.objects.exists()
    assert Event.objects.count() == events
    hearing = schedule(town, hearing_asked, town.reviewer, public=False, closed_reason="trade_secret")
    assert (hearing.public, hearing.closed_reason) == (False, "trade_secret")
    notice = documents.context(hearing_asked, DocumentKind.HEARING_NOTICE)
    assert notice["publicity"] == "因涉及商业秘密，依法不公开举行"
    held = services.hold_hearing(
        town.officer,
        hearing_asked,
        chair=town.reviewer,
        notice_sent_on=TODAY - 14 * DAY,
        held_on=TODAY,
        record_signed=True,
    )
    assert (held.pk, held.public, held.closed_reason) == (hearing.pk, True, "")
    assert documents.context(hearing_asked, DocumentKind.HEARING_NOTICE)["publicity"] == "公开举行"


def test_public_hearings_through_the_api(town, hearing_asked):
    officer = token_client(town, town.officer)
    body = {
        "chair_id": town.reviewer.pk,
        "notice_sent_on": (TODAY - 14 * DAY).isoformat(),
        "held_on": TODAY.isoformat(),
        "place": "镇政府会议室",
        "public": False,
    }
    url = f"/api/v1/cases/{hearing_asked.pk}/hearing/schedule"
    events = Event.objects.count()
    refused = _post(officer, url, body)
    assert refused.status_code == 422
    assert refused.json()["citation"] == "行政处罚法 第六十四条第三项"
    unknown = _post(officer, url, {**body, "closed_reason": "不方便"})
    assert unknown.status_code == 422
    chair = _post(officer, url, {**body, "chair_id": town.officer2.pk, "closed_reason": "privacy"})
    assert chair.status_code == 422
    assert chair.json()["citation"] == "行政处罚法 第六十四条第四项"
    assert not Hearing.objects.exists()
    assert Event.objects.count() == events
    assert _post(officer, url, {**body, "closed_reason": "privacy"}).status_code == 200
    held = _post(
        officer,
        f"/api/v1/cases/{hearing_asked.pk}/hearing",
        {**body, "closed_reason": "privacy", "record_signed": True},
    )
    assert held.status_code == 200, held.content
    assert Hearing.objects.get().closed_reason == "privacy"


def test_the_hold_form_starts_from_the_hearing_as_scheduled_closed_included(town, hearing_asked):
    schedule(town, hearing_asked, town.reviewer, public=False, closed_reason="privacy")
    client = Client()
    client.force_login(town.officer)
    form = client.get(f"/cases/{hearing_asked.pk}/hearing/").context["form"]
    assert form.initial["public"] is False
    assert form.initial["closed_reason"] == "privacy"
    assert form.initial["chair"] == town.reviewer.pk
