"""Every write of 依法治镇: the committee and its members, meetings, key tasks with their 反馈 and
completion, the head's acts, the 督办单 (raised by the head or by the daily job) and their answers, the
town's 反馈 interval, and the 法律咨询 its legal counsel answered. Each one transaction with its ledger
event; evidence files are stored before the transaction begins."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from fazhi.core import locking, permissions
from fazhi.core import services as core_services
from fazhi.core.errors import InvalidInput
from fazhi.core.files import StoredFile
from fazhi.core.models import Organisation, Staff
from fazhi.core.roles import Role
from fazhi.governance import rules, selectors
from fazhi.governance.events import GovernanceEvent
from fazhi.governance.models import (
    ActKind,
    Committee,
    CommitteeMember,
    GovernanceSetting,
    HeadAct,
    KeyTask,
    LegalConsultation,
    Meeting,
    SupervisionCause,
    SupervisionNotice,
    TaskFeedback,
    TaskStatus,
)
from fazhi.ledger import record as ledger
from fazhi.ledger.record import sha256_hex


def _own_staff(people: list[Staff], town: Organisation, field: str) -> None:
    for person in people:
        if person.organisation is None or not person.organisation.path.startswith(town.path):
            raise InvalidInput(
                "“%(n)s”不是本镇（街道）的工作人员。" % {"n": person.full_name},
                field_errors={field: "请选择本镇的工作人员。"},
            )


# ----------------------------------------------------------------------------- committee, meetings


@transaction.atomic(durable=True)
def set_committee(actor: Staff, *, name: str, established_on: datetime.date) -> Committee:
    permissions.require_step(actor, rules.STEPS["committee"])
    town = permissions.acting_town(actor)
    rules.check_dated(established_on, what="成立日期", today=timezone.localdate())
    committee, _created = Committee.objects.update_or_create(
        organisation=town, defaults={"name": name, "established_on": established_on, "recorded_by": actor}
    )
    ledger.record(
        actor,
        GovernanceEvent.COMMITTEE_SET,
        committee,
        {"name": name, "established_on": established_on.isoformat()},
        organisation=town,
    )
    return committee


@dataclass(frozen=True)
class MemberInput:
    name: str
    position: str
    role: str
    joined_on: datetime.date
    staff: Staff | None = None


@transaction.atomic(durable=True)
def add_member(actor: Staff, data: MemberInput) -> CommitteeMember:
    permissions.require_step(actor, rules.STEPS["committee"])
    town = permissions.acting_town(actor)
    committee = selectors.committee_of(town)
    rules.check_committee_exists(committee is not None)
    assert committee is not None
    if data.staff is not None:
        _own_staff([data.staff], town, "staff")
    name = data.name.strip() or (data.staff.full_name if data.staff else "")
    if not name:
        raise InvalidInput("请填写成员姓名或选择工作人员。", field_errors={"name": "请填写成员姓名。"})
    rules.check_dated(data.joined_on, what="任职日期", today=timezone.localdate())
    member = CommitteeMember.objects.create(
        committee=committee,
        staff=data.staff,
        name=name,
        position=data.position,
        role=data.role,
        joined_on=data.joined_on,
    )
    ledger.record(
        actor,
        GovernanceEvent.MEMBER_ADDED,
        committee,
        {
            "member": member.pk,
            "name": name,
            "role": data.role,
            "staff": data.staff.pk if data.staff else None,
        },
        organisation=town,
    )
    return member


@transaction.atomic(durable=True)
def member_leaves(actor: Staff, member: CommitteeMember, *, left_on: datetime.date) -> CommitteeMember:
    permissions.require_step(actor, rules.STEPS["committee"])
    committee = locking.lock_own(actor, member.committee)
    member = CommitteeMember.objects.select_for_update().get(pk=member.pk, committee=committee)
    rules.check_member_current(left_on=member.left_on)
    rules.check_left_date(left_on, joined_on=member.joined_on, today=timezone.localdate())
    member.left_on = left_on
    member.save(update_fields=["left_on"])
    ledger.record(
        actor,
        GovernanceEvent.MEMBER_LEFT,
        committee,
        {"member": member.pk, "left_on": left_on.isoformat()},
        organisation=committee.organisation,
    )
    return member


@dataclass(frozen=True)
class MeetingInput:
    kind: str
    held_on: datetime.date
    title: str
    topics: str
    decisions: str
    attendees: list[Staff]
    other_attendees: str = ""
    presided_by: Staff | None = None


@transaction.atomic(durable=True)
def record_meeting(actor: Staff, data: MeetingInput) -> Meeting:
    permissions.require_step(actor, rules.STEPS["meeting"])
    town = permissions.acting_town(actor)
    rules.check_dated(data.held_on, what="会议日期", today=timezone.localdate())
    _own_staff(data.attendees, town, "attendees")
    if data.presided_by is not None:
        _own_staff([data.presided_by], town, "presided_by")
    if not data.attendees and not data.other_attendees.strip():
        raise InvalidInput("请选择或填写出席人员。", field_errors={"attendees": "请选择出席人员。"})
    meeting = Meeting.objects.create(
        organisation=town,
        kind=data.kind,
        held_on=data.held_on,
        title=data.title,
        topics=data.topics,
        decisions=data.decisions,
        other_attendees=data.other_attendees.strip(),
        presided_by=data.presided_by,
        recorded_by=actor,
    )
    meeting.attendees.set(data.attendees)
    ledger.record(
        actor,
        GovernanceEvent.MEETING_RECORDED,
        meeting,
        {
            "kind": data.kind,
            "held_on": data.held_on.isoformat(),
            "title": data.title,
            "attendees": sorted(person.pk for person in data.attendees),
        },
        organisation=town,
    )
    return meeting


# -------------------------------------------------------------------------------------- key tasks


@dataclass(frozen=True)
class TaskInput:
    year: int
    source_title: str
    source_number: str
    title: str
    department: Organisation
    lead: Staff
    deployed_on: datetime.date
    deadline: datetime.date


@transaction.atomic(durable=True)
def register_task(actor: Staff, data: TaskInput) -> KeyTask:
    permissions.require_step(actor, rules.STEPS["register"])
    town = permissions.acting_town(actor)
    if not data.department.path.startswith(town.path):
        raise InvalidInput(
            "责任单位应为本镇（街道）的部门。", field_errors={"department": "请选择本镇的部门。"}
        )
    _own_staff([data.lead], town, "lead")
    rules.check_task_dates(
        deployed_on=data.deployed_on, deadline=data.deadline, year=data.year, today=timezone.localdate()
    )
    task = KeyTask.objects.create(
        organisation=town,
        year=data.year,
        source_title=data.source_title,
        source_number=data.source_number.strip(),
        title=data.title,
        department=data.department,
        lead=data.lead,
        deployed_on=data.deployed_on,
        deadline=data.deadline,
        registered_by=actor,
    )
    ledger.record(
        actor,
        GovernanceEvent.TASK_REGISTERED,
        task,
        {
            "title": task.title,
            "source": f"{task.source_title} {task.source_number}".strip(),
            "department": data.department.pk,
            "lead": data.lead.pk,
            "deployed_on": data.deployed_on.isoformat(),
            "deadline": data.deadline.isoformat(),
        },
        organisation=town,
    )
    return task


def _take(actor: Staff, task: KeyTask, step: str) -> KeyTask:
    return locking.take_step(
        actor, task, rules.STEPS[step], selectors.TaskRowFacts, related=("department", "lead")
    )


def _check_reporter(actor: Staff, task: KeyTask) -> None:
    rules.check_reporter(
        is_lead=actor.pk == task.lead_id,
        in_department=selectors.in_department(actor, task),
    )


def _feedback(
    actor: Staff, task: KeyTask, *, reported_on: datetime.date, text: str, evidence: list[StoredFile]
) -> TaskFeedback:
    feedback = TaskFeedback.objects.create(task=task, reported_on=reported_on, text=text, reported_by=actor)
    for item in evidence:
        core_services.record_attachment(
            actor,
            subject=feedback,
            organisation=task.organisation,
            blob=item.blob,
            name=item.name,
            description="反馈佐证材料",
        )
    return feedback


@transaction.atomic(durable=True)
def report_feedback(
    actor: Staff,
    task: KeyTask,
    *,
    reported_on: datetime.date,
    text: str,
    evidence: list[StoredFile] | None = None,
) -> TaskFeedback:
    """反馈: the lead's or the department's progress report, dated, with any evidence."""
    task = _take(actor, task, "feedback")
    _check_reporter(actor, task)
    rules.check_feedback_date(reported_on, deployed_on=task.deployed_on, today=timezone.localdate())
    feedback = _feedback(actor, task, reported_on=reported_on, text=text, evidence=evidence or [])
    ledger.record(
        actor,
        GovernanceEvent.FEEDBACK_REPORTED,
        task,
        {"feedback": feedback.pk, "reported_on": reported_on.isoformat(), "evidence": len(evidence or [])},
        organisation=task.organisation,
    )
    return feedback


@transaction.atomic(durable=True)
def complete_task(actor: Staff, task: KeyTask, *, completed_on: datetime.date, note: str) -> KeyTask:
    task = _take(actor, task, "complete")
    _check_reporter(actor, task)
    rules.check_completion_date(
        completed_on,
        deployed_on=task.deployed_on,
        last_feedback_on=selectors.last_feedback_on(task),
        today=timezone.localdate(),
    )
    task.status = TaskStatus.COMPLETED
    task.completed_on = completed_on
    task.completion_note = note
    task.save(update_fields=["status", "completed_on", "completion_note"])
    ledger.record(
        actor,
        GovernanceEvent.TASK_COMPLETED,
        task,
        {"completed_on": completed_on.isoformat(), "late": completed_on > task.deadline},
        organisation=task.organisation,
    )
    return task


def _issue_notice(
    actor: Staff, task: KeyTask, *, cause: str, reason: str, today: datetime.date
) -> SupervisionNotice:
    notice = SupervisionNotice.objects.create(
        task=task,
        cause=cause,
        issued_on=today,
        reason=reason,
        issued_by=actor,
        answer_due=today + datetime.timedelta(days=rules.ANSWER_DAYS),
    )
    ledger.record(
        actor,
        GovernanceEvent.NOTICE_ISSUED,
        task,
        {
            "notice": notice.pk,
            "cause": cause,
            "issued_on": today.isoformat(),
            "answer_due": notice.answer_due.isoformat(),
        },
        organisation=task.organisation,
    )
    core_services.notify(
        [task.lead, *selectors.heads_of(task.organisation)],
        key=f"governance-notice-{notice.pk}",
        day=today,
        text="督办：重点工作“%(t)s”%(c)s，请牵头人于 %(d)s 前答复整改落实情况。"
        % {"t": task.title, "c": notice.get_cause_display(), "d": notice.answer_due.isoformat()},
        url=reverse("governance:task-detail", args=[task.pk]),
    )
    return notice


@transaction.atomic(durable=True)
def head_act(actor: Staff, task: KeyTask, *, kind: str, acted_on: datetime.date, note: str) -> HeadAct:
    """亲自部署、过问、协调、督办: the head's own act on a task; a 督办 also sends a 督办单."""
    task = _take(actor, task, "act")
    today = timezone.localdate()
    rules.check_act_date(acted_on, deployed_on=task.deployed_on, today=today)
    act = HeadAct.objects.create(task=task, kind=kind, acted_on=acted_on, note=note, head=actor)
    ledger.record(
        actor,
        GovernanceEvent.HEAD_ACTED,
        task,
        {"act": act.pk, "kind": kind, "acted_on": acted_on.isoformat()},
        organisation=task.organisation,
    )
    if kind == ActKind.SUPERVISE:
        _issue_notice(actor, task, cause=SupervisionCause.HEAD, reason=note, today=today)
    return act


@transaction.atomic(durable=True)
def answer_notice(
    actor: Staff, notice: SupervisionNotice, *, answered_on: datetime.date, response: str
) -> SupervisionNotice:
    """整改情况: closes the 督办单; the answer is the task's 反馈 of that day too."""
    task = _take(actor, notice.task, "answer")
    notice = SupervisionNotice.objects.select_for_update().get(pk=notice.pk, task=task)
    _check_reporter(actor, task)
    rules.check_notice_open(answered_on=notice.answered_on)
    rules.check_answer_date(answered_on, issued_on=notice.issued_on, today=timezone.localdate())
    notice.answered_on = answered_on
    notice.response = response
    notice.answered_by = actor
    notice.save(update_fields=["answered_on", "response", "answered_by"])
    if task.status == TaskStatus.IN_PROGRESS:
        _feedback(actor, task, reported_on=answered_on, text="（答复督办）" + response, evidence=[])
    ledger.record(
        actor,
        GovernanceEvent.NOTICE_ANSWERED,
        task,
        {"notice": notice.pk, "answered_on": answered_on.isoformat()},
        organisation=task.organisation,
    )
    return notice


@transaction.atomic(durable=True)
def set_silent_days(actor: Staff, *, days: int) -> GovernanceSetting:
    permissions.require_step(actor, rules.STEPS["settings"])
    town = permissions.acting_town(actor)
    if not 1 <= days <= 365:
        raise InvalidInput("反馈间隔应在1至365天之间。", field_errors={"silent_days": "应在1至365天之间。"})
    setting, _created = GovernanceSetting.objects.update_or_create(
        organisation=town, defaults={"silent_days": days}
    )
    ledger.record(actor, GovernanceEvent.SETTING_CHANGED, setting, {"silent_days": days}, organisation=town)
    return setting


# ----------------------------------------------------------------------------- legal consultations


@dataclass(frozen=True)
class ConsultationInput:
    asked_on: datetime.date
    question: str
    answer: str
    counsel: Staff
    department: Organisation | None = None
    person: str = ""


@transaction.atomic(durable=True)
def record_consultation(actor: Staff, data: ConsultationInput) -> LegalConsultation:
    """法律咨询: a department's or a person's question and the answer the town's legal counsel gave."""
    permissions.require_step(actor, rules.STEPS["consult"])
    town = permissions.acting_town(actor)
    rules.check_dated(data.asked_on, what="咨询日期", today=timezone.localdate())
    _own_staff([data.counsel], town, "counsel")
    rules.check_counsel(
        name=data.counsel.full_name, holds_role=permissions.has_role(data.counsel, Role.LEGAL_COUNSEL)
    )
    if data.department is not None and not data.department.path.startswith(town.path):
        raise InvalidInput(
            "咨询部门应为本镇（街道）的部门。", field_errors={"department": "请选择本镇的部门。"}
        )
    person = data.person.strip()
    if data.department is None and not person:
        raise InvalidInput(
            "请选择咨询部门或填写咨询人。", field_errors={"person": "请选择咨询部门或填写咨询人。"}
        )
    question, answer = data.question.strip(), data.answer.strip()
    if not question:
        raise InvalidInput("请填写咨询事项。", field_errors={"question": "请填写咨询事项。"})
    if not answer:
        raise InvalidInput("请填写解答意见。", field_errors={"answer": "请填写解答意见。"})
    consultation = LegalConsultation.objects.create(
        organisation=town,
        asked_on=data.asked_on,
        asked_by_department=data.department,
        asked_by_person=person,
        question=question,
        answer=answer,
        counsel=data.counsel,
        recorded_by=actor,
    )
    ledger.record(
        actor,
        GovernanceEvent.CONSULTATION_RECORDED,
        consultation,
        {
            "asked_on": data.asked_on.isoformat(),
            "department": data.department.pk if data.department else None,
            "counsel": data.counsel.pk,
            # The question may name people and their affairs: the ledger keeps its fingerprint.
            "question_sha256": sha256_hex(question),
            "answer_sha256": sha256_hex(answer),
        },
        organisation=town,
    )
    return consultation


# ------------------------------------------------------------------------------------- the daily job


@dataclass(frozen=True)
class SupervisionRun:
    issued: int


@transaction.atomic(durable=True)
def raise_supervision(*, today: datetime.date) -> SupervisionRun:
    """The daily job: a task past its deadline and not complete (once), or without a 反馈 for more than
    the town's interval (once until answered), gets a 督办单 to its lead and the town's heads."""
    system = core_services.system_actor()
    issued = 0
    intervals: dict[int, int] = {}
    open_tasks = (
        selectors.with_last_feedback(
            KeyTask.objects.filter(status=TaskStatus.IN_PROGRESS).select_related("organisation", "lead")
        )
        .prefetch_related("notices")
        .order_by("id")
    )
    for task in open_tasks:
        days = intervals.setdefault(task.organisation_id, selectors.silent_days(task.organisation))
        notices = {(notice.cause, notice.answered_on is None) for notice in task.notices.all()}
        late_raised = any(cause == SupervisionCause.LATE for cause, _open in notices)
        if rules.is_late(status=task.status, deadline=task.deadline, today=today) and not late_raised:
            reason = "已超过完成时限（%(d)s）尚未完成。" % {"d": task.deadline.isoformat()}
            _issue_notice(system, task, cause=SupervisionCause.LATE, reason=reason, today=today)
            issued += 1
        silent = rules.is_silent(
            status=task.status,
            deployed_on=task.deployed_on,
            last_feedback_on=task.last_feedback_on,  # type: ignore[attr-defined]
            silent_days=days,
            today=today,
        )
        if silent and (SupervisionCause.SILENT, True) not in notices:
            reason = "已超过%(n)d天未反馈工作进展。" % {"n": days}
            _issue_notice(system, task, cause=SupervisionCause.SILENT, reason=reason, today=today)
            issued += 1
    return SupervisionRun(issued=issued)
