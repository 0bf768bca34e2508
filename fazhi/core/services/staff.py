"""Staff, their roles, their 执法证 and their personal API tokens."""

from __future__ import annotations

import datetime
import re
import secrets

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from fazhi.core import permissions, validators
from fazhi.core.errors import InvalidInput, NotFoundOrHidden
from fazhi.core.events import CoreEvent
from fazhi.core.models import (
    ApiToken,
    EnforcementCredential,
    Organisation,
    OrganisationKind,
    Staff,
    StaffRole,
)
from fazhi.core.roles import Role
from fazhi.core.services.common import organisation_of, require_admin_over
from fazhi.ledger import record as ledger
from fazhi.ledger.record import sha256_hex

PHONE_PATTERN = re.compile(r"^[0-9+()\-]{5,20}$")


def _clean_roles(roles: list[str]) -> list[str]:
    return sorted(set(roles))


def _check_role_rules(roles: list[str], *, legal_qualification_no: str) -> None:
    if Role.LEGAL_REVIEWER in roles and not legal_qualification_no:
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
    require_admin_over(actor, organisation)
    errors: dict[str, str] = {}
    username = username.strip()
    if not re.fullmatch(r"[A-Za-z0-9_.@\-]{3,50}", username):
        errors["username"] = "登录名为3至50位字母、数字或 _ . @ -。"
    elif Staff.objects.filter(username__iexact=username).exists():
        errors["username"] = "登录名“%(u)s”已被使用。" % {"u": username}
    if phone and not PHONE_PATTERN.match(phone):
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
        full_name=full_name,
        organisation=organisation,
        phone=phone,
        position=position,
        legal_qualification_no=legal_qualification_no,
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
    require_admin_over(actor, organisation_of(staff))
    if phone and not PHONE_PATTERN.match(phone):
        raise InvalidInput("联系电话格式不正确。", field_errors={"phone": "联系电话格式不正确。"})
    roles = _clean_roles(roles)
    _check_role_rules(roles, legal_qualification_no=legal_qualification_no)
    if staff.pk == actor.pk and Role.ADMIN not in roles and Role.ADMIN in permissions.roles_of(actor):
        raise InvalidInput(
            "不能取消自己的管理员角色。",
            field_errors={"roles": "不能取消自己的管理员角色，请由其他管理员操作。"},
        )
    fields = {
        "full_name": full_name,
        "phone": phone,
        "position": position,
        "legal_qualification_no": legal_qualification_no,
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
    require_admin_over(actor, organisation_of(staff))
    if staff.pk == actor.pk:
        raise InvalidInput("不能停用自己的账号。")
    staff.is_active = False
    staff.save(update_fields=["is_active"])
    ledger.record(
        actor, CoreEvent.STAFF_DEACTIVATED, staff, {"reason": reason}, organisation=staff.organisation
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
    require_admin_over(actor, organisation_of(staff))
    errors: dict[str, str] = {}
    number = validators.normalise_identifier(number)
    if not re.fullmatch(r"[0-9A-Z]{4,30}", number):
        errors["number"] = "执法证号应为4至30位数字或字母。"
    elif EnforcementCredential.objects.filter(number=number).exists():
        errors["number"] = "执法证号“%(n)s”已登记。" % {"n": number}
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
        category=category,
        issuer=issuer,
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
    require_admin_over(actor, organisation_of(credential.staff))
    if credential.revoked_on is not None:
        raise InvalidInput("该执法证已于 %(d)s 注销。" % {"d": credential.revoked_on.isoformat()})
    credential.revoked_on = revoked_on
    credential.revoked_reason = reason
    credential.save(update_fields=["revoked_on", "revoked_reason"])
    ledger.record(
        actor,
        CoreEvent.CREDENTIAL_REVOKED,
        credential,
        {"revoked_on": revoked_on.isoformat(), "reason": credential.revoked_reason},
        organisation=credential.staff.organisation,
    )
    return credential


@transaction.atomic(durable=True)
def issue_api_token(actor: Staff, staff: Staff, *, label: str = "") -> str:
    """Create a personal token and return it; only its hash is kept."""
    if actor.pk != staff.pk and not actor.is_superuser:
        require_admin_over(actor, organisation_of(staff))
    if not staff.is_active:
        raise InvalidInput("账号已停用，不能签发令牌。")
    token = "fz_" + secrets.token_urlsafe(32)
    expires_at = timezone.now() + datetime.timedelta(days=settings.API_TOKEN_DAYS)
    api_token = ApiToken.objects.create(
        staff=staff, token_sha256=sha256_hex(token), label=label.strip()[:100], expires_at=expires_at
    )
    ledger.record(
        actor,
        CoreEvent.API_TOKEN_ISSUED,
        api_token,
        {"staff": staff.pk, "label": api_token.label, "expires_at": expires_at.isoformat()},
        organisation=staff.organisation,
    )
    return token


@transaction.atomic(durable=True)
def revoke_api_token(actor: Staff, token_id: int) -> ApiToken:
    """Its owner, or an administrator over the owner's unit, revokes a token at once; the record stays
    (who revoked it, when) and the token no longer opens the API."""
    api_token = ApiToken.objects.select_for_update().select_related("staff").filter(pk=token_id).first()
    if api_token is None:
        raise NotFoundOrHidden()
    if actor.pk != api_token.staff_id and not actor.is_superuser:
        if not permissions.can_see(actor, organisation_of(api_token.staff)):
            raise NotFoundOrHidden()
        require_admin_over(actor, organisation_of(api_token.staff))
    if api_token.revoked_at is not None:
        raise InvalidInput(
            "该令牌已于 %(t)s 撤销。"
            % {"t": timezone.localtime(api_token.revoked_at).strftime("%Y-%m-%d %H:%M")}
        )
    api_token.revoked_at = timezone.now()
    api_token.save(update_fields=["revoked_at"])
    ledger.record(
        actor,
        CoreEvent.API_TOKEN_REVOKED,
        api_token,
        {"staff": api_token.staff_id, "label": api_token.label},
        organisation=api_token.staff.organisation,
    )
    return api_token
