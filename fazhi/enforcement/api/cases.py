"""Reading cases and their steps, and the steps from the lead to the decision."""

from __future__ import annotations

import datetime
from typing import Annotated

from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Schema, Status

from fazhi.core import api_params
from fazhi.core.api import PartyIn, party_choice
from fazhi.core.api_input import Choice, OptionalText, RecordId, Required
from fazhi.core.errors import NotFoundOrHidden
from fazhi.enforcement import rules, selectors, services
from fazhi.enforcement.api.common import CaseOut, router
from fazhi.enforcement.models import Case, HearingClosedReason, HearingWaiver, LeadSource, ReviewOpinionChoice
from fazhi.enforcement.rules import InvestigationOutcome, Mitigation, PenaltyKind, ReviewGrounds


@router.get("/cases", response=list[CaseOut], summary="列出可见的案件")
def list_cases(
    request: HttpRequest, stage: str = "", limit: api_params.Limit = 50, offset: api_params.Offset = 0
) -> list[Case]:
    return list(
        api_params.page(selectors.list_cases_for(api_params.actor(request), stage=stage), limit, offset)
    )


@router.get("/cases/{id:case_id}", response=CaseOut, summary="读取案件")
def get_case(request: HttpRequest, case_id: int) -> Case:
    return selectors.access_case(api_params.actor(request), case_id)


class BlockedOut(Schema):
    message: str
    citation: str


class StepOut(Schema):
    name: str
    label: str
    kind: str  # "move": leads the case to another stage; "work": done within its stage
    allowed: bool  # the caller holds a role that takes the step
    blocked_by: BlockedOut | None


@router.get(
    "/cases/{id:case_id}/steps", response=list[StepOut], summary="案件下一步：可办理的步骤及受阻的规则"
)
def case_steps(request: HttpRequest, case_id: int) -> list[dict[str, object]]:
    """The steps of the case table (enforcement.rules.STEPS) the case can take now, as its page lists
    them: each with the rule and article that blocks it, if any."""
    actor = api_params.actor(request)
    case = selectors.access_case(actor, case_id)
    facts = selectors.CaseRowFacts(case, today=timezone.localdate())
    options = [("move", option) for option in selectors.next_steps(facts, actor)] + [
        ("work", option) for option in selectors.work_steps(facts, actor)
    ]
    return [
        {
            "name": option.step.name,
            "label": option.label,
            "kind": kind,
            "allowed": option.allowed,
            "blocked_by": {"message": option.blocked_by.message, "citation": option.blocked_by.citation}
            if option.blocked_by
            else None,
        }
        for kind, option in options
    ]


class LeadIn(Schema):
    title: Annotated[str, Required("请填写案由。", max_length=200)]
    source: Annotated[LeadSource, Choice(LeadSource)]
    received_on: datetime.date
    act_on: datetime.date
    place: OptionalText = Field("", max_length=200)
    summary: OptionalText = ""
    reporter: OptionalText = Field("", max_length=200)


@router.post("/cases", response={201: CaseOut}, summary="登记案件线索")
def register_lead(request: HttpRequest, payload: LeadIn) -> Status[Case]:
    return Status(201, services.register_lead(api_params.actor(request), **payload.dict()))


class CaseFileIn(Schema):
    party_id: RecordId | None = None
    new_party: PartyIn | None = None
    power_id: RecordId
    act_ended_on: datetime.date
    endangers_life_health_or_finance: bool = False


@router.post("/cases/{id:case_id}/file", response=CaseOut, summary="批准立案")
def file_case(request: HttpRequest, case_id: int, payload: CaseFileIn) -> Case:
    actor = api_params.actor(request)
    case = selectors.access_case(actor, case_id)
    power = selectors.access_power(actor, payload.power_id)
    return services.file_case(
        actor,
        case,
        party=party_choice(payload.party_id, payload.new_party),
        power=power,
        act_ended_on=payload.act_ended_on,
        endangers_life_health_or_finance=payload.endangers_life_health_or_finance,
    )


class InvestigateIn(Schema):
    investigator_ids: list[RecordId]


@router.post("/cases/{id:case_id}/investigate", response=CaseOut, summary="开始调查取证")
def start_investigation(request: HttpRequest, case_id: int, payload: InvestigateIn) -> Case:
    actor = api_params.actor(request)
    case = selectors.access_case(actor, case_id)
    team = list(selectors.team_of(actor).filter(pk__in=payload.investigator_ids))
    return services.start_investigation(actor, case, investigators=team)


CircumstanceCode = Annotated[str, Choice(rules.RECORDED_CIRCUMSTANCES)]
PenaltyKindCode = Annotated[PenaltyKind, Choice(PenaltyKind)]


class CloseIn(Schema):
    """The hearing right is not asked here: it follows from the penalty the notice proposes (art. 63);
    a hearing held makes the review of art. 58(2) due without a flag."""

    outcome: Annotated[InvestigationOutcome, Choice(InvestigationOutcome)]
    findings: Annotated[str, Required("请写明事实、证据和处理建议。")]
    circumstances: list[CircumstanceCode] = Field(default_factory=list, max_length=20)
    review_public_interest: bool = False
    review_complex: bool = False
    review_other_law: bool = False
    major_or_complex: bool = False


@router.post("/cases/{id:case_id}/close-investigation", response=CaseOut, summary="调查终结")
def close_investigation(request: HttpRequest, case_id: int, payload: CloseIn) -> Case:
    actor = api_params.actor(request)
    case = selectors.access_case(actor, case_id)
    grounds = ReviewGrounds(
        major_public_interest=payload.review_public_interest,
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
        circumstances=payload.circumstances,
    )


class NoticeIn(Schema):
    proposed_penalties: Annotated[str, Required("请写明拟作出的处罚。", max_length=200)]
    penalty_kinds: list[PenaltyKindCode] = Field(min_length=1, max_length=12)
    proposed_fine_fen: int = Field(0, ge=0)
    proposed_confiscation_fen: int = Field(0, ge=0)
    facts: Annotated[str, Required("请写明事实、理由及依据。")]
    served_on: datetime.date
    statement_working_days: int = Field(3, ge=0, le=30)


@router.post("/cases/{id:case_id}/notice", response=CaseOut, summary="送达事先告知书")
def issue_notice(request: HttpRequest, case_id: int, payload: NoticeIn) -> Case:
    actor = api_params.actor(request)
    case = selectors.access_case(actor, case_id)
    services.issue_notice(actor, case, **payload.dict())
    return selectors.access_case(actor, case_id)


@router.post("/cases/{id:case_id}/submit-review", response=CaseOut, summary="提交法制审核")
def submit_review(request: HttpRequest, case_id: int) -> Case:
    actor = api_params.actor(request)
    return services.submit_legal_review(actor, selectors.access_case(actor, case_id))


class LegalReviewIn(Schema):
    opinion: Annotated[ReviewOpinionChoice, Choice(ReviewOpinionChoice)]
    reasons: Annotated[str, Required("请写明审核理由。")]
    # The `fingerprint` of GET …/proposal as read: a review of a proposal that changed since is refused.
    proposal_sha256: Annotated[str, Field(max_length=64)] = ""


class ProposalOut(Schema):
    fingerprint: str
    findings: str
    circumstances: list[str]
    penalty_kinds: list[str]
    proposed_penalties: str
    proposed_fine_fen: int
    facts: str
    statement: str
    evidence: list[str]
    officers: list[str]


@router.get("/cases/{id:case_id}/proposal", response=ProposalOut, summary="待审核（待决定）的拟处罚内容")
def case_proposal(request: HttpRequest, case_id: int) -> dict[str, object]:
    case = selectors.access_case(api_params.actor(request), case_id)
    proposal = selectors.proposal_of(case, today=timezone.localdate())
    notice = proposal.notice
    return {
        "fingerprint": proposal.fingerprint,
        "findings": proposal.report.findings if proposal.report else "",
        "circumstances": proposal.circumstances,
        "penalty_kinds": list(notice.penalty_kinds) if notice else [],
        "proposed_penalties": notice.proposed_penalties if notice else "",
        "proposed_fine_fen": notice.proposed_fine_fen if notice else 0,
        "facts": notice.facts if notice else "",
        "statement": notice.statement if notice else "",
        "evidence": [f"{line.kind}：{line.description}" for line in proposal.evidence],
        "officers": [f"{line.name}（{line.credential}）" for line in proposal.officers],
    }


@router.post("/cases/{id:case_id}/review", response=CaseOut, summary="出具法制审核意见")
def review_case(request: HttpRequest, case_id: int, payload: LegalReviewIn) -> Case:
    actor = api_params.actor(request)
    services.review_case(actor, selectors.access_case(actor, case_id), **payload.dict())
    return selectors.access_case(actor, case_id)


class DecideIn(Schema):
    """An empty `penalty_kinds` is a 不予行政处罚决定 (art. 57(1)(2)–(3))."""

    penalty_kinds: list[PenaltyKindCode] = Field(default_factory=list, max_length=12)
    penalties: OptionalText = Field("", max_length=200)
    fine_fen: int = Field(0, ge=0)
    confiscation_fen: int = Field(0, ge=0)
    basis: Annotated[str, Required("请写明处罚依据。")]
    mitigation: Annotated[str, Choice(Mitigation)] = ""
    discretion_reasons: OptionalText = ""
    education: OptionalText = ""
    distinct_act_reason: OptionalText = ""
    overdue_reason: OptionalText = ""


class PenaltyDecisionOut(Schema):
    number: str
    decided_on: datetime.date
    penalties: str
    fine_fen: int


@router.post("/cases/{id:case_id}/decide", response={201: PenaltyDecisionOut}, summary="作出行政处罚决定")
def decide(request: HttpRequest, case_id: int, payload: DecideIn) -> Status[dict[str, object]]:
    actor = api_params.actor(request)
    decision = services.decide(
        actor, selectors.access_case(actor, case_id), services.DecisionInput(**payload.dict())
    )
    return Status(
        201,
        {
            "number": decision.number.text,
            "decided_on": decision.decided_on,
            "penalties": decision.penalties,
            "fine_fen": decision.fine_fen,
        },
    )


class DefenceIn(Schema):
    statement: OptionalText = ""
    waived: bool = False


@router.post("/cases/{id:case_id}/defence", response=CaseOut, summary="记录陈述申辩")
def record_defence(request: HttpRequest, case_id: int, payload: DefenceIn) -> Case:
    actor = api_params.actor(request)
    services.record_defence(actor, selectors.access_case(actor, case_id), **payload.dict())
    return selectors.access_case(actor, case_id)


class HearingRequestIn(Schema):
    requested_on: datetime.date


@router.post("/cases/{id:case_id}/hearing-request", response=CaseOut, summary="当事人要求听证")
def request_hearing(request: HttpRequest, case_id: int, payload: HearingRequestIn) -> Case:
    actor = api_params.actor(request)
    return services.request_hearing(actor, selectors.access_case(actor, case_id), **payload.dict())


# Art. 64(3): empty for a public hearing, else the ground the law allows for holding it in private.
HearingClosedReasonText = Annotated[str, Choice([("", "公开举行"), *HearingClosedReason.choices])]


class HearingIn(Schema):
    chair_id: RecordId
    notice_sent_on: datetime.date
    held_on: datetime.date
    record_signed: bool
    place: OptionalText = Field("", max_length=200)
    public: bool = True
    closed_reason: HearingClosedReasonText = ""


class HearingWaiverIn(Schema):
    waived_on: datetime.date
    waiver: Annotated[HearingWaiver, Choice(HearingWaiver)]


@router.post("/cases/{id:case_id}/hearing/waiver", response=CaseOut, summary="听证终止（当事人放弃听证权利）")
def end_hearing(request: HttpRequest, case_id: int, payload: HearingWaiverIn) -> Case:
    actor = api_params.actor(request)
    services.end_hearing(actor, selectors.access_case(actor, case_id), **payload.dict())
    return selectors.access_case(actor, case_id)


class ScheduleHearingIn(Schema):
    chair_id: RecordId
    notice_sent_on: datetime.date
    held_on: datetime.date
    place: Annotated[str, Required("请填写听证地点。", max_length=200)]
    public: bool = True
    closed_reason: HearingClosedReasonText = ""


@router.post("/cases/{id:case_id}/hearing/schedule", response=CaseOut, summary="安排听证")
def schedule_hearing(request: HttpRequest, case_id: int, payload: ScheduleHearingIn) -> Case:
    actor = api_params.actor(request)
    case = selectors.access_case(actor, case_id)
    data = payload.dict()
    chair = selectors.town_staff(actor).filter(pk=data.pop("chair_id")).first()
    if chair is None:
        raise NotFoundOrHidden()
    services.schedule_hearing(actor, case, chair=chair, **data)
    return selectors.access_case(actor, case_id)


@router.post("/cases/{id:case_id}/hearing", response=CaseOut, summary="记录听证")
def hold_hearing(request: HttpRequest, case_id: int, payload: HearingIn) -> Case:
    actor = api_params.actor(request)
    case = selectors.access_case(actor, case_id)
    chair = selectors.town_staff(actor).filter(pk=payload.chair_id).first()
    if chair is None:
        raise NotFoundOrHidden()
    services.hold_hearing(
        actor,
        case,
        chair=chair,
        notice_sent_on=payload.notice_sent_on,
        held_on=payload.held_on,
        record_signed=payload.record_signed,
        place=payload.place,
        public=payload.public,
        closed_reason=payload.closed_reason,
    )
    return selectors.access_case(actor, case_id)


class CaseDiscussionIn(Schema):
    held_on: datetime.date
    attendees: Annotated[str, Required("请填写出席人员。", max_length=500)]
    minutes: Annotated[str, Required("请填写讨论记录。")]
    conclusion: Annotated[str, Required("请填写讨论结论。")]
    dissent: OptionalText = ""


@router.post("/cases/{id:case_id}/discussion", response=CaseOut, summary="记录集体讨论")
def record_discussion(request: HttpRequest, case_id: int, payload: CaseDiscussionIn) -> Case:
    actor = api_params.actor(request)
    services.record_collective_discussion(actor, selectors.access_case(actor, case_id), **payload.dict())
    return selectors.access_case(actor, case_id)


class CaseExtendIn(Schema):
    days: int
    reason: OptionalText


@router.post("/cases/{id:case_id}/extend", response=CaseOut, summary="延长办案期限")
def extend(request: HttpRequest, case_id: int, payload: CaseExtendIn) -> Case:
    actor = api_params.actor(request)
    services.extend_decision_period(actor, selectors.access_case(actor, case_id), **payload.dict())
    return selectors.access_case(actor, case_id)
