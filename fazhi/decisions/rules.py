"""The statutory steps of a major decision as data, each with its article of 国务院令第713号 (applied by
a township under its art. 42). Pure: the facts come in, a refusal naming its article comes out."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from fazhi.core.errors import RuleViolation
from fazhi.core.periods import DayKind, PeriodRule

ORDER = "重大行政决策程序暂行条例（国务院令第713号）"
COMMENT_MIN_DAYS = 30
LEGALITY_REVIEW = PeriodRule(
    "legality_review", "合法性审查", 7, DayKind.WORKING, f"{ORDER} 第二十五条至第二十八条"
)


def check_comment_period(opens_on: datetime.date, closes_on: datetime.date) -> None:
    """Art. 14 (as this town applies it): the public has at least 30 days to comment."""
    if (closes_on - opens_on).days < COMMENT_MIN_DAYS:
        raise RuleViolation(
            "公开征求意见的期限不得少于 %(n)d 日（%(a)s 至 %(b)s 只有 %(d)d 日）。"
            % {
                "n": COMMENT_MIN_DAYS,
                "a": opens_on.isoformat(),
                "b": closes_on.isoformat(),
                "d": (closes_on - opens_on).days,
            },
            citation=f"{ORDER} 第十四条",
        )


def check_review_time(submitted_on: datetime.date, due_on: datetime.date) -> None:
    """Art. 27: the reviewer is given not less than 7 working days."""
    least = LEGALITY_REVIEW.due(submitted_on).due
    if due_on < least:
        raise RuleViolation(
            "合法性审查时间一般不少于 7 个工作日：%(s)s 送审的，审查期限不得早于 %(d)s。"
            % {"s": submitted_on.isoformat(), "d": least.isoformat()},
            citation=f"{ORDER} 第二十七条",
        )


@dataclass(frozen=True)
class Readiness:
    """What the file holds when collective discussion is asked for."""

    legality_passed: bool
    legality_pending: bool
    comment_period_closed: bool | None  # None: no comment period was opened
    unanswered_comments: int
    needs_expert: bool
    has_expert: bool
    needs_risk: bool
    has_risk: bool


def missing_for_discussion(facts: Readiness) -> list[str]:
    missing: list[str] = []
    if facts.comment_period_closed is None:
        missing.append("尚未公开征求意见（第十四条）")
    elif not facts.comment_period_closed:
        missing.append("公开征求意见期限尚未届满（第十四条）")
    if facts.unanswered_comments:
        missing.append(
            "还有 %(n)d 条公众意见未审核或未答复采纳情况（第十八条）" % {"n": facts.unanswered_comments}
        )
    if facts.needs_expert and not facts.has_expert:
        missing.append("须专家论证而尚未记录（第十九条）")
    if facts.needs_risk and not facts.has_risk:
        missing.append("须风险评估而尚未记录（第二十二条）")
    if not facts.legality_passed:
        missing.append(
            "合法性审查尚未通过（第二十五条）"
            if not facts.legality_pending
            else "合法性审查尚在进行（第二十五条）"
        )
    return missing


def check_discussion_ready(facts: Readiness) -> None:
    """Arts. 25, 30: no collective discussion until the legality review has passed and the steps the
    decision needs are on file."""
    missing = missing_for_discussion(facts)
    if missing:
        raise RuleViolation(
            "不能提交集体讨论：%(m)s。" % {"m": "；".join(missing)}, citation=f"{ORDER} 第二十五条、第三十条"
        )


def check_head_spoke_last(head_spoke_last: bool, presided_by_head: bool) -> None:
    if not presided_by_head:
        raise RuleViolation("集体讨论应由行政首长主持。", citation=f"{ORDER} 第三十条")
    if not head_spoke_last:
        raise RuleViolation("行政首长应当最后发表意见。", citation=f"{ORDER} 第三十条")
