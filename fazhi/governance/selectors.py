"""Reads of 依法治镇, scoped to what the actor may see: the committee, the meetings (with the 专题学法
the learning app counts, read through the figures registry), the key tasks with their 反馈, acts and
督办单, each task's facts for the step table, the town's 反馈 interval, and the 法律咨询 with the
counsel who may answer one."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Max, OuterRef, QuerySet, Subquery

from fazhi.core import permissions
from fazhi.core.errors import NotFoundOrHidden
from fazhi.core.figures import FIGURES, Column, Scope
from fazhi.core.models import Organisation, Staff
from fazhi.core.roles import Role
from fazhi.core.rules import Offer
from fazhi.core.selectors import int_id
from fazhi.governance import rules
from fazhi.governance.models import (
    DEFAULT_SILENT_DAYS,
    Committee,
    CommitteeMember,
    GovernanceSetting,
    KeyTask,
    LegalConsultation,
    Meeting,
    SupervisionNotice,
    TaskFeedback,
    TaskStatus,
)


def silent_days(town: Organisation) -> int:
    setting = GovernanceSetting.objects.filter(organisation=town).first()
    return setting.silent_days if setting else DEFAULT_SILENT_DAYS


def committee_of(town: Organisation) -> Committee | None:
    return Committee.objects.filter(organisation=town).first()


def members_of(committee: Committee) -> list[CommitteeMember]:
    return list(committee.members.select_related("staff"))


def meetings_for(actor: Staff, *, year: int | None = None, kind: str = "") -> QuerySet[Meeting]:
    meetings = permissions.visible_by_id(actor, Meeting.objects.select_related("presided_by"))
    if year:
        meetings = meetings.filter(held_on__year=year)
    if kind:
        meetings = meetings.filter(kind=kind)
    return meetings.order_by("-held_on", "-id")


def access_meeting(actor: Staff, meeting_id: object) -> Meeting:
    meeting = (
        Meeting.objects.select_related("organisation", "presided_by", "recorded_by")
        .filter(pk=int_id(meeting_id))
        .first()
    )
    if meeting is None or not permissions.can_see(actor, meeting.organisation):
        raise NotFoundOrHidden()
    return meeting


@dataclass(frozen=True)
class StudiesElsewhere:
    """The 专题学法 the learning app records, as its figure counts and lists them."""

    label: str
    count: int
    headers: list[str]
    rows: list[tuple[list[object], str]]


STUDY_FIGURE = "study_sessions"


def studies_recorded_by_learning(town: Organisation, year: int) -> StudiesElsewhere | None:
    """Read through the figures registry (core), never learning's models: the rows its figure counts."""
    if STUDY_FIGURE not in FIGURES:
        return None
    figure = FIGURES[STUDY_FIGURE]
    scope = Scope(town, year)
    rows = list(figure.drill_down(scope))
    columns: tuple[Column, ...] = figure.columns
    return StudiesElsewhere(
        label=figure.label,
        count=len(rows),
        headers=[column.header for column in columns],
        rows=[
            ([column.value(row) for column in columns], figure.link(row) if figure.link else "")
            for row in rows
        ],
    )


# ------------------------------------------------------------------------------------------ tasks


def with_last_feedback(tasks: QuerySet[KeyTask]) -> QuerySet[KeyTask]:
    last = (
        TaskFeedback.objects.filter(task=OuterRef("pk"))
        .order_by()
        .values("task")
        .annotate(last=Max("reported_on"))
        .values("last")
    )
    return tasks.annotate(last_feedback_on=Subquery(last))


def tasks_for(actor: Staff, *, year: int | None = None, status: str = "") -> QuerySet[KeyTask]:
    tasks = permissions.visible_by_id(actor, KeyTask.objects.select_related("department", "lead"))
    if year:
        tasks = tasks.filter(year=year)
    if status in TaskStatus.values:
        tasks = tasks.filter(status=status)
    return with_last_feedback(tasks).order_by("deadline", "id")


def access_task(actor: Staff, task_id: object) -> KeyTask:
    task = (
        with_last_feedback(
            KeyTask.objects.select_related("organisation", "department", "lead", "registered_by")
        )
        .filter(pk=int_id(task_id))
        .first()
    )
    if task is None or not permissions.can_see(actor, task.organisation):
        raise NotFoundOrHidden()
    return task


def access_notice(actor: Staff, notice_id: object) -> SupervisionNotice:
    notice = (
        SupervisionNotice.objects.select_related(
            "task__organisation", "task__lead", "task__department", "issued_by"
        )
        .filter(pk=int_id(notice_id))
        .first()
    )
    if notice is None or not permissions.can_see(actor, notice.task.organisation):
        raise NotFoundOrHidden()
    return notice


def last_feedback_on(task: KeyTask) -> datetime.date | None:
    found: datetime.date | None = task.feedback.aggregate(last=Max("reported_on"))["last"]
    return found


def in_department(actor: Staff, task: KeyTask) -> bool:
    """A member of the task's department (or of a unit under it)."""
    organisation = actor.organisation
    return organisation is not None and organisation.path.startswith(task.department.path)


def may_report(actor: Staff, task: KeyTask) -> bool:
    """The task's lead, or a member of its department."""
    return actor.pk == task.lead_id or in_department(actor, task)


class TaskRowFacts:
    """governance.rules.TaskFacts, read from the task."""

    def __init__(self, task: KeyTask) -> None:
        self.task = task

    @property
    def status(self) -> str:
        return self.task.status

    @property
    def status_label(self) -> str:
        return self.task.get_status_display()

    @property
    def completed_on(self) -> str:
        return self.task.completed_on.isoformat() if self.task.completed_on else ""


def next_steps(actor: Staff, task: KeyTask) -> list[Offer]:
    offers = permissions.offers_for(actor, rules.STEPS, TaskRowFacts(task))
    reporter = may_report(actor, task)
    return [offer for offer in offers if offer.allowed and (offer.name == "act" or reporter)]


def task_timeline(task: KeyTask) -> dict[str, Any]:
    return {
        "feedback": list(task.feedback.select_related("reported_by")),
        "acts": list(task.acts.select_related("head")),
        "notices": list(task.notices.select_related("issued_by", "answered_by")),
    }


def heads_of(town: Organisation) -> list[Staff]:
    return list(
        Staff.objects.filter(
            is_active=True, organisation__path__startswith=town.path, role_grants__role=Role.HEAD
        ).distinct()
    )


# ----------------------------------------------------------------------------- legal consultations


def consultations_for(actor: Staff, *, year: int) -> QuerySet[LegalConsultation]:
    consultations = permissions.visible_by_id(
        actor, LegalConsultation.objects.select_related("asked_by_department", "counsel")
    )
    return consultations.filter(asked_on__year=year).order_by("-asked_on", "-id")


def counsels_of(actor: Staff) -> QuerySet[Staff]:
    """The legal counsel of the actor's town, for choosing who answered a consultation."""
    town = permissions.scope_root(actor)
    if town is None:
        return Staff.objects.none()
    return Staff.objects.filter(
        is_active=True, organisation__path__startswith=town.path, role_grants__role=Role.LEGAL_COUNSEL
    ).order_by("full_name", "id")
