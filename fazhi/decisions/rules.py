"""The statutory steps of a major decision as data, each with its article of 国务院令第713号 (applied by
a township under its art. 42). Pure: the facts come in, a refusal naming its article comes out."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Protocol

from fazhi.core.errors import RuleViolation
from fazhi.core.periods import DayKind, PeriodRule
from fazhi.core.roles import Role
from fazhi.core.rules import HasStatus, Refusal, StatusStep, Steps
from fazhi.decisions.models import DecisionStatus

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


def check_catalogue_has_unpublished(count: int) -> None:
    if not count:
        raise RuleViolation("本年度目录没有未公布的事项。", citation=f"{ORDER} 第三条")


def check_not_started(*, started: bool) -> None:
    """Art. 10: one procedure for each matter of the catalogue."""
    if started:
        raise RuleViolation("该目录事项已启动决策程序。", citation=f"{ORDER} 第十条")


def check_comment_window(opens_on: datetime.date, closes_on: datetime.date, *, today: datetime.date) -> None:
    if not opens_on <= today <= closes_on:
        raise RuleViolation(
            "征求意见期限为 %(a)s 至 %(b)s，现在不能提交意见。"
            % {"a": opens_on.isoformat(), "b": closes_on.isoformat()},
            citation=f"{ORDER} 第十四条",
        )


def check_comment_pending(*, pending: bool) -> None:
    if not pending:
        raise RuleViolation("该意见已审核。", citation=f"{ORDER} 第十八条")


def check_comment_answerable(*, published: bool) -> None:
    if not published:
        raise RuleViolation("只答复已审核公开的意见。", citation=f"{ORDER} 第十八条")


def check_evaluator_independent(evaluator: str, *, earlier_assessors: set[str]) -> None:
    """Art. 36: those who argued or assessed the decision before it was made do not evaluate it after."""
    if evaluator in earlier_assessors:
        raise RuleViolation(
            "后评估不得由参与决策论证或评估的机构和人员进行：“%(e)s”曾参与决策前的论证或评估。"
            % {"e": evaluator},
            citation=f"{ORDER} 第三十六条",
        )


def check_not_archived(*, archived: bool) -> None:
    if archived:
        raise RuleViolation("本决策已归档。", citation=f"{ORDER} 第三十三条")


# ------------------------------------------------------------------------------------- the step table


class DecisionFacts(HasStatus, Protocol):
    """What the gates read about a major decision (decisions.selectors.DecisionRowFacts)."""

    @property
    def has_comment_period(self) -> bool: ...
    @property
    def legality_pending(self) -> bool: ...
    @property
    def readiness(self) -> Readiness: ...
    @property
    def adopted(self) -> bool: ...
    @property
    def archived(self) -> bool: ...


def gate_no_comment_period(facts: DecisionFacts) -> None:
    if facts.has_comment_period:
        raise RuleViolation("已公开征求过意见。", citation=f"{ORDER} 第十四条")


def gate_no_review_pending(facts: DecisionFacts) -> None:
    if facts.legality_pending:
        raise RuleViolation("合法性审查尚在进行。", citation=f"{ORDER} 第二十五条")


def gate_review_pending(facts: DecisionFacts) -> None:
    if not facts.legality_pending:
        raise RuleViolation("没有待审查的送审稿。", citation=f"{ORDER} 第二十五条")


def gate_ready_for_discussion(facts: DecisionFacts) -> None:
    check_discussion_ready(facts.readiness)


def gate_adopted(facts: DecisionFacts) -> None:
    if not facts.adopted:
        raise RuleViolation("只有经集体讨论通过的决策可以公布。", citation=f"{ORDER} 第三十二条")


def gate_not_archived(facts: DecisionFacts) -> None:
    check_not_archived(archived=facts.archived)


def gate_open_for_files(facts: DecisionFacts) -> None:
    if facts.archived:
        raise RuleViolation("决策已归档，不能再添加材料。", citation=f"{ORDER} 第三十三条")


OFFICE_ROLES = (Role.ADMIN, Role.HEAD)
REVIEWER_ROLES = (Role.LEGAL_COUNSEL, Role.LEGAL_REVIEWER)
_PREPARING = frozenset({DecisionStatus.PREPARING})
_PUBLISHED = frozenset({DecisionStatus.PUBLISHED})

STEPS: Steps[StatusStep[DecisionFacts]] = Steps(
    StatusStep(name="add_item", label="列入决策事项目录", roles=OFFICE_ROLES),
    StatusStep(name="publish_catalogue", label="公布决策事项目录", roles=(Role.HEAD,)),
    StatusStep(name="start", label="决策启动", roles=OFFICE_ROLES),
    StatusStep(
        name="open_comments",
        label="公开征求意见",
        roles=OFFICE_ROLES,
        within=_PREPARING,
        gates=(gate_no_comment_period,),
        show_blocked=False,
    ),
    # Moderating and answering one comment are done from the comment's row.
    StatusStep(name="moderate", label="审核公众意见", roles=OFFICE_ROLES),
    StatusStep(name="answer", label="答复公众意见", roles=OFFICE_ROLES),
    StatusStep(name="assess", label="记录论证或评估", roles=OFFICE_ROLES, within=_PREPARING),
    StatusStep(
        name="legality_submit",
        label="提交合法性审查",
        roles=OFFICE_ROLES,
        within=_PREPARING,
        gates=(gate_no_review_pending,),
        show_blocked=False,
    ),
    StatusStep(
        name="legality_opinion",
        label="出具审查意见",
        roles=REVIEWER_ROLES,
        lawful_actor=Refusal("合法性审查意见只能由法律顾问或司法所审核人员出具。", f"{ORDER} 第二十八条"),
        within=_PREPARING,
        elsewhere=Refusal("没有待审查的送审稿。", f"{ORDER} 第二十五条"),
        gates=(gate_review_pending,),
        show_blocked=False,
    ),
    StatusStep(
        name="discuss",
        label="集体讨论决定",
        roles=OFFICE_ROLES,
        within=_PREPARING,
        elsewhere=Refusal("已记录集体讨论。", f"{ORDER} 第三十条"),
        gates=(gate_ready_for_discussion,),
    ),
    StatusStep(
        name="publish",
        label="公布决策",
        roles=OFFICE_ROLES,
        within=frozenset({DecisionStatus.DISCUSSED}),
        elsewhere=Refusal("只有经集体讨论通过的决策可以公布。", f"{ORDER} 第三十二条"),
        gates=(gate_adopted,),
        show_blocked=False,
    ),
    StatusStep(
        name="archive",
        label="归档（生成决策档案）",
        roles=OFFICE_ROLES,
        within=_PUBLISHED,
        elsewhere=Refusal("决策公布后归档。", f"{ORDER} 第三十三条"),
        gates=(gate_not_archived,),
        show_blocked=False,
    ),
    StatusStep(
        name="evaluate",
        label="记录决策后评估",
        roles=OFFICE_ROLES,
        within=_PUBLISHED,
        elsewhere=Refusal("决策公布实施后才能进行后评估。", f"{ORDER} 第三十五条"),
    ),
    StatusStep(
        name="attach",
        label="添加材料",
        roles=(*OFFICE_ROLES, *REVIEWER_ROLES),
        within=frozenset(DecisionStatus.values),
        gates=(gate_open_for_files,),
        show_blocked=False,
    ),
)
