"""The 待办 of 依法治镇 (core.todos): a key task whose 反馈 or deadline is near or past, for its lead;
an open 督办单 awaiting its 整改情况, for the lead; a 督办单 left unanswered past its day, for the
town's heads to follow up (亲自督办). Derived from the step table: an item names its step,
so a 反馈 given or a notice answered leaves the list at once."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.urls import reverse

from fazhi.core.todos import Seat, Todo, TodoKind
from fazhi.core.todos import why_role as todo_why_role
from fazhi.governance import rules, selectors
from fazhi.governance.models import KeyTask, SupervisionNotice, TaskStatus

SECTION = "governance"
FEEDBACK = TodoKind("key_task_feedback", "重点工作反馈", SECTION)
SUPERVISION = TodoKind("supervision", "督办答复", SECTION)
FOLLOW_UP = TodoKind("supervision_follow_up", "督办逾期未答复", SECTION)
KINDS = (FEEDBACK, SUPERVISION, FOLLOW_UP)
# A 反馈 or a deadline this close is shown before it falls due.
WARNING_DAYS = 7
LEAD_WHY = "您是该项重点工作的牵头人"


def _tasks(seat: Seat) -> Iterable[KeyTask]:
    tasks = KeyTask.objects.filter(organisation_id__in=seat.town_ids, status=TaskStatus.IN_PROGRESS)
    if seat.staff is not None:
        tasks = tasks.filter(lead=seat.staff)
    return selectors.with_last_feedback(tasks.select_related("organisation", "lead")).order_by("id")


def _feedback_items(seat: Seat, today: datetime.date) -> Iterable[Todo]:
    step = rules.STEPS["feedback"]
    if not seat.holds(step.roles):
        return
    intervals: dict[int, int] = {}
    for task in _tasks(seat):
        days = intervals.setdefault(task.organisation_id, selectors.silent_days(task.organisation))
        due = min(
            task.deadline,
            rules.feedback_due(
                deployed_on=task.deployed_on,
                last_feedback_on=task.last_feedback_on,  # type: ignore[attr-defined]
                silent_days=days,
            ),
        )
        if due > today + datetime.timedelta(days=WARNING_DAYS):
            continue
        yield Todo(
            kind=FEEDBACK.code,
            title=task.title,
            record_type="key_task",
            record_id=task.pk,
            step=step.name,
            step_label=step.label,
            why=LEAD_WHY if seat.staff is not None else "牵头人：%(n)s" % {"n": task.lead.full_name},
            due_on=due,
            url=reverse("governance:task-detail", args=[task.pk]),
            town_id=task.organisation_id,
            due_basis="每%(n)d天反馈一次进展，且不晚于完成时限（%(r)s）"
            % {"n": days, "r": rules.LOCAL_RULES},
        )


def _notice_items(seat: Seat, today: datetime.date) -> Iterable[Todo]:
    step = rules.STEPS["answer"]
    if not seat.holds(step.roles):
        return
    notices = SupervisionNotice.objects.filter(
        task__organisation_id__in=seat.town_ids, answered_on__isnull=True
    ).select_related("task__lead")
    if seat.staff is not None:
        notices = notices.filter(task__lead=seat.staff)
    for notice in notices.order_by("id"):
        yield Todo(
            kind=SUPERVISION.code,
            title="%(t)s（%(c)s）" % {"t": notice.task.title, "c": notice.get_cause_display()},
            record_type="key_task",
            record_id=notice.task_id,
            step=step.name,
            step_label=step.label,
            why=LEAD_WHY if seat.staff is not None else "牵头人：%(n)s" % {"n": notice.task.lead.full_name},
            due_on=notice.answer_due,
            url=reverse("governance:task-detail", args=[notice.task_id]),
            town_id=notice.task.organisation_id,
            due_basis="督办单发出之日起%(n)d日内答复（%(r)s）"
            % {"n": rules.ANSWER_DAYS, "r": rules.LOCAL_RULES},
        )


def _follow_up_items(seat: Seat, today: datetime.date) -> Iterable[Todo]:
    """The heads' own: a 督办单 past its answer day; answering it, or the task's completion, ends it."""
    step = rules.STEPS["act"]
    if not seat.holds(step.roles):
        return
    notices = SupervisionNotice.objects.filter(
        task__organisation_id__in=seat.town_ids,
        task__status=TaskStatus.IN_PROGRESS,
        answered_on__isnull=True,
        answer_due__lt=today,
    ).select_related("task__lead")
    for notice in notices.order_by("id"):
        yield Todo(
            kind=FOLLOW_UP.code,
            title="%(t)s（牵头人%(n)s未答复督办）"
            % {"t": notice.task.title, "n": notice.task.lead.full_name},
            record_type="key_task",
            record_id=notice.task_id,
            step=step.name,
            step_label=step.label,
            why=todo_why_role(step.roles),
            due_on=notice.answer_due,
            url=reverse("governance:task-detail", args=[notice.task_id]),
            town_id=notice.task.organisation_id,
            due_basis="重要任务亲自督办（%(r)s）" % {"r": rules.FIRST_RESPONSIBLE},
        )


def governance_todos(seat: Seat, today: datetime.date) -> Iterable[Todo]:
    yield from _feedback_items(seat, today)
    yield from _notice_items(seat, today)
    yield from _follow_up_items(seat, today)
