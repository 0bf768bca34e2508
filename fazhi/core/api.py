"""Core endpoints: organisations, staff and parties. Thin: parse, call a selector or service, shape."""

from __future__ import annotations

import dataclasses
import datetime
from typing import Annotated

from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Router, Schema, Status

from fazhi.core import api_params, selectors, services, todos
from fazhi.core.api_input import Choice, OptionalText, RecordId, Required
from fazhi.core.errors import InvalidInput
from fazhi.core.models import (
    ApiToken,
    HolidayOverride,
    Notification,
    Organisation,
    OrganisationKind,
    Party,
    PartyKind,
    Staff,
)
from fazhi.core.permissions import roles_of
from fazhi.core.roles import Role

router = Router()


class OrganisationOut(Schema):
    id: int
    name: str
    kind: str
    parent_id: int | None
    division_code: str
    uscc: str
    organ_code: str


class OrganisationIn(Schema):
    name: Annotated[str, Required("请填写名称。", max_length=100)]
    kind: Annotated[OrganisationKind, Choice(OrganisationKind)]
    parent_id: RecordId
    division_code: str = ""
    uscc: str = ""
    organ_code: str = ""


@router.get("/organisations", response=list[OrganisationOut], summary="列出可见的组织机构")
def list_organisations(
    request: HttpRequest,
    q: str = "",
    kind: str = "",
    limit: api_params.Limit = 50,
    offset: api_params.Offset = 0,
) -> list[object]:
    organisations = selectors.list_organisations_for(api_params.actor(request), search=q, kind=kind)
    return list(api_params.page(organisations, limit, offset))


@router.get("/organisations/{id:organisation_id}", response=OrganisationOut, summary="读取组织机构")
def get_organisation(request: HttpRequest, organisation_id: int) -> Organisation:
    return selectors.access_organisation(api_params.actor(request), organisation_id)


@router.post("/organisations", response={201: OrganisationOut}, summary="设立组织机构")
def create_organisation(request: HttpRequest, payload: OrganisationIn) -> Status[Organisation]:
    actor = api_params.actor(request)
    parent = selectors.access_organisation(actor, payload.parent_id)
    organisation = services.create_organisation(
        actor,
        parent=parent,
        name=payload.name,
        kind=payload.kind,
        division_code=payload.division_code,
        uscc=payload.uscc,
        organ_code=payload.organ_code,
    )
    return Status(201, organisation)


class StaffOut(Schema):
    id: int
    username: str
    full_name: str
    organisation_id: int | None
    position: str
    is_active: bool
    roles: list[str]

    @staticmethod
    def resolve_roles(obj: Staff) -> list[str]:
        return sorted(roles_of(obj))


class StaffIn(Schema):
    username: OptionalText = Field(max_length=50)
    full_name: Annotated[str, Required("请填写姓名。", max_length=50)]
    organisation_id: RecordId
    password: str = Field(max_length=128)
    roles: list[Annotated[Role, Choice(Role)]] = []
    position: OptionalText = Field("", max_length=50)
    phone: OptionalText = Field("", max_length=20)
    legal_qualification_no: OptionalText = Field("", max_length=30)
    is_principal_leader: bool = False


@router.get("/staff", response=list[StaffOut], summary="列出可见的工作人员")
def list_staff(
    request: HttpRequest,
    q: str = "",
    role: str = "",
    limit: api_params.Limit = 50,
    offset: api_params.Offset = 0,
) -> list[object]:
    staff = selectors.list_staff_for(api_params.actor(request), search=q, role=role)
    return list(api_params.page(staff, limit, offset))


@router.get("/staff/{id:staff_id}", response=StaffOut, summary="读取工作人员")
def get_staff(request: HttpRequest, staff_id: int) -> Staff:
    return selectors.access_staff(api_params.actor(request), staff_id)


@router.post("/staff", response={201: StaffOut}, summary="添加工作人员")
def create_staff(request: HttpRequest, payload: StaffIn) -> Status[Staff]:
    actor = api_params.actor(request)
    organisation = selectors.access_organisation(actor, payload.organisation_id)
    data = payload.dict(exclude={"organisation_id"})
    return Status(201, services.create_staff(actor, organisation=organisation, **data))


class PartyOut(Schema):
    id: int
    kind: str
    name: str
    id_type: str
    id_number: str
    birth_date: datetime.date | None
    sex: str
    uscc: str
    legal_representative: str
    business_registration_no: str
    address: str
    phone: str
    organisation_id: int


class PartyListOut(Schema):
    id: int
    kind: str
    name: str
    id_type: str
    id_number: str
    uscc: str


class PartyIn(Schema):
    kind: Annotated[PartyKind, Choice(PartyKind, "请选择当事人类型。")]
    name: Annotated[str, Required("请填写姓名或名称。", max_length=200)]
    id_type: str = ""
    id_number: str = Field("", max_length=40)
    birth_date: datetime.date | None = None
    uscc: str = Field("", max_length=30)
    legal_representative: str = Field("", max_length=50)
    business_registration_no: str = Field("", max_length=30)
    address: str = Field("", max_length=200)
    phone: str = Field("", max_length=30)


def party_choice(
    party_id: int | None,
    new_party: PartyIn | None,
    *,
    id_field: str = "party_id",
    new_field: str = "new_party",
) -> services.PartyChoice:
    """The party a record names in the API: `party_id`, one of the town's parties, or `new_party`, one to
    register with the record (the same checks as POST /parties); exactly one of the two."""
    if (party_id is None) == (new_party is None):
        message = "请填写当事人编号（%(i)s）或新当事人信息（%(n)s），二者选一。" % {
            "i": id_field,
            "n": new_field,
        }
        raise InvalidInput(message, field_errors={id_field: message})
    if new_party is not None:
        return services.PartyChoice(new=services.PartyInput(**new_party.dict()), new_field=new_field)
    return services.PartyChoice(party_id=party_id, field=id_field)


def party_choices(
    party_ids: list[int], new_parties: list[PartyIn], *, id_field: str, new_field: str
) -> list[services.PartyChoice]:
    """A list of parties (visitors, petitioners): ids and new ones, each refusal naming its line
    (第2行) in its own list."""
    return [
        *(
            services.PartyChoice(party_id=party_id, field=id_field, line=line)
            for line, party_id in enumerate(party_ids, start=1)
        ),
        *(
            services.PartyChoice(new=services.PartyInput(**party.dict()), field=new_field, line=line)
            for line, party in enumerate(new_parties, start=1)
        ),
    ]


class PartyCreatedOut(Schema):
    party: PartyOut
    warnings: list[str]


@router.get("/parties", response=list[PartyListOut], summary="检索当事人")
def list_parties(
    request: HttpRequest,
    q: str = "",
    kind: str = "",
    limit: api_params.Limit = 50,
    offset: api_params.Offset = 0,
) -> list[object]:
    parties = selectors.search_parties_for(api_params.actor(request), query=q, kind=kind)
    return list(api_params.page(parties, limit, offset))


@router.get("/parties/{id:party_id}", response=PartyOut, summary="读取当事人")
def get_party(request: HttpRequest, party_id: int) -> Party:
    return selectors.access_party(api_params.actor(request), party_id)


@router.post("/parties", response={201: PartyCreatedOut}, summary="登记当事人")
def register_party(request: HttpRequest, payload: PartyIn) -> Status[dict[str, object]]:
    result = services.register_party(api_params.actor(request), services.PartyInput(**payload.dict()))
    return Status(201, {"party": result.party, "warnings": list(result.warnings)})


class HolidayOverrideIn(Schema):
    day: datetime.date
    is_working_day: bool = False
    name: Annotated[str, Required("请填写名称，如：春节、国庆节调休。", max_length=50)]
    source: OptionalText = Field("", max_length=200)


class HolidayOverrideOut(Schema):
    id: int
    day: datetime.date
    is_working_day: bool
    name: str
    source: str


@router.get("/calendar/overrides", response=list[HolidayOverrideOut], summary="节假日调整表")
def list_holiday_overrides(
    request: HttpRequest, year: api_params.Year | None = None
) -> list[HolidayOverride]:
    return list(selectors.holiday_overrides_in(api_params.year(year)))


@router.post(
    "/calendar/overrides",
    response={201: HolidayOverrideOut},
    summary="录入节假日调整（平台或区级管理员；影响所有镇街的期限）",
)
def save_holiday_override(request: HttpRequest, payload: HolidayOverrideIn) -> Status[HolidayOverride]:
    return Status(201, services.save_holiday_override(api_params.actor(request), **payload.dict()))


class TokenOut(Schema):
    id: int
    staff_id: int
    staff: str
    label: str
    created_at: datetime.datetime
    expires_at: datetime.datetime
    last_used_at: datetime.datetime | None
    revoked_at: datetime.datetime | None
    state: str

    @staticmethod
    def resolve_staff(obj: ApiToken) -> str:
        return obj.staff.username


@router.get("/tokens", response=list[TokenOut], summary="接口令牌（本人的；管理员另见本单位人员的）")
def list_tokens(
    request: HttpRequest, limit: api_params.Limit = 50, offset: api_params.Offset = 0
) -> list[ApiToken]:
    return list(api_params.page(selectors.tokens_for(api_params.actor(request)), limit, offset))


@router.delete("/tokens/{id:token_id}", response=TokenOut, summary="撤销接口令牌（本人或管理员）")
def revoke_token(request: HttpRequest, token_id: int) -> ApiToken:
    return services.revoke_api_token(api_params.actor(request), token_id)


# ------------------------------------------------------------------------------------ 待办 and messages


class TodoOut(Schema):
    kind: str
    kind_label: str
    title: str
    record_type: str
    record_id: int
    step: str
    step_label: str
    why: str
    due_on: datetime.date | None
    due_basis: str
    overdue: bool
    url: str


TaskKind = Annotated[str, Field(max_length=40, description="事项类型（kind），空为全部")]


@router.get(
    "/tasks", response=list[TodoOut], summary="我的待办：每项的记录、环节、期限和办理链接，期限最近的在前"
)
def list_tasks(
    request: HttpRequest, kind: TaskKind = "", overdue: bool | None = None
) -> list[dict[str, object]]:
    today = timezone.localdate()
    return [
        {
            **dataclasses.asdict(todo),
            "kind_label": todos.kind(todo.kind).label,
            "overdue": todo.overdue(today),
        }
        for todo in todos.for_actor(api_params.actor(request), today)
        if (not kind or todo.kind == kind) and (overdue is None or todo.overdue(today) == overdue)
    ]


class NotificationOut(Schema):
    id: int
    day: datetime.date
    text: str
    url: str
    unread: bool

    @staticmethod
    def resolve_unread(obj: Notification) -> bool:
        return obj.read_at is None


@router.get("/notifications", response=list[NotificationOut], summary="我的提醒，最新的在前")
def list_notifications(
    request: HttpRequest, unread: bool = False, limit: api_params.Limit = 50, offset: api_params.Offset = 0
) -> list[Notification]:
    found = selectors.notifications_of(api_params.actor(request), unread=unread).order_by("-day", "-id")
    return list(api_params.page(found, limit, offset))


@router.post(
    "/notifications/{id:notification_id}/read", response=NotificationOut, summary="将一条提醒标为已读"
)
def read_notification(request: HttpRequest, notification_id: int) -> Notification:
    actor = api_params.actor(request)
    found = selectors.access_notification(actor, notification_id)
    services.mark_notification_read(actor, found.pk)
    found.refresh_from_db()
    return found
