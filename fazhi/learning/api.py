"""Learning endpoints: list and record study sessions and trainings, and the officers' hours."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Annotated

from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Router, Schema, Status

from fazhi.core import api_params, permissions
from fazhi.core.api_input import Choice, OptionalText, RecordId, Required
from fazhi.core.errors import InvalidInput
from fazhi.core.models import Staff
from fazhi.learning import selectors, services
from fazhi.learning.models import StudyKind, StudySession, Training, TrainingKind

router = Router(tags=["学法与培训"])


def _attendees(actor: Staff, ids: list[int]) -> list[Staff]:
    people = list(selectors.staff_of(actor).filter(pk__in=ids))
    if len(people) != len(set(ids)):
        raise InvalidInput(
            "参加人员中有不属于本镇（街道）的人员。", field_errors={"attendee_ids": "请核对参加人员。"}
        )
    return people


class StudyOut(Schema):
    id: int
    kind: str
    held_on: datetime.date
    topic: str
    laws: str
    lecturer: str
    attendee_ids: list[int]

    @staticmethod
    def resolve_attendee_ids(obj: StudySession) -> list[int]:
        return sorted(obj.attendees.values_list("pk", flat=True))


class StudyIn(Schema):
    kind: Annotated[StudyKind, Choice(StudyKind, "请选择学法形式。")]
    held_on: datetime.date
    topic: Annotated[str, Required("请填写主题。", max_length=200)]
    laws: Annotated[str, Required("请填写学习的法律法规，如：宪法、民法典。", max_length=300)]
    lecturer: OptionalText = Field("", max_length=100)
    attendee_ids: list[RecordId]


@router.get("/learning/study-sessions", response=list[StudyOut], summary="学法活动")
def list_sessions(
    request: HttpRequest, year: api_params.Year | None = None, kind: str = ""
) -> list[StudySession]:
    return list(selectors.sessions_for(api_params.actor(request), year=year, kind=kind)[:500])


@router.post("/learning/study-sessions", response={201: StudyOut}, summary="登记学法活动")
def record_session(request: HttpRequest, payload: StudyIn) -> Status[StudySession]:
    actor = api_params.actor(request)
    data = payload.dict()
    data["attendees"] = _attendees(actor, data.pop("attendee_ids"))
    return Status(201, services.record_study_session(actor, services.StudyInput(**data), materials=[]))


class TrainingOut(Schema):
    id: int
    kind: str
    held_on: datetime.date
    topic: str
    hours: Decimal
    trainer: str
    attendee_ids: list[int]

    @staticmethod
    def resolve_attendee_ids(obj: Training) -> list[int]:
        return sorted(obj.attendees.values_list("pk", flat=True))


class TrainingIn(Schema):
    kind: Annotated[TrainingKind, Choice(TrainingKind, "请选择培训类别。")]
    held_on: datetime.date
    topic: Annotated[str, Required("请填写主题。", max_length=200)]
    hours: Decimal
    trainer: Annotated[str, Required("请填写授课人。", max_length=100)]
    attendee_ids: list[RecordId]


@router.get("/learning/trainings", response=list[TrainingOut], summary="培训")
def list_trainings(
    request: HttpRequest, year: api_params.Year | None = None, kind: str = ""
) -> list[Training]:
    return list(selectors.trainings_for(api_params.actor(request), year=year, kind=kind)[:500])


@router.post("/learning/trainings", response={201: TrainingOut}, summary="登记培训")
def record_training(request: HttpRequest, payload: TrainingIn) -> Status[Training]:
    actor = api_params.actor(request)
    data = payload.dict()
    data["attendees"] = _attendees(actor, data.pop("attendee_ids"))
    return Status(201, services.record_training(actor, services.TrainingInput(**data), materials=[]))


class HoursOut(Schema):
    staff_id: int
    name: str
    hours: Decimal
    target: Decimal
    below_target: bool


@router.get("/learning/hours", response=list[HoursOut], summary="执法人员年度培训学时")
def hours(request: HttpRequest, year: api_params.Year | None = None) -> list[dict[str, object]]:
    root = permissions.scope_root(api_params.actor(request))
    if root is None:
        return []
    rows = selectors.hours_by_officer(root, year=year or timezone.localdate().year)
    return [
        {
            "staff_id": row.person.pk,
            "name": row.person.full_name,
            "hours": row.hours,
            "target": row.target,
            "below_target": row.below_target,
        }
        for row in rows
    ]
