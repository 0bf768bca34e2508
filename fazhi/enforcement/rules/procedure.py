"""The stages of 普通程序 and 简易程序 and which may follow which (DOMAIN.md §3.3), each move with its article."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from fazhi.core.errors import RuleViolation

LAW = "行政处罚法"


class Procedure(StrEnum):
    ORDINARY = "ordinary"
    SUMMARY = "summary"


PROCEDURE_LABELS = {Procedure.ORDINARY: "普通程序", Procedure.SUMMARY: "简易程序"}


class Stage(StrEnum):
    LEAD = "lead"
    FILED = "filed"
    NOT_FILED = "not_filed"
    INVESTIGATING = "investigating"
    INVESTIGATION_CLOSED = "investigation_closed"
    NOTIFIED = "notified"
    HEARING = "hearing"
    LEGAL_REVIEW = "legal_review"
    COLLECTIVE_DISCUSSION = "collective_discussion"
    DECIDED = "decided"
    DECIDED_ON_SPOT = "decided_on_spot"
    SERVED = "served"
    EXECUTING = "executing"
    PAID = "paid"
    RECORDED_WITH_AGENCY = "recorded_with_agency"
    CLOSED = "closed"
    ARCHIVED = "archived"


STAGE_LABELS: dict[Stage, str] = {
    Stage.LEAD: "线索",
    Stage.FILED: "立案",
    Stage.NOT_FILED: "不予立案",
    Stage.INVESTIGATING: "调查取证",
    Stage.INVESTIGATION_CLOSED: "调查终结",
    Stage.NOTIFIED: "告知",
    Stage.HEARING: "听证",
    Stage.LEGAL_REVIEW: "法制审核",
    Stage.COLLECTIVE_DISCUSSION: "集体讨论",
    Stage.DECIDED: "决定",
    Stage.DECIDED_ON_SPOT: "当场决定",
    Stage.SERVED: "送达",
    Stage.EXECUTING: "执行",
    Stage.PAID: "缴纳",
    Stage.RECORDED_WITH_AGENCY: "备案",
    Stage.CLOSED: "结案",
    Stage.ARCHIVED: "归档",
}


@dataclass(frozen=True)
class Transition:
    source: Stage
    target: Stage
    citation: str


def _transitions(source: Stage, targets: Iterable[Stage], citation: str) -> list[Transition]:
    return [Transition(source, target, citation) for target in targets]


# DOMAIN.md §3.3: which stage may follow which. New facts after a notice send the case back to
# investigation, which then needs a new notice.
TRANSITIONS: dict[Procedure, list[Transition]] = {
    Procedure.ORDINARY: [
        *_transitions(Stage.LEAD, [Stage.FILED, Stage.NOT_FILED], f"{LAW} 第五十四条"),
        *_transitions(Stage.FILED, [Stage.INVESTIGATING], f"{LAW} 第五十四条"),
        *_transitions(Stage.INVESTIGATING, [Stage.INVESTIGATION_CLOSED], f"{LAW} 第四十二条、第五十五条"),
        *_transitions(
            Stage.INVESTIGATION_CLOSED,
            [Stage.INVESTIGATING, Stage.NOTIFIED, Stage.DECIDED, Stage.CLOSED],
            f"{LAW} 第五十七条",
        ),
        *_transitions(
            Stage.NOTIFIED,
            [
                Stage.HEARING,
                Stage.LEGAL_REVIEW,
                Stage.COLLECTIVE_DISCUSSION,
                Stage.DECIDED,
                Stage.INVESTIGATING,
            ],
            f"{LAW} 第四十四条、第四十五条",
        ),
        *_transitions(
            Stage.HEARING,
            [Stage.LEGAL_REVIEW, Stage.COLLECTIVE_DISCUSSION, Stage.DECIDED, Stage.INVESTIGATING],
            f"{LAW} 第六十三条、第六十四条、第六十五条",
        ),
        *_transitions(
            Stage.LEGAL_REVIEW,
            [Stage.COLLECTIVE_DISCUSSION, Stage.DECIDED, Stage.INVESTIGATING, Stage.NOTIFIED],
            f"{LAW} 第五十八条",
        ),
        *_transitions(Stage.COLLECTIVE_DISCUSSION, [Stage.DECIDED, Stage.INVESTIGATING], f"{LAW} 第五十七条"),
        *_transitions(Stage.DECIDED, [Stage.SERVED], f"{LAW} 第六十一条"),
        *_transitions(
            Stage.SERVED, [Stage.PAID, Stage.EXECUTING, Stage.CLOSED], f"{LAW} 第六十六条至第七十三条"
        ),
        *_transitions(
            Stage.EXECUTING, [Stage.PAID, Stage.CLOSED], f"{LAW} 第七十二条；行政强制法 第五十三条"
        ),
        *_transitions(Stage.PAID, [Stage.CLOSED], f"{LAW} 第六十七条"),
        *_transitions(Stage.CLOSED, [Stage.ARCHIVED], f"{LAW} 第四十七条"),
    ],
    Procedure.SUMMARY: [
        *_transitions(Stage.DECIDED_ON_SPOT, [Stage.SERVED], f"{LAW} 第五十二条"),
        *_transitions(
            Stage.SERVED, [Stage.PAID, Stage.RECORDED_WITH_AGENCY], f"{LAW} 第五十二条、第六十七条"
        ),
        *_transitions(Stage.PAID, [Stage.RECORDED_WITH_AGENCY], f"{LAW} 第五十二条"),
        # An on-the-spot fine left unpaid is enforced as any other: 催告, then the court, then 备案.
        *_transitions(Stage.SERVED, [Stage.EXECUTING], f"{LAW} 第七十二条；行政强制法 第五十四条"),
        *_transitions(
            Stage.EXECUTING,
            [Stage.PAID, Stage.RECORDED_WITH_AGENCY],
            f"{LAW} 第五十二条、第七十二条；行政强制法 第五十三条",
        ),
        *_transitions(Stage.RECORDED_WITH_AGENCY, [Stage.CLOSED], f"{LAW} 第五十二条"),
        *_transitions(Stage.CLOSED, [Stage.ARCHIVED], f"{LAW} 第四十七条"),
    ],
}


FIRST_STAGE = {Procedure.ORDINARY: Stage.LEAD, Procedure.SUMMARY: Stage.DECIDED_ON_SPOT}


def next_stages(procedure: Procedure, stage: Stage) -> list[Stage]:
    return [transition.target for transition in TRANSITIONS[procedure] if transition.source == stage]


def require_transition(procedure: Procedure, source: Stage, target: Stage) -> Transition:
    for transition in TRANSITIONS[procedure]:
        if transition.source == source and transition.target == target:
            return transition
    allowed = "、".join(STAGE_LABELS[stage] for stage in next_stages(procedure, source)) or "无"
    raise RuleViolation(
        "案件处于“%(source)s”阶段，不能进入“%(target)s”；此阶段之后只能进入：%(allowed)s。"
        % {"source": STAGE_LABELS[source], "target": STAGE_LABELS[target], "allowed": allowed},
        citation=f"{LAW} 第五章",
    )
