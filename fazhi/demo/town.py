"""The demo town itself: 天津市 → 西青区 → 辛口镇 (with its departments and villages) and 杨柳青镇, a user
for every role, the 执法证, the number series and four parties. Everything else is made on top of it."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from fazhi.core import services, validators
from fazhi.core.models import IdType, NumberSeries, Organisation, OrganisationKind, Party, PartyKind, Staff
from fazhi.core.roles import Role


@dataclass(frozen=True)
class DemoTown:
    town: Organisation
    staff: dict[str, Staff]
    parties: list[Party]


DEMO_PASSWORD = "fazhi-demo-2026"  # noqa: S105 (public by design; load_demo refuses to run in production)


def _resident_id(first17: str) -> str:
    return first17 + validators.resident_id_check_character(first17)


def _uscc(first17: str) -> str:
    return first17 + validators.uscc_check_character(first17)


# (username, name, department, roles, position, legal qualification, principal leader)
DEMO_STAFF = [
    ("admin", "王管理", "党政办", [Role.ADMIN], "党政办主任", "", False),
    ("zhenzhang", "李镇长", None, [Role.HEAD], "镇长", "", True),
    ("zhifa1", "张执法", "综合行政执法队", [Role.OFFICER], "执法队队长", "", False),
    ("zhifa2", "赵执法", "综合行政执法队", [Role.OFFICER], "执法队员", "", False),
    ("fuzhu", "孙协管", "综合行政执法队", [Role.AUXILIARY], "协管员", "", False),
    ("shenhe", "周审核", "司法所", [Role.LEGAL_REVIEWER], "司法所所长", "A20151201000123", False),
    ("guwen", "吴律师", "司法所", [Role.LEGAL_COUNSEL], "法律顾问", "A20120101000456", False),
    ("tiaojie", "郑调解", "矛调中心", [Role.MEDIATOR], "专职调解员", "", False),
    ("xinfang", "冯信访", "信访办", [Role.PETITION_STAFF], "信访办主任", "", False),
]
DEPARTMENTS = [
    ("党政办", ""),
    ("综合行政执法队", "西青辛综执"),
    ("司法所", ""),
    ("矛调中心", ""),
    ("信访办", ""),
    ("综治办", ""),
]
VILLAGES = [("辛口村", "120111104201"), ("小沙窝村", "120111104202"), ("水高庄村", "120111104203")]


# The town's 文号 series: (the department that numbers, or "" for the town itself; key; 机关代字; name).
TOWN_SERIES = (
    ("", "government", "西青辛政", "辛口镇人民政府文件"),
    ("综合行政执法队", "penalty-decision", "西青辛综执罚", "行政处罚决定书"),
    ("司法所", "contract-review", "辛口合审", "合同合法性审查意见书"),
    ("综合行政执法队", "case-filing", "西青辛综执立", "行政处罚立案号"),
)


def build_town() -> DemoTown:
    system = services.system_actor()
    tianjin = services.create_organisation(
        system, name="天津市", kind=OrganisationKind.CITY, parent=None, division_code="120000"
    )
    xiqing = services.create_organisation(
        system,
        name="西青区",
        kind=OrganisationKind.DISTRICT,
        parent=tianjin,
        division_code="120111",
        organ_code="西青",
    )
    xinkou = services.create_organisation(
        system,
        name="辛口镇",
        kind=OrganisationKind.TOWN,
        parent=xiqing,
        division_code="120111104",
        uscc=_uscc("11120111MB1712345"),
        organ_code="西青辛政",
    )
    other_town = services.create_organisation(
        system,
        name="杨柳青镇",
        kind=OrganisationKind.TOWN,
        parent=xiqing,
        division_code="120111100",
        organ_code="西青杨政",
    )
    departments = {
        name: services.create_organisation(
            system, name=name, kind=OrganisationKind.DEPARTMENT, parent=xinkou, organ_code=code
        )
        for name, code in DEPARTMENTS
    }
    for name, code in VILLAGES:
        services.create_organisation(
            system, name=name, kind=OrganisationKind.VILLAGE, parent=xinkou, division_code=code
        )
    services.create_organisation(system, name="党政办", kind=OrganisationKind.DEPARTMENT, parent=other_town)

    staff: dict[str, Staff] = {}
    for username, full_name, department, roles, position, qualification, principal in DEMO_STAFF:
        staff[username] = services.create_staff(
            system,
            username=username,
            full_name=full_name,
            organisation=departments[department] if department else xinkou,
            password=DEMO_PASSWORD,
            roles=list(roles),
            position=position,
            legal_qualification_no=qualification,
            is_principal_leader=principal,
        )
    staff["jiandu"] = services.create_staff(
        system,
        username="jiandu",
        full_name="陈监督",
        organisation=xiqing,
        password=DEMO_PASSWORD,
        roles=[Role.SUPERVISOR],
        position="区司法局执法监督科",
    )
    staff["yangliuqing"] = services.create_staff(
        system,
        username="yangliuqing",
        full_name="杨管理",
        organisation=other_town,
        password=DEMO_PASSWORD,
        roles=[Role.ADMIN],
        position="杨柳青镇管理员",
    )
    for index, username in enumerate(["zhifa1", "zhifa2"], start=1):
        services.add_credential(
            system,
            staff[username],
            number=f"1201110{index:05d}",
            category="综合行政执法",
            issuer="天津市人民政府",
            valid_from=datetime.date(2024, 1, 1),
            valid_to=datetime.date(2029, 12, 31),
        )

    for department, key, code, name in TOWN_SERIES:
        owner = departments[department] if department else xinkou
        services.create_number_series(system, organisation=owner, key=key, code=code, name=name)

    officer = staff["zhifa1"]
    demo_parties = [
        services.PartyInput(
            kind=PartyKind.PERSON,
            name="刘某",
            id_type=IdType.RESIDENT_ID,
            id_number=_resident_id("12011119850315001"),
            address="西青区辛口镇辛口村",
            phone="13800000001",
        ),
        services.PartyInput(
            kind=PartyKind.PERSON,
            name="陈某某",
            id_type=IdType.RESIDENT_ID,
            id_number=_resident_id("12011119920708002"),
            address="西青区辛口镇小沙窝村",
        ),
        services.PartyInput(
            kind=PartyKind.ORGANISATION,
            name="天津市西青区辛口建材有限公司",
            uscc=_uscc("91120111MA05XK2Q1"),
            legal_representative="马某",
            address="西青区辛口镇工业园",
        ),
        services.PartyInput(
            kind=PartyKind.INDIVIDUAL_BUSINESS,
            name="辛口镇老马小吃店",
            uscc=validators.INDIVIDUAL_BUSINESS_PLACEHOLDER,
            business_registration_no="120111600123456",
            legal_representative="马某某",
        ),
    ]
    parties = [services.register_party(officer, party).party for party in demo_parties]
    return DemoTown(town=xinkou, staff=staff, parties=parties)


def number_series(organisation: Organisation, *, key: str, code: str, name: str) -> NumberSeries:
    """The organisation's series for `key`, made on first use: several demo loaders (a past year's and
    this year's) number documents from the same series."""
    existing = NumberSeries.objects.filter(organisation=organisation, key=key).first()
    if existing is not None:
        return existing
    return services.create_number_series(
        services.system_actor(), organisation=organisation, key=key, code=code, name=name
    )
