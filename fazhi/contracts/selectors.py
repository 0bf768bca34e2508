"""Reads of contracts, scoped to what the actor may see: the register (台账) with its filters, one
contract, the party page's links, the next steps with what blocks each, and the year's counts."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from functools import cached_property

from django.db.models import Q, QuerySet
from django.urls import reverse

from fazhi.contracts import rules
from fazhi.contracts.models import Contract, ContractKind, ContractReview, ContractStatus, ReviewOpinion
from fazhi.core import permissions
from fazhi.core.errors import NotFoundOrHidden
from fazhi.core.models import Organisation, Party, Staff
from fazhi.core.party_links import PartyLink
from fazhi.core.rules import Offer
from fazhi.core.selectors import int_id


@dataclass(frozen=True)
class ContractFilters:
    status: str = ""
    kind: str = ""
    department: int | None = None
    year: int | None = None
    counterparty: str = ""
    overdue: bool = False


def contracts_for(actor: Staff) -> QuerySet[Contract]:
    return permissions.visible_by_id(actor, Contract.objects.select_related("counterparty", "department"))


def register(actor: Staff, filters: ContractFilters, *, today: datetime.date) -> QuerySet[Contract]:
    """台账: newest first by the day the materials were complete; a year means contracts sent for review
    that year."""
    contracts = contracts_for(actor)
    if filters.status in ContractStatus.values:
        contracts = contracts.filter(status=filters.status)
    if filters.kind in ContractKind.values:
        contracts = contracts.filter(kind=filters.kind)
    if filters.department:
        contracts = contracts.filter(department_id=filters.department)
    if filters.year:
        contracts = contracts.filter(received_on__year=filters.year)
    if filters.counterparty.strip():
        contracts = contracts.filter(counterparty__name__contains=filters.counterparty.strip())
    if filters.overdue:
        contracts = contracts.filter(
            Q(status=ContractStatus.SUBMITTED, review_due__lt=today)
            | Q(status=ContractStatus.SIGNED, filing_due__lt=today)
        )
    return contracts.order_by("-received_on", "-id")


def access_contract(actor: Staff, contract_id: object) -> Contract:
    number = int_id(contract_id)
    contract = (
        Contract.objects.select_related("organisation", "counterparty", "department", "registered_by")
        .filter(pk=number)
        .first()
    )
    if contract is None or not permissions.can_see(actor, contract.organisation):
        raise NotFoundOrHidden()
    return contract


def reviews_of(contract: Contract) -> list[ContractReview]:
    return list(contract.reviews.select_related("number", "reviewer").order_by("reviewed_on", "id"))


def latest_review(contract: Contract) -> ContractReview | None:
    return contract.reviews.select_related("number", "reviewer").order_by("-reviewed_on", "-id").first()


def latest_reviews(contracts: list[Contract]) -> dict[int, ContractReview]:
    """Each contract's latest review, for a page or a file of many contracts, in one query."""
    latest: dict[int, ContractReview] = {}
    reviews = ContractReview.objects.filter(contract__in=contracts).select_related("number", "reviewer")
    for review in reviews.order_by("reviewed_on", "id"):
        latest[review.contract_id] = review
    return latest


def access_review(actor: Staff, review_id: object) -> ContractReview:
    number = int_id(review_id)
    review = (
        ContractReview.objects.select_related(
            "number", "reviewer", "contract__organisation", "contract__counterparty", "contract__department"
        )
        .filter(pk=number)
        .first()
    )
    if review is None or not permissions.can_see(actor, review.contract.organisation):
        raise NotFoundOrHidden()
    return review


def party_contract_links(actor: Staff, party: Party) -> list[PartyLink]:
    """The party's contracts for its page (一户一档)."""
    return [
        PartyLink(
            title=contract.title,
            url=reverse("contracts:detail", args=[contract.pk]),
            detail=contract.get_status_display(),
        )
        for contract in contracts_for(actor).filter(counterparty=party).order_by("-id")
    ]


class ContractRowFacts:
    """contracts.rules.ContractFacts, read from the contract and its latest review."""

    def __init__(self, contract: Contract) -> None:
        self.contract = contract

    @property
    def status(self) -> str:
        return self.contract.status

    @property
    def status_label(self) -> str:
        return self.contract.get_status_display()

    @cached_property
    def latest(self) -> ContractReview | None:
        return latest_review(self.contract)

    @property
    def latest_opinion(self) -> str | None:
        return self.latest.opinion if self.latest else None

    @property
    def latest_number(self) -> str:
        return self.latest.number.text if self.latest else ""


def row_facts(contracts: list[Contract]) -> list[ContractRowFacts]:
    """Many contracts' facts with their latest reviews read in one query (the 待办 of a town)."""
    latest = latest_reviews(contracts)
    found = []
    for contract in contracts:
        facts = ContractRowFacts(contract)
        facts.__dict__["latest"] = latest.get(contract.pk)  # what the cached property would read
        found.append(facts)
    return found


def next_steps(actor: Staff, contract: Contract) -> list[Offer]:
    """The steps of contracts.rules.STEPS this actor may take on the contract now; one the rules
    block carries the rule and its source."""
    offers = permissions.offers_for(actor, rules.STEPS, ContractRowFacts(contract))
    return [offer for offer in offers if offer.allowed]


@dataclass(frozen=True)
class YearCounts:
    registered: int
    reviewed: int
    with_numbered_review: int
    signed: int
    signed_without_passing_review: int


def counts_for_year(organisation: Organisation, *, year: int) -> YearCounts:
    """The annual report's figures: contracts sent for review, contracts with an opinion given in the
    year (the report's “审核合同协议N份”), and those signed — every signed one behind a passing review."""
    contracts = Contract.objects.filter(organisation__path__startswith=organisation.path)
    reviewed = contracts.filter(reviews__reviewed_on__year=year).distinct()
    signed = contracts.filter(signed_on__year=year)
    return YearCounts(
        registered=contracts.filter(received_on__year=year).count(),
        reviewed=reviewed.count(),
        with_numbered_review=reviewed.filter(reviews__number__isnull=False).distinct().count(),
        signed=signed.count(),
        signed_without_passing_review=signed.exclude(
            reviews__opinion__in=[ReviewOpinion.APPROVE, ReviewOpinion.APPROVE_WITH_CHANGES]
        ).count(),
    )
