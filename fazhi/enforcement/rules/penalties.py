"""The substance of a penalty: its kinds and their severity (arts. 9, 45), the hearing right they carry
(art. 63), the circumstances that forbid, lessen or excuse it (arts. 30–33), the investigation's outcome
(arts. 40, 57) and one fine for one act (art. 29). The procedure's order lives in before_decision."""

from __future__ import annotations

import datetime
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from django.db.models import TextChoices

from fazhi.core.errors import RuleViolation
from fazhi.core.money import yuan
from fazhi.core.periods import full_years
from fazhi.enforcement.rules.procedure import LAW


class PenaltyKind(TextChoices):
    """The kinds of art. 9 a town may impose (行政拘留 belongs to the police)."""

    WARNING = "warning", "警告"
    CRITICISM = "criticism", "通报批评"
    FINE = "fine", "罚款"
    CONFISCATE_GAINS = "confiscate_gains", "没收违法所得"
    CONFISCATE_PROPERTY = "confiscate_property", "没收非法财物"
    SUSPEND_LICENCE = "suspend_licence", "暂扣许可证件"
    LOWER_QUALIFICATION = "lower_qualification", "降低资质等级"
    RESTRICT_BUSINESS = "restrict_business", "限制开展生产经营活动"
    SUSPEND_BUSINESS = "suspend_business", "责令停产停业"
    CLOSE_DOWN = "close_down", "责令关闭"
    RESTRICT_PRACTICE = "restrict_practice", "限制从业"
    REVOKE_LICENCE = "revoke_licence", "吊销许可证件"


# Art. 9's kinds from the lightest to the heaviest, the order DOMAIN.md §3.3 gives for art. 45:
# 警告 < 罚款 < 没收 < 暂扣/降低资质 < 责令停产停业/关闭/限制从业 < 吊销.
SEVERITY: dict[str, int] = {
    PenaltyKind.WARNING: 1,
    PenaltyKind.CRITICISM: 1,
    PenaltyKind.FINE: 2,
    PenaltyKind.CONFISCATE_GAINS: 3,
    PenaltyKind.CONFISCATE_PROPERTY: 3,
    PenaltyKind.SUSPEND_LICENCE: 4,
    PenaltyKind.LOWER_QUALIFICATION: 4,
    PenaltyKind.RESTRICT_BUSINESS: 5,
    PenaltyKind.SUSPEND_BUSINESS: 5,
    PenaltyKind.CLOSE_DOWN: 5,
    PenaltyKind.RESTRICT_PRACTICE: 5,
    PenaltyKind.REVOKE_LICENCE: 6,
}

# Art. 63(3)–(5): the kinds that carry the right to a hearing whatever the amount. 暂扣许可证件 and
# 限制开展生产经营活动 are counted among "其他较重的行政处罚" (63(5)): a hearing offered without need
# costs an afternoon, one refused where the law gave it voids the decision (art. 38).
HEAVY_KINDS: frozenset[str] = frozenset(
    {
        PenaltyKind.SUSPEND_LICENCE,
        PenaltyKind.LOWER_QUALIFICATION,
        PenaltyKind.RESTRICT_BUSINESS,
        PenaltyKind.SUSPEND_BUSINESS,
        PenaltyKind.CLOSE_DOWN,
        PenaltyKind.RESTRICT_PRACTICE,
        PenaltyKind.REVOKE_LICENCE,
    }
)
CONFISCATION_KINDS: frozenset[str] = frozenset(
    {PenaltyKind.CONFISCATE_GAINS, PenaltyKind.CONFISCATE_PROPERTY}
)


def kind_labels(kinds: Iterable[str]) -> str:
    names = dict(PenaltyKind.choices)
    return "、".join(names.get(kind, kind) for kind in kinds)


def check_kinds(kinds: Sequence[str], *, fine_fen: int, confiscation_fen: int, what: str) -> None:
    """The kinds are art. 9's; a fine amount goes with 罚款 and 罚款 with an amount."""
    unknown = [kind for kind in kinds if kind not in SEVERITY]
    if unknown or not kinds:
        raise RuleViolation(
            "%(what)s须选择行政处罚的种类（第九条所列）。" % {"what": what}, citation=f"{LAW} 第九条"
        )
    if (PenaltyKind.FINE in kinds) != (fine_fen > 0):
        raise RuleViolation(
            "%(what)s的处罚种类与罚款金额不一致：选择“罚款”须填写金额，填写金额须选择“罚款”。"
            % {"what": what},
            citation=f"{LAW} 第九条",
        )
    if confiscation_fen and not CONFISCATION_KINDS & set(kinds):
        raise RuleViolation(
            "%(what)s填写了没收的数额，但未选择“没收违法所得”或“没收非法财物”。" % {"what": what},
            citation=f"{LAW} 第九条",
        )


@dataclass(frozen=True)
class LargeAmount:
    """What counts as 较大数额 (art. 63(1)–(2)): set by each province or sector, so the town records
    the thresholds in force and where they come from."""

    person_fen: int
    organisation_fen: int
    source: str

    def for_party(self, party_kind: str) -> int:
        # 个体工商户 are natural persons for this purpose, as for art. 51 (DOMAIN.md §3.3).
        return self.organisation_fen if party_kind == "organisation" else self.person_fen


# Used until the town records its province's standard, and said so wherever it is applied: a default,
# not a rule of any province.
DEFAULT_LARGE_AMOUNT = LargeAmount(
    person_fen=5_000_00,
    organisation_fen=50_000_00,
    source="本镇尚未登记本省（本领域）较大数额标准，暂按默认值（公民 5000 元、法人或者其他组织 50000 元）判断",
)


@dataclass(frozen=True)
class HearingRight:
    applies: bool
    grounds: tuple[str, ...]


def hearing_right(
    kinds: Collection[str], *, fine_fen: int, confiscation_fen: int, party_kind: str, standard: LargeAmount
) -> HearingRight:
    """Art. 63: the right follows the penalty proposed; it is never a choice of the officer."""
    grounds: list[str] = []
    threshold = standard.for_party(party_kind)
    if PenaltyKind.FINE in kinds and fine_fen >= threshold:
        grounds.append(
            "较大数额罚款（%(f)s 元，标准 %(t)s 元以上，依据：%(s)s）（第六十三条第一款第一项）"
            % {"f": yuan(fine_fen), "t": yuan(threshold), "s": standard.source}
        )
    if CONFISCATION_KINDS & set(kinds) and confiscation_fen >= threshold:
        grounds.append(
            "没收较大数额违法所得或较大价值非法财物（%(f)s 元）（第六十三条第一款第二项）"
            % {"f": yuan(confiscation_fen)}
        )
    heavy = [kind for kind in kinds if kind in HEAVY_KINDS]
    if heavy:
        grounds.append("%(k)s（第六十三条第一款第三项至第五项）" % {"k": kind_labels(heavy)})
    return HearingRight(applies=bool(grounds), grounds=tuple(grounds))


def check_no_heavier(
    *,
    notified_kinds: Collection[str],
    decided_kinds: Collection[str],
    notified_fine_fen: int,
    decided_fine_fen: int,
    notified_confiscation_fen: int = 0,
    decided_confiscation_fen: int = 0,
) -> None:
    """Art. 45: the decision is not heavier than the notice, in kind or amount. A kind not notified may
    only take the place of a heavier notified kind that the decision drops (吊销 → 罚款), never be added
    on top (警告 → 吊销 + 停产停业)."""
    dropped = [kind for kind in notified_kinds if kind not in decided_kinds]
    added = [kind for kind in decided_kinds if kind not in notified_kinds]
    heavier = [
        kind
        for kind in added
        if not any(SEVERITY[kind] < SEVERITY[gone] for gone in dropped if gone in SEVERITY)
    ]
    if heavier:
        raise RuleViolation(
            "决定的处罚（%(d)s）重于告知的处罚（%(n)s）：%(h)s 未经告知。不得因当事人陈述、申辩而加重处罚；"
            "确需给予的，应重新告知。"
            % {"d": kind_labels(decided_kinds), "n": kind_labels(notified_kinds), "h": kind_labels(heavier)},
            citation=f"{LAW} 第四十四条、第四十五条第二款",
        )
    if decided_fine_fen > notified_fine_fen:
        raise RuleViolation(
            "决定的罚款（%(decided)s 元）高于告知的罚款（%(notified)s 元）：不得因当事人陈述、申辩而给予更重的处罚；"
            "确需加重的，应重新告知。"
            % {"decided": yuan(decided_fine_fen), "notified": yuan(notified_fine_fen)},
            citation=f"{LAW} 第四十五条第二款",
        )
    if decided_confiscation_fen > notified_confiscation_fen:
        raise RuleViolation(
            "决定没收的数额（%(decided)s 元）高于告知的数额（%(notified)s 元）：确需加重的，应重新告知。"
            % {"decided": yuan(decided_confiscation_fen), "notified": yuan(notified_confiscation_fen)},
            citation=f"{LAW} 第四十五条第二款",
        )


# ------------------------------------------------------------------------------- circumstances


class Treatment(StrEnum):
    NO_PENALTY = "no_penalty"  # 不予行政处罚
    MAY_WAIVE = "may_waive"  # 可以不予行政处罚
    MUST_MITIGATE = "must_mitigate"  # 应当从轻或者减轻
    MAY_MITIGATE = "may_mitigate"  # 可以从轻或者减轻


@dataclass(frozen=True)
class CircumstanceRule:
    label: str
    treatment: Treatment
    citation: str


class Circumstance(TextChoices):
    """What the investigation finds about the party and the act that the law weighs (arts. 30–33)."""

    UNDER_14 = "under_14", "不满十四周岁"
    AGED_14_TO_18 = "aged_14_to_18", "已满十四周岁不满十八周岁"
    MENTAL_UNABLE = (
        "mental_unable",
        "精神病人、智力残疾人在不能辨认或者不能控制自己行为时有违法行为（经鉴定）",
    )
    MENTAL_PARTIAL = "mental_partial", "尚未完全丧失辨认或者控制自己行为能力的精神病人、智力残疾人"
    ELIMINATED_HARM = "eliminated_harm", "主动消除或者减轻违法行为危害后果"
    COERCED = "coerced", "受他人胁迫或者诱骗实施违法行为"
    CONFESSED = "confessed", "主动供述行政机关尚未掌握的违法行为"
    MERITORIOUS = "meritorious", "配合行政机关查处违法行为有立功表现"
    MINOR_CORRECTED = "minor_corrected", "违法行为轻微并及时改正，没有造成危害后果"
    FIRST_MINOR = "first_minor", "初次违法且危害后果轻微并及时改正"
    NO_FAULT = "no_fault", "当事人有证据足以证明没有主观过错"


CIRCUMSTANCE_RULES: dict[str, CircumstanceRule] = {
    Circumstance.UNDER_14: CircumstanceRule(
        "不满十四周岁的未成年人有违法行为的，不予行政处罚，责令监护人加以管教",
        Treatment.NO_PENALTY,
        f"{LAW} 第三十条",
    ),
    Circumstance.AGED_14_TO_18: CircumstanceRule(
        "已满十四周岁不满十八周岁的未成年人有违法行为的，应当从轻或者减轻行政处罚",
        Treatment.MUST_MITIGATE,
        f"{LAW} 第三十条",
    ),
    Circumstance.MENTAL_UNABLE: CircumstanceRule(
        "精神病人、智力残疾人在不能辨认或者不能控制自己行为时有违法行为的，不予行政处罚",
        Treatment.NO_PENALTY,
        f"{LAW} 第三十一条",
    ),
    Circumstance.MENTAL_PARTIAL: CircumstanceRule(
        "尚未完全丧失辨认或者控制自己行为能力的精神病人、智力残疾人有违法行为的，可以从轻或者减轻行政处罚",
        Treatment.MAY_MITIGATE,
        f"{LAW} 第三十一条",
    ),
    Circumstance.ELIMINATED_HARM: CircumstanceRule(
        "主动消除或者减轻违法行为危害后果的，应当从轻或者减轻行政处罚",
        Treatment.MUST_MITIGATE,
        f"{LAW} 第三十二条第一项",
    ),
    Circumstance.COERCED: CircumstanceRule(
        "受他人胁迫或者诱骗实施违法行为的，应当从轻或者减轻行政处罚",
        Treatment.MUST_MITIGATE,
        f"{LAW} 第三十二条第二项",
    ),
    Circumstance.CONFESSED: CircumstanceRule(
        "主动供述行政机关尚未掌握的违法行为的，应当从轻或者减轻行政处罚",
        Treatment.MUST_MITIGATE,
        f"{LAW} 第三十二条第三项",
    ),
    Circumstance.MERITORIOUS: CircumstanceRule(
        "配合行政机关查处违法行为有立功表现的，应当从轻或者减轻行政处罚",
        Treatment.MUST_MITIGATE,
        f"{LAW} 第三十二条第四项",
    ),
    Circumstance.MINOR_CORRECTED: CircumstanceRule(
        "违法行为轻微并及时改正，没有造成危害后果的，不予行政处罚",
        Treatment.NO_PENALTY,
        f"{LAW} 第三十三条第一款",
    ),
    Circumstance.FIRST_MINOR: CircumstanceRule(
        "初次违法且危害后果轻微并及时改正的，可以不予行政处罚", Treatment.MAY_WAIVE, f"{LAW} 第三十三条第一款"
    ),
    Circumstance.NO_FAULT: CircumstanceRule(
        "当事人有证据足以证明没有主观过错的，不予行政处罚", Treatment.NO_PENALTY, f"{LAW} 第三十三条第二款"
    ),
}

# The circumstances read from the party's birth date; the others the investigation records.
AGE_CIRCUMSTANCES = frozenset({Circumstance.UNDER_14, Circumstance.AGED_14_TO_18})
RECORDED_CIRCUMSTANCES = [(c.value, c.label) for c in Circumstance if c not in AGE_CIRCUMSTANCES]


def age_circumstance(birth_date: datetime.date | None, act_on: datetime.date) -> Circumstance | None:
    """Art. 30, read at the date of the act."""
    if birth_date is None:
        return None
    age = full_years(birth_date, act_on)
    if age < 14:
        return Circumstance.UNDER_14
    if age < 18:
        return Circumstance.AGED_14_TO_18
    return None


def circumstances_in_case(
    *,
    party_kind: str | None,
    birth_date: datetime.date | None,
    act_on: datetime.date,
    recorded: Iterable[str],
) -> list[str]:
    """Every circumstance of arts. 30–33 in a case: a natural person's age on the day of the act (the
    birth date on record, from the ID number), then those the investigation recorded."""
    age = age_circumstance(birth_date, act_on) if party_kind not in (None, "organisation") else None
    return [*([age] if age else []), *recorded]


def _of(circumstances: Iterable[str], *treatments: Treatment) -> list[CircumstanceRule]:
    return [
        CIRCUMSTANCE_RULES[c]
        for c in circumstances
        if c in CIRCUMSTANCE_RULES and CIRCUMSTANCE_RULES[c].treatment in treatments
    ]


class InvestigationOutcome(TextChoices):
    """The investigation's conclusion (art. 57(1)): the decision types follow from it."""

    PENALTY = "penalty", "拟给予行政处罚"
    NO_PENALTY_MINOR = "no_penalty_minor", "违法行为轻微等法定情形，依法不予行政处罚"
    NOT_ESTABLISHED = "not_established", "违法事实不能成立，不予行政处罚"
    TRANSFER = "transfer", "涉嫌犯罪，移送司法机关"


def check_notice_follows_outcome(outcome: str | None) -> None:
    """Art. 44 tells the party of a penalty the town intends; after a conclusion that there is none to
    give (arts. 40, 57), there is nothing to notify."""
    if outcome is not None and outcome != InvestigationOutcome.PENALTY:
        raise RuleViolation(
            "调查结论为“%(o)s”，不能告知拟作出的行政处罚；应作出不予行政处罚决定或移送。"
            % {"o": InvestigationOutcome(outcome).label},
            citation=f"{LAW} 第四十条、第四十四条、第五十七条",
        )


def check_outcome(outcome: str, circumstances: Iterable[str]) -> None:
    """A circumstance of arts. 30, 31 or 33 that excludes a penalty makes 拟给予行政处罚 unlawful; a 不予处罚
    conclusion under art. 57(1)(2) names the ground the law gives for it."""
    excluding = _of(circumstances, Treatment.NO_PENALTY)
    if outcome == InvestigationOutcome.PENALTY and excluding:
        rule = excluding[0]
        raise RuleViolation(
            "%(r)s；调查结论不能是“拟给予行政处罚”。" % {"r": rule.label}, citation=rule.citation
        )
    if outcome == InvestigationOutcome.NO_PENALTY_MINOR and not _of(
        circumstances, Treatment.NO_PENALTY, Treatment.MAY_WAIVE
    ):
        raise RuleViolation(
            "依法不予行政处罚的，须在调查终结时记录法定情形（违法行为轻微并及时改正、初次违法且危害后果轻微、"
            "没有主观过错、未成年或精神疾病等）。",
            citation=f"{LAW} 第三十条、第三十一条、第三十三条、第五十七条第一款第二项",
        )


class Mitigation(TextChoices):
    NONE = "", "不适用"
    LIGHTER = "lighter", "从轻处罚"
    REDUCED = "reduced", "减轻处罚"


def check_circumstances_addressed(circumstances: Iterable[str], *, mitigation: str, reasons: str) -> None:
    """Arts. 30–33 on a decision that penalises: none of the circumstances that exclude a penalty; the
    mandatory ones lighten or reduce it; the reasons answer every circumstance found."""
    present = list(circumstances)
    excluding = _of(present, Treatment.NO_PENALTY)
    if excluding:
        raise RuleViolation("%(r)s。" % {"r": excluding[0].label}, citation=excluding[0].citation)
    mandatory = _of(present, Treatment.MUST_MITIGATE)
    if mandatory and mitigation not in (Mitigation.LIGHTER, Mitigation.REDUCED):
        raise RuleViolation(
            "%(r)s；请选择从轻或者减轻，并在裁量理由中说明。" % {"r": mandatory[0].label},
            citation=mandatory[0].citation,
        )
    if present and not reasons.strip():
        raise RuleViolation(
            "调查终结时记录了法定裁量情节（%(c)s），决定的裁量理由须逐项说明如何适用。"
            % {"c": "、".join(dict(Circumstance.choices).get(c, c) for c in present)},
            citation=f"{LAW} 第三十二条、第三十三条、第三十四条",
        )


def check_no_penalty_decision(
    *,
    outcome: str,
    kinds: Collection[str],
    fine_fen: int,
    circumstances: Iterable[str],
    education: str | None,
) -> None:
    """Art. 57(1)(2)–(4): where the investigation found the facts not established, or a ground not to
    penalise, the decision imposes nothing; art. 33(3) (and art. 30's 管教) require education; a suspected
    crime goes to the judicial organs instead (art. 27)."""
    if outcome == InvestigationOutcome.TRANSFER:
        raise RuleViolation(
            "调查结论为涉嫌犯罪，应当移送司法机关，不作出行政处罚决定。",
            citation=f"{LAW} 第二十七条、第五十七条第一款第四项",
        )
    if kinds or fine_fen:
        reason = "违法事实不能成立" if outcome == InvestigationOutcome.NOT_ESTABLISHED else "依法不予行政处罚"
        raise RuleViolation(
            "调查结论为“%(r)s”，只能作出不予行政处罚决定，不能给予处罚。" % {"r": reason},
            citation=f"{LAW} 第四十条、第五十七条第一款",
        )
    # No education text yet (None): the step is judged before the form is filled in.
    if outcome == InvestigationOutcome.NO_PENALTY_MINOR and education is not None and not education.strip():
        minor = Circumstance.UNDER_14 in set(circumstances)
        raise RuleViolation(
            "依法不予行政处罚的，应当对当事人进行教育%(g)s；请记录教育情况。"
            % {"g": "，并责令监护人加以管教" if minor else ""},
            citation=f"{LAW} 第三十条、第三十三条第三款",
        )


# ------------------------------------------------------------------------- one fine for one act


@dataclass(frozen=True)
class EarlierFine:
    """A fine already imposed on the same party for what may be the same act."""

    number: str
    decided_on: datetime.date
    fine_fen: int


def check_one_fine(earlier: Sequence[EarlierFine], *, fine_fen: int, distinct_reason: str) -> None:
    """Art. 29: one act, at most one fine. A second fine for the same party, power, date and place is
    refused unless the officer states why the acts are different acts."""
    if not earlier or not fine_fen or distinct_reason.strip():
        return
    first = earlier[0]
    raise RuleViolation(
        "同一当事人、同一违法行为（同一事项、时间、地点）已于 %(d)s 被处以罚款（%(n)s，%(f)s 元），不得给予两次以上罚款；"
        "确属不同违法行为的，请写明理由。"
        % {"d": first.decided_on.isoformat(), "n": first.number, "f": yuan(first.fine_fen)},
        citation=f"{LAW} 第二十九条",
    )
