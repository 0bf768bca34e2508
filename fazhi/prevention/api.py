"""Prevention endpoints: the roster, a member's entry and end of service, the activity log and the
year's figures, with the same services, rules and errors as the pages."""

from __future__ import annotations

import dataclasses
import datetime
from typing import Annotated

from django.http import HttpRequest
from ninja import Field, Router, Schema, Status

from fazhi.core import api_params, permissions
from fazhi.core.api_input import Choice, OptionalText, RecordId, Required
from fazhi.core.errors import InvalidInput
from fazhi.core.models import Organisation, Staff
from fazhi.prevention import selectors, services
from fazhi.prevention.models import (
    ActivityChannel,
    ActivityKind,
    CommunityVolunteer,
    PreventionActivity,
    VolunteerRole,
)

router = Router(tags=["群防群治与普法宣传"])


class VolunteerOut(Schema):
    id: int
    name: str
    phone: str
    role: str
    village_id: int
    village: str
    joined_on: datetime.date
    left_on: datetime.date | None
    left_reason: str

    @staticmethod
    def resolve_village(obj: CommunityVolunteer) -> str:
        return obj.village.name


@router.get("/prevention/volunteers", response=list[VolunteerOut], summary="群防群治队伍名册")
def list_volunteers(
    request: HttpRequest,
    role: str = "",
    village_id: RecordId | None = None,
    limit: api_params.Limit = 50,
    offset: api_params.Offset = 0,
) -> list[CommunityVolunteer]:
    roster = selectors.roster_for(api_params.actor(request), role=role, village_id=village_id)
    return list(api_params.page(roster, limit, offset))


@router.get("/prevention/volunteers/{id:volunteer_id}", response=VolunteerOut, summary="群防群治队员")
def get_volunteer(request: HttpRequest, volunteer_id: int) -> CommunityVolunteer:
    return selectors.access_volunteer(api_params.actor(request), volunteer_id)


class VolunteerIn(Schema):
    name: Annotated[str, Required("请填写队员姓名。", max_length=50)]
    role: Annotated[
        VolunteerRole, Choice(VolunteerRole, "请选择队员身份（楼栋长、老党员、网格员、平安志愿者或其他）。")
    ]
    village_id: RecordId
    joined_on: datetime.date
    phone: OptionalText = Field("", max_length=20)


def _village(actor: Staff, village_id: int) -> Organisation | None:
    """None for an unknown or hidden id: the service then says which villages may be chosen."""
    return selectors.villages_for(actor).filter(pk=village_id).first()


@router.post("/prevention/volunteers", response={201: VolunteerOut}, summary="登记群防群治队员")
def add_volunteer(request: HttpRequest, payload: VolunteerIn) -> Status[CommunityVolunteer]:
    actor = api_params.actor(request)
    volunteer = services.add_volunteer(
        actor,
        name=payload.name,
        role=payload.role,
        village=_village(actor, payload.village_id),
        joined_on=payload.joined_on,
        phone=payload.phone,
    )
    return Status(201, selectors.access_volunteer(actor, volunteer.pk))


class EndServiceIn(Schema):
    left_on: datetime.date
    reason: Annotated[str, Required("请填写退出原因。", max_length=200)]


@router.post(
    "/prevention/volunteers/{id:volunteer_id}/end-service", response=VolunteerOut, summary="队员退出"
)
def end_service(request: HttpRequest, volunteer_id: int, payload: EndServiceIn) -> CommunityVolunteer:
    actor = api_params.actor(request)
    volunteer = selectors.access_volunteer(actor, volunteer_id)
    services.end_service(actor, volunteer, left_on=payload.left_on, reason=payload.reason)
    return selectors.access_volunteer(actor, volunteer_id)


class ActivityOut(Schema):
    id: int
    held_on: datetime.date
    place: str
    kind: str
    channel: str
    is_publicity: bool
    description: str
    materials_handed_out: int
    people_reached: int
    volunteer_ids: list[int]

    @staticmethod
    def resolve_volunteer_ids(obj: PreventionActivity) -> list[int]:
        return sorted(obj.volunteers.values_list("pk", flat=True))


@router.get("/prevention/activities", response=list[ActivityOut], summary="群防群治、普法宣传活动台账")
def list_activities(
    request: HttpRequest,
    kind: str = "",
    channel: str = "",
    year: api_params.Year | None = None,
    month: api_params.Month | None = None,
    limit: api_params.Limit = 50,
    offset: api_params.Offset = 0,
) -> list[PreventionActivity]:
    activities = selectors.activities_for(
        api_params.actor(request),
        kind=kind,
        channel=channel,
        year=year,
        month=month,
    )
    return list(api_params.page(activities.prefetch_related("volunteers"), limit, offset))


@router.get("/prevention/activities/{id:activity_id}", response=ActivityOut, summary="活动")
def get_activity(request: HttpRequest, activity_id: int) -> PreventionActivity:
    return selectors.access_activity(api_params.actor(request), activity_id)


class ActivityIn(Schema):
    held_on: datetime.date
    place: Annotated[str, Required("请填写活动地点。", max_length=100)]
    kind: Annotated[ActivityKind, Choice(ActivityKind, "请选择活动类别。")]
    channel: Annotated[ActivityChannel, Choice(ActivityChannel)]
    description: OptionalText = ""
    materials_handed_out: int = 0
    people_reached: int = 0
    volunteer_ids: list[RecordId] = []


def _volunteers(actor: Staff, ids: list[int]) -> list[CommunityVolunteer]:
    members = list(selectors.volunteers_for(actor).filter(pk__in=ids))
    if len(members) != len(set(ids)):
        raise InvalidInput(
            "参加队员中有不属于本镇（街道）的人员。",
            field_errors={"volunteer_ids": "参加队员应为本镇（街道）的群防群治队员。"},
        )
    return members


@router.post("/prevention/activities", response={201: ActivityOut}, summary="登记群防群治、普法宣传活动")
def record_activity(request: HttpRequest, payload: ActivityIn) -> Status[PreventionActivity]:
    actor = api_params.actor(request)
    activity = services.record_activity(
        actor,
        held_on=payload.held_on,
        place=payload.place,
        kind=payload.kind,
        channel=payload.channel,
        description=payload.description,
        materials_handed_out=payload.materials_handed_out,
        people_reached=payload.people_reached,
        volunteers=_volunteers(actor, payload.volunteer_ids),
    )
    return Status(201, activity)


class KindMonthOut(Schema):
    kind: str
    label: str
    is_publicity: bool
    month: int
    activities: int
    materials_handed_out: int
    people_reached: int


class YearCountsOut(Schema):
    year: int
    members_at_year_end: int
    headcount: str
    joined: int
    left: int
    activities_by_kind: dict[str, int]
    activities: int
    publicity_events: int
    materials_handed_out: int
    people_reached: int
    by_kind_and_month: list[KindMonthOut]


@router.get("/prevention/statistics", response=YearCountsOut, summary="群防群治、普法宣传年度统计")
def statistics(request: HttpRequest, year: api_params.Year | None = None) -> dict[str, object]:
    year = api_params.year(year)
    root = permissions.scope_root(api_params.actor(request))
    if root is None:
        raise InvalidInput("您的账号未分配到可查看的单位。")
    counts = selectors.counts_for_year(root, year=year)
    return {
        **dataclasses.asdict(counts),
        "headcount": counts.headcount,
        "by_kind_and_month": selectors.kind_month_breakdown(root, year=year),
    }
