"""Reads of contracts, scoped to what the actor may see: the register (台账) with its filters, one
contract, the party page's links, the next steps with what blocks each, and the year's counts."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.urls import reverse

from fazhi.contracts import rules
from fazhi.contracts.models import Contract, ContractKind, ContractReview, ContractStatus, ReviewOpinion
from fazhi.core import permissions
from fazhi.core.errors import NotFoundOrHidden, RuleViolation
from fazhi.core.models import Organisation, Party, Staff
from fazhi.core.party_links import PartyLink
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
    """台账: newest first; a year means contracts sent for review that year."""
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
    return contracts.order_by("-id")


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


@dataclass(frozen=True)
class Step:
    key: str
    label: str
    url_name: str
    blocked: str = ""


def next_steps(actor: Staff, contract: Contract) -> list[Step]:
    """What may happen next, for this actor; a step the rules block carries the rule and its source."""
    steps: list[Step] = []
    is_reviewer = any(permissions.has_role(actor, role) for role in rules.REVIEWER_ROLES)
    registrar = permissions.has_role(actor, *rules.REGISTRAR_ROLES)
    status = ContractStatus(contract.status)
    if status == ContractStatus.SUBMITTED and is_reviewer:
        steps.append(Step("review", "出具审查意见", "contracts:review"))
    if status == ContractStatus.SUBMITTED and permissions.has_role(actor, *rules.SIGNER_ROLES):
        steps.append(
            Step(
                "sign",
                "签订",
                "contracts:sign",
                blocked="合同尚在合法性审查中，不得签订。（依据：%s）" % rules.REVIEW_REQUIRED,
            )
        )
    if status == ContractStatus.REVIEWED:
        latest = latest_review(contract)
        if permissions.has_role(actor, *rules.SIGNER_ROLES):
            blocked = ""
            try:
                rules.check_signable(latest, changes_confirmed=True)
            except RuleViolation as violation:
                blocked = "%(m)s（依据：%(c)s）" % {"m": violation.message, "c": violation.citation}
            steps.append(Step("sign", "签订", "contracts:sign", blocked=blocked))
        if registrar and latest is not None and latest.opinion != ReviewOpinion.APPROVE:
            steps.append(Step("resubmit", "修改后重新送审", "contracts:resubmit"))
    if status == ContractStatus.SIGNED and registrar:
        steps.append(Step("file", "归档签订文本", "contracts:file"))
    if status in (ContractStatus.SIGNED, ContractStatus.FILED) and registrar:
        steps.append(Step("milestone", "登记履约节点", "contracts:milestone"))
    return steps


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
