"""Parties for the tests of the forms that take them where they arise (立案, 当场处罚, a visit, a petition):
two of one name, one of another town, good and bad identifiers, and what must not change when a form
is refused."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from conftest import credit_code, resident_id
from fazhi.core import services as core_services
from fazhi.core.models import IdType, Party, PartyKind
from fazhi.ledger.models import Event

NEW_ID = resident_id("12011119900315123")
# The same number with a wrong 18th character: GB 11643's check refuses it.
BAD_ID = NEW_ID[:17] + ("1" if NEW_ID[17] != "1" else "2")
NEW_CODE = credit_code("91120111MA05T7N8K")
BAD_CODE = NEW_CODE[:17] + ("1" if NEW_CODE[17] != "1" else "2")


@dataclass
class Twins:
    """Two parties of the town named 王五, told apart by their ID tails and addresses."""

    first: Party
    second: Party


def twins(world: Any) -> Twins:
    first, second = (
        core_services.register_party(
            world.admin,
            core_services.PartyInput(
                kind=PartyKind.PERSON,
                name="王五",
                id_type=IdType.RESIDENT_ID,
                id_number=resident_id(first17),
                address=address,
            ),
        ).party
        for first17, address in (
            ("12011119700101101", "辛口镇辛口村12号"),
            ("12011119850505202", "辛口镇大沙沟村8号"),
        )
    )
    return Twins(first=first, second=second)


def stranger(world: Any) -> Party:
    """A party of the other town: for this town's forms, as unknown as a number never issued."""
    return core_services.register_party(
        world.other_admin,
        core_services.PartyInput(
            kind=PartyKind.PERSON,
            name="杨某",
            id_type=IdType.RESIDENT_ID,
            id_number=resident_id("12011119750707070"),
        ),
    ).party


def counts() -> tuple[int, int]:
    """Parties and ledger events: a refused form changes neither."""
    return Party.objects.count(), Event.objects.count()


def new_person(**overrides: Any) -> dict[str, Any]:
    """The API's `new_party` for a person with a good 身份证号码."""
    return {"kind": "person", "name": "赵新", "id_type": "resident_id", "id_number": NEW_ID, **overrides}


def new_company(**overrides: Any) -> dict[str, Any]:
    return {
        "kind": "organisation",
        "name": "天津某商贸有限公司",
        "uscc": NEW_CODE,
        "legal_representative": "钱某",
        **overrides,
    }
