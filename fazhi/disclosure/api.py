"""The 双公示 workflow through the API: draft a publication from a decided case with what the privacy
scan finds in it, settle the findings, publish, withdraw, read. The same services and rules as the pages."""

from __future__ import annotations

import datetime
from typing import Annotated

from django.http import HttpRequest
from django.urls import reverse
from ninja import Router, Schema, Status

from fazhi.core import api_params
from fazhi.core.api_input import Choice, OptionalText, Required
from fazhi.disclosure import rules, selectors, services
from fazhi.disclosure.models import Publication, PublicationStatus, ReviewAction, Severity

router = Router(tags=["行政执法公示"])


class PublicationFindingOut(Schema):
    field: str
    kind: str
    label: str
    text: str
    start: int
    end: int
    blocks_publication: bool
    open: bool


class PublicationOut(Schema):
    id: int
    case_id: int
    decision_id: int
    status: str
    due_on: datetime.date
    severity: str
    party_name: str
    party_kind: str
    party_code: str
    legal_representative: str
    decision_number: str
    violation_type: str
    facts: str
    basis: str
    penalty_content: str
    fine_fen: int
    decided_on: datetime.date
    authority: str
    visible_until: datetime.date | None
    content_sha256: str
    published_at: datetime.datetime | None
    withdrawn_at: datetime.datetime | None
    withdrawal_reason: str
    findings: list[PublicationFindingOut]
    public_url: str

    @staticmethod
    def resolve_case_id(obj: Publication) -> int:
        return obj.decision.case_id

    @staticmethod
    def resolve_findings(obj: Publication) -> list[dict[str, object]]:
        """A draft's findings in its free text, each with whether it still blocks publishing."""
        found = []
        for review in selectors.PublicationRowFacts(obj).reviews:
            for finding in review.findings:
                found.append(
                    {
                        "field": review.field,
                        "kind": finding.kind,
                        "label": finding.label,
                        "text": finding.text,
                        "start": finding.start,
                        "end": finding.end,
                        "blocks_publication": finding.blocking,
                        "open": finding in review.open,
                    }
                )
        return found

    @staticmethod
    def resolve_public_url(obj: Publication) -> str:
        if obj.status != PublicationStatus.PUBLISHED:
            return ""
        return reverse("gongshi:detail", args=[obj.pk])


class PublicationDraftIn(Schema):
    severity: Annotated[Severity, Choice(Severity)] = Severity.ORDINARY


class PublicationFindingIn(Schema):
    field: Annotated[str, Choice(list(rules.FREE_TEXT_LABELS.items()))]
    text: Annotated[str, Required("请填写要处理的原文内容。", max_length=200)]
    action: Annotated[ReviewAction, Choice(ReviewAction)]
    reason: OptionalText = ""


class PublicationWithdrawIn(Schema):
    reason: Annotated[str, Required("请写明撤回理由（向社会公开）。", max_length=200)]


@router.post(
    "/cases/{id:case_id}/publication", response={201: PublicationOut}, summary="生成公示稿（附隐私扫描结果）"
)
def draft(request: HttpRequest, case_id: int, payload: PublicationDraftIn) -> Status[Publication]:
    actor = api_params.actor(request)
    decision = selectors.access_case_decision_for_publication(actor, case_id)
    return Status(201, services.prepare_publication(actor, decision, severity=payload.severity))


@router.get("/cases/{id:case_id}/publication", response=PublicationOut, summary="读取案件的公示")
def of_case(request: HttpRequest, case_id: int) -> Publication:
    return selectors.access_case_publication(api_params.actor(request), case_id)


@router.get("/publications/{id:publication_id}", response=PublicationOut, summary="读取公示")
def read(request: HttpRequest, publication_id: int) -> Publication:
    return selectors.access_publication(api_params.actor(request), publication_id)


@router.post(
    "/publications/{id:publication_id}/findings", response=PublicationOut, summary="隐去或保留公开一处内容"
)
def settle_finding(request: HttpRequest, publication_id: int, payload: PublicationFindingIn) -> Publication:
    actor = api_params.actor(request)
    publication = selectors.access_publication(actor, publication_id)
    services.review_finding(actor, publication, **payload.dict())
    return selectors.access_publication(actor, publication_id)


@router.post("/publications/{id:publication_id}/publish", response=PublicationOut, summary="发布公示")
def publish(request: HttpRequest, publication_id: int) -> Publication:
    actor = api_params.actor(request)
    return services.publish(actor, selectors.access_publication(actor, publication_id))


@router.post("/publications/{id:publication_id}/withdraw", response=PublicationOut, summary="撤回公示")
def withdraw(request: HttpRequest, publication_id: int, payload: PublicationWithdrawIn) -> Publication:
    actor = api_params.actor(request)
    return services.withdraw(
        actor, selectors.access_publication(actor, publication_id), reason=payload.reason
    )
