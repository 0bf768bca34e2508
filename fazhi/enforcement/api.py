"""Case endpoints: every action of the case pages, with the same services, rules and errors."""

from __future__ import annotations

import datetime

from django.http import HttpRequest
from ninja import Field, Router, Schema, Status

from fazhi.core.models import Staff
from fazhi.enforcement import selectors, services
from fazhi.enforcement.models import Case
from fazhi.enforcement.rules import STAGE_LABELS, ReviewGrounds, Stage

router = Router(tags=["行政执法"])
MAX_LIMIT = 100


def _actor(request: HttpRequest) -> Staff:
    user = request.auth  # type: ignore[attr-defined]
    assert isinstance(user, Staff)
    return user


class CaseOut(Schema):
    id: int
    number: str | None
    title: str
    procedure: str
    stage: str
    stage_label: str
    party_id: int | None
    received_on: datetime.date
    act_on: datetime.date
    filed_on: datetime.date | None
    decision_due: datetime.date | None

    @staticmethod
    def resolve_number(obj: Case) -> str | None:
        return obj.filing_number.text if obj.filing_number else None

    @staticmethod
    def resolve_stage_label(obj: Case) -> str:
        return STAGE_LABELS[Stage(obj.stage)]


@router.get("/cases", response=list[CaseOut], summary="列出可见的案件")
def list_cases(request: HttpRequest, stage: str = "", limit: int = 50, offset: int = 0) -> list[Case]:
    limit = max(1, min(limit, MAX_LIMIT))
    offset = max(0, offset)
    return list(selectors.list_cases_for(_actor(request), stage=stage)[offset : offset + limit])


@router.get("/cases/{case_id}", response=CaseOut, summary="读取案件")
def get_case(request: HttpRequest, case_id: int) -> Case:
    return selectors.access_case(_actor(request), case_id)


class LeadIn(Schema):
    title: str = Field(max_length=200)
    source: str
    received_on: datetime.date
    act_on: datetime.date
    place: str = Field("", max_length=200)
    summary: str = ""
    reporter: str = Field("", max_length=200)


@router.post("/cases", response={201: CaseOut}, summary="登记案件线索")
def register_lead(request: HttpRequest, payload: LeadIn) -> Status[Case]:
    return Status(201, services.register_lead(_actor(request), **payload.dict()))


class FileIn(Schema):
    party_id: int
    power_id: int
    act_ended_on: datetime.date
    endangers_life_health_or_finance: bool = False


@router.post("/cases/{case_id}/file", response=CaseOut, summary="批准立案")
def file_case(request: HttpRequest, case_id: int, payload: FileIn) -> Case:
    actor = _actor(request)
    case = selectors.access_case(actor, case_id)
    party = selectors.access_party_for_case(actor, payload.party_id)
    power = selectors.access_power(actor, payload.power_id)
    return services.file_case(
        actor,
        case,
        party=party,
        power=power,
        act_ended_on=payload.act_ended_on,
        endangers_life_health_or_finance=payload.endangers_life_health_or_finance,
    )


class InvestigateIn(Schema):
    investigator_ids: list[int]


@router.post("/cases/{case_id}/investigate", response=CaseOut, summary="开始调查取证")
def start_investigation(request: HttpRequest, case_id: int, payload: InvestigateIn) -> Case:
    actor = _actor(request)
    case = selectors.access_case(actor, case_id)
    team = list(selectors.team_of(actor).filter(pk__in=payload.investigator_ids))
    return services.start_investigation(actor, case, investigators=team)


class CloseIn(Schema):
    outcome: str
    findings: str
    review_public_interest: bool = False
    review_major_rights_after_hearing: bool = False
    review_complex: bool = False
    review_other_law: bool = False
    major_or_complex: bool = False
    hearing_right: bool = False


@router.post("/cases/{case_id}/close-investigation", response=CaseOut, summary="调查终结")
def close_investigation(request: HttpRequest, case_id: int, payload: CloseIn) -> Case:
    actor = _actor(request)
    case = selectors.access_case(actor, case_id)
    grounds = ReviewGrounds(
        major_public_interest=payload.review_public_interest,
        major_rights_after_hearing=payload.review_major_rights_after_hearing,
        complex_multiple_legal_relations=payload.review_complex,
        required_by_other_law=payload.review_other_law,
    )
    return services.close_investigation(
        actor,
        case,
        outcome=payload.outcome,
        findings=payload.findings,
        review_grounds=grounds,
        major_or_complex=payload.major_or_complex,
        hearing_right=payload.hearing_right,
    )


class NoticeIn(Schema):
    proposed_penalties: str = Field(max_length=200)
    proposed_fine_fen: int = Field(0, ge=0)
    facts: str
    served_on: datetime.date
    statement_working_days: int = Field(3, ge=0, le=30)


@router.post("/cases/{case_id}/notice", response=CaseOut, summary="送达事先告知书")
def issue_notice(request: HttpRequest, case_id: int, payload: NoticeIn) -> Case:
    actor = _actor(request)
    case = selectors.access_case(actor, case_id)
    services.issue_notice(actor, case, **payload.dict())
    return selectors.access_case(actor, case_id)


@router.post("/cases/{case_id}/submit-review", response=CaseOut, summary="提交法制审核")
def submit_review(request: HttpRequest, case_id: int) -> Case:
    actor = _actor(request)
    return services.submit_legal_review(actor, selectors.access_case(actor, case_id))


class ReviewIn(Schema):
    opinion: str
    reasons: str


@router.post("/cases/{case_id}/review", response=CaseOut, summary="出具法制审核意见")
def review_case(request: HttpRequest, case_id: int, payload: ReviewIn) -> Case:
    actor = _actor(request)
    services.review_case(actor, selectors.access_case(actor, case_id), **payload.dict())
    return selectors.access_case(actor, case_id)


class DecideIn(Schema):
    penalties: str = Field(max_length=200)
    fine_fen: int = Field(0, ge=0)
    basis: str
    overdue_reason: str = ""


class DecisionOut(Schema):
    number: str
    decided_on: datetime.date
    penalties: str
    fine_fen: int


@router.post("/cases/{case_id}/decide", response={201: DecisionOut}, summary="作出行政处罚决定")
def decide(request: HttpRequest, case_id: int, payload: DecideIn) -> Status[dict[str, object]]:
    actor = _actor(request)
    decision = services.decide(actor, selectors.access_case(actor, case_id), **payload.dict())
    return Status(
        201,
        {
            "number": decision.number.text,
            "decided_on": decision.decided_on,
            "penalties": decision.penalties,
            "fine_fen": decision.fine_fen,
        },
    )
