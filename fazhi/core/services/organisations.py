"""The organisation tree (city → district → town → departments and villages) and its codes."""

from __future__ import annotations

import re

from django.db import transaction

from fazhi.core import validators
from fazhi.core.errors import InvalidInput, PermissionDenied
from fazhi.core.events import CoreEvent
from fazhi.core.models import (
    TOWN_KINDS,
    Organisation,
    OrganisationKind,
    Staff,
)
from fazhi.core.services.common import require_admin_over
from fazhi.ledger import record as ledger

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


def _clean_organisation_fields(
    *, name: str, kind: str, parent: Organisation | None, division_code: str, uscc: str, organ_code: str
) -> dict[str, str]:
    errors: dict[str, str] = {}
    if kind not in ALLOWED_CHILD_KINDS[parent.kind if parent else None]:
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
        require_admin_over(actor, parent)
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
    require_admin_over(actor, organisation)
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
