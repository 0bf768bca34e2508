"""Ledger action names of the petitions app."""

from enum import StrEnum


class PetitionEvent(StrEnum):
    REGISTERED = "petitions.petition.registered"
    ACCEPTED = "petitions.petition.accepted"
    NOT_ACCEPTED = "petitions.petition.not_accepted"
    EXTENDED = "petitions.petition.extended"
    OPINION_ISSUED = "petitions.petition.opinion_issued"
    REVIEW_REQUESTED = "petitions.review.requested"
    REVIEW_ANSWERED = "petitions.review.answered"
    RE_REVIEW_REQUESTED = "petitions.re_review.requested"
    RE_REVIEW_ANSWERED = "petitions.re_review.answered"
    KEY_MARKED = "petitions.petition.key_marked"
    CONTACT_RECORDED = "petitions.contact.recorded"


PETITION_EVENT_LABELS: dict[PetitionEvent, str] = {
    PetitionEvent.REGISTERED: "信访事项登记",
    PetitionEvent.ACCEPTED: "受理并书面告知",
    PetitionEvent.NOT_ACCEPTED: "不予受理并书面告知",
    PetitionEvent.EXTENDED: "延长办理期限",
    PetitionEvent.OPINION_ISSUED: "出具信访处理意见书",
    PetitionEvent.REVIEW_REQUESTED: "请求复查",
    PetitionEvent.REVIEW_ANSWERED: "登记复查意见",
    PetitionEvent.RE_REVIEW_REQUESTED: "请求复核",
    PetitionEvent.RE_REVIEW_ANSWERED: "登记复核意见",
    PetitionEvent.KEY_MARKED: "列为重点信访事项",
    PetitionEvent.CONTACT_RECORDED: "登记与信访人沟通情况",
}
