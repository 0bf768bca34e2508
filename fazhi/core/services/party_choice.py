"""The party a record names where it arises (立案, 当场处罚, a 矛调 visit, a 信访 registration): one of the
town's parties chosen by id, or a new one entered on the record's own form and registered inside the
record's transaction, with the checks of register_party, so a refused record leaves no party behind."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils import timezone

from fazhi.core import selectors
from fazhi.core.errors import InvalidInput, NotFoundOrHidden, Remedy
from fazhi.core.models import Organisation, Party, Staff
from fazhi.core.services.parties import (
    PartyInput,
    clean_party,
    duplicate_error,
    find_duplicate,
    save_new_party,
)

# The words a refusal puts before a new party's field, where the form shows it beside the whole picker.
FIELD_LABELS = {
    "kind": "当事人类型",
    "name": "姓名（名称）",
    "id_type": "证件类型",
    "id_number": "证件号码",
    "birth_date": "出生日期",
    "uscc": "统一社会信用代码",
    "legal_representative": "法定代表人（负责人、经营者）",
    "business_registration_no": "工商注册号",
    "address": "住所（地址）",
    "phone": "联系电话",
}


@dataclass(frozen=True)
class PartyChoice:
    """A party as a form or the API gives it: an existing party's id, the new party's fields, or only a
    name typed (which is refused with the town's parties of that name, for the user to choose).

    `field` is where a refusal about the choice goes, `new_field` where the new party's field errors go
    (as `new_field.id_number`…), and `line` the row of a list of parties (第2行), whose refusals all go to
    `field` with the row named; `relation` is how the row's party stands to the record, where the record
    keeps it (a visit's visitors)."""

    party_id: int | None = None
    new: PartyInput | None = None
    typed_name: str = ""
    field: str = "party"
    new_field: str = ""
    line: int | None = None
    relation: str = ""

    def refusal(self, message: str, *, subfield: str = "", remedy: Remedy | None = None) -> InvalidInput:
        if self.line is not None:
            label = FIELD_LABELS.get(subfield, "")
            text = "第%(n)d行：%(l)s%(m)s" % {
                "n": self.line,
                "l": f"{label}：" if label else "",
                "m": message,
            }
            return InvalidInput(text, field_errors={self.field: text}, remedy=remedy)
        key = f"{self.new_field or self.field}.{subfield}" if subfield else self.field
        return InvalidInput(message, field_errors={key: message}, remedy=remedy)


def _strip_period(message: str) -> str:
    return message.rstrip("。")


def _candidates_message(name: str, candidates: Sequence[Party]) -> str:
    listed = "；".join(
        "%(n)s（编号 %(pk)d，%(f)s）" % {"n": party.name, "pk": party.pk, "f": selectors.party_facts(party)}
        for party in candidates
    )
    if len(candidates) == 1:
        return "请确认当事人“%(n)s”：本镇（街道）登记的是 %(l)s。请在列表中选择，或选择“新当事人”。" % {
            "n": name,
            "l": listed,
        }
    return "本镇（街道）有%(c)d位名为“%(n)s”的当事人，请选择其一：%(l)s。" % {
        "c": len(candidates),
        "n": name,
        "l": listed,
    }


def _existing(party_id: int, choice: PartyChoice, town: Organisation) -> Party:
    party = Party.objects.filter(pk=party_id, organisation=town).first()
    if party is None:
        # Another town's party is refused as one that does not exist: nothing leaks about it.
        raise choice.refusal(
            "未找到该当事人（编号 %(pk)s）。" % {"pk": party_id},
            remedy=Remedy("core:party-create", "登记当事人"),
        )
    return party


def _register_new(actor: Staff, data: PartyInput, choice: PartyChoice, town: Organisation) -> Party:
    try:
        fields, _warnings = clean_party(data, today=timezone.localdate())
    except InvalidInput as error:
        if choice.line is not None:
            text = "；".join(
                f"{FIELD_LABELS.get(name, name)}：{_strip_period(message)}"
                for name, message in error.field_errors.items()
            )
            raise choice.refusal(text + "。") from None
        errors = {f"{choice.new_field or choice.field}.{k}": v for k, v in error.field_errors.items()}
        raise InvalidInput(error.message, field_errors=errors, citation=error.citation) from None
    existing = find_duplicate(town, fields, exclude_pk=None)
    if existing is None:
        return save_new_party(actor, town, fields)
    if existing.name == fields["name"] and existing.kind == fields["kind"]:
        # Entered again by one who did not search first: the same identifier and name are that party.
        return existing
    duplicate = duplicate_error(existing)
    subfield, message = next(iter(duplicate.field_errors.items()))
    message = "%(m)s请选择该当事人（%(f)s）。" % {"m": message, "f": selectors.party_facts(existing)}
    raise choice.refusal(message, subfield=subfield)


def party_for(actor: Staff, chosen: Party | PartyChoice, *, town: Organisation) -> Party:
    """The record's party, inside the record's own transaction: a party of `town`, or the new one
    registered now. Anything else is refused where the form or the API shows it."""
    if isinstance(chosen, Party):
        if chosen.organisation_id != town.pk:
            raise NotFoundOrHidden()
        return chosen
    if chosen.party_id is not None:
        return _existing(chosen.party_id, chosen, town)
    if chosen.new is not None:
        return _register_new(actor, chosen.new, chosen, town)
    name = re.sub(r"\s+", " ", chosen.typed_name).strip()
    if not name:
        raise chosen.refusal("请选择当事人，或选择“新当事人”并填写其信息。")
    candidates = selectors.parties_named(town, name)
    if not candidates:
        raise chosen.refusal(
            "未找到名为“%(n)s”的当事人：请从列表中选择，或选择“新当事人”并填写其信息。" % {"n": name}
        )
    # Even a single match is not taken silently: two people may share a name, and only the user knows.
    raise chosen.refusal(_candidates_message(name, candidates))


def parties_for(actor: Staff, chosen: Sequence[Party | PartyChoice], *, town: Organisation) -> list[Party]:
    """Each row's party (a visit's visitors, a petition's representatives); every row refused is named,
    one line each under the rows' field."""
    parties: list[Party] = []
    errors: dict[str, list[str]] = {}
    for choice in chosen:
        try:
            parties.append(party_for(actor, choice, town=town))
        except InvalidInput as error:
            for field, message in error.field_errors.items():
                errors.setdefault(field, []).append(message)
    if errors:
        joined = {field: "\n".join(messages) for field, messages in errors.items()}
        raise InvalidInput("；".join(joined.values()), field_errors=joined)
    return parties
