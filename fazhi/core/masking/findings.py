"""The findings of the scan of personal data, and what it is told: the types every part of
core.masking shares."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum


class FindingKind(StrEnum):
    ID_NUMBER = "id_number"
    MOBILE = "mobile"
    LANDLINE = "landline"
    BANK_ACCOUNT = "bank_account"
    ADDRESS = "address"
    PERSON_NAME = "person_name"
    PARTY_DETAIL = "party_detail"
    MARKED = "marked"


FINDING_LABELS = {
    FindingKind.ID_NUMBER: "身份证号码",
    FindingKind.MOBILE: "手机号码",
    FindingKind.LANDLINE: "固定电话号码",
    FindingKind.BANK_ACCOUNT: "银行账号",
    FindingKind.ADDRESS: "住址门牌",
    FindingKind.PERSON_NAME: "自然人姓名",
    FindingKind.PARTY_DETAIL: "当事人的住址、电话或证件号码",
    FindingKind.MARKED: "人工标记的内容",
}

# What a person must settle before publication: masked names follow the configured rule by themselves,
# these are never published unless a person releases them with a reason.
BLOCKING_KINDS = frozenset(
    {
        FindingKind.ID_NUMBER,
        FindingKind.MOBILE,
        FindingKind.LANDLINE,
        FindingKind.BANK_ACCOUNT,
        FindingKind.ADDRESS,
        FindingKind.PARTY_DETAIL,
    }
)

REDACTED = "（已隐去）"


@dataclass(frozen=True)
class Finding:
    kind: FindingKind
    start: int  # in the original text
    end: int
    text: str

    @property
    def label(self) -> str:
        return FINDING_LABELS[self.kind]

    @property
    def blocking(self) -> bool:
        return self.kind in BLOCKING_KINDS


@dataclass(frozen=True)
class Known:
    """What the scan is told. `people`: natural persons' names in the town's registers; `places`: the
    names of the organisation tree and their parts (水高庄村, 水高庄), added to the gazetteer;
    `shown_names`: names that may appear (the legal representative of a penalised organisation, the
    officers); `private_values`: what the records know to be private (a person's address, phone, ID
    number), found as typed; `allowed_numbers`: public identifiers (统一社会信用代码, 工商注册号, 执法证号);
    `allowed_addresses`: an organisation's registered address (双公示 publishes it)."""

    people: frozenset[str] = frozenset()
    places: frozenset[str] = frozenset()
    shown_names: frozenset[str] = frozenset()
    private_values: frozenset[str] = frozenset()
    allowed_numbers: frozenset[str] = frozenset()
    allowed_addresses: frozenset[str] = frozenset()

    @classmethod
    def of(cls, **values: Iterable[str]) -> Known:
        return cls(**{name: frozenset(v for v in value if v) for name, value in values.items()})

    def adding(self, **values: Iterable[str]) -> Known:
        merged = {
            name: getattr(self, name) | frozenset(v for v in value if v) for name, value in values.items()
        }
        return Known(**{**self.__dict__, **merged})


@dataclass(frozen=True)
class Review:
    """A person's decisions on a text: spans to hide that the scan missed, and findings released with a
    reason (their text stays). Both are kept by their text, so they survive edits elsewhere."""

    hidden: frozenset[str] = frozenset()
    released: frozenset[str] = frozenset()
    reasons: dict[str, str] = field(default_factory=dict)


def overlaps(start: int, end: int, taken: Iterable[tuple[int, int]]) -> bool:
    return any(begin < end and start < finish for begin, finish in taken)
