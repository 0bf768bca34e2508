"""The handling of a petition (信访工作条例): registration, the acceptance decision with its written
notice, the one extension of the handling period, the 信访处理意见书 that concludes the matter, and the
复查 and 复核 that may follow. Each one transaction with its ledger event; a refused action writes
nothing."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from fazhi.core import numbering, permissions
from fazhi.core import services as core_services
from fazhi.core.errors import InvalidInput
from fazhi.core.models import Organisation, Party, Staff
from fazhi.core.tracking import new_tracking_number
from fazhi.ledger import record as ledger
from fazhi.petitions import rules
from fazhi.petitions.events import PetitionEvent
from fazhi.petitions.models import (
    Channel,
    Extension,
    Opinion,
    Petition,
    PetitionStatus,
    Review,
    ReviewLevel,
)
from fazhi.petitions.services.common import day_errors, take


@dataclass(frozen=True)
class PetitionInput:
    received_on: datetime.date
    channel: str
    person_count: int
    # Each petitioner chosen among the town's parties or entered new on the form (one row each).
    petitioners: list[Party | core_services.PartyChoice]
    request: str
    facts_and_reasons: str
    address: str = ""
    earlier: Petition | None = None


def _registration_errors(
    actor: Staff, data: PetitionInput, town: Organisation
) -> tuple[list[Party], dict[str, str]]:
    errors: dict[str, str] = {}
    # New petitioners are registered here, inside the registration's transaction: a refusal leaves none.
    try:
        petitioners = list(dict.fromkeys(core_services.parties_for(actor, data.petitioners, town=town)))
    except InvalidInput as error:
        petitioners = []
        errors.update(error.field_errors)
    if data.received_on > timezone.localdate():
        errors["received_on"] = "收到日期不能晚于今天。"
    if not data.petitioners:
        errors["petitioners"] = "请登记信访人；多人走访的，登记推选的代表。"
    if data.person_count < len(petitioners):
        errors["person_count"] = "人数（%(n)d）少于登记的信访人数（%(p)d）。" % {
            "n": data.person_count,
            "p": len(petitioners),
        }
    if data.earlier is not None and data.earlier.organisation_id != town.pk:
        errors["earlier"] = "未找到本镇（街道）的前次登记。"
    return petitioners, errors


@transaction.atomic(durable=True)
def register_petition(actor: Staff, data: PetitionInput) -> Petition:
    """登记 (第十七条至第二十一条): the petitioners, the request, the facts and reasons; a group visit
    names at most 5 representatives and its number of people is kept beside them."""
    permissions.require_step(actor, rules.STEPS["register"])
    town = permissions.acting_town(actor)
    petitioners, errors = _registration_errors(actor, data, town)
    if errors:
        raise InvalidInput("信访事项登记信息有误。", field_errors=errors)
    rules.check_visit_representatives(visit=data.channel == Channel.VISIT, representatives=len(petitioners))
    petition = Petition.objects.create(
        organisation=town,
        tracking_number=new_tracking_number(),
        received_on=data.received_on,
        channel=data.channel,
        person_count=data.person_count,
        address=data.address,
        request=data.request,
        facts_and_reasons=data.facts_and_reasons,
        earlier=data.earlier,
        status=PetitionStatus.RECEIVED,
        notice_due_on=rules.ACCEPTANCE_NOTICE.due(data.received_on).due,
        registered_by=actor,
    )
    petition.petitioners.set(petitioners)
    ledger.record(
        actor,
        PetitionEvent.REGISTERED,
        petition,
        {
            "received_on": data.received_on.isoformat(),
            "channel": data.channel,
            "person_count": data.person_count,
            "petitioners": sorted(party.pk for party in petitioners),
            "earlier": data.earlier.pk if data.earlier else None,
            "notice_due_on": petition.notice_due_on.isoformat(),
        },
        organisation=town,
    )
    return petition


def _check_decision(petition: Petition, *, decided_on: datetime.date, notice_on: datetime.date) -> None:
    """The acceptance decision and its written notice: after receipt, not in the future, and the notice
    within 15 days of receipt (第二十三条)."""
    errors: dict[str, str] = {}
    day_errors(errors, "decided_on", decided_on, not_before=petition.received_on, before_text="收到日期")
    day_errors(errors, "notice_on", notice_on, not_before=decided_on, before_text="受理决定日期")
    if notice_on < petition.received_on:
        errors["notice_on"] = "书面告知日期不能早于收到日期 %(d)s。" % {"d": petition.received_on.isoformat()}
    if errors:
        raise InvalidInput("受理决定或书面告知的日期有误。", field_errors=errors)
    rules.check_notice_time(
        received_on=petition.received_on, notice_due_on=petition.notice_due_on, notice_on=notice_on
    )


@transaction.atomic(durable=True)
def accept_petition(
    actor: Staff, petition: Petition, *, decided_on: datetime.date, notice_on: datetime.date, note: str = ""
) -> Petition:
    """受理, told in writing within 15 days of receipt (第二十三条); the 60 days of 第三十四条 run from
    acceptance. A matter already answered on 复核 is not accepted again (第三十六条)."""
    petition = take(actor, petition, "accept")
    _check_decision(petition, decided_on=decided_on, notice_on=notice_on)
    if petition.earlier is not None:
        rules.check_not_re_reviewed(
            re_reviewed=petition.earlier.status == PetitionStatus.RE_REVIEWED,
            tracking_number=petition.earlier.tracking_number,
        )
    due_on = rules.HANDLING.due(decided_on).due
    petition.status = PetitionStatus.ACCEPTED
    petition.decided_on = decided_on
    petition.notice_on = notice_on
    petition.decision_note = note
    petition.decided_by = actor
    petition.handling_due_on = petition.due_on = due_on
    petition.save(
        update_fields=[
            "status",
            "decided_on",
            "notice_on",
            "decision_note",
            "decided_by",
            "handling_due_on",
            "due_on",
        ]
    )
    ledger.record(
        actor,
        PetitionEvent.ACCEPTED,
        petition,
        {
            "decided_on": decided_on.isoformat(),
            "notice_on": notice_on.isoformat(),
            "due_on": due_on.isoformat(),
        },
        organisation=petition.organisation,
    )
    return petition


@transaction.atomic(durable=True)
def decline_petition(
    actor: Staff,
    petition: Petition,
    *,
    decided_on: datetime.date,
    notice_on: datetime.date,
    reason: str,
    route: str,
) -> Petition:
    """不予受理, with the reason and the route the petitioner is told to take, in writing within 15 days
    of receipt (第二十三条)."""
    petition = take(actor, petition, "decline")
    _check_decision(petition, decided_on=decided_on, notice_on=notice_on)
    petition.status = PetitionStatus.NOT_ACCEPTED
    petition.decided_on = decided_on
    petition.notice_on = notice_on
    petition.decision_note = reason
    petition.route = route
    petition.decided_by = actor
    petition.save(update_fields=["status", "decided_on", "notice_on", "decision_note", "route", "decided_by"])
    ledger.record(
        actor,
        PetitionEvent.NOT_ACCEPTED,
        petition,
        {
            "decided_on": decided_on.isoformat(),
            "notice_on": notice_on.isoformat(),
            "reason": petition.decision_note,
            "route": petition.route,
        },
        organisation=petition.organisation,
    )
    return petition


@transaction.atomic(durable=True)
def extend_handling(
    actor: Staff,
    petition: Petition,
    *,
    days: int,
    reason: str,
    approved_on: datetime.date,
    notice_on: datetime.date,
) -> Extension:
    """延长办理期限 (第三十四条): once, by at most 30 days, approved by the head before the 60 days run
    out, the reason told to the petitioner."""
    petition = take(actor, petition, "extend")
    assert petition.handling_due_on is not None, "an accepted matter has its period"
    assert petition.decided_on is not None, "an accepted matter has its acceptance day"
    errors: dict[str, str] = {}
    day_errors(errors, "approved_on", approved_on, not_before=petition.decided_on, before_text="受理日期")
    day_errors(errors, "notice_on", notice_on, not_before=approved_on, before_text="批准日期")
    if errors:
        raise InvalidInput("延长办理期限的信息有误。", field_errors=errors)
    rules.check_extension(
        days=days,
        approved_on=approved_on,
        handling_due_on=petition.handling_due_on,
        today=timezone.localdate(),
    )
    extension = Extension.objects.create(
        petition=petition,
        days=days,
        reason=reason,
        approved_on=approved_on,
        approved_by=actor,
        notice_on=notice_on,
        previous_due_on=petition.handling_due_on,
        due_on=rules.extended_handling(days).due(petition.decided_on).due,
    )
    petition.due_on = extension.due_on
    petition.save(update_fields=["due_on"])
    ledger.record(
        actor,
        PetitionEvent.EXTENDED,
        petition,
        {
            "days": days,
            "reason": extension.reason,
            "approved_on": approved_on.isoformat(),
            "notice_on": notice_on.isoformat(),
            "due_on": extension.due_on.isoformat(),
        },
        organisation=petition.organisation,
    )
    return extension


@dataclass(frozen=True)
class OpinionInput:
    """The contents of 第三十二条: request, facts, reasons, decision and its basis."""

    request: str
    facts: str
    reasons: str
    decision: str
    basis: str
    issued_on: datetime.date
    served_on: datetime.date


@transaction.atomic(durable=True)
def issue_opinion(actor: Staff, petition: Petition, data: OpinionInput) -> Opinion:
    """信访处理意见书 (第三十二条), numbered from the town's series; issuing it concludes the matter, late
    or not (the lateness stays on record), and opens the 30 days for 复查 (第三十五条)."""
    petition = take(actor, petition, "opinion")
    assert petition.decided_on is not None, "an accepted matter has its acceptance day"
    assert petition.due_on is not None, "an accepted matter has its period"
    errors: dict[str, str] = {}
    day_errors(errors, "issued_on", data.issued_on, not_before=petition.decided_on, before_text="受理日期")
    day_errors(errors, "served_on", data.served_on, not_before=data.issued_on, before_text="出具日期")
    if errors:
        raise InvalidInput("信访处理意见书内容不完整。", field_errors=errors, citation=rules.OPINION_CITATION)
    series = numbering.series_for(petition.organisation, rules.OPINION_SERIES_KEY, document="信访处理意见书")
    opinion = Opinion.objects.create(
        petition=petition,
        number=core_services.issue_number(actor, series, year=data.issued_on.year, subject=petition),
        request=data.request,
        facts=data.facts,
        reasons=data.reasons,
        decision=data.decision,
        basis=data.basis,
        issued_on=data.issued_on,
        served_on=data.served_on,
        issued_by=actor,
    )
    petition.status = PetitionStatus.CONCLUDED
    petition.concluded_on = data.issued_on
    petition.save(update_fields=["status", "concluded_on"])
    ledger.record(
        actor,
        PetitionEvent.OPINION_ISSUED,
        petition,
        {
            "number": opinion.number.text,
            "decision": data.decision,
            "issued_on": data.issued_on.isoformat(),
            "served_on": data.served_on.isoformat(),
            "on_time": data.issued_on <= petition.due_on,
            "review_request_due": rules.REVIEW_REQUEST.due(data.served_on).due.isoformat(),
        },
        organisation=petition.organisation,
    )
    return opinion


@dataclass(frozen=True)
class _Level:
    """What differs between 复查 (第三十五条) and 复核 (第三十六条)."""

    name: str
    before: PetitionStatus
    requested: PetitionStatus
    answered: PetitionStatus
    request_citation: str
    requested_event: PetitionEvent
    answered_event: PetitionEvent
    request_step: str
    answer_step: str


LEVELS = {
    ReviewLevel.REVIEW: _Level(
        "复查",
        PetitionStatus.CONCLUDED,
        PetitionStatus.REVIEW,
        PetitionStatus.REVIEWED,
        rules.REVIEW_CITATION,
        PetitionEvent.REVIEW_REQUESTED,
        PetitionEvent.REVIEW_ANSWERED,
        "request_review",
        "review_opinion",
    ),
    ReviewLevel.RE_REVIEW: _Level(
        "复核",
        PetitionStatus.REVIEWED,
        PetitionStatus.RE_REVIEW,
        PetitionStatus.RE_REVIEWED,
        rules.RE_REVIEW_CITATION,
        PetitionEvent.RE_REVIEW_REQUESTED,
        PetitionEvent.RE_REVIEW_ANSWERED,
        "request_re_review",
        "re_review_opinion",
    ),
}


def _answer_served(petition: Petition, level: ReviewLevel) -> tuple[str, datetime.date]:
    """The written answer the request is against, and the day the petitioner received it."""
    if level == ReviewLevel.REVIEW:
        opinion = Opinion.objects.get(petition=petition)
        return "处理意见书", opinion.served_on
    review = Review.objects.get(petition=petition, level=ReviewLevel.REVIEW)
    assert review.served_on is not None
    return "复查意见", review.served_on


def _request(
    actor: Staff, petition: Petition, level: ReviewLevel, *, requested_on: datetime.date, reason: str
) -> Review:
    spec = LEVELS[level]
    petition = take(actor, petition, spec.request_step)
    answer, served_on = _answer_served(petition, level)
    errors: dict[str, str] = {}
    day_errors(errors, "requested_on", requested_on, not_before=served_on, before_text=answer + "送达日期")
    if errors:
        raise InvalidInput("%(l)s请求信息有误。" % {"l": spec.name}, field_errors=errors)
    window = (rules.REVIEW_REQUEST if level == ReviewLevel.REVIEW else rules.RE_REVIEW_REQUEST).due(served_on)
    rules.check_request_time(
        level=spec.name,
        answer=answer,
        served_on=served_on,
        due=window.due,
        requested_on=requested_on,
        citation=spec.request_citation,
    )
    answer_rule = rules.REVIEW_ANSWER if level == ReviewLevel.REVIEW else rules.re_review_answer(0)
    review = Review.objects.create(
        petition=petition,
        level=level,
        requested_on=requested_on,
        reason=reason,
        due_on=answer_rule.due(requested_on).due,
        recorded_by=actor,
    )
    petition.status = spec.requested
    petition.save(update_fields=["status"])
    ledger.record(
        actor,
        spec.requested_event,
        petition,
        {
            "requested_on": requested_on.isoformat(),
            "reason": review.reason,
            "due_on": review.due_on.isoformat(),
        },
        organisation=petition.organisation,
    )
    return review


@transaction.atomic(durable=True)
def request_review(actor: Staff, petition: Petition, *, requested_on: datetime.date, reason: str) -> Review:
    """请求复查 within 30 days of receiving the 处理意见书; the 复查意见 is due 30 days later (第三十五条)."""
    return _request(actor, petition, ReviewLevel.REVIEW, requested_on=requested_on, reason=reason)


@transaction.atomic(durable=True)
def request_re_review(
    actor: Staff, petition: Petition, *, requested_on: datetime.date, reason: str
) -> Review:
    """请求复核 within 30 days of receiving the 复查意见; the 复核意见 is due 30 days later, hearing time
    excluded (第三十六条)."""
    return _request(actor, petition, ReviewLevel.RE_REVIEW, requested_on=requested_on, reason=reason)


@dataclass(frozen=True)
class ReviewAnswerInput:
    answered_on: datetime.date
    result: str
    opinion: str
    served_on: datetime.date
    hearing_days: int = 0


def _answer(actor: Staff, petition: Petition, level: ReviewLevel, data: ReviewAnswerInput) -> Review:
    spec = LEVELS[level]
    petition = take(actor, petition, spec.answer_step)
    review = Review.objects.select_for_update().get(petition=petition, level=level)
    errors: dict[str, str] = {}
    day_errors(
        errors, "answered_on", data.answered_on, not_before=review.requested_on, before_text="请求日期"
    )
    day_errors(errors, "served_on", data.served_on, not_before=data.answered_on, before_text="答复日期")
    if errors:
        raise InvalidInput("%(l)s意见信息有误。" % {"l": spec.name}, field_errors=errors)
    if level == ReviewLevel.RE_REVIEW:
        review.hearing_days = data.hearing_days
        review.due_on = rules.re_review_answer(data.hearing_days).due(review.requested_on).due
    review.answered_on = data.answered_on
    review.result = data.result
    review.opinion = data.opinion
    review.served_on = data.served_on
    review.save(update_fields=["hearing_days", "due_on", "answered_on", "result", "opinion", "served_on"])
    petition.status = spec.answered
    petition.save(update_fields=["status"])
    ledger.record(
        actor,
        spec.answered_event,
        petition,
        {
            "answered_on": data.answered_on.isoformat(),
            "served_on": data.served_on.isoformat(),
            "result": data.result,
            "hearing_days": review.hearing_days,
            "on_time": data.answered_on <= review.due_on,
        },
        organisation=petition.organisation,
    )
    return review


@transaction.atomic(durable=True)
def record_review_opinion(actor: Staff, petition: Petition, data: ReviewAnswerInput) -> Review:
    """复查意见 as received from the organ one level up; a late answer is recorded as late."""
    return _answer(actor, petition, ReviewLevel.REVIEW, data)


@transaction.atomic(durable=True)
def record_re_review_opinion(actor: Staff, petition: Petition, data: ReviewAnswerInput) -> Review:
    """复核意见: afterwards the same facts and reasons are not accepted again (第三十六条)."""
    return _answer(actor, petition, ReviewLevel.RE_REVIEW, data)
