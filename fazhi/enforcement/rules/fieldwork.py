"""The gates of field work beside the investigators of art. 42: 回避 (art. 43) and 先行登记保存 (art. 56)."""

from __future__ import annotations

import datetime

from fazhi.core.errors import RuleViolation
from fazhi.enforcement.rules.procedure import LAW

RECUSAL_CITATION = f"{LAW} 第四十三条"
PRESERVATION_CITATION = f"{LAW} 第五十六条"


def check_recusal_request(*, name: str, acting: bool, pending: bool, own: bool, by_self: bool) -> None:
    """Art. 43: a recusal concerns an officer acting in the case, is asked once at a time, and an
    officer's own withdrawal is asked by that officer."""
    if not acting:
        raise RuleViolation(
            "%(name)s 不是本案在办的执法人员，无须申请回避。" % {"name": name}, citation=RECUSAL_CITATION
        )
    if pending:
        raise RuleViolation(
            "%(name)s 已有尚未决定的回避申请，请先由负责人作出决定。" % {"name": name},
            citation=f"{LAW} 第四十三条第三款",
        )
    if by_self and not own:
        raise RuleViolation(
            "执法人员自行回避的，由其本人提出；当事人的申请请选择“当事人申请”。",
            citation=f"{LAW} 第四十三条第一款",
        )


def check_recusal_decision(*, decided: bool) -> None:
    if decided:
        raise RuleViolation("该回避申请已经作出决定。", citation=f"{LAW} 第四十三条第三款")


def check_preservation_approval(*, approver_is_head: bool) -> None:
    """Art. 56: preservation by registration needs the head's approval."""
    if not approver_is_head:
        raise RuleViolation(
            "先行登记保存证据须经行政机关负责人批准；批准人不是负责人。", citation=PRESERVATION_CITATION
        )


def check_preservation_unhandled(*, handled_on: datetime.date | None) -> None:
    if handled_on is not None:
        raise RuleViolation(
            "该先行登记保存已于 %(d)s 作出处理决定。" % {"d": handled_on.isoformat()},
            citation=PRESERVATION_CITATION,
        )
