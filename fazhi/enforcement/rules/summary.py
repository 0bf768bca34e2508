"""简易程序: when a penalty may be decided on the spot (art. 51), collected there (arts. 68, 69) and recorded
with the agency (art. 52)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from fazhi.core.errors import RuleViolation
from fazhi.core.money import yuan
from fazhi.enforcement.rules.penalties import (
    CIRCUMSTANCE_RULES,
    EarlierFine,
    Treatment,
    check_one_fine,
)
from fazhi.enforcement.rules.procedure import LAW

SUMMARY_FINE_LIMIT_FEN = {"person": 200_00, "organisation": 3_000_00, "individual_business": 200_00}


ON_THE_SPOT_COLLECTION_LIMIT_FEN = 100_00


def check_summary_procedure(*, party_kind: str, fine_fen: int, warning_only: bool) -> None:
    """Art. 51: facts certain, a legal basis, and a warning or a fine of at most 200 yuan for a citizen
    or 3,000 yuan for an organisation (individual businesses take the citizen's limit by default)."""
    if warning_only and fine_fen == 0:
        return
    limit = SUMMARY_FINE_LIMIT_FEN[party_kind]
    if fine_fen > limit:
        raise RuleViolation(
            "简易程序（当场处罚）仅适用于警告或罚款不超过 %(limit)s 元的情形，本案罚款 %(fine)s 元，应适用普通程序。"
            % {"limit": yuan(limit), "fine": yuan(fine_fen)},
            citation=f"{LAW} 第五十一条",
        )


def check_recording_with_agency(*, paid: bool, warning_only: bool, court_applied: bool = False) -> None:
    """Art. 52: the on-the-spot decision is reported to the agency once it has run its course: a warning
    at once, a fine when paid; a fine left unpaid goes to 催告 and the court (行政强制法 arts. 53, 54)
    like any other, and is reported once the court has been asked to enforce it."""
    if not paid and not warning_only and not court_applied:
        raise RuleViolation(
            "罚款尚未缴纳：缴纳后再备案；逾期不缴的，催告并申请人民法院强制执行后备案。",
            citation=f"{LAW} 第五十二条、第六十七条；行政强制法 第五十三条、第五十四条",
        )


def check_on_the_spot_collection(
    *, fine_fen: int, hard_to_enforce_later: bool, remote_area_on_request: bool
) -> None:
    if fine_fen <= ON_THE_SPOT_COLLECTION_LIMIT_FEN or hard_to_enforce_later or remote_area_on_request:
        return
    raise RuleViolation(
        "当场收缴罚款仅限 100 元以下、不当场收缴事后难以执行，或边远地区当事人提出的情形；本案罚款 %(fine)s 元。"
        % {"fine": yuan(fine_fen)},
        citation=f"{LAW} 第六十八条、第六十九条",
    )


def check_on_spot_circumstances(circumstances: Iterable[str], *, warning_only: bool) -> None:
    """Arts. 30–33 on the spot: no penalty where the law excludes one (a child under fourteen); a fine
    the law requires to be lightened (a minor of fourteen to eighteen) needs the reasons the summary
    form does not take, so only a warning is decided on the spot."""
    found = [CIRCUMSTANCE_RULES[c] for c in circumstances]
    excluding = [rule for rule in found if rule.treatment == Treatment.NO_PENALTY]
    if excluding:
        raise RuleViolation("%(r)s。" % {"r": excluding[0].label}, citation=excluding[0].citation)
    mandatory = [rule for rule in found if rule.treatment == Treatment.MUST_MITIGATE]
    if mandatory and not warning_only:
        raise RuleViolation(
            "%(r)s；当场只能给予警告，需罚款的请适用普通程序并说明从轻、减轻的理由。"
            % {"r": mandatory[0].label},
            citation=mandatory[0].citation,
        )


def check_on_spot_once(earlier: Sequence[EarlierFine], *, fine_fen: int) -> None:
    """Art. 29 on the spot: the summary form takes no reason why two acts differ, so a second fine for
    what looks like the same act goes through the ordinary procedure."""
    check_one_fine(earlier, fine_fen=fine_fen, distinct_reason="")
