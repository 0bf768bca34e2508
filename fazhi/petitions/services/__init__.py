"""Every write of the petitions app (信访工作条例): the handling of a matter, and its marking as a key
matter with the contacts made with the petitioners. Callers use `services.<name>`; each module holds one
subject."""

from fazhi.petitions.services.handling import (
    OpinionInput,
    PetitionInput,
    ReviewAnswerInput,
    accept_petition,
    decline_petition,
    extend_handling,
    issue_opinion,
    record_re_review_opinion,
    record_review_opinion,
    register_petition,
    request_re_review,
    request_review,
)
from fazhi.petitions.services.key_matters import mark_key_matter, record_contact

__all__ = [
    "OpinionInput",
    "PetitionInput",
    "ReviewAnswerInput",
    "accept_petition",
    "decline_petition",
    "extend_handling",
    "issue_opinion",
    "mark_key_matter",
    "record_contact",
    "record_re_review_opinion",
    "record_review_opinion",
    "register_petition",
    "request_re_review",
    "request_review",
]
