"""Contract endpoints: every action of the contract pages, with the same services, rules and errors.
Files (drafts, the signed copy) come as multipart form data."""

from __future__ import annotations

import datetime
from typing import Annotated

from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, File, Form, Router, Schema, Status, UploadedFile

from fazhi.contracts import selectors, services
from fazhi.contracts.models import Contract, ContractKind, ContractMilestone, ReviewOpinion
from fazhi.core import api_params, files
from fazhi.core import selectors as core_selectors
from fazhi.core.api_input import Choice, RecordId, Required
from fazhi.core.errors import NotFoundOrHidden

router = Router(tags=["合同合法性审查"])


def _stored(uploads: list[UploadedFile]) -> list[files.StoredFile]:
    return [files.StoredFile(*files.store(upload, original_name=upload.name or "")) for upload in uploads]


class ContractReviewOut(Schema):
    number: str
    opinion: str
    reasons: str
    reviewed_on: datetime.date
    late: bool

    @staticmethod
    def resolve_number(obj: object) -> str:
        return obj.number.text  # type: ignore[attr-defined, no-any-return]


class ContractOut(Schema):
    id: int
    title: str
    kind: str
    amount_fen: int
    counterparty_id: int
    department_id: int
    status: str
    received_on: datetime.date
    review_due: datetime.date
    possibly_major: bool
    signed_on: datetime.date | None
    filing_due: datetime.date | None
    filed_on: datetime.date | None
    archive_number: str
    reviews: list[ContractReviewOut]

    @staticmethod
    def resolve_reviews(obj: Contract) -> list[object]:
        return list(selectors.reviews_of(obj))


@router.get("/contracts", response=list[ContractOut], summary="合同审查台账")
def list_contracts(
    request: HttpRequest,
    status: str = "",
    kind: str = "",
    year: api_params.Year | None = None,
    overdue: bool = False,
    limit: api_params.Limit = 50,
    offset: api_params.Offset = 0,
) -> list[Contract]:
    filters = selectors.ContractFilters(status=status, kind=kind, year=year, overdue=overdue)
    contracts = selectors.register(api_params.actor(request), filters, today=timezone.localdate())
    return list(api_params.page(contracts.prefetch_related("reviews__number"), limit, offset))


@router.get("/contracts/{id:contract_id}", response=ContractOut, summary="读取合同")
def get_contract(request: HttpRequest, contract_id: int) -> Contract:
    return selectors.access_contract(api_params.actor(request), contract_id)


class ContractIn(Schema):
    title: Annotated[str, Required("请填写合同名称。", max_length=200)]
    kind: Annotated[ContractKind, Choice(ContractKind)]
    amount_fen: int = Field(ge=0)
    counterparty_id: RecordId
    department_id: RecordId
    received_on: datetime.date


@router.post(
    "/contracts", response={201: ContractOut}, summary="合同送审登记（multipart，drafts 为合同文本）"
)
def register_contract(
    request: HttpRequest, payload: Form[ContractIn], drafts: File[list[UploadedFile]]
) -> Status[Contract]:
    actor = api_params.actor(request)
    party = core_selectors.access_party(actor, payload.counterparty_id)
    department = core_selectors.departments_of(actor).filter(pk=payload.department_id).first()
    if department is None:
        raise NotFoundOrHidden()
    data = services.ContractInput(
        title=payload.title,
        kind=payload.kind,
        amount_fen=payload.amount_fen,
        counterparty=party,
        department=department,
        received_on=payload.received_on,
    )
    return Status(201, services.register_contract(actor, data, drafts=_stored(drafts)))


class ContractReviewIn(Schema):
    opinion: Annotated[ReviewOpinion, Choice(ReviewOpinion)]
    reasons: Annotated[str, Required("请写明审查理由；修改后同意的，写明修改意见。")]


@router.post("/contracts/{id:contract_id}/review", response=ContractOut, summary="出具合法性审查意见")
def review(request: HttpRequest, contract_id: int, payload: ContractReviewIn) -> Contract:
    actor = api_params.actor(request)
    contract = selectors.access_contract(actor, contract_id)
    services.review_contract(actor, contract, **payload.dict())
    return selectors.access_contract(actor, contract_id)


class ResubmitIn(Schema):
    received_on: datetime.date


@router.post(
    "/contracts/{id:contract_id}/resubmit", response=ContractOut, summary="修改后重新送审（multipart）"
)
def resubmit(
    request: HttpRequest, contract_id: int, payload: Form[ResubmitIn], drafts: File[list[UploadedFile]]
) -> Contract:
    actor = api_params.actor(request)
    contract = selectors.access_contract(actor, contract_id)
    services.resubmit_contract(actor, contract, received_on=payload.received_on, drafts=_stored(drafts))
    return selectors.access_contract(actor, contract_id)


class SignIn(Schema):
    signed_on: datetime.date
    changes_confirmed: bool = False


@router.post("/contracts/{id:contract_id}/sign", response=ContractOut, summary="签订合同")
def sign(request: HttpRequest, contract_id: int, payload: SignIn) -> Contract:
    actor = api_params.actor(request)
    services.sign_contract(actor, selectors.access_contract(actor, contract_id), **payload.dict())
    return selectors.access_contract(actor, contract_id)


class ContractFileIn(Schema):
    filed_on: datetime.date


@router.post("/contracts/{id:contract_id}/file", response=ContractOut, summary="归档签订文本（multipart）")
def file_contract(
    request: HttpRequest, contract_id: int, payload: Form[ContractFileIn], signed_copy: File[UploadedFile]
) -> Contract:
    actor = api_params.actor(request)
    contract = selectors.access_contract(actor, contract_id)
    [stored] = _stored([signed_copy])
    services.file_contract(actor, contract, signed_copy=stored, filed_on=payload.filed_on)
    return selectors.access_contract(actor, contract_id)


class MilestoneIn(Schema):
    title: Annotated[str, Required("请填写履约事项。", max_length=200)]
    due_on: datetime.date


class MilestoneOut(Schema):
    id: int
    title: str
    due_on: datetime.date
    done_on: datetime.date | None


@router.post("/contracts/{id:contract_id}/milestones", response={201: MilestoneOut}, summary="登记履约节点")
def add_milestone(request: HttpRequest, contract_id: int, payload: MilestoneIn) -> Status[ContractMilestone]:
    actor = api_params.actor(request)
    contract = selectors.access_contract(actor, contract_id)
    return Status(201, services.add_milestone(actor, contract, **payload.dict()))


class MilestoneDoneIn(Schema):
    done_on: datetime.date


@router.post(
    "/contracts/{id:contract_id}/milestones/{id:milestone_id}/done",
    response=MilestoneOut,
    summary="履约节点完成",
)
def complete_milestone(
    request: HttpRequest, contract_id: int, milestone_id: int, payload: MilestoneDoneIn
) -> ContractMilestone:
    actor = api_params.actor(request)
    contract = selectors.access_contract(actor, contract_id)
    milestone = contract.milestones.filter(pk=milestone_id).first()
    if milestone is None:
        raise NotFoundOrHidden()
    return services.complete_milestone(actor, milestone, done_on=payload.done_on)
