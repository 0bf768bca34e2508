"""当事人: persons and organisations with checked 身份证号码 and 统一社会信用代码, one per identifier within a town."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from django.db import IntegrityError, models, transaction
from django.utils import timezone

from fazhi.core import permissions, validators
from fazhi.core.errors import InvalidInput, PermissionDenied
from fazhi.core.events import CoreEvent
from fazhi.core.models import (
    IdType,
    Organisation,
    Party,
    PartyKind,
    Sex,
    Staff,
)
from fazhi.core.services.staff import PHONE_PATTERN
from fazhi.ledger import record as ledger
from fazhi.ledger.record import sha256_hex


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


class _PartyFields:
    """A party's fields as cleaned, with what is wrong with each (and the article that says so) and the
    warnings to show beside a code that passes."""

    def __init__(self, data: PartyInput, today: datetime.date) -> None:
        self.data = data
        self.today = today
        self.errors: dict[str, str] = {}
        self.warnings: list[str] = []
        self.citation = ""
        self.fields: dict[str, object] = {
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

    def refuse(self, field: str, error: InvalidInput) -> None:
        self.errors[field] = error.message
        self.citation = error.citation

    def check(self) -> None:
        if self.fields["phone"] and not PHONE_PATTERN.match(str(self.fields["phone"])):
            self.errors["phone"] = "联系电话格式不正确。"
        if self.data.kind == PartyKind.PERSON:
            self.check_person()
        elif self.data.kind == PartyKind.ORGANISATION:
            self.check_organisation()
        elif self.data.kind == PartyKind.INDIVIDUAL_BUSINESS:
            self.check_individual_business()

    def check_person(self) -> None:
        self.check_person_id()
        self.fields["legal_representative"] = ""
        self.fields["business_registration_no"] = ""

    def check_organisation(self) -> None:
        self.check_credit_code(required=True)
        if not self.fields["legal_representative"]:
            self.errors["legal_representative"] = "请填写法定代表人（负责人）。"
        self.fields["business_registration_no"] = ""

    def check_individual_business(self) -> None:
        if not self.fields["legal_representative"]:
            self.errors["legal_representative"] = "请填写经营者姓名。"
        if validators.normalise_identifier(self.data.uscc) == validators.INDIVIDUAL_BUSINESS_PLACEHOLDER:
            # The 双公示 placeholder stands for "no credit code": the 工商注册号 identifies the business.
            self.fields["uscc"] = validators.INDIVIDUAL_BUSINESS_PLACEHOLDER
            if not self.fields["business_registration_no"]:
                self.errors["business_registration_no"] = (
                    "统一社会信用代码填占位码 00000000000000000X 时，必须填写工商注册号。"
                )
        else:
            self.check_credit_code(required=not self.fields["business_registration_no"])
        if self.data.id_number.strip():
            self.check_person_id()

    def check_person_id(self) -> None:
        data = self.data
        if data.id_type not in IdType.values:
            self.errors["id_type"] = "请选择证件类型。"
            return
        self.fields["id_type"] = data.id_type
        if not data.id_number.strip():
            self.errors["id_number"] = "请填写证件号码。"
        elif data.id_type == IdType.RESIDENT_ID:
            self.check_resident_id()
        else:
            self.check_other_id()

    def check_resident_id(self) -> None:
        try:
            resident = validators.check_resident_id(self.data.id_number, today=self.today)
        except InvalidInput as error:
            self.refuse("id_number", error)
            return
        self.fields["id_number"] = resident.number
        self.fields["birth_date"] = resident.birth_date
        self.fields["sex"] = Sex.MALE if resident.is_male else Sex.FEMALE

    def check_other_id(self) -> None:
        number = validators.normalise_identifier(self.data.id_number)
        if not re.fullmatch(r"[0-9A-Z]{5,30}", number):
            self.errors["id_number"] = "证件号码应为5至30位字母或数字。"
            return
        self.fields["id_number"] = number
        birth_date = self.data.birth_date
        if birth_date is not None and birth_date > self.today:
            self.errors["birth_date"] = "出生日期不能晚于今天。"
        self.fields["birth_date"] = birth_date

    def check_credit_code(self, *, required: bool) -> None:
        raw = validators.normalise_identifier(self.data.uscc)
        if not raw:
            if required:
                self.errors["uscc"] = "请填写统一社会信用代码。"
            return
        try:
            code = validators.check_uscc(raw)
        except InvalidInput as error:
            self.refuse("uscc", error)
            return
        self.fields["uscc"] = code.code
        self.warnings.extend(code.warnings)


def clean_party(data: PartyInput, *, today: datetime.date) -> tuple[dict[str, object], tuple[str, ...]]:
    """Normalise and check a party's fields; raise InvalidInput naming every wrong field."""
    cleaned = _PartyFields(data, today)
    cleaned.check()
    if cleaned.errors:
        raise InvalidInput(
            "当事人信息有误，请按提示修改。", field_errors=cleaned.errors, citation=cleaned.citation
        )
    return cleaned.fields, tuple(cleaned.warnings)


def find_duplicate(town: Organisation, fields: dict[str, object], *, exclude_pk: int | None) -> Party | None:
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


def duplicate_error(existing: Party) -> InvalidInput:
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
    fields, warnings = clean_party(data, today=timezone.localdate())
    existing = find_duplicate(town, fields, exclude_pk=None)
    if existing is not None:
        raise duplicate_error(existing)
    return PartyResult(party=save_new_party(actor, town, fields), warnings=warnings)


def save_new_party(actor: Staff, town: Organisation, fields: dict[str, object]) -> Party:
    """Insert a party whose fields clean_party checked and find_duplicate cleared, with its ledger event;
    inside the caller's transaction (register_party's own, or the record's a new party arrives with)."""
    party = Party(organisation=town, created_by=actor, **fields)
    try:
        with transaction.atomic():
            party.save()
    except IntegrityError:
        # Another request registered the same identifier between our check and our insert.
        existing = find_duplicate(town, fields, exclude_pk=None)
        if existing is None:
            raise
        raise duplicate_error(existing) from None
    ledger.record(actor, CoreEvent.PARTY_REGISTERED, party, _party_payload(fields), organisation=town)
    return party


@transaction.atomic(durable=True)
def update_party(actor: Staff, party: Party, data: PartyInput) -> PartyResult:
    permissions.require_visible(actor, party.organisation)
    town = permissions.acting_town(actor)
    if party.organisation_id != town.pk:
        raise PermissionDenied("只能修改本镇（街道）登记的当事人。")
    fields, warnings = clean_party(data, today=timezone.localdate())
    existing = find_duplicate(town, fields, exclude_pk=party.pk)
    if existing is not None:
        raise duplicate_error(existing)
    changed = {key: value for key, value in fields.items() if getattr(party, key) != value}
    for key, value in changed.items():
        setattr(party, key, value)
    if changed:
        party.save(update_fields=[*changed, "updated_at"])
        ledger.record(
            actor, CoreEvent.PARTY_UPDATED, party, {"changed": _party_payload(changed)}, organisation=town
        )
    return PartyResult(party=party, warnings=warnings)
