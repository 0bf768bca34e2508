"""Every write to contracts: register with the drafts, review (numbered opinion), resubmit, sign behind
the review gate, file the signed copy with an archive number, performance milestones, reminders. Each
one transaction with its ledger event; files are stored before the transaction begins."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from fazhi.contracts import rules, selectors
from fazhi.contracts.events import ContractEvent
from fazhi.contracts.models import (
    Contract,
    ContractMilestone,
    ContractReview,
    ContractStatus,
)
from fazhi.core import locking, numbering, permissions, validators
from fazhi.core import services as core_services
from fazhi.core.errors import InvalidInput
from fazhi.core.files import StoredFile
from fazhi.core.models import Organisation, Party, PartyKind, Staff
from fazhi.ledger import record as ledger


@dataclass(frozen=True)
class ContractInput:
    title: str
    kind: str
    amount_fen: int
    counterparty: Party
    department: Organisation
    received_on: datetime.date


def _check_counterparty(party: Party, town: Organisation) -> None:
    """The counterparty is a party of this town; an organisation's 统一社会信用代码 must pass its check
    (a register entry made before the checks existed may not)."""
    if not party.organisation.path.startswith(town.path):
        raise InvalidInput(
            "合同相对方不在本镇（街道）当事人名录中。",
            field_errors={"counterparty": "请选择本镇登记的当事人。"},
        )
    if party.kind != PartyKind.PERSON:
        if party.uscc == validators.INDIVIDUAL_BUSINESS_PLACEHOLDER and party.business_registration_no:
            return
        try:
            validators.check_uscc(party.uscc)
        except InvalidInput as error:
            raise InvalidInput(
                "合同相对方“%(p)s”的统一社会信用代码有误：%(m)s请先在当事人档案中更正。"
                % {"p": party.name, "m": error.message},
                field_errors={"counterparty": error.message},
                citation=validators.CITATION_USCC,
            ) from None


def _check_input(data: ContractInput, town: Organisation, today: datetime.date) -> None:
    errors: dict[str, str] = {}
    if not data.department.path.startswith(town.path):
        errors["department"] = "承办部门应为本镇（街道）的部门。"
    if data.received_on > today:
        errors["received_on"] = "送审日期不能晚于今天。"
    if errors:
        raise InvalidInput("合同信息有误。", field_errors=errors)


def _take(actor: Staff, contract: Contract, step: str) -> Contract:
    return locking.take_step(actor, contract, rules.STEPS[step], selectors.ContractRowFacts)


@transaction.atomic(durable=True)
def register_contract(actor: Staff, data: ContractInput, *, drafts: list[StoredFile]) -> Contract:
    """送审: the contract with its draft(s); the review clock starts from the day the materials were
    complete. A large amount flags the matter as possibly a major administrative decision."""
    permissions.require_step(actor, rules.STEPS["register"])
    town = permissions.acting_town(actor)
    today = timezone.localdate()
    _check_input(data, town, today)
    _check_counterparty(data.counterparty, town)
    if not drafts:
        raise InvalidInput("请上传合同文本（送审稿）。", field_errors={"drafts": "请上传合同文本。"})
    contract = Contract.objects.create(
        organisation=town,
        title=data.title,
        kind=data.kind,
        amount_fen=data.amount_fen,
        counterparty=data.counterparty,
        department=data.department,
        status=ContractStatus.SUBMITTED,
        received_on=data.received_on,
        review_due=rules.review_period().due(data.received_on).due,
        possibly_major=rules.possibly_major(data.amount_fen),
        registered_by=actor,
    )
    for draft in drafts:
        core_services.record_attachment(
            actor, subject=contract, organisation=town, blob=draft.blob, name=draft.name, description="送审稿"
        )
    ledger.record(
        actor,
        ContractEvent.REGISTERED,
        contract,
        {
            "title": contract.title,
            "counterparty": data.counterparty.pk,
            "amount_fen": contract.amount_fen,
            "review_due": contract.review_due.isoformat(),
            "possibly_major": contract.possibly_major,
        },
        organisation=town,
    )
    return contract


@transaction.atomic(durable=True)
def review_contract(actor: Staff, contract: Contract, *, opinion: str, reasons: str) -> ContractReview:
    """The legal counsel's or the 司法所's opinion, numbered from the town's review series."""
    contract = _take(actor, contract, "review")
    today = timezone.localdate()
    series = numbering.series_for(contract.organisation, rules.REVIEW_SERIES_KEY, document="合同审查意见")
    review = ContractReview.objects.create(
        contract=contract,
        number=core_services.issue_number(actor, series, year=today.year, subject=contract),
        opinion=opinion,
        reasons=reasons,
        reviewer=actor,
        reviewed_on=today,
        late=today > contract.review_due,
    )
    contract.status = ContractStatus.REVIEWED
    contract.changes_confirmed = False
    contract.save(update_fields=["status", "changes_confirmed"])
    ledger.record(
        actor,
        ContractEvent.REVIEWED,
        contract,
        {"number": review.number.text, "opinion": opinion, "late": review.late},
        organisation=contract.organisation,
    )
    return review


@transaction.atomic(durable=True)
def resubmit_contract(
    actor: Staff, contract: Contract, *, received_on: datetime.date, drafts: list[StoredFile]
) -> Contract:
    """After 不同意 or 修改后同意, the revised text goes back to the reviewer: a new review period."""
    contract = _take(actor, contract, "resubmit")
    latest = contract.reviews.order_by("-reviewed_on", "-id").first()
    assert latest is not None, "a reviewed contract has its review"
    if received_on > timezone.localdate() or received_on < latest.reviewed_on:
        raise InvalidInput(
            "重新送审日期应在上次审查之后、今天之前。", field_errors={"received_on": "日期不在允许范围内。"}
        )
    if not drafts:
        raise InvalidInput("请上传修改后的合同文本。", field_errors={"drafts": "请上传合同文本。"})
    contract.status = ContractStatus.SUBMITTED
    contract.received_on = received_on
    contract.review_due = rules.review_period().due(received_on).due
    contract.save(update_fields=["status", "received_on", "review_due"])
    for draft in drafts:
        core_services.record_attachment(
            actor,
            subject=contract,
            organisation=contract.organisation,
            blob=draft.blob,
            name=draft.name,
            description="修改稿",
        )
    ledger.record(
        actor,
        ContractEvent.RESUBMITTED,
        contract,
        {"received_on": received_on.isoformat(), "review_due": contract.review_due.isoformat()},
        organisation=contract.organisation,
    )
    return contract


@transaction.atomic(durable=True)
def sign_contract(
    actor: Staff, contract: Contract, *, signed_on: datetime.date, changes_confirmed: bool = False
) -> Contract:
    """签订: only behind a passing review (rules.check_signable); the filing clock starts."""
    contract = _take(actor, contract, "sign")
    latest = selectors.latest_review(contract)
    assert latest is not None, "the step's gates found a passing review"
    rules.check_signable(latest.opinion, number=latest.number.text, changes_confirmed=changes_confirmed)
    if signed_on > timezone.localdate() or signed_on < latest.reviewed_on:
        raise InvalidInput(
            "签订日期应在审查意见出具之后、今天之前。", field_errors={"signed_on": "日期不在允许范围内。"}
        )
    contract.status = ContractStatus.SIGNED
    contract.signed_on = signed_on
    contract.changes_confirmed = changes_confirmed
    contract.filing_due = rules.filing_period().due(signed_on).due
    contract.save(update_fields=["status", "signed_on", "changes_confirmed", "filing_due"])
    ledger.record(
        actor,
        ContractEvent.SIGNED,
        contract,
        {
            "signed_on": signed_on.isoformat(),
            "review": latest.number.text,
            "changes_confirmed": changes_confirmed,
            "filing_due": contract.filing_due.isoformat(),
        },
        organisation=contract.organisation,
    )
    return contract


@transaction.atomic(durable=True)
def file_contract(
    actor: Staff, contract: Contract, *, signed_copy: StoredFile, filed_on: datetime.date
) -> Contract:
    """归档: the signed copy is kept and the contract gets its archive number."""
    contract = _take(actor, contract, "file")
    assert contract.signed_on is not None, "a signed contract has its signing day"
    if filed_on > timezone.localdate() or filed_on < contract.signed_on:
        raise InvalidInput(
            "归档日期应在签订日期之后、今天之前。", field_errors={"filed_on": "日期不在允许范围内。"}
        )
    series = numbering.series_for(contract.organisation, rules.ARCHIVE_SERIES_KEY, document="合同档案号")
    number = core_services.issue_number(actor, series, year=filed_on.year, subject=contract)
    core_services.record_attachment(
        actor,
        subject=contract,
        organisation=contract.organisation,
        blob=signed_copy.blob,
        name=signed_copy.name,
        description="签订文本",
    )
    contract.status = ContractStatus.FILED
    contract.filed_on = filed_on
    contract.archive_number = number.text
    contract.save(update_fields=["status", "filed_on", "archive_number"])
    assert contract.filing_due is not None
    ledger.record(
        actor,
        ContractEvent.FILED,
        contract,
        {
            "archive_number": number.text,
            "filed_on": filed_on.isoformat(),
            "late": filed_on > contract.filing_due,
            "signed_copy_sha256": signed_copy.blob.sha256,
        },
        organisation=contract.organisation,
    )
    return contract


@transaction.atomic(durable=True)
def add_milestone(
    actor: Staff, contract: Contract, *, title: str, due_on: datetime.date
) -> ContractMilestone:
    contract = _take(actor, contract, "milestone")
    milestone = ContractMilestone.objects.create(contract=contract, title=title, due_on=due_on)
    ledger.record(
        actor,
        ContractEvent.MILESTONE_ADDED,
        contract,
        {"milestone": milestone.pk, "title": milestone.title, "due_on": due_on.isoformat()},
        organisation=contract.organisation,
    )
    return milestone


@transaction.atomic(durable=True)
def complete_milestone(
    actor: Staff, milestone: ContractMilestone, *, done_on: datetime.date
) -> ContractMilestone:
    contract = _take(actor, milestone.contract, "milestone_done")
    milestone = ContractMilestone.objects.select_for_update().get(pk=milestone.pk, contract=contract)
    rules.check_milestone_open(done=milestone.done_on is not None)
    if done_on > timezone.localdate():
        raise InvalidInput("完成日期不能晚于今天。", field_errors={"done_on": "完成日期不能晚于今天。"})
    milestone.done_on = done_on
    milestone.save(update_fields=["done_on"])
    ledger.record(
        actor,
        ContractEvent.MILESTONE_DONE,
        contract,
        {"milestone": milestone.pk, "done_on": done_on.isoformat()},
        organisation=contract.organisation,
    )
    return milestone


# ------------------------------------------------------------------------------------------ reminders


@dataclass(frozen=True)
class ReminderRun:
    reminded: int


@transaction.atomic(durable=True)
def send_contract_reminders(*, today: datetime.date) -> ReminderRun:
    """The daily job: reviewers of reviews due or overdue, registrars of filings due, and milestones
    coming up, each told once a day (core.services.notify)."""
    horizon = today + datetime.timedelta(days=settings.CONTRACT_WARNING_DAYS)
    reminded = 0
    for contract in Contract.objects.filter(
        status=ContractStatus.SUBMITTED, review_due__lte=horizon
    ).select_related("organisation"):
        reviewers = list(
            Staff.objects.filter(
                is_active=True,
                organisation__path__startswith=contract.organisation.path,
                role_grants__role__in=rules.REVIEWER_ROLES,
            ).distinct()
        )
        core_services.notify(
            reviewers,
            key=f"contract-review-{contract.pk}",
            day=today,
            text="合同“%(t)s”的合法性审查期限为 %(d)s%(late)s。"
            % {
                "t": contract.title,
                "d": contract.review_due.isoformat(),
                "late": "，已超期" if contract.review_due < today else "",
            },
            url=reverse("contracts:detail", args=[contract.pk]),
        )
        reminded += 1
    for contract in Contract.objects.filter(
        status=ContractStatus.SIGNED, filing_due__lte=horizon
    ).select_related("registered_by"):
        assert contract.filing_due is not None
        core_services.notify(
            [contract.registered_by],
            key=f"contract-filing-{contract.pk}",
            day=today,
            text="合同“%(t)s”应于 %(d)s 前归档签订文本。"
            % {"t": contract.title, "d": contract.filing_due.isoformat()},
            url=reverse("contracts:detail", args=[contract.pk]),
        )
        reminded += 1
    for milestone in ContractMilestone.objects.filter(
        done_on__isnull=True, due_on__lte=horizon
    ).select_related("contract__registered_by"):
        core_services.notify(
            [milestone.contract.registered_by],
            key=f"contract-milestone-{milestone.pk}",
            day=today,
            text="合同“%(t)s”的履约事项“%(m)s”应于 %(d)s 完成。"
            % {"t": milestone.contract.title, "m": milestone.title, "d": milestone.due_on.isoformat()},
            url=reverse("contracts:detail", args=[milestone.contract_id]),
        )
        reminded += 1
    return ReminderRun(reminded=reminded)
