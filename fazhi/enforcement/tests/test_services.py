"""Enforcement services: 线索 → 立案 → 调查取证, each gate refusing with its article and changing nothing,
each change in the ledger."""

import datetime

import pytest

from conftest import make_staff
from fazhi.core import services as core_services
from fazhi.core.errors import InvalidInput, NotFoundOrHidden, PermissionDenied, RuleViolation
from fazhi.core.roles import Role
from fazhi.enforcement import services
from fazhi.enforcement.models import Case, CaseOfficer
from fazhi.enforcement.rules import Stage
from fazhi.ledger.models import Event
from fazhi.testing.enforcement import TODAY, file, lead


def test_an_officer_registers_a_lead_and_the_complainant_stays_out_of_the_ledger(town):
    case = lead(town, source="complaint", reporter="王某 13800000000")
    assert case.stage == Stage.LEAD
    [event] = Event.objects.filter(action="enforcement.case.lead_registered")
    assert "13800000000" not in event.entry
    assert "reporter_sha256" in event.entry


def test_a_lead_dated_in_the_future_is_refused(town):
    with pytest.raises(InvalidInput) as raised:
        lead(town, received_on=TODAY + datetime.timedelta(days=1), act_on=TODAY + datetime.timedelta(days=2))
    assert set(raised.value.field_errors) == {"received_on", "act_on"}
    assert not Case.objects.exists()


def test_the_head_files_the_case_with_a_number_and_a_90_day_clock(town):
    case = file(town, lead(town))
    assert case.stage == Stage.FILED
    assert case.filing_number.text == f"西青辛综执立〔{TODAY.year}〕1号"
    assert case.decision_due >= TODAY + datetime.timedelta(days=90)
    assert Event.objects.filter(action="enforcement.case.filed", subject_id=str(case.pk)).exists()


def test_only_the_head_files_a_case(town):
    case = lead(town)
    with pytest.raises(RuleViolation) as raised:
        services.file_case(
            town.officer,
            case,
            party=town.party,
            power=town.power,
            act_ended_on=case.act_on,
            endangers_life_health_or_finance=False,
        )
    assert raised.value.citation == "行政处罚法 第五十四条第二款"
    case.refresh_from_db()
    assert case.stage == Stage.LEAD
    assert not Event.objects.filter(action="enforcement.case.filed").exists()


def test_an_act_past_the_limitation_period_cannot_be_filed(town):
    old = TODAY - datetime.timedelta(days=3 * 365)
    case = lead(town, act_on=old)
    with pytest.raises(RuleViolation) as raised:
        file(town, case, act_ended_on=old)
    assert raised.value.citation == "行政处罚法 第三十六条"
    case.refresh_from_db()
    assert case.stage == Stage.LEAD
    assert case.filing_number is None


def test_a_power_the_town_does_not_hold_is_refused(town):
    town.power.active = False
    town.power.save(update_fields=["active"])
    with pytest.raises(RuleViolation) as raised:
        file(town, lead(town))
    assert raised.value.citation == "行政处罚法 第二十四条"


def test_a_skipped_stage_is_refused(town):
    case = lead(town)
    with pytest.raises(RuleViolation, match="不能进入“调查取证”"):
        services.start_investigation(town.officer, case, investigators=[town.officer, town.officer2])


def test_declining_needs_a_reason(town):
    case = lead(town)
    with pytest.raises(InvalidInput, match="理由"):
        services.decline_case(town.head, case, reason=" ")
    services.decline_case(town.head, case, reason="经核查不存在违法事实")
    case.refresh_from_db()
    assert case.stage == Stage.NOT_FILED


def test_two_credentialed_officers_start_the_investigation(town):
    case = file(town, lead(town))
    case = services.start_investigation(town.officer, case, investigators=[town.officer, town.officer2])
    assert case.stage == Stage.INVESTIGATING
    assert sorted(CaseOfficer.objects.values_list("credential_number", flat=True)) == [
        "12011100001",
        "12011100002",
    ]


@pytest.mark.parametrize("team", ["alone", "with_auxiliary", "revoked", "expired"])
def test_investigation_without_two_valid_officers_is_refused_and_changes_nothing(town, team):
    case = file(town, lead(town))
    if team == "revoked":
        credential = town.officer2.credentials.get()
        core_services.revoke_credential(town.admin, credential, revoked_on=TODAY, reason="调离")
    lapsed = make_staff(town.system, town.enforcement_team, "lapsed", [Role.OFFICER], full_name="钱执法")
    core_services.add_credential(
        town.system,
        lapsed,
        number="120111000099",
        category="综合行政执法",
        issuer="天津市人民政府",
        valid_from=TODAY - datetime.timedelta(days=3 * 365),
        valid_to=TODAY - datetime.timedelta(days=1),
    )
    investigators = {
        "alone": [town.officer],
        "with_auxiliary": [town.officer, town.auxiliary],
        "revoked": [town.officer, town.officer2],
        "expired": [town.officer, lapsed],
    }[team]
    with pytest.raises(RuleViolation) as raised:
        services.start_investigation(town.officer, case, investigators=investigators)
    assert raised.value.citation == "行政处罚法 第四十二条"
    case.refresh_from_db()
    assert case.stage == Stage.FILED
    assert not CaseOfficer.objects.exists()


def test_another_town_cannot_act_on_the_case(town):
    case = lead(town)
    other_head = make_staff(town.system, town.other_town, "other-head", [Role.HEAD])
    with pytest.raises(NotFoundOrHidden):
        services.file_case(
            other_head,
            case,
            party=town.party,
            power=town.power,
            act_ended_on=case.act_on,
            endangers_life_health_or_finance=False,
        )


def test_a_mediator_cannot_register_a_lead(town):
    mediator = make_staff(town.system, town.town, "mediator", [Role.MEDIATOR])
    with pytest.raises(PermissionDenied):
        services.register_lead(mediator, title="x", source="patrol", received_on=TODAY, act_on=TODAY)


def test_the_party_page_lists_the_partys_cases(town):
    from django.test import Client

    case = file(town, lead(town))
    client = Client()
    client.force_login(town.admin)
    page = client.get(f"/parties/{town.party.pk}/").content.decode()
    assert "行政执法案件（1）" in page
    assert case.filing_number.text in page
