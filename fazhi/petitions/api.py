"""Petition endpoints: registration, the acceptance decision, the extension, the 处理意见书, 复查 and
复核, key matters and the contacts with their petitioners, the year's counts and the key matters board,
with the same services, rules and errors as the pages."""

from __future__ import annotations

import datetime
from typing import Annotated

from django.http import HttpRequest
from ninja import Field, Router, Schema, Status

from fazhi.core import api_params, permissions
from fazhi.core.api import PartyIn, party_choices
from fazhi.core.api_input import Choice, OptionalText, RecordId, Required
from fazhi.core.errors import InvalidInput, NotFoundOrHidden
from fazhi.petitions import selectors, services
from fazhi.petitions.models import (
    Channel,
    ContactMethod,
    Decision,
    Extension,
    Opinion,
    Petition,
    PetitionContact,
    Review,
    ReviewResult,
)

router = Router(tags=["信访"])


class PetitionOut(Schema):
    id: int
    tracking_number: str
    received_on: datetime.date
    channel: str
    person_count: int
    petitioner_ids: list[int]
    status: str
    notice_due_on: datetime.date
    decided_on: datetime.date | None
    notice_on: datetime.date | None
    due_on: datetime.date | None
    concluded_on: datetime.date | None
    is_key: bool

    @staticmethod
    def resolve_petitioner_ids(petition: Petition) -> list[int]:
        return sorted(party.pk for party in petition.petitioners.all())


@router.get("/petitions", response=list[PetitionOut], summary="信访事项")
def list_petitions(
    request: HttpRequest, limit: api_params.Limit = 50, offset: api_params.Offset = 0
) -> list[Petition]:
    petitions = selectors.petitions_for(api_params.actor(request)).prefetch_related("petitioners")
    return list(api_params.page(petitions, limit, offset))


class PetitionIn(Schema):
    received_on: datetime.date
    channel: Annotated[Channel, Choice(Channel, "请选择信访形式（信息网络、书信、走访、电话、传真）。")]
    person_count: int = Field(ge=1)
    petitioner_ids: list[RecordId] = []
    new_petitioners: list[PartyIn] = []
    request: Annotated[str, Required("请填写信访请求。")]
    facts_and_reasons: Annotated[str, Required("请填写事实和理由。")]
    address: OptionalText = Field("", max_length=200)
    earlier_tracking_number: OptionalText = ""


@router.post("/petitions", response={201: PetitionOut}, summary="信访事项登记")
def register(request: HttpRequest, payload: PetitionIn) -> Status[Petition]:
    actor = api_params.actor(request)
    data = services.PetitionInput(
        received_on=payload.received_on,
        channel=payload.channel,
        person_count=payload.person_count,
        petitioners=list(
            party_choices(
                payload.petitioner_ids,
                payload.new_petitioners,
                id_field="petitioner_ids",
                new_field="new_petitioners",
            )
        ),
        request=payload.request,
        facts_and_reasons=payload.facts_and_reasons,
        address=payload.address,
        earlier=selectors.find_earlier(actor, payload.earlier_tracking_number),
    )
    return Status(201, services.register_petition(actor, data))


class CountsOut(Schema):
    received: int
    persons: int
    accepted: int
    not_accepted: int
    concluded: int
    concluded_on_time: int
    key: int
    key_cleared: int
    reviews_requested: int
    re_reviews_requested: int
    by_channel: dict[str, int]


@router.get("/petitions/statistics", response=CountsOut, summary="信访事项年度统计")
def statistics(request: HttpRequest, year: api_params.Year | None = None) -> selectors.PetitionCounts:
    root = permissions.scope_root(api_params.actor(request))
    if root is None:
        raise NotFoundOrHidden()
    return selectors.counts_for_year(root, year=api_params.year(year))


class KeyMatterRowOut(Schema):
    petition_id: int
    tracking_number: str
    received_on: datetime.date
    leader: str
    team: list[str]
    due_on: datetime.date | None
    concluded_on: datetime.date | None
    extended_days: int
    state: str


class KeyMattersOut(Schema):
    year: int
    as_of: datetime.date
    all_cleared: bool
    rows: list[KeyMatterRowOut]


@router.get("/petitions/key-matters", response=KeyMattersOut, summary="重点信访事项清仓见底")
def key_matters(request: HttpRequest, year: api_params.Year | None = None) -> selectors.KeyMattersBoard:
    root = permissions.scope_root(api_params.actor(request))
    if root is None:
        raise NotFoundOrHidden()
    return selectors.key_matters_board(root, year=api_params.year(year))


@router.get("/petitions/{id:petition_id}", response=PetitionOut, summary="信访事项详情")
def detail(request: HttpRequest, petition_id: int) -> Petition:
    return selectors.access_petition(api_params.actor(request), petition_id)


class AcceptIn(Schema):
    decided_on: datetime.date
    notice_on: datetime.date
    note: OptionalText = ""


@router.post("/petitions/{id:petition_id}/accept", response=PetitionOut, summary="受理并书面告知")
def accept(request: HttpRequest, petition_id: int, payload: AcceptIn) -> Petition:
    actor = api_params.actor(request)
    return services.accept_petition(actor, selectors.access_petition(actor, petition_id), **payload.dict())


class DeclineIn(Schema):
    decided_on: datetime.date
    notice_on: datetime.date
    reason: Annotated[str, Required("请写明不予受理的理由。")]
    route: Annotated[
        str,
        Required("请写明告知信访人的途径（如向有权处理的机关提出，或依法申请仲裁、行政复议、提起诉讼）。"),
    ]


@router.post("/petitions/{id:petition_id}/decline", response=PetitionOut, summary="不予受理并书面告知")
def decline(request: HttpRequest, petition_id: int, payload: DeclineIn) -> Petition:
    actor = api_params.actor(request)
    return services.decline_petition(actor, selectors.access_petition(actor, petition_id), **payload.dict())


class PetitionExtendIn(Schema):
    days: int = Field(ge=1)
    reason: Annotated[str, Required("请写明延期理由（须告知信访人）。")]
    approved_on: datetime.date
    notice_on: datetime.date


class ExtensionOut(Schema):
    days: int
    reason: str
    approved_on: datetime.date
    notice_on: datetime.date
    previous_due_on: datetime.date
    due_on: datetime.date


@router.post(
    "/petitions/{id:petition_id}/extend", response=ExtensionOut, summary="延长办理期限（负责人批准）"
)
def extend(request: HttpRequest, petition_id: int, payload: PetitionExtendIn) -> Extension:
    actor = api_params.actor(request)
    return services.extend_handling(actor, selectors.access_petition(actor, petition_id), **payload.dict())


class OpinionIn(Schema):
    request: Annotated[str, Required("请填写信访请求。")]
    facts: Annotated[str, Required("请填写查明的事实。")]
    reasons: Annotated[str, Required("请填写理由。")]
    decision: Annotated[Decision, Choice(Decision, "请选择处理意见：予以支持、解释说明或不予支持。")]
    basis: Annotated[str, Required("请填写处理意见的法律、法规、规章或者其他有关规定依据。")]
    issued_on: datetime.date
    served_on: datetime.date


class OpinionOut(Schema):
    number: str
    decision: str
    issued_on: datetime.date
    served_on: datetime.date

    @staticmethod
    def resolve_number(opinion: Opinion) -> str:
        return opinion.number.text


@router.post("/petitions/{id:petition_id}/opinion", response={201: OpinionOut}, summary="出具信访处理意见书")
def issue_opinion(request: HttpRequest, petition_id: int, payload: OpinionIn) -> Status[Opinion]:
    actor = api_params.actor(request)
    petition = selectors.access_petition(actor, petition_id)
    return Status(201, services.issue_opinion(actor, petition, services.OpinionInput(**payload.dict())))


class ReviewRequestIn(Schema):
    requested_on: datetime.date
    reason: Annotated[str, Required("请填写请求复查的理由。")]


class PetitionReviewOut(Schema):
    level: str
    requested_on: datetime.date
    reason: str
    due_on: datetime.date
    hearing_days: int
    answered_on: datetime.date | None
    result: str
    opinion: str
    served_on: datetime.date | None


@router.post("/petitions/{id:petition_id}/review", response={201: PetitionReviewOut}, summary="请求复查")
def request_review(request: HttpRequest, petition_id: int, payload: ReviewRequestIn) -> Status[Review]:
    actor = api_params.actor(request)
    petition = selectors.access_petition(actor, petition_id)
    return Status(201, services.request_review(actor, petition, **payload.dict()))


class ReviewAnswerIn(Schema):
    answered_on: datetime.date
    result: Annotated[ReviewResult, Choice(ReviewResult, "请选择复查结论。")]
    opinion: Annotated[str, Required("请填写复查意见。")]
    served_on: datetime.date


@router.post("/petitions/{id:petition_id}/review/answer", response=PetitionReviewOut, summary="登记复查意见")
def answer_review(request: HttpRequest, petition_id: int, payload: ReviewAnswerIn) -> Review:
    actor = api_params.actor(request)
    petition = selectors.access_petition(actor, petition_id)
    return services.record_review_opinion(actor, petition, services.ReviewAnswerInput(**payload.dict()))


class ReReviewRequestIn(Schema):
    requested_on: datetime.date
    reason: Annotated[str, Required("请填写请求复核的理由。")]


@router.post("/petitions/{id:petition_id}/re-review", response={201: PetitionReviewOut}, summary="请求复核")
def request_re_review(request: HttpRequest, petition_id: int, payload: ReReviewRequestIn) -> Status[Review]:
    actor = api_params.actor(request)
    petition = selectors.access_petition(actor, petition_id)
    return Status(201, services.request_re_review(actor, petition, **payload.dict()))


class ReReviewAnswerIn(Schema):
    answered_on: datetime.date
    result: Annotated[ReviewResult, Choice(ReviewResult, "请选择复核结论。")]
    opinion: Annotated[str, Required("请填写复核意见。")]
    served_on: datetime.date
    hearing_days: int = Field(0, ge=0)


@router.post(
    "/petitions/{id:petition_id}/re-review/answer", response=PetitionReviewOut, summary="登记复核意见"
)
def answer_re_review(request: HttpRequest, petition_id: int, payload: ReReviewAnswerIn) -> Review:
    actor = api_params.actor(request)
    petition = selectors.access_petition(actor, petition_id)
    return services.record_re_review_opinion(actor, petition, services.ReviewAnswerInput(**payload.dict()))


class KeyMatterIn(Schema):
    leader_id: RecordId
    team_ids: list[RecordId]


@router.post("/petitions/{id:petition_id}/key-matter", response=PetitionOut, summary="列为重点信访事项")
def mark_key_matter(request: HttpRequest, petition_id: int, payload: KeyMatterIn) -> Petition:
    actor = api_params.actor(request)
    petition = selectors.access_petition(actor, petition_id)
    leader = selectors.town_staff(actor).filter(pk=payload.leader_id).first()
    team = list(selectors.town_staff(actor).filter(pk__in=payload.team_ids))
    if len(team) != len(set(payload.team_ids)):
        raise InvalidInput(
            "工作专班成员应为本镇（街道）的工作人员。", field_errors={"team_ids": "未找到该工作人员。"}
        )
    return services.mark_key_matter(actor, petition, leader=leader, team=team)


class PetitionContactIn(Schema):
    contacted_on: datetime.date
    method: Annotated[
        ContactMethod, Choice(ContactMethod, "请选择沟通方式：约访、电话沟通、走访、书面答复或其他。")
    ]
    made_by_id: RecordId
    summary: Annotated[str, Required("请填写沟通情况。")]


class PetitionContactOut(Schema):
    id: int
    contacted_on: datetime.date
    method: str
    made_by_id: int
    summary: str


@router.post(
    "/petitions/{id:petition_id}/contacts", response={201: PetitionContactOut}, summary="登记与信访人沟通情况"
)
def record_contact(
    request: HttpRequest, petition_id: int, payload: PetitionContactIn
) -> Status[PetitionContact]:
    actor = api_params.actor(request)
    petition = selectors.access_petition(actor, petition_id)
    made_by = selectors.town_staff(actor).filter(pk=payload.made_by_id).first()
    if made_by is None:
        raise InvalidInput(
            "沟通人员应为本镇（街道）的工作人员。", field_errors={"made_by_id": "未找到该工作人员。"}
        )
    contact = services.record_contact(
        actor,
        petition,
        contacted_on=payload.contacted_on,
        method=payload.method,
        made_by=made_by,
        summary=payload.summary,
    )
    return Status(201, contact)
