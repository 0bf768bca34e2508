"""Every write to core data. Each service checks who is acting and what the rules allow, changes rows
and records the change in the ledger, all in one transaction."""

from __future__ import annotations

import datetime
import re
import secrets
from dataclasses import dataclass
from typing import IO

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import timezone

from fazhi.core import files, numbering, permissions, public_version, validators
from fazhi.core.errors import InvalidInput, NotFoundOrHidden, PermissionDenied
from fazhi.core.events import CoreEvent
from fazhi.core.models import (
    TOWN_KINDS,
    ApiToken,
    Attachment,
    EnforcementCredential,
    FormSubmission,
    HolidayOverride,
    HolidayYear,
    IdType,
    IssuedNumber,
    Notification,
    NumberSeries,
    Organisation,
    OrganisationKind,
    Party,
    PartyKind,
    PublicContentVersion,
    Sex,
    Staff,
    StaffRole,
    StoredBlob,
)
from fazhi.core.roles import Role
from fazhi.ledger import record as ledger
from fazhi.ledger.record import sha256_hex

# Which kinds may sit under which: city → district → town/street → department, village, community.
ALLOWED_CHILD_KINDS: dict[str | None, set[str]] = {
    None: {OrganisationKind.CITY},
    OrganisationKind.CITY: {OrganisationKind.DISTRICT},
    OrganisationKind.DISTRICT: {OrganisationKind.TOWN, OrganisationKind.STREET},
    OrganisationKind.TOWN: {
        OrganisationKind.DEPARTMENT,
        OrganisationKind.VILLAGE,
        OrganisationKind.COMMUNITY,
    },
    OrganisationKind.STREET: {
        OrganisationKind.DEPARTMENT,
        OrganisationKind.VILLAGE,
        OrganisationKind.COMMUNITY,
    },
    OrganisationKind.DEPARTMENT: set(),
    OrganisationKind.VILLAGE: set(),
    OrganisationKind.COMMUNITY: set(),
}
DIVISION_CODE_PATTERN = re.compile(r"^\d{6}(\d{3}(\d{3})?)?$")
ORGAN_CODE_PATTERN = re.compile(r"^[\u3400-\u4dbf\u4e00-\u9fffA-Za-z0-9]{1,20}$")
PHONE_PATTERN = re.compile(r"^[0-9+()\-]{5,20}$")


def _organisation_of(staff: Staff) -> Organisation:
    if staff.organisation is None:
        raise NotFoundOrHidden()
    return staff.organisation


def _require_admin_over(actor: Staff, organisation: Organisation) -> None:
    """管理员 of the town (or a platform superuser) may change the town's own subtree."""
    if actor.is_superuser:
        return
    permissions.require_role(actor, Role.ADMIN)
    permissions.require_visible(actor, organisation)
    town = permissions.acting_town(actor)
    if not organisation.path.startswith(town.path):
        raise PermissionDenied("只能管理本镇（街道）及其下属单位。")


# ----------------------------------------------------------------------------------------- organisations


def _clean_organisation_fields(
    *, name: str, kind: str, parent: Organisation | None, division_code: str, uscc: str, organ_code: str
) -> dict[str, str]:
    errors: dict[str, str] = {}
    name = name.strip()
    if not name:
        errors["name"] = "请填写名称。"
    if kind not in OrganisationKind.values:
        errors["kind"] = "请选择有效的机构类型。"
    elif kind not in ALLOWED_CHILD_KINDS[parent.kind if parent else None]:
        parent_label = parent.get_kind_display() if parent else "顶层"
        errors["kind"] = "“%(parent)s”下不能设立“%(kind)s”。" % {
            "parent": parent_label,
            "kind": OrganisationKind(kind).label,
        }
    division_code = validators.normalise_identifier(division_code)
    if division_code and not DIVISION_CODE_PATTERN.match(division_code):
        errors["division_code"] = "区划码应为6位、9位或12位数字。"
    if uscc:
        try:
            uscc = validators.check_uscc(uscc).code
        except InvalidInput as error:
            errors["uscc"] = error.message
    organ_code = organ_code.strip()
    if organ_code and not ORGAN_CODE_PATTERN.match(organ_code):
        errors["organ_code"] = "机关代字只能由汉字、字母和数字组成，最多20个字符。"
    if errors:
        raise InvalidInput("机构信息有误，请按提示修改。", field_errors=errors)
    return {
        "name": name,
        "kind": kind,
        "division_code": division_code,
        "uscc": uscc,
        "organ_code": organ_code,
    }


@transaction.atomic(durable=True)
def create_organisation(
    actor: Staff,
    *,
    name: str,
    kind: str,
    parent: Organisation | None,
    division_code: str = "",
    uscc: str = "",
    organ_code: str = "",
) -> Organisation:
    if parent is None:
        if not actor.is_superuser:
            raise PermissionDenied("只有平台管理员可以设立顶层机构。")
    else:
        _require_admin_over(actor, parent)
        if not actor.is_superuser and parent.kind not in TOWN_KINDS:
            raise PermissionDenied("镇（街道）管理员只能在本镇（街道）下设立内设机构和村（社区）。")
    fields = _clean_organisation_fields(
        name=name, kind=kind, parent=parent, division_code=division_code, uscc=uscc, organ_code=organ_code
    )
    if Organisation.objects.filter(parent=parent, name=fields["name"]).exists():
        raise InvalidInput(
            "同一上级下已有同名机构。",
            field_errors={"name": "同一上级下已有同名机构“%(n)s”。" % {"n": fields["name"]}},
        )
    organisation = Organisation(parent=parent, path="", **fields)
    organisation.save()
    organisation.path = f"{parent.path if parent else '/'}{organisation.pk}/"
    organisation.save(update_fields=["path"])
    ledger.record(
        actor,
        CoreEvent.ORGANISATION_CREATED,
        organisation,
        {**fields, "parent": parent.pk if parent else None},
        organisation=organisation,
    )
    return organisation


@transaction.atomic(durable=True)
def update_organisation(
    actor: Staff, organisation: Organisation, *, name: str, division_code: str, uscc: str, organ_code: str
) -> Organisation:
    _require_admin_over(actor, organisation)
    fields = _clean_organisation_fields(
        name=name,
        kind=organisation.kind,
        parent=organisation.parent,
        division_code=division_code,
        uscc=uscc,
        organ_code=organ_code,
    )
    if (
        Organisation.objects.filter(parent=organisation.parent, name=fields["name"])
        .exclude(pk=organisation.pk)
        .exists()
    ):
        raise InvalidInput("同一上级下已有同名机构。", field_errors={"name": "同一上级下已有同名机构。"})
    changed = {key: value for key, value in fields.items() if getattr(organisation, key) != value}
    for key, value in changed.items():
        setattr(organisation, key, value)
    if changed:
        organisation.save(update_fields=[*changed, "updated_at"])
        ledger.record(
            actor,
            CoreEvent.ORGANISATION_UPDATED,
            organisation,
            {"changed": changed},
            organisation=organisation,
        )
    return organisation


# ----------------------------------------------------------------------------------------------- staff


def _clean_roles(roles: list[str]) -> list[str]:
    unknown = [role for role in roles if role not in Role.values]
    if unknown:
        raise InvalidInput(
            "未知角色。", field_errors={"roles": "未知角色：%(r)s。" % {"r": "、".join(unknown)}}
        )
    return sorted(set(roles))


def _check_role_rules(roles: list[str], *, legal_qualification_no: str) -> None:
    if Role.LEGAL_REVIEWER in roles and not legal_qualification_no.strip():
        raise InvalidInput(
            "法制审核人员须填写法律职业资格证书编号。",
            field_errors={
                "legal_qualification_no": "初次从事行政处罚决定法制审核的人员，应当通过国家统一法律职业资格考试取得法律职业资格。"
            },
            citation="行政处罚法 第五十八条第二款",
        )
    if Role.OFFICER in roles and Role.AUXILIARY in roles:
        raise InvalidInput(
            "同一人不能同时是执法人员和辅助执法人员。",
            field_errors={"roles": "执法人员须取得执法证；辅助执法人员不具有执法资格，两者不能同时选择。"},
            citation="行政处罚法 第四十二条",
        )


@transaction.atomic(durable=True)
def create_staff(
    actor: Staff,
    *,
    username: str,
    full_name: str,
    organisation: Organisation,
    password: str,
    roles: list[str],
    phone: str = "",
    position: str = "",
    legal_qualification_no: str = "",
    is_principal_leader: bool = False,
) -> Staff:
    _require_admin_over(actor, organisation)
    errors: dict[str, str] = {}
    username = username.strip()
    if not re.fullmatch(r"[A-Za-z0-9_.@\-]{3,50}", username):
        errors["username"] = "登录名为3至50位字母、数字或 _ . @ -。"
    elif Staff.objects.filter(username__iexact=username).exists():
        errors["username"] = "登录名“%(u)s”已被使用。" % {"u": username}
    if not full_name.strip():
        errors["full_name"] = "请填写姓名。"
    if phone and not PHONE_PATTERN.match(phone.strip()):
        errors["phone"] = "联系电话格式不正确。"
    roles = _clean_roles(roles)
    if Role.SUPERVISOR in roles and organisation.kind not in (
        OrganisationKind.CITY,
        OrganisationKind.DISTRICT,
    ):
        errors["roles"] = "上级监督角色只能授予市、区（县）机关的人员。"
    try:
        validate_password(password, Staff(username=username, first_name=full_name))
    except ValidationError as error:
        errors["password"] = "；".join(error.messages)
    if errors:
        raise InvalidInput("人员信息有误，请按提示修改。", field_errors=errors)
    _check_role_rules(roles, legal_qualification_no=legal_qualification_no)
    staff = Staff(
        username=username,
        full_name=full_name.strip(),
        organisation=organisation,
        phone=phone.strip(),
        position=position.strip(),
        legal_qualification_no=legal_qualification_no.strip(),
        is_principal_leader=is_principal_leader,
        is_staff=Role.ADMIN in roles,
    )
    staff.set_password(password)
    staff.save()
    StaffRole.objects.bulk_create([StaffRole(staff=staff, role=role) for role in roles])
    ledger.record(
        actor,
        CoreEvent.STAFF_CREATED,
        staff,
        {"username": username, "full_name": staff.full_name, "organisation": organisation.pk, "roles": roles},
        organisation=organisation,
    )
    return staff


@transaction.atomic(durable=True)
def update_staff(
    actor: Staff,
    staff: Staff,
    *,
    full_name: str,
    phone: str,
    position: str,
    legal_qualification_no: str,
    is_principal_leader: bool,
    roles: list[str],
) -> Staff:
    _require_admin_over(actor, _organisation_of(staff))
    if not full_name.strip():
        raise InvalidInput("请填写姓名。", field_errors={"full_name": "请填写姓名。"})
    if phone and not PHONE_PATTERN.match(phone.strip()):
        raise InvalidInput("联系电话格式不正确。", field_errors={"phone": "联系电话格式不正确。"})
    roles = _clean_roles(roles)
    _check_role_rules(roles, legal_qualification_no=legal_qualification_no)
    if staff.pk == actor.pk and Role.ADMIN not in roles and Role.ADMIN in permissions.roles_of(actor):
        raise InvalidInput(
            "不能取消自己的管理员角色。",
            field_errors={"roles": "不能取消自己的管理员角色，请由其他管理员操作。"},
        )
    fields = {
        "full_name": full_name.strip(),
        "phone": phone.strip(),
        "position": position.strip(),
        "legal_qualification_no": legal_qualification_no.strip(),
        "is_principal_leader": is_principal_leader,
        "is_staff": Role.ADMIN in roles,
    }
    changed = {key: value for key, value in fields.items() if getattr(staff, key) != value}
    for key, value in changed.items():
        setattr(staff, key, value)
    if changed:
        staff.save(update_fields=list(changed))
        ledger.record(
            actor, CoreEvent.STAFF_UPDATED, staff, {"changed": changed}, organisation=staff.organisation
        )
    before = sorted(permissions.roles_of(staff))
    if before != roles:
        StaffRole.objects.filter(staff=staff).exclude(role__in=roles).delete()
        StaffRole.objects.bulk_create(
            [StaffRole(staff=staff, role=role) for role in roles if role not in before]
        )
        ledger.record(
            actor,
            CoreEvent.STAFF_ROLES_CHANGED,
            staff,
            {"before": before, "after": roles},
            organisation=staff.organisation,
        )
    return staff


@transaction.atomic(durable=True)
def deactivate_staff(actor: Staff, staff: Staff, *, reason: str) -> Staff:
    _require_admin_over(actor, _organisation_of(staff))
    if staff.pk == actor.pk:
        raise InvalidInput("不能停用自己的账号。")
    if not reason.strip():
        raise InvalidInput("请填写停用原因。", field_errors={"reason": "请填写停用原因。"})
    staff.is_active = False
    staff.save(update_fields=["is_active"])
    ledger.record(
        actor, CoreEvent.STAFF_DEACTIVATED, staff, {"reason": reason.strip()}, organisation=staff.organisation
    )
    return staff


@transaction.atomic(durable=True)
def add_credential(
    actor: Staff,
    staff: Staff,
    *,
    number: str,
    category: str,
    issuer: str,
    valid_from: datetime.date,
    valid_to: datetime.date,
) -> EnforcementCredential:
    _require_admin_over(actor, _organisation_of(staff))
    errors: dict[str, str] = {}
    number = validators.normalise_identifier(number)
    if not re.fullmatch(r"[0-9A-Z]{4,30}", number):
        errors["number"] = "执法证号应为4至30位数字或字母。"
    elif EnforcementCredential.objects.filter(number=number).exists():
        errors["number"] = "执法证号“%(n)s”已登记。" % {"n": number}
    if not category.strip():
        errors["category"] = "请填写执法类别。"
    if not issuer.strip():
        errors["issuer"] = "请填写发证机关。"
    if valid_to < valid_from:
        errors["valid_to"] = "有效期至不能早于有效期起。"
    if Role.AUXILIARY in permissions.roles_of(staff) and Role.OFFICER not in permissions.roles_of(staff):
        errors["number"] = "辅助执法人员不具有行政执法资格，不能登记执法证；请先将其角色改为执法人员。"
    if errors:
        raise InvalidInput(
            "执法证信息有误，请按提示修改。", field_errors=errors, citation="行政处罚法 第四十二条"
        )
    credential = EnforcementCredential.objects.create(
        staff=staff,
        number=number,
        category=category.strip(),
        issuer=issuer.strip(),
        valid_from=valid_from,
        valid_to=valid_to,
    )
    ledger.record(
        actor,
        CoreEvent.CREDENTIAL_ADDED,
        credential,
        {
            "staff": staff.pk,
            "number": number,
            "category": credential.category,
            "issuer": credential.issuer,
            "valid_from": valid_from.isoformat(),
            "valid_to": valid_to.isoformat(),
        },
        organisation=staff.organisation,
    )
    return credential


@transaction.atomic(durable=True)
def revoke_credential(
    actor: Staff, credential: EnforcementCredential, *, revoked_on: datetime.date, reason: str
) -> EnforcementCredential:
    _require_admin_over(actor, _organisation_of(credential.staff))
    if credential.revoked_on is not None:
        raise InvalidInput("该执法证已于 %(d)s 注销。" % {"d": credential.revoked_on.isoformat()})
    if not reason.strip():
        raise InvalidInput("请填写注销原因。", field_errors={"reason": "请填写注销原因。"})
    credential.revoked_on = revoked_on
    credential.revoked_reason = reason.strip()
    credential.save(update_fields=["revoked_on", "revoked_reason"])
    ledger.record(
        actor,
        CoreEvent.CREDENTIAL_REVOKED,
        credential,
        {"revoked_on": revoked_on.isoformat(), "reason": credential.revoked_reason},
        organisation=credential.staff.organisation,
    )
    return credential


# ---------------------------------------------------------------------------------------------- parties


@dataclass(frozen=True)
class PartyInput:
    kind: str
    name: str
    id_type: str = ""
    id_number: str = ""
    birth_date: datetime.date | None = None
    uscc: str = ""
    legal_representative: str = ""
    business_registration_no: str = ""
    address: str = ""
    phone: str = ""


@dataclass(frozen=True)
class PartyResult:
    party: Party
    warnings: tuple[str, ...]


def _clean_party(data: PartyInput, *, today: datetime.date) -> tuple[dict[str, object], tuple[str, ...]]:
    """Normalise and check a party's fields; raise InvalidInput naming every wrong field."""
    errors: dict[str, str] = {}
    warnings: list[str] = []
    fields: dict[str, object] = {
        "kind": data.kind,
        # Names keep their full-width brackets (registered names use （）); only spacing is folded.
        "name": re.sub(r"\s+", " ", data.name).strip(),
        "id_type": "",
        "id_number": "",
        "birth_date": None,
        "sex": "",
        "uscc": "",
        "legal_representative": data.legal_representative.strip(),
        "business_registration_no": validators.normalise_identifier(data.business_registration_no),
        "address": data.address.strip(),
        "phone": validators.normalise_identifier(data.phone),
    }
    citation = ""
    if data.kind not in PartyKind.values:
        errors["kind"] = "请选择当事人类型。"
    if not fields["name"]:
        errors["name"] = "请填写姓名或名称。"
    if fields["phone"] and not PHONE_PATTERN.match(str(fields["phone"])):
        errors["phone"] = "联系电话格式不正确。"

    def check_person_id() -> None:
        nonlocal citation
        if data.id_type not in IdType.values:
            errors["id_type"] = "请选择证件类型。"
            return
        fields["id_type"] = data.id_type
        if not data.id_number.strip():
            errors["id_number"] = "请填写证件号码。"
            return
        if data.id_type == IdType.RESIDENT_ID:
            try:
                resident = validators.check_resident_id(data.id_number, today=today)
            except InvalidInput as error:
                errors["id_number"] = error.message
                citation = error.citation
                return
            fields["id_number"] = resident.number
            fields["birth_date"] = resident.birth_date
            fields["sex"] = Sex.MALE if resident.is_male else Sex.FEMALE
        else:
            number = validators.normalise_identifier(data.id_number)
            if not re.fullmatch(r"[0-9A-Z]{5,30}", number):
                errors["id_number"] = "证件号码应为5至30位字母或数字。"
                return
            fields["id_number"] = number
            if data.birth_date is not None and data.birth_date > today:
                errors["birth_date"] = "出生日期不能晚于今天。"
            fields["birth_date"] = data.birth_date

    def check_credit_code(*, required: bool) -> None:
        nonlocal citation
        raw = validators.normalise_identifier(data.uscc)
        if not raw:
            if required:
                errors["uscc"] = "请填写统一社会信用代码。"
            return
        try:
            code = validators.check_uscc(raw)
        except InvalidInput as error:
            errors["uscc"] = error.message
            citation = error.citation
            return
        fields["uscc"] = code.code
        warnings.extend(code.warnings)

    if data.kind == PartyKind.PERSON:
        check_person_id()
        fields["legal_representative"] = ""
        fields["business_registration_no"] = ""
    elif data.kind == PartyKind.ORGANISATION:
        check_credit_code(required=True)
        if not fields["legal_representative"]:
            errors["legal_representative"] = "请填写法定代表人（负责人）。"
        fields["business_registration_no"] = ""
    elif data.kind == PartyKind.INDIVIDUAL_BUSINESS:
        if not fields["legal_representative"]:
            errors["legal_representative"] = "请填写经营者姓名。"
        if validators.normalise_identifier(data.uscc) == validators.INDIVIDUAL_BUSINESS_PLACEHOLDER:
            # The 双公示 placeholder stands for "no credit code": the 工商注册号 identifies the business.
            fields["uscc"] = validators.INDIVIDUAL_BUSINESS_PLACEHOLDER
            if not fields["business_registration_no"]:
                errors["business_registration_no"] = (
                    "统一社会信用代码填占位码 00000000000000000X 时，必须填写工商注册号。"
                )
        else:
            check_credit_code(required=not fields["business_registration_no"])
        if data.id_number.strip():
            check_person_id()
    if errors:
        raise InvalidInput("当事人信息有误，请按提示修改。", field_errors=errors, citation=citation)
    return fields, tuple(warnings)


def _find_duplicate(town: Organisation, fields: dict[str, object], *, exclude_pk: int | None) -> Party | None:
    matches = models.Q()
    if fields["id_number"]:
        matches |= models.Q(id_type=fields["id_type"], id_number=fields["id_number"])
    if fields["uscc"] and fields["uscc"] != validators.INDIVIDUAL_BUSINESS_PLACEHOLDER:
        matches |= models.Q(uscc=fields["uscc"])
    if fields["business_registration_no"]:
        matches |= models.Q(business_registration_no=fields["business_registration_no"])
    if not matches:
        return None
    candidates = Party.objects.filter(matches, organisation=town)
    if exclude_pk is not None:
        candidates = candidates.exclude(pk=exclude_pk)
    return candidates.first()


def _duplicate_error(existing: Party) -> InvalidInput:
    field = "uscc" if existing.uscc and existing.kind != PartyKind.PERSON else "id_number"
    message = "该当事人已登记（%(name)s，编号 %(pk)d），同一证件号码或统一社会信用代码只能登记一次。" % {
        "name": existing.name,
        "pk": existing.pk,
    }
    error = InvalidInput(message, field_errors={field: message})
    error.extra["existing_party"] = existing.pk
    return error


def _party_payload(fields: dict[str, object]) -> dict[str, object]:
    """What the ledger keeps of a party: enough to prove what was entered, no personal data in clear."""
    payload: dict[str, object] = {
        key: (value.isoformat() if isinstance(value, datetime.date) else value)
        for key, value in fields.items()
        if key not in {"id_number", "address", "phone", "birth_date"}
    }
    for private in ("id_number", "address", "phone"):
        if fields.get(private):
            payload[f"{private}_sha256"] = sha256_hex(str(fields[private]))
    return payload


@transaction.atomic(durable=True)
def register_party(actor: Staff, data: PartyInput) -> PartyResult:
    town = permissions.acting_town(actor)
    fields, warnings = _clean_party(data, today=timezone.localdate())
    existing = _find_duplicate(town, fields, exclude_pk=None)
    if existing is not None:
        raise _duplicate_error(existing)
    party = Party(organisation=town, created_by=actor, **fields)
    try:
        with transaction.atomic():
            party.save()
    except IntegrityError:
        # Another request registered the same identifier between our check and our insert.
        existing = _find_duplicate(town, fields, exclude_pk=None)
        if existing is None:
            raise
        raise _duplicate_error(existing) from None
    ledger.record(actor, CoreEvent.PARTY_REGISTERED, party, _party_payload(fields), organisation=town)
    return PartyResult(party=party, warnings=warnings)


@transaction.atomic(durable=True)
def update_party(actor: Staff, party: Party, data: PartyInput) -> PartyResult:
    permissions.require_visible(actor, party.organisation)
    town = permissions.acting_town(actor)
    if party.organisation_id != town.pk:
        raise PermissionDenied("只能修改本镇（街道）登记的当事人。")
    fields, warnings = _clean_party(data, today=timezone.localdate())
    existing = _find_duplicate(town, fields, exclude_pk=party.pk)
    if existing is not None:
        raise _duplicate_error(existing)
    changed = {key: value for key, value in fields.items() if getattr(party, key) != value}
    for key, value in changed.items():
        setattr(party, key, value)
    if changed:
        party.save(update_fields=[*changed, "updated_at"])
        ledger.record(
            actor, CoreEvent.PARTY_UPDATED, party, {"changed": _party_payload(changed)}, organisation=town
        )
    return PartyResult(party=party, warnings=warnings)


# ---------------------------------------------------------------------------------------------- files


@transaction.atomic(durable=True)
def attach_file(
    actor: Staff,
    *,
    subject: models.Model,
    organisation: Organisation,
    stream: IO[bytes],
    original_name: str,
    description: str = "",
) -> Attachment:
    permissions.require_visible(actor, organisation)
    town = permissions.acting_town(actor)
    if not organisation.path.startswith(town.path):
        raise PermissionDenied("只能为本镇（街道）的记录上传材料。")
    blob, name = files.store(stream, original_name=original_name)
    return record_attachment(
        actor, subject=subject, organisation=organisation, blob=blob, name=name, description=description
    )


def record_attachment(
    actor: Staff,
    *,
    subject: models.Model,
    organisation: Organisation,
    blob: StoredBlob,
    name: str,
    description: str = "",
) -> Attachment:
    """Attach an already stored file to a record and put its SHA-256 in the ledger. Runs inside the
    caller's transaction: large files are stored before it begins, so no write lock waits on a disk."""
    attachment = Attachment.objects.create(
        blob=blob,
        organisation=organisation,
        subject_type=subject._meta.label_lower,
        subject_id=str(subject.pk),
        original_name=name,
        description=description.strip()[:200],
        uploaded_by=actor,
    )
    ledger.record(
        actor,
        CoreEvent.FILE_ATTACHED,
        subject,
        {"attachment": attachment.pk, "name": name, "sha256": blob.sha256, "size": blob.size},
        organisation=organisation,
    )
    return attachment


# -------------------------------------------------------------------------------------------- calendar


def _require_calendar_admin(actor: Staff) -> None:
    if not actor.is_superuser and not permissions.has_role(actor, Role.ADMIN):
        raise PermissionDenied("只有管理员可以维护节假日。")


@transaction.atomic(durable=True)
def save_holiday_override(
    actor: Staff, *, day: datetime.date, is_working_day: bool, name: str, source: str
) -> HolidayOverride:
    _require_calendar_admin(actor)
    if not name.strip():
        raise InvalidInput("请填写名称。", field_errors={"name": "请填写名称，如“春节”或“春节调休上班”。"})
    if is_working_day and day.weekday() < 5:
        raise InvalidInput(
            "调休上班日应为周六或周日。",
            field_errors={"is_working_day": "%(d)s 本来就是工作日。" % {"d": day.isoformat()}},
        )
    override, created = HolidayOverride.objects.update_or_create(
        day=day, defaults={"is_working_day": is_working_day, "name": name.strip(), "source": source.strip()}
    )
    ledger.record(
        actor,
        CoreEvent.HOLIDAY_OVERRIDE_SAVED,
        override,
        {
            "day": day.isoformat(),
            "is_working_day": is_working_day,
            "name": override.name,
            "source": override.source,
            "created": created,
        },
    )
    return override


@transaction.atomic(durable=True)
def confirm_holiday_year(actor: Staff, *, year: int, source: str) -> HolidayYear:
    _require_calendar_admin(actor)
    if not source.strip():
        raise InvalidInput(
            "请填写依据（国务院办公厅的放假安排通知）。", field_errors={"source": "请填写依据。"}
        )
    if HolidayYear.objects.filter(year=year).exists():
        raise InvalidInput("%(y)d 年已确认录入。" % {"y": year})
    if not HolidayOverride.objects.filter(day__year=year, is_working_day=False).exists():
        raise InvalidInput("%(y)d 年尚未录入任何法定节假日，不能确认。" % {"y": year})
    holiday_year = HolidayYear.objects.create(year=year, source=source.strip())
    ledger.record(
        actor, CoreEvent.HOLIDAY_YEAR_CONFIRMED, holiday_year, {"year": year, "source": holiday_year.source}
    )
    return holiday_year


# ------------------------------------------------------------------------------------------- numbering


@transaction.atomic(durable=True)
def create_number_series(
    actor: Staff, *, organisation: Organisation, key: str, code: str, name: str
) -> NumberSeries:
    _require_admin_over(actor, organisation)
    code = code.strip()
    errors: dict[str, str] = {}
    if not ORGAN_CODE_PATTERN.match(code):
        errors["code"] = "机关代字只能由汉字、字母和数字组成，最多20个字符。"
    elif NumberSeries.objects.filter(code=code).exists():
        errors["code"] = "机关代字“%(c)s”已被使用。" % {"c": code}
    if not re.fullmatch(r"[a-z0-9\-]{2,40}", key):
        errors["key"] = "用途标识为2至40位小写字母、数字或连字符。"
    elif NumberSeries.objects.filter(organisation=organisation, key=key).exists():
        errors["key"] = "本单位已有用途为“%(k)s”的文号系列。" % {"k": key}
    if errors:
        raise InvalidInput("文号系列信息有误。", field_errors=errors)
    series = NumberSeries.objects.create(
        organisation=organisation, key=key, code=code, name=name.strip() or code
    )
    ledger.record(
        actor,
        CoreEvent.NUMBER_SERIES_CREATED,
        series,
        {"key": key, "code": code, "name": series.name},
        organisation=organisation,
    )
    return series


def issue_number(actor: Staff, series: NumberSeries, *, year: int, subject: models.Model) -> IssuedNumber:
    """Allocate a 文号 for a document inside the calling service's transaction."""
    permissions.require_visible(actor, series.organisation)
    issued = numbering.allocate(actor, series, year=year, subject=subject)
    ledger.record(
        actor,
        CoreEvent.NUMBER_ISSUED,
        issued,
        {"text": issued.text, "subject": {"type": issued.subject_type, "id": issued.subject_id}},
        organisation=series.organisation,
    )
    return issued


@transaction.atomic(durable=True)
def void_number(actor: Staff, issued: IssuedNumber, *, reason: str) -> IssuedNumber:
    _require_admin_over(actor, issued.series.organisation)
    if issued.voided_reason:
        raise InvalidInput("该文号已作废。")
    if not reason.strip():
        raise InvalidInput("请填写作废原因。", field_errors={"reason": "请填写作废原因。"})
    issued.voided_reason = reason.strip()
    issued.save(update_fields=["voided_reason"])
    ledger.record(
        actor,
        CoreEvent.NUMBER_VOIDED,
        issued,
        {"text": issued.text, "reason": issued.voided_reason},
        organisation=issued.series.organisation,
    )
    return issued


# ------------------------------------------------------------------------------------------ API tokens


@transaction.atomic(durable=True)
def issue_api_token(actor: Staff, staff: Staff, *, label: str = "") -> str:
    """Create a personal token and return it; only its hash is kept."""
    if actor.pk != staff.pk and not actor.is_superuser:
        _require_admin_over(actor, _organisation_of(staff))
    if not staff.is_active:
        raise InvalidInput("账号已停用，不能签发令牌。")
    token = "fz_" + secrets.token_urlsafe(32)
    api_token = ApiToken.objects.create(
        staff=staff, token_sha256=sha256_hex(token), label=label.strip()[:100]
    )
    ledger.record(
        actor,
        CoreEvent.API_TOKEN_ISSUED,
        api_token,
        {"staff": staff.pk, "label": api_token.label},
        organisation=staff.organisation,
    )
    return token


# ------------------------------------------------------------------------------------------ system actor

SYSTEM_USERNAME = "system"


@transaction.atomic
def system_actor() -> Staff:
    """The explicit actor of jobs that no person starts (set-up, periodic work). It cannot log in."""
    actor, created = Staff.objects.get_or_create(
        username=SYSTEM_USERNAME,
        defaults={"full_name": "系统", "is_system": True, "is_superuser": True, "is_active": True},
    )
    if created:
        actor.set_unusable_password()
        actor.save(update_fields=["password"])
        ledger.record(actor, CoreEvent.STAFF_CREATED, actor, {"username": SYSTEM_USERNAME, "system": True})
    return actor


# ------------------------------------------------------------------------------------- notifications


def notify(recipients: list[Staff], *, key: str, day: datetime.date, text: str, url: str = "") -> None:
    """Tell each recipient once per key and day, inside the caller's transaction; a second run of the
    same job on the same day adds nothing."""
    Notification.objects.bulk_create(
        [
            Notification(recipient=person, key=key[:100], day=day, text=text[:300], url=url[:300])
            for person in dict.fromkeys(recipients)
        ],
        ignore_conflicts=True,
    )


@transaction.atomic(durable=True)
def mark_notification_read(actor: Staff, notification_id: int) -> None:
    Notification.objects.filter(pk=notification_id, recipient=actor, read_at__isnull=True).update(
        read_at=timezone.now()
    )


def forget_old_form_tokens(*, before: datetime.datetime) -> int:
    """A form is posted within minutes of being shown; a day-old token only takes up room."""
    deleted, _ = FormSubmission.objects.filter(created_at__lt=before).delete()
    return deleted


# ------------------------------------------------------------------------------------- public pages


def public_content_changed() -> None:
    """Called inside the transaction that changes what the portal shows (a publication published,
    withdrawn): cached public pages are served no more once it commits. The version is random, not a
    count, so that a database restored from a backup cannot meet pages cached under its old numbers."""
    version = secrets.randbits(62) + 1
    if not PublicContentVersion.objects.filter(pk=1).update(version=version):
        PublicContentVersion.objects.create(pk=1, version=version)
    # Now for this request, and again at commit for requests that read the old version meanwhile.
    public_version.forget_version()
    transaction.on_commit(public_version.forget_version)
