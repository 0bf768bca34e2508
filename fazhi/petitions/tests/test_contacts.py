"""Contacts with the petitioners (约访、电话沟通、走访…): recorded by the petition staff, and for a key
matter by its leader in charge and its 工作专班 whatever their roles; dated from receipt to conclusion and
not in the future; another town's petition not found. Every refusal says why in Chinese and writes
nothing: no contact, no ledger event."""

from __future__ import annotations

import datetime
import json

import pytest
from django.test import Client

from conftest import make_staff
from fazhi.core.errors import InvalidInput, NotFoundOrHidden, PermissionDenied, RuleViolation
from fazhi.core.roles import Role
from fazhi.ledger.models import Event
from fazhi.ledger.record import sha256_hex
from fazhi.petitions import services
from fazhi.petitions.models import ContactMethod, Petition, PetitionContact
from fazhi.testing.petitions import RECEIVED, accept, opinion_input, payload_of, register, snapshot

DAY = datetime.timedelta(days=1)
SUMMARY = "约信访人到镇信访办面谈，解释道路修复资金的安排，信访人表示理解。"


@pytest.fixture
def key_matter(town, on_day) -> Petition:
    """Accepted on receipt and marked key: the head in charge, the clerk and a mediator in its team; the
    services believe it is ten days later."""
    town.mediator = make_staff(town.system, town.town, "mediator", [Role.MEDIATOR], full_name="郑调解")
    petition = accept(town, register(town))
    services.mark_key_matter(town.clerk, petition, leader=town.head, team=[town.clerk, town.mediator])
    on_day(RECEIVED + 10 * DAY)
    return Petition.objects.get(pk=petition.pk)


def contact(actor, petition, **overrides) -> PetitionContact:
    fields = {
        "contacted_on": RECEIVED + 5 * DAY,
        "method": ContactMethod.APPOINTMENT,
        "made_by": actor,
        "summary": SUMMARY,
    }
    return services.record_contact(actor, petition, **{**fields, **overrides})


def untouched(petition: Petition) -> dict[str, object]:
    """The petition, the ledger and its contacts, as a refused contact must leave them."""
    return {**snapshot(petition), "contacts": PetitionContact.objects.count()}


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


# --------------------------------------------------------------------------------------- services


def test_the_leader_the_team_and_the_petition_staff_record_contacts_each_with_its_ledger_event(
    town, key_matter
):
    by_leader = contact(town.head, key_matter)
    by_member = contact(
        town.mediator, key_matter, method=ContactMethod.PHONE, contacted_on=RECEIVED + 9 * DAY
    )
    for_officer = contact(town.clerk, key_matter, method=ContactMethod.HOME_VISIT, made_by=town.officer)
    assert list(
        key_matter.contacts.values_list("made_by__full_name", "method", "recorded_by__full_name")
    ) == [
        ("李镇长", "appointment", "李镇长"),
        ("张执法", "home_visit", "冯信访"),
        ("郑调解", "phone", "郑调解"),
    ]
    assert by_leader.summary == SUMMARY
    assert Event.objects.filter(action="petitions.contact.recorded").count() == 3
    member_event = Event.objects.get(action="petitions.contact.recorded", actor=town.mediator)
    assert json.loads(member_event.entry)["payload"] == {
        "contact": by_member.pk,
        "contacted_on": "2026-06-10",
        "method": "phone",
        "made_by": town.mediator.pk,
        "summary_sha256": sha256_hex(SUMMARY),
    }
    assert for_officer.recorded_by == town.clerk


@pytest.mark.parametrize(
    ("contacted_on", "message"),
    [
        (RECEIVED - DAY, "沟通日期不能早于收到日期 2026-06-01。"),
        (RECEIVED + 11 * DAY, "沟通日期不能晚于今天。"),
    ],
)
def test_a_contact_before_receipt_or_in_the_future_is_refused_and_nothing_is_written(
    town, key_matter, contacted_on, message
):
    before = untouched(key_matter)
    with pytest.raises(InvalidInput) as refused:
        contact(town.clerk, key_matter, contacted_on=contacted_on)
    assert refused.value.field_errors == {"contacted_on": message}
    assert untouched(key_matter) == before


def test_a_contact_after_the_matter_concluded_is_refused_citing_article_34(town, key_matter, on_day):
    on_day(RECEIVED + 40 * DAY)
    services.issue_opinion(town.clerk, key_matter, opinion_input())
    before = untouched(key_matter)
    with pytest.raises(RuleViolation) as refused:
        contact(town.clerk, key_matter, contacted_on=RECEIVED + 25 * DAY)
    assert refused.value.message == (
        "沟通日期（2026-06-26）不能晚于该信访事项的办结日期（2026-06-21）：出具信访处理意见书后事项已办结。"
    )
    assert refused.value.citation == "信访工作条例 第三十四条"
    assert untouched(key_matter) == before
    # A contact made before the conclusion may still be recorded afterwards.
    assert (
        contact(town.clerk, key_matter, contacted_on=RECEIVED + 20 * DAY).contacted_on == RECEIVED + 20 * DAY
    )


def test_a_contact_after_the_written_refusal_to_accept_is_refused_citing_article_23(town, on_day):
    on_day(RECEIVED + 10 * DAY)
    petition = services.decline_petition(
        town.clerk,
        register(town),
        decided_on=RECEIVED + 2 * DAY,
        notice_on=RECEIVED + 2 * DAY,
        reason="已由人民法院受理。",
        route="请依法通过诉讼程序解决。",
    )
    before = untouched(petition)
    with pytest.raises(RuleViolation) as refused:
        contact(town.clerk, petition, contacted_on=RECEIVED + 3 * DAY)
    assert refused.value.message == "沟通日期（2026-06-04）不能晚于书面告知不予受理的日期（2026-06-03）。"
    assert refused.value.citation == "信访工作条例 第二十三条"
    assert untouched(petition) == before


def test_another_towns_petition_is_not_found_and_nothing_is_written(town, key_matter):
    other_clerk = make_staff(town.system, town.other_town, "other-clerk", [Role.PETITION_STAFF])
    before = untouched(key_matter)
    for actor in (town.other_admin, other_clerk):
        with pytest.raises(NotFoundOrHidden):
            contact(actor, key_matter)
    assert untouched(key_matter) == before


def test_staff_outside_the_petition_roles_and_the_matters_team_are_refused(town, key_matter):
    """An officer of the town who is not in the team, the district's supervisor, and a team member of
    one key matter on a petition that is not key."""
    plain = accept(town, register(town, request="要求修复路灯。"))
    before = {"key": untouched(key_matter), "plain": untouched(plain)}
    refusal = "只有信访工作人员、负责人、管理员，或者该重点信访事项的包案领导、工作专班成员可以登记与信访人的沟通情况。"
    for actor, petition in ((town.officer, key_matter), (town.mediator, plain)):
        with pytest.raises(PermissionDenied) as refused:
            contact(actor, petition)
        assert refused.value.message == refusal
    with pytest.raises(PermissionDenied):
        contact(town.supervisor, key_matter)
    assert {"key": untouched(key_matter), "plain": untouched(plain)} == before
    assert contact(town.clerk, plain).petition == plain


def test_an_empty_summary_an_unknown_method_and_another_towns_staff_are_refused_field_by_field(
    town, key_matter
):
    before = untouched(key_matter)
    with pytest.raises(InvalidInput) as refused:
        contact(town.clerk, key_matter, summary="  \n ", method="carrier_pigeon", made_by=town.other_admin)
    assert refused.value.field_errors == {
        "method": "请选择沟通方式（约访、电话沟通、走访、书面答复或其他）。",
        "made_by": "沟通人员应为本镇（街道）的工作人员。",
        "summary": "请填写沟通情况。",
    }
    assert untouched(key_matter) == before


# ------------------------------------------------------------------------------------------ pages


def fields(**overrides) -> dict[str, str]:
    return {
        "contacted_on": (RECEIVED + 5 * DAY).isoformat(),
        "method": "phone",
        "summary": "电话告知信访人道路修复进度。",
        **overrides,
    }


def test_the_petitions_page_lists_its_contacts_and_offers_the_form_to_those_who_may_record(town, key_matter):
    clerk = client_for(town.clerk)
    page = clerk.get(f"/petitions/{key_matter.pk}/").content.decode()
    assert "尚未登记与信访人的沟通情况。" in page
    assert f'action="/petitions/{key_matter.pk}/contacts/"' in page
    saved = clerk.post(
        f"/petitions/{key_matter.pk}/contacts/", fields(made_by=str(town.head.pk)), follow=True
    )
    assert saved.redirect_chain == [(f"/petitions/{key_matter.pk}/", 302)]
    page = saved.content.decode()
    assert "已登记 2026-06-06 的电话沟通。" in page
    assert "电话告知信访人道路修复进度。" in page
    assert "李镇长" in page
    supervisor_page = client_for(town.supervisor).get(f"/petitions/{key_matter.pk}/").content.decode()
    assert "电话告知信访人道路修复进度。" in supervisor_page
    assert "/contacts/" not in supervisor_page


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"summary": ""}, "请填写沟通情况。"),
        ({"contacted_on": (RECEIVED - DAY).isoformat()}, "沟通日期不能早于收到日期 2026-06-01。"),
        ({"contacted_on": (RECEIVED + 30 * DAY).isoformat()}, "沟通日期不能晚于今天。"),
        ({"made_by": "99999999999999999999"}, "沟通人员应为本镇（街道）的工作人员。"),
        ({"made_by": "abc"}, "沟通人员应为本镇（街道）的工作人员。"),
        ({"method": "telegram"}, "请选择沟通方式（约访、电话沟通、走访、书面答复或其他）。"),
    ],
)
def test_a_bad_contact_on_the_page_is_refused_in_place_and_nothing_is_written(
    town, key_matter, overrides, message
):
    before = untouched(key_matter)
    refused = client_for(town.clerk).post(
        f"/petitions/{key_matter.pk}/contacts/", fields(made_by=str(town.clerk.pk)) | overrides
    )
    assert refused.status_code == 422
    assert message in refused.content.decode()
    assert untouched(key_matter) == before


def test_a_team_member_without_a_petition_role_records_on_the_contact_page_and_stays_there(town, key_matter):
    mediator = client_for(town.mediator)
    assert mediator.get(f"/petitions/{key_matter.pk}/").status_code == 403
    form = mediator.get(f"/petitions/{key_matter.pk}/contacts/")
    assert form.status_code == 200
    assert "尚未登记与信访人的沟通情况。" in form.content.decode()
    saved = mediator.post(
        f"/petitions/{key_matter.pk}/contacts/", fields(made_by=str(town.mediator.pk)), follow=True
    )
    assert saved.redirect_chain == [(f"/petitions/{key_matter.pk}/contacts/", 302)]
    assert "电话告知信访人道路修复进度。" in saved.content.decode()
    assert key_matter.contacts.get().made_by == town.mediator


def test_the_contact_page_is_closed_to_staff_outside_the_matter_and_to_another_town(town, key_matter):
    before = untouched(key_matter)
    officer = client_for(town.officer)
    assert officer.get(f"/petitions/{key_matter.pk}/contacts/").status_code == 403
    assert (
        officer.post(
            f"/petitions/{key_matter.pk}/contacts/", fields(made_by=str(town.officer.pk))
        ).status_code
        == 403
    )
    other = client_for(town.other_admin)
    assert (
        other.post(f"/petitions/{key_matter.pk}/contacts/", fields(made_by=str(town.admin.pk))).status_code
        == 404
    )
    assert client_for(town.clerk).get("/petitions/99999999999999999999/contacts/").status_code == 404
    assert untouched(key_matter) == before


# -------------------------------------------------------------------------------------------- API


def test_a_contact_through_the_api_with_the_services_refusals(town, key_matter):
    clerk = client_for(town.clerk)
    path = f"/api/v1/petitions/{key_matter.pk}/contacts"
    body = {
        "contacted_on": "2026-06-06",
        "method": "appointment",
        "made_by_id": town.head.pk,
        "summary": "约访信访人。",
    }
    before = untouched(key_matter)
    for bad, status in (
        ({"made_by_id": town.other_admin.pk}, 422),
        ({"contacted_on": "2026-05-31"}, 422),
        ({"summary": " "}, 422),
        ({"method": "fax"}, 422),
    ):
        refused = clerk.post(path, json.dumps(body | bad), content_type="application/json")
        assert refused.status_code == status, bad
    assert untouched(key_matter) == before
    created = clerk.post(path, json.dumps(body), content_type="application/json")
    assert created.status_code == 201
    assert created.json() | {"id": 0} == {
        "id": 0,
        "contacted_on": "2026-06-06",
        "method": "appointment",
        "made_by_id": town.head.pk,
        "summary": "约访信访人。",
    }
    assert payload_of("petitions.contact.recorded")["made_by"] == town.head.pk
