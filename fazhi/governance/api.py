"""依法治镇 endpoints: the committee and members, meetings (each naming its 会议纪要 .docx), key tasks with
their 反馈 (evidence as multipart), completion, the head's acts, the 督办单 and their answers, and the
town's 反馈 interval — the same services, rules and errors as the pages."""

from __future__ import annotations

import datetime
from typing import Annotated

from django.http import HttpRequest
from django.urls import reverse
from ninja import Field, File, Form, Router, Schema, Status, UploadedFile

from fazhi.core import api_params, files, permissions
from fazhi.core import selectors as core_selectors
from fazhi.core.api_input import Choice, OptionalText, RecordId, Required
from fazhi.core.errors import NotFoundOrHidden
from fazhi.core.models import Organisation, Staff
from fazhi.governance import selectors, services
from fazhi.governance.models import (
    ActKind,
    Committee,
    CommitteeMember,
    GovernanceSetting,
    HeadAct,
    KeyTask,
    Meeting,
    MeetingKind,
    MemberRole,
    SupervisionNotice,
    TaskFeedback,
)

router = Router(tags=["依法治镇"])


def _staff(actor: Staff, staff_id: int) -> Staff:
    """One of the town's people, by id; another town's or none at all is the same 404."""
    person = permissions.visible(
        actor, Staff.objects.filter(pk=staff_id, is_active=True, is_system=False)
    ).first()
    if person is None:
        raise NotFoundOrHidden()
    return person


# ------------------------------------------------------------------------------------- committee


class MemberOut(Schema):
    id: int
    staff_id: int | None
    name: str
    position: str
    role: str
    joined_on: datetime.date
    left_on: datetime.date | None


class CommitteeOut(Schema):
    id: int
    name: str
    established_on: datetime.date
    members: list[MemberOut]

    @staticmethod
    def resolve_members(obj: Committee) -> list[CommitteeMember]:
        return selectors.members_of(obj)


@router.get("/governance/committee", response=CommitteeOut, summary="读取全面依法治镇委员会")
def get_committee(request: HttpRequest) -> Committee:
    town = permissions.acting_town(api_params.actor(request))
    committee = selectors.committee_of(town)
    if committee is None:
        raise NotFoundOrHidden()
    return committee


class CommitteeIn(Schema):
    name: Annotated[str, Required("请填写委员会名称。", max_length=100)]
    established_on: datetime.date


@router.put("/governance/committee", response=CommitteeOut, summary="登记或修改全面依法治镇委员会")
def set_committee(request: HttpRequest, payload: CommitteeIn) -> Committee:
    return services.set_committee(api_params.actor(request), **payload.dict())


class MemberIn(Schema):
    staff_id: RecordId | None = None
    name: Annotated[OptionalText, Field(max_length=50)] = ""
    position: Annotated[str, Required("请填写职务。", max_length=100)]
    role: Annotated[MemberRole, Choice(MemberRole)]
    joined_on: datetime.date


@router.post("/governance/committee/members", response={201: MemberOut}, summary="增加委员会成员")
def add_member(request: HttpRequest, payload: MemberIn) -> Status[CommitteeMember]:
    actor = api_params.actor(request)
    staff = _staff(actor, payload.staff_id) if payload.staff_id else None
    data = services.MemberInput(
        name=payload.name,
        position=payload.position,
        role=payload.role,
        joined_on=payload.joined_on,
        staff=staff,
    )
    return Status(201, services.add_member(actor, data))


class MemberLeftIn(Schema):
    left_on: datetime.date


@router.post("/governance/committee/members/{id:member_id}/left", response=MemberOut, summary="成员离任")
def member_left(request: HttpRequest, member_id: int, payload: MemberLeftIn) -> CommitteeMember:
    actor = api_params.actor(request)
    member = CommitteeMember.objects.select_related("committee__organisation").filter(pk=member_id).first()
    if member is None or not permissions.can_see(actor, member.committee.organisation):
        raise NotFoundOrHidden()
    return services.member_leaves(actor, member, left_on=payload.left_on)


# --------------------------------------------------------------------------------------- meetings


class MeetingOut(Schema):
    id: int
    kind: str
    held_on: datetime.date
    title: str
    presided_by_id: int | None
    attendee_ids: list[int]
    other_attendees: str
    topics: str
    decisions: str
    minutes_url: str

    @staticmethod
    def resolve_minutes_url(obj: Meeting) -> str:
        return reverse("governance:minutes-docx", args=[obj.pk])

    @staticmethod
    def resolve_attendee_ids(obj: Meeting) -> list[int]:
        return sorted(obj.attendees.values_list("pk", flat=True))


@router.get("/governance/meetings", response=list[MeetingOut], summary="会议列表")
def list_meetings(
    request: HttpRequest,
    year: api_params.Year | None = None,
    kind: str = "",
    limit: api_params.Limit = 50,
    offset: api_params.Offset = 0,
) -> list[Meeting]:
    meetings = selectors.meetings_for(api_params.actor(request), year=year, kind=kind)
    return list(api_params.page(meetings, limit, offset))


@router.get("/governance/meetings/{id:meeting_id}", response=MeetingOut, summary="读取会议")
def get_meeting(request: HttpRequest, meeting_id: int) -> Meeting:
    return selectors.access_meeting(api_params.actor(request), meeting_id)


class MeetingIn(Schema):
    kind: Annotated[MeetingKind, Choice(MeetingKind)]
    held_on: datetime.date
    title: Annotated[str, Required("请填写会议名称。", max_length=200)]
    topics: Annotated[str, Required("请填写会议议题。")]
    decisions: Annotated[str, Required("请填写议定事项。")]
    attendee_ids: list[RecordId] = Field(default_factory=list, max_length=200)
    other_attendees: Annotated[OptionalText, Field(max_length=300)] = ""
    presided_by_id: RecordId | None = None


@router.post("/governance/meetings", response={201: MeetingOut}, summary="登记会议")
def record_meeting(request: HttpRequest, payload: MeetingIn) -> Status[Meeting]:
    actor = api_params.actor(request)
    attendees = [_staff(actor, person) for person in dict.fromkeys(payload.attendee_ids)]
    data = services.MeetingInput(
        kind=payload.kind,
        held_on=payload.held_on,
        title=payload.title,
        topics=payload.topics,
        decisions=payload.decisions,
        attendees=attendees,
        other_attendees=payload.other_attendees,
        presided_by=_staff(actor, payload.presided_by_id) if payload.presided_by_id else None,
    )
    return Status(201, services.record_meeting(actor, data))


# ------------------------------------------------------------------------------------------ tasks


class FeedbackOut(Schema):
    id: int
    reported_on: datetime.date
    text: str
    reported_by_id: int


class ActOut(Schema):
    id: int
    kind: str
    acted_on: datetime.date
    note: str
    head_id: int


class NoticeOut(Schema):
    id: int
    task_id: int
    cause: str
    issued_on: datetime.date
    reason: str
    answer_due: datetime.date
    answered_on: datetime.date | None
    response: str


class KeyTaskOut(Schema):
    id: int
    year: int
    source_title: str
    source_number: str
    title: str
    department_id: int
    lead_id: int
    deployed_on: datetime.date
    deadline: datetime.date
    status: str
    completed_on: datetime.date | None
    completion_note: str
    feedback: list[FeedbackOut]
    acts: list[ActOut]
    notices: list[NoticeOut]

    @staticmethod
    def resolve_feedback(obj: KeyTask) -> list[TaskFeedback]:
        return list(obj.feedback.all())

    @staticmethod
    def resolve_acts(obj: KeyTask) -> list[HeadAct]:
        return list(obj.acts.all())

    @staticmethod
    def resolve_notices(obj: KeyTask) -> list[SupervisionNotice]:
        return list(obj.notices.all())


@router.get("/governance/tasks", response=list[KeyTaskOut], summary="重点工作列表")
def list_tasks(
    request: HttpRequest,
    year: api_params.Year | None = None,
    status: str = "",
    limit: api_params.Limit = 50,
    offset: api_params.Offset = 0,
) -> list[KeyTask]:
    tasks = selectors.tasks_for(api_params.actor(request), year=year, status=status)
    return list(api_params.page(tasks.prefetch_related("feedback", "acts", "notices"), limit, offset))


@router.get("/governance/tasks/{id:task_id}", response=KeyTaskOut, summary="读取重点工作")
def get_task(request: HttpRequest, task_id: int) -> KeyTask:
    return selectors.access_task(api_params.actor(request), task_id)


class TaskIn(Schema):
    year: api_params.Year
    source_title: Annotated[str, Required("请填写来源文件。", max_length=200)]
    source_number: Annotated[OptionalText, Field(max_length=60)] = ""
    title: Annotated[str, Required("请填写工作任务。", max_length=200)]
    department_id: RecordId
    lead_id: RecordId
    deployed_on: datetime.date
    deadline: datetime.date


@router.post("/governance/tasks", response={201: KeyTaskOut}, summary="登记重点工作")
def register_task(request: HttpRequest, payload: TaskIn) -> Status[KeyTask]:
    actor = api_params.actor(request)
    department: Organisation | None = (
        core_selectors.departments_of(actor).filter(pk=payload.department_id).first()
    )
    if department is None:
        raise NotFoundOrHidden()
    data = services.TaskInput(
        year=payload.year,
        source_title=payload.source_title,
        source_number=payload.source_number,
        title=payload.title,
        department=department,
        lead=_staff(actor, payload.lead_id),
        deployed_on=payload.deployed_on,
        deadline=payload.deadline,
    )
    task = services.register_task(actor, data)
    return Status(201, selectors.access_task(actor, task.pk))


class FeedbackIn(Schema):
    reported_on: datetime.date
    text: Annotated[str, Required("请填写进展情况。")]


@router.post(
    "/governance/tasks/{id:task_id}/feedback",
    response={201: FeedbackOut},
    summary="反馈进展（multipart，evidence 为佐证材料，可多个）",
)
def report_feedback(
    request: HttpRequest,
    task_id: int,
    payload: Form[FeedbackIn],
    evidence: File[list[UploadedFile]] | None = None,
) -> Status[TaskFeedback]:
    actor = api_params.actor(request)
    task = selectors.access_task(actor, task_id)
    stored = [files.StoredFile(*files.store(item, original_name=item.name or "")) for item in evidence or []]
    return Status(201, services.report_feedback(actor, task, evidence=stored, **payload.dict()))


class CompleteIn(Schema):
    completed_on: datetime.date
    note: Annotated[str, Required("请填写完成情况。")]


@router.post("/governance/tasks/{id:task_id}/complete", response=KeyTaskOut, summary="登记完成")
def complete_task(request: HttpRequest, task_id: int, payload: CompleteIn) -> KeyTask:
    actor = api_params.actor(request)
    services.complete_task(actor, selectors.access_task(actor, task_id), **payload.dict())
    return selectors.access_task(actor, task_id)


class ActIn(Schema):
    kind: Annotated[ActKind, Choice(ActKind)]
    acted_on: datetime.date
    note: Annotated[str, Required("请填写部署、过问、协调或督办的内容。")]


@router.post(
    "/governance/tasks/{id:task_id}/acts", response={201: ActOut}, summary="负责人亲自部署、过问、协调、督办"
)
def head_act(request: HttpRequest, task_id: int, payload: ActIn) -> Status[HeadAct]:
    actor = api_params.actor(request)
    return Status(201, services.head_act(actor, selectors.access_task(actor, task_id), **payload.dict()))


@router.get("/governance/notices", response=list[NoticeOut], summary="督办单列表")
def list_notices(
    request: HttpRequest,
    open_only: bool = False,
    limit: api_params.Limit = 50,
    offset: api_params.Offset = 0,
) -> list[SupervisionNotice]:
    actor = api_params.actor(request)
    notices = permissions.visible_by_id(
        actor, SupervisionNotice.objects.all(), org_field="task__organisation"
    ).order_by("-issued_on", "-id")
    if open_only:
        notices = notices.filter(answered_on__isnull=True)
    return list(api_params.page(notices, limit, offset))


class SupervisionAnswerIn(Schema):
    answered_on: datetime.date
    response: Annotated[str, Required("请填写整改落实情况。")]


@router.post("/governance/notices/{id:notice_id}/answer", response=NoticeOut, summary="答复督办")
def answer_notice(request: HttpRequest, notice_id: int, payload: SupervisionAnswerIn) -> SupervisionNotice:
    actor = api_params.actor(request)
    return services.answer_notice(actor, selectors.access_notice(actor, notice_id), **payload.dict())


class SettingOut(Schema):
    silent_days: int


class SettingIn(Schema):
    silent_days: Annotated[int, Field(ge=1, le=365)]


@router.get("/governance/settings", response=SettingOut, summary="读取重点工作反馈间隔")
def get_setting(request: HttpRequest) -> dict[str, int]:
    town = permissions.acting_town(api_params.actor(request))
    return {"silent_days": selectors.silent_days(town)}


@router.put("/governance/settings", response=SettingOut, summary="设置重点工作反馈间隔（天）")
def set_setting(request: HttpRequest, payload: SettingIn) -> GovernanceSetting:
    return services.set_silent_days(api_params.actor(request), days=payload.silent_days)
