"""Major decision endpoints: every staff action of the decision pages, with the same services, rules and
errors. (Citizens comment on the portal's page.)"""

from __future__ import annotations

import datetime
from typing import Annotated

from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, File, Form, Router, Schema, Status, UploadedFile

from fazhi.core import api_params, files, permissions
from fazhi.core import selectors as core_selectors
from fazhi.core.api_input import Choice, OptionalText, RecordId, Required
from fazhi.core.errors import NotFoundOrHidden
from fazhi.core.models import Staff
from fazhi.decisions import rules, selectors, services
from fazhi.decisions.models import Answer, AssessmentKind, CatalogueItem, MajorDecision, Outcome

router = Router(tags=["重大行政决策"])


class MajorDecisionOut(Schema):
    id: int
    title: str
    status: str
    needs_expert: bool
    needs_risk: bool
    published_on: datetime.date | None
    blocked_for_discussion: list[str]

    @staticmethod
    def resolve_title(obj: MajorDecision) -> str:
        return obj.catalogue_item.title

    @staticmethod
    def resolve_blocked_for_discussion(obj: MajorDecision) -> list[str]:
        return rules.missing_for_discussion(selectors.readiness(obj, today=timezone.localdate()))


class CatalogueItemIn(Schema):
    year: int = Field(ge=2000, le=2100)
    title: Annotated[str, Required("请填写决策事项。", max_length=200)]
    department_id: RecordId


class CatalogueItemOut(Schema):
    id: int
    year: int
    title: str
    department_id: int
    published_at: datetime.datetime | None


@router.get("/decisions/catalogue", response=list[CatalogueItemOut], summary="决策事项目录")
def catalogue(request: HttpRequest, year: api_params.Year) -> list[CatalogueItem]:
    return list(selectors.catalogue_for(api_params.actor(request), year=year))


@router.post("/decisions/catalogue", response={201: CatalogueItemOut}, summary="列入决策事项目录")
def add_item(request: HttpRequest, payload: CatalogueItemIn) -> Status[CatalogueItem]:
    actor = api_params.actor(request)
    department = core_selectors.departments_of(actor).filter(pk=payload.department_id).first()
    if department is None:
        raise NotFoundOrHidden()
    return Status(
        201, services.add_catalogue_item(actor, year=payload.year, title=payload.title, department=department)
    )


class RegisterIn(Schema):
    catalogue_item_id: RecordId
    summary: Annotated[str, Required("请填写决策草案说明。")]
    needs_expert: bool = False
    needs_risk: bool = False


@router.post("/decisions", response={201: MajorDecisionOut}, summary="决策启动")
def register(request: HttpRequest, payload: RegisterIn) -> Status[MajorDecision]:
    actor = api_params.actor(request)
    item = selectors.access_catalogue_item(actor, payload.catalogue_item_id)
    decision = services.register_decision(
        actor, item, summary=payload.summary, needs_expert=payload.needs_expert, needs_risk=payload.needs_risk
    )
    return Status(201, decision)


@router.get("/decisions/{id:decision_id}", response=MajorDecisionOut, summary="读取决策")
def get_decision(request: HttpRequest, decision_id: int) -> MajorDecision:
    return selectors.access_decision(api_params.actor(request), decision_id)


class CommentPeriodIn(Schema):
    draft: Annotated[str, Required("请填写征求意见稿。")]
    opens_on: datetime.date
    closes_on: datetime.date


@router.post("/decisions/{id:decision_id}/comment-period", response=MajorDecisionOut, summary="公开征求意见")
def open_comments(request: HttpRequest, decision_id: int, payload: CommentPeriodIn) -> MajorDecision:
    actor = api_params.actor(request)
    services.open_comment_period(actor, selectors.access_decision(actor, decision_id), **payload.dict())
    return selectors.access_decision(actor, decision_id)


class ModerateIn(Schema):
    approve: bool


@router.post(
    "/decisions/comments/{id:comment_id}/moderate", response=MajorDecisionOut, summary="审核公众意见"
)
def moderate(request: HttpRequest, comment_id: int, payload: ModerateIn) -> MajorDecision:
    actor = api_params.actor(request)
    comment = selectors.access_comment(actor, comment_id)
    services.moderate_comment(actor, comment, approve=payload.approve)
    return comment.period.decision


class AnswerIn(Schema):
    answer: Annotated[Answer, Choice(Answer, "请选择采纳或不采纳。")]
    reason: Annotated[str, Required("请说明理由。")]


@router.post("/decisions/comments/{id:comment_id}/answer", response=MajorDecisionOut, summary="答复公众意见")
def answer(request: HttpRequest, comment_id: int, payload: AnswerIn) -> MajorDecision:
    actor = api_params.actor(request)
    comment = selectors.access_comment(actor, comment_id)
    services.answer_comment(actor, comment, **payload.dict())
    return comment.period.decision


class AssessmentIn(Schema):
    kind: Annotated[AssessmentKind, Choice(AssessmentKind, "请选择专家论证或风险评估。")]
    held_on: datetime.date
    assessors: Annotated[str, Required("请填写专家或评估机构。", max_length=300)]
    conclusion: Annotated[str, Required("请填写结论。")]


@router.post(
    "/decisions/{id:decision_id}/assessments", response=MajorDecisionOut, summary="专家论证或风险评估"
)
def assess(request: HttpRequest, decision_id: int, payload: AssessmentIn) -> MajorDecision:
    actor = api_params.actor(request)
    services.record_assessment(actor, selectors.access_decision(actor, decision_id), **payload.dict())
    return selectors.access_decision(actor, decision_id)


class LegalitySubmitIn(Schema):
    due_on: datetime.date


@router.post(
    "/decisions/{id:decision_id}/legality-review", response=MajorDecisionOut, summary="提交合法性审查"
)
def legality_submit(request: HttpRequest, decision_id: int, payload: LegalitySubmitIn) -> MajorDecision:
    actor = api_params.actor(request)
    services.submit_legality_review(
        actor, selectors.access_decision(actor, decision_id), due_on=payload.due_on
    )
    return selectors.access_decision(actor, decision_id)


class LegalityOpinionIn(Schema):
    passed: bool
    opinion: Annotated[str, Required("请填写审查意见。")]


@router.post(
    "/decisions/{id:decision_id}/legality-opinion", response=MajorDecisionOut, summary="出具合法性审查意见"
)
def legality_opinion(request: HttpRequest, decision_id: int, payload: LegalityOpinionIn) -> MajorDecision:
    actor = api_params.actor(request)
    services.give_legality_opinion(actor, selectors.access_decision(actor, decision_id), **payload.dict())
    return selectors.access_decision(actor, decision_id)


class DecisionDiscussionIn(Schema):
    meeting_on: datetime.date
    meeting: Annotated[str, Required("请填写会议名称。", max_length=100)]
    attendee_ids: list[RecordId]
    presided_by_id: RecordId
    head_spoke_last: bool
    outcome: Annotated[Outcome, Choice(Outcome, "请选择决定。")]
    dissent: OptionalText = ""


@router.post("/decisions/{id:decision_id}/discussion", response=MajorDecisionOut, summary="集体讨论决定")
def discuss(request: HttpRequest, decision_id: int, payload: DecisionDiscussionIn) -> MajorDecision:
    actor = api_params.actor(request)
    decision = selectors.access_decision(actor, decision_id)
    people = permissions.visible(actor, Staff.objects.filter(is_active=True))
    attendees = list(people.filter(pk__in=payload.attendee_ids))
    presided_by = people.filter(pk=payload.presided_by_id).first()
    if presided_by is None or len(attendees) != len(set(payload.attendee_ids)):
        raise NotFoundOrHidden()
    data = services.DiscussionInput(
        meeting_on=payload.meeting_on,
        meeting=payload.meeting,
        attendees=attendees,
        presided_by=presided_by,
        head_spoke_last=payload.head_spoke_last,
        outcome=payload.outcome,
        dissent=payload.dissent,
    )
    services.record_discussion(actor, decision, data)
    return selectors.access_decision(actor, decision_id)


class PublishIn(Schema):
    published_on: datetime.date
    where: Annotated[str, Required("请填写公布载体，如：镇政府网站、公示栏。", max_length=200)]


@router.post("/decisions/{id:decision_id}/publish", response=MajorDecisionOut, summary="公布决策")
def publish(request: HttpRequest, decision_id: int, payload: PublishIn) -> MajorDecision:
    actor = api_params.actor(request)
    services.publish_decision(actor, selectors.access_decision(actor, decision_id), **payload.dict())
    return selectors.access_decision(actor, decision_id)


class EvaluationIn(Schema):
    evaluated_on: datetime.date
    evaluator: Annotated[str, Required("请填写评估机构或人员。", max_length=200)]
    conclusion: Annotated[str, Required("请填写评估结论。")]


@router.post("/decisions/{id:decision_id}/evaluations", response=MajorDecisionOut, summary="决策后评估")
def evaluate(request: HttpRequest, decision_id: int, payload: EvaluationIn) -> MajorDecision:
    actor = api_params.actor(request)
    services.record_post_evaluation(actor, selectors.access_decision(actor, decision_id), **payload.dict())
    return selectors.access_decision(actor, decision_id)


class DecisionArchiveOut(Schema):
    archived_on: datetime.date
    sha256: str


@router.post(
    "/decisions/{id:decision_id}/archive", response=DecisionArchiveOut, summary="决策归档（生成档案 zip）"
)
def archive(request: HttpRequest, decision_id: int) -> object:
    actor = api_params.actor(request)
    return services.archive_decision(actor, selectors.access_decision(actor, decision_id))


class PublishedOut(Schema):
    published: int


@router.post("/decisions/catalogue/{int:year}/publish", response=PublishedOut, summary="公布年度决策事项目录")
def publish_catalogue(request: HttpRequest, year: api_params.Year) -> dict[str, int]:
    return {"published": services.publish_catalogue(api_params.actor(request), year=year)}


class StepFileIn(Schema):
    step: str


@router.post(
    "/decisions/{id:decision_id}/files", response=MajorDecisionOut, summary="添加程序环节材料（multipart）"
)
def attach_file(
    request: HttpRequest, decision_id: int, payload: Form[StepFileIn], file: File[UploadedFile]
) -> MajorDecision:
    actor = api_params.actor(request)
    decision = selectors.access_decision(actor, decision_id)
    stored = files.StoredFile(*files.store(file, original_name=file.name or ""))
    services.attach_file(actor, decision, step=payload.step, stored=stored)
    return selectors.access_decision(actor, decision_id)
