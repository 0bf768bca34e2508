"""Ledger action names of the core app."""

from enum import StrEnum


class CoreEvent(StrEnum):
    ORGANISATION_CREATED = "core.organisation.created"
    ORGANISATION_UPDATED = "core.organisation.updated"
    STAFF_CREATED = "core.staff.created"
    STAFF_UPDATED = "core.staff.updated"
    STAFF_ROLES_CHANGED = "core.staff.roles_changed"
    STAFF_DEACTIVATED = "core.staff.deactivated"
    CREDENTIAL_ADDED = "core.credential.added"
    CREDENTIAL_REVOKED = "core.credential.revoked"
    PARTY_REGISTERED = "core.party.registered"
    PARTY_UPDATED = "core.party.updated"
    FILE_ATTACHED = "core.file.attached"
    HOLIDAY_OVERRIDE_SAVED = "core.holiday_override.saved"
    HOLIDAY_YEAR_CONFIRMED = "core.holiday_year.confirmed"
    NUMBER_SERIES_CREATED = "core.number_series.created"
    NUMBER_ISSUED = "core.number.issued"
    NUMBER_VOIDED = "core.number.voided"
    API_TOKEN_ISSUED = "core.api_token.issued"  # noqa: S105 (an event name, not a secret)
    API_TOKEN_REVOKED = "core.api_token.revoked"  # noqa: S105 (an event name, not a secret)


CORE_EVENT_LABELS: dict[CoreEvent, str] = {
    CoreEvent.ORGANISATION_CREATED: "设立机构",
    CoreEvent.ORGANISATION_UPDATED: "修改机构信息",
    CoreEvent.STAFF_CREATED: "添加工作人员",
    CoreEvent.STAFF_UPDATED: "修改工作人员信息",
    CoreEvent.STAFF_ROLES_CHANGED: "调整角色",
    CoreEvent.STAFF_DEACTIVATED: "停用账号",
    CoreEvent.CREDENTIAL_ADDED: "登记执法证",
    CoreEvent.CREDENTIAL_REVOKED: "注销执法证",
    CoreEvent.PARTY_REGISTERED: "登记当事人",
    CoreEvent.PARTY_UPDATED: "修改当事人信息",
    CoreEvent.FILE_ATTACHED: "上传材料",
    CoreEvent.HOLIDAY_OVERRIDE_SAVED: "录入节假日调整",
    CoreEvent.HOLIDAY_YEAR_CONFIRMED: "确认年度节假日",
    CoreEvent.NUMBER_SERIES_CREATED: "新建文号系列",
    CoreEvent.NUMBER_ISSUED: "编发文号",
    CoreEvent.NUMBER_VOIDED: "作废文号",
    CoreEvent.API_TOKEN_ISSUED: "签发接口令牌",
    CoreEvent.API_TOKEN_REVOKED: "撤销接口令牌",
}
