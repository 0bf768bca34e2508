"""Core services: each rule blocks with a Chinese message, changes nothing when it blocks, and
records every change in the ledger."""

import datetime

import pytest

from conftest import credit_code, resident_id
from fazhi.core import services
from fazhi.core.errors import InvalidInput, NotFoundOrHidden, PermissionDenied
from fazhi.core.models import (
    EnforcementCredential,
    IdType,
    Organisation,
    OrganisationKind,
    Party,
    PartyKind,
    Sex,
    Staff,
)
from fazhi.core.roles import Role
from fazhi.ledger.models import Event

VALID_ID = resident_id("11010519491231002")  # 11010519491231002X
COMPANY = credit_code("91120111MA05XK2Q1")


def person(**overrides) -> services.PartyInput:
    fields = {"kind": PartyKind.PERSON, "name": "刘某", "id_type": IdType.RESIDENT_ID, "id_number": VALID_ID}
    return services.PartyInput(**{**fields, **overrides})


def company(**overrides) -> services.PartyInput:
    fields = {
        "kind": PartyKind.ORGANISATION,
        "name": "天津市西青区辛口建材有限公司",
        "uscc": COMPANY,
        "legal_representative": "马某",
    }
    return services.PartyInput(**{**fields, **overrides})


def events(action: str) -> list[Event]:
    return list(Event.objects.filter(action=action))


# ---------------------------------------------------------------------------------------------- parties


def test_registering_a_person_derives_birth_date_and_sex_and_records_it(world):
    result = services.register_party(world.officer, person(id_number="１１０１０５１９４９１２３１００２ｘ"))
    party = result.party
    assert party.id_number == "11010519491231002X"
    assert party.birth_date == datetime.date(1949, 12, 31)
    assert party.sex == Sex.FEMALE
    assert party.organisation == world.town
    [event] = events("core.party.registered")
    assert event.actor == world.officer
    assert event.subject_id == str(party.pk)
    assert VALID_ID not in event.entry, "the ledger keeps a hash of the ID number, not the number"
    assert "id_number_sha256" in event.entry


@pytest.mark.parametrize(
    ("number", "message"),
    [
        ("110105194912310021", "校验码错误"),
        ("110105194902300020", "不是有效日期"),
        ("110105209901010020", "晚于今天"),
    ],
)
def test_wrong_resident_ids_are_refused_beside_the_field_and_change_nothing(world, number, message):
    with pytest.raises(InvalidInput) as raised:
        services.register_party(world.officer, person(id_number=number))
    assert message in raised.value.field_errors["id_number"]
    assert raised.value.citation.startswith("GB 11643")
    assert not Party.objects.exists()
    assert events("core.party.registered") == []


@pytest.mark.parametrize(
    ("code", "message"),
    [("91110000600037341M", "校验码错误"), ("9111000060003734IL", "不使用字母"), ("91110000600O37341L", "O")],
)
def test_wrong_credit_codes_are_refused_and_change_nothing(world, code, message):
    with pytest.raises(InvalidInput) as raised:
        services.register_party(world.officer, company(uscc=code))
    assert message in raised.value.field_errors["uscc"]
    assert not Party.objects.exists()


def test_an_organisation_needs_its_credit_code_and_legal_representative(world):
    with pytest.raises(InvalidInput) as raised:
        services.register_party(world.officer, company(uscc="", legal_representative=""))
    assert set(raised.value.field_errors) == {"uscc", "legal_representative"}


def test_a_duplicate_party_is_refused_and_names_the_existing_one(world):
    first = services.register_party(world.officer, person()).party
    with pytest.raises(InvalidInput) as raised:
        services.register_party(world.officer, person(name="刘某某", id_number=VALID_ID.lower()))
    assert "已登记（刘某，编号 %d）" % first.pk in raised.value.message
    assert Party.objects.count() == 1


def test_a_duplicate_company_by_credit_code_is_refused(world):
    services.register_party(world.officer, company())
    with pytest.raises(InvalidInput, match="已登记"):
        services.register_party(world.officer, company(name="另一个名字"))


def test_the_same_person_may_be_registered_by_another_town(world):
    services.register_party(world.officer, person())
    services.register_party(world.other_admin, person())
    assert Party.objects.count() == 2


def test_individual_business_placeholder_needs_a_business_registration_number(world):
    data = services.PartyInput(
        kind=PartyKind.INDIVIDUAL_BUSINESS,
        name="老马小吃店",
        uscc="00000000000000000X",
        legal_representative="马某某",
    )
    with pytest.raises(InvalidInput) as raised:
        services.register_party(world.officer, data)
    assert "工商注册号" in raised.value.field_errors["business_registration_no"]
    accepted = services.register_party(
        world.officer,
        services.PartyInput(**{**data.__dict__, "business_registration_no": "120111600123456"}),
    ).party
    assert accepted.uscc == "00000000000000000X"


def test_placeholder_is_not_accepted_for_an_organisation(world):
    with pytest.raises(InvalidInput) as raised:
        services.register_party(world.officer, company(uscc="00000000000000000X"))
    assert "个体工商户" in raised.value.field_errors["uscc"]


def test_a_credit_code_failing_only_the_inner_check_registers_with_a_warning(world):
    result = services.register_party(world.officer, company(uscc="91110000600037342P"))
    assert result.party.pk is not None
    assert any("第17位" in warning for warning in result.warnings)


def test_updating_a_party_records_what_changed(world):
    party = services.register_party(world.officer, person()).party
    services.update_party(world.officer, party, person(name="刘某（更正）", address="辛口村"))
    party.refresh_from_db()
    assert party.name == "刘某（更正）"
    [event] = events("core.party.updated")
    assert "刘某（更正）" in event.entry
    assert "辛口村" not in event.entry


def test_another_town_cannot_update_the_party(world):
    party = services.register_party(world.officer, person()).party
    with pytest.raises(NotFoundOrHidden):
        services.update_party(world.other_admin, party, person(name="改名"))
    party.refresh_from_db()
    assert party.name == "刘某"
    assert events("core.party.updated") == []


def test_a_supervisor_reads_but_does_not_register_parties(world):
    with pytest.raises(PermissionDenied, match="只有镇（街道）的工作人员"):
        services.register_party(world.supervisor, person())


# ----------------------------------------------------------------------------------------- organisations


def test_the_tree_keeps_its_levels(world):
    with pytest.raises(InvalidInput) as raised:
        services.create_organisation(
            world.admin, name="某村", kind=OrganisationKind.DISTRICT, parent=world.town
        )
    assert "不能设立" in raised.value.field_errors["kind"]


def test_a_town_admin_sets_up_departments_of_their_town_only(world):
    department = services.create_organisation(
        world.admin, name="司法所", kind=OrganisationKind.DEPARTMENT, parent=world.town
    )
    assert department.path == f"{world.town.path}{department.pk}/"
    with pytest.raises(NotFoundOrHidden):
        services.create_organisation(
            world.admin, name="司法所", kind=OrganisationKind.DEPARTMENT, parent=world.other_town
        )
    with pytest.raises(PermissionDenied):
        services.create_organisation(
            world.officer, name="信访办", kind=OrganisationKind.DEPARTMENT, parent=world.town
        )
    assert not Organisation.objects.filter(name="信访办").exists()


def test_organisation_codes_are_checked(world):
    with pytest.raises(InvalidInput) as raised:
        services.create_organisation(
            world.admin,
            name="司法所",
            kind=OrganisationKind.DEPARTMENT,
            parent=world.town,
            division_code="12011",
            uscc="91110000600037341M",
            organ_code="西青 辛",
        )
    assert set(raised.value.field_errors) == {"division_code", "uscc", "organ_code"}


# ----------------------------------------------------------------------------------------- staff and 执法证


def test_a_legal_reviewer_needs_the_legal_qualification(world):
    with pytest.raises(InvalidInput) as raised:
        services.create_staff(
            world.admin,
            username="reviewer",
            full_name="周审核",
            organisation=world.town,
            password="correct-horse-battery",
            roles=[Role.LEGAL_REVIEWER],
        )
    assert raised.value.citation == "行政处罚法 第五十八条第二款"
    assert not Staff.objects.filter(username="reviewer").exists()


def test_staff_password_rules_and_unique_username(world):
    with pytest.raises(InvalidInput) as raised:
        services.create_staff(
            world.admin,
            username="officer",
            full_name="重名",
            organisation=world.town,
            password="12345678",
            roles=[Role.OFFICER],
        )
    assert "已被使用" in raised.value.field_errors["username"]
    assert raised.value.field_errors["password"]


def test_credential_is_valid_within_its_period_and_until_revoked(world):
    credential = services.add_credential(
        world.admin,
        world.officer,
        number="12011100001",
        category="综合行政执法",
        issuer="天津市人民政府",
        valid_from=datetime.date(2024, 1, 1),
        valid_to=datetime.date(2026, 12, 31),
    )
    assert credential.is_valid_on(datetime.date(2024, 1, 1))
    assert credential.is_valid_on(datetime.date(2026, 12, 31))
    assert not credential.is_valid_on(datetime.date(2023, 12, 31))
    assert not credential.is_valid_on(datetime.date(2027, 1, 1))
    services.revoke_credential(
        world.admin, credential, revoked_on=datetime.date(2026, 6, 1), reason="调离执法岗位"
    )
    credential.refresh_from_db()
    assert credential.is_valid_on(datetime.date(2026, 5, 31))
    assert not credential.is_valid_on(datetime.date(2026, 6, 1))
    assert [event.action for event in Event.objects.filter(subject_type="core.enforcementcredential")] == [
        "core.credential.added",
        "core.credential.revoked",
    ]


def test_auxiliary_staff_get_no_credential(world):
    auxiliary = services.create_staff(
        world.admin,
        username="aux",
        full_name="孙协管",
        organisation=world.enforcement_team,
        password="correct-horse-battery",
        roles=[Role.AUXILIARY],
    )
    with pytest.raises(InvalidInput) as raised:
        services.add_credential(
            world.admin,
            auxiliary,
            number="12011100009",
            category="综合行政执法",
            issuer="天津市人民政府",
            valid_from=datetime.date(2024, 1, 1),
            valid_to=datetime.date(2026, 12, 31),
        )
    assert raised.value.citation == "行政处罚法 第四十二条"
    assert not EnforcementCredential.objects.exists()


def test_credential_period_must_be_ordered(world):
    with pytest.raises(InvalidInput) as raised:
        services.add_credential(
            world.admin,
            world.officer,
            number="12011100001",
            category="综合行政执法",
            issuer="天津市人民政府",
            valid_from=datetime.date(2026, 1, 1),
            valid_to=datetime.date(2025, 1, 1),
        )
    assert "不能早于" in raised.value.field_errors["valid_to"]


def test_roles_change_is_recorded_with_before_and_after(world):
    services.update_staff(
        world.admin,
        world.officer,
        full_name="张执法",
        phone="",
        position="队长",
        legal_qualification_no="",
        is_principal_leader=False,
        roles=[Role.OFFICER, Role.HEAD],
    )
    [event] = events("core.staff.roles_changed")
    assert '"before":["officer"]' in event.entry
    assert '"after":["head","officer"]' in event.entry
