"""依法治镇 as data: who deploys and supervises (the head, personally), who reports on a task (its lead
or its department), when a task is late or silent, the dates in order, who answers a 法律咨询 (the
town's legal counsel), and the STEPS table."""

from __future__ import annotations

import datetime
import itertools
from collections.abc import Iterable
from typing import Protocol

from fazhi.core.errors import RuleViolation
from fazhi.core.roles import Role
from fazhi.core.rules import HasStatus, Refusal, StatusStep, Steps, check_dates_in_order
from fazhi.governance.models import TaskStatus

# 重要工作亲自部署、重大问题亲自过问、重点环节亲自协调、重要任务亲自督办.
FIRST_RESPONSIBLE = "《党政主要负责人履行推进法治建设第一责任人职责规定》第三条"
LOCAL_RULES = "全面依法治镇委员会工作规则及年度重点工作安排（镇级规定）"
# The town's legal counsel (外聘法律顾问, 驻镇律师) answers the government's legal questions.
COUNSEL_RULES = "《关于推行法律顾问制度和公职律师公司律师制度的意见》（中办发〔2016〕30号）"
# The lead answers a 督办单 within this many days of its issue (a local rule, stated where it applies).
ANSWER_DAYS = 7

WRITERS = (Role.ADMIN, Role.HEAD)
# Any of the town's staff may be a task's lead or work in its department; who exactly is checked by
# check_reporter, not by role.
TOWN_ROLES = (
    Role.ADMIN,
    Role.HEAD,
    Role.OFFICER,
    Role.AUXILIARY,
    Role.LEGAL_REVIEWER,
    Role.LEGAL_COUNSEL,
    Role.MEDIATOR,
    Role.PETITION_STAFF,
)


def check_reporter(*, is_lead: bool, in_department: bool) -> None:
    if not (is_lead or in_department):
        raise RuleViolation(
            "只有牵头人或责任单位的工作人员可以反馈进展、登记完成或答复督办。", citation=LOCAL_RULES
        )


def check_task_dates(
    *, deployed_on: datetime.date, deadline: datetime.date, year: int, today: datetime.date
) -> None:
    check_dates_in_order(deployed_on, what="部署日期", after=(), today=today, citation=LOCAL_RULES)
    check_dates_in_order(
        deadline,
        what="完成时限",
        after=((deployed_on, "部署日期"),),
        today=datetime.date.max,
        citation=LOCAL_RULES,
    )
    if deployed_on.year != year:
        raise RuleViolation(
            "部署日期（%(d)s）不在%(y)d年度内。" % {"d": deployed_on.isoformat(), "y": year},
            citation=LOCAL_RULES,
        )


def check_feedback_date(day: datetime.date, *, deployed_on: datetime.date, today: datetime.date) -> None:
    check_dates_in_order(
        day, what="反馈日期", after=((deployed_on, "部署日期"),), today=today, citation=LOCAL_RULES
    )


def check_completion_date(
    day: datetime.date,
    *,
    deployed_on: datetime.date,
    last_feedback_on: datetime.date | None,
    today: datetime.date,
) -> None:
    check_dates_in_order(
        day,
        what="完成日期",
        after=((deployed_on, "部署日期"), (last_feedback_on, "最近一次反馈")),
        today=today,
        citation=LOCAL_RULES,
    )


def check_act_date(day: datetime.date, *, deployed_on: datetime.date, today: datetime.date) -> None:
    check_dates_in_order(
        day, what="日期", after=((deployed_on, "部署日期"),), today=today, citation=FIRST_RESPONSIBLE
    )


def check_answer_date(day: datetime.date, *, issued_on: datetime.date, today: datetime.date) -> None:
    check_dates_in_order(
        day, what="答复日期", after=((issued_on, "督办日期"),), today=today, citation=LOCAL_RULES
    )


def check_notice_open(*, answered_on: datetime.date | None) -> None:
    if answered_on is not None:
        raise RuleViolation(
            "该督办单已于 %(d)s 答复。" % {"d": answered_on.isoformat()}, citation=LOCAL_RULES
        )


def check_member_current(*, left_on: datetime.date | None) -> None:
    if left_on is not None:
        raise RuleViolation("该成员已于 %(d)s 离任。" % {"d": left_on.isoformat()}, citation=LOCAL_RULES)


def check_committee_exists(found: bool) -> None:
    if not found:
        raise RuleViolation("本镇尚未登记全面依法治镇委员会，请先登记委员会。", citation=LOCAL_RULES)


def check_left_date(day: datetime.date, *, joined_on: datetime.date, today: datetime.date) -> None:
    check_dates_in_order(
        day, what="离任日期", after=((joined_on, "任职日期"),), today=today, citation=LOCAL_RULES
    )


def check_dated(day: datetime.date, *, what: str, today: datetime.date) -> None:
    """What is recorded happened: not in the future."""
    check_dates_in_order(day, what=what, after=(), today=today, citation=LOCAL_RULES)


def check_counsel(*, name: str, holds_role: bool) -> None:
    if not holds_role:
        raise RuleViolation(
            "%(n)s不是法律顾问：法律咨询由本镇的法律顾问解答。" % {"n": name}, citation=COUNSEL_RULES
        )


# ------------------------------------------------------------------------------- late and silent


def feedback_due(
    *, deployed_on: datetime.date, last_feedback_on: datetime.date | None, silent_days: int
) -> datetime.date:
    """The day the next 反馈 is due: N days after the last one (or the deployment)."""
    return max(deployed_on, last_feedback_on or deployed_on) + datetime.timedelta(days=silent_days)


def is_late(*, status: str, deadline: datetime.date, today: datetime.date) -> bool:
    return status == TaskStatus.IN_PROGRESS and deadline < today


def is_silent(
    *,
    status: str,
    deployed_on: datetime.date,
    last_feedback_on: datetime.date | None,
    silent_days: int,
    today: datetime.date,
) -> bool:
    due = feedback_due(deployed_on=deployed_on, last_feedback_on=last_feedback_on, silent_days=silent_days)
    return status == TaskStatus.IN_PROGRESS and due < today


def longest_silence(
    *, deployed_on: datetime.date, reports: Iterable[datetime.date], until: datetime.date
) -> int:
    """The longest run of days without a 反馈 from the deployment to `until` (the completion, or the
    day the year is reckoned to): the annual report's 跟踪反馈不及时 reads it."""
    days = sorted(day for day in reports if deployed_on <= day <= until)
    marks = [deployed_on, *days, max(until, deployed_on)]
    return max((later - earlier).days for earlier, later in itertools.pairwise(marks))


# ------------------------------------------------------------------------------------- the step table


class TaskFacts(HasStatus, Protocol):
    """What the gates read about a key task (governance.selectors.TaskRowFacts)."""


_OPEN = frozenset({TaskStatus.IN_PROGRESS})
_DONE = Refusal("该重点工作已于 %(completed_on)s 完成。", LOCAL_RULES)

STEPS: Steps[StatusStep[TaskFacts]] = Steps(
    StatusStep(name="register", label="登记重点工作", roles=WRITERS),
    StatusStep(name="feedback", label="反馈进展", roles=TOWN_ROLES, within=_OPEN, elsewhere=_DONE),
    StatusStep(name="complete", label="登记完成", roles=TOWN_ROLES, within=_OPEN, elsewhere=_DONE),
    StatusStep(
        name="act",
        label="部署、过问、协调、督办",
        roles=(Role.HEAD,),
        lawful_actor=Refusal("亲自部署、过问、协调、督办由党政主要负责人进行。", FIRST_RESPONSIBLE),
        within=_OPEN,
        elsewhere=_DONE,
    ),
    # A 督办单 is answered from its own row, not offered as a step of the task.
    StatusStep(name="answer", label="答复督办", roles=TOWN_ROLES),
    StatusStep(name="meeting", label="登记会议", roles=WRITERS),
    StatusStep(name="committee", label="登记委员会及成员", roles=WRITERS),
    StatusStep(name="settings", label="设置反馈间隔", roles=(Role.ADMIN,)),
    StatusStep(name="consult", label="登记法律咨询", roles=(Role.LEGAL_COUNSEL, Role.ADMIN)),
)
