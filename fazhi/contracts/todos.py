"""合同's 待办: contracts to review (the legal counsel or reviewer), to sign (the head) and to file (whoever
sent the contract for review), each from the step the contract's page offers, with the due date the
contract keeps from its clock."""

from __future__ import annotations

import datetime
from collections.abc import Iterator

from django.urls import reverse

from fazhi.contracts import rules, selectors
from fazhi.contracts.models import Contract
from fazhi.core import todos
from fazhi.core.todos import Seat, Todo, TodoKind

REVIEW = TodoKind("contract_review", "合同待合法性审查", "contracts")
SIGN = TodoKind("contract_sign", "合同待签订", "contracts")
FILE = TodoKind("contract_file", "合同待归档", "contracts")
KINDS = (REVIEW, SIGN, FILE)

# The steps that are someone's work now, with their kind; the others (resubmitting, milestones) are
# taken when the town chooses to, not owed.
KIND_OF_STEP = {"review": REVIEW, "sign": SIGN, "file": FILE}
REGISTRAR_WHY = "你登记送审了该合同"


def _due(contract: Contract, step: str) -> tuple[datetime.date | None, str]:
    if step == "review":
        period = rules.review_period()
        return contract.review_due, "自送审材料齐全之日起%(n)d个工作日（%(c)s）" % {
            "n": period.days,
            "c": period.citation,
        }
    if step == "file":
        period = rules.filing_period()
        return contract.filing_due, "自签订之日起%(n)d个工作日（%(c)s）" % {
            "n": period.days,
            "c": period.citation,
        }
    return None, ""


def _why(seat: Seat, contract: Contract, step: str) -> str | None:
    """The filing is owed by whoever sent the contract for review; the other steps by their roles. None:
    not the seat's."""
    if step == "file":
        if seat.staff is not None and contract.registered_by_id != seat.staff.pk:
            return None
        return REGISTRAR_WHY if seat.staff is not None else todos.why_role(rules.STEPS[step].roles)
    return todos.why_role(rules.STEPS[step].roles)


def contract_todos(seat: Seat, today: datetime.date) -> Iterator[Todo]:
    steps = [rules.STEPS[name] for name in KIND_OF_STEP if seat.holds(rules.STEPS[name].roles)]
    statuses = {status for step in steps for status in step.within}
    if not statuses:
        return
    contracts = list(
        Contract.objects.filter(organisation_id__in=seat.town_ids, status__in=statuses).order_by("id")
    )
    for facts in selectors.row_facts(contracts):
        contract = facts.contract
        for step in steps:
            if not step.applies(facts) or step.blocked_by(facts) is not None:
                continue
            why = _why(seat, contract, step.name)
            if why is None:
                continue
            due_on, basis = _due(contract, step.name)
            yield Todo(
                kind=KIND_OF_STEP[step.name].code,
                title=contract.title,
                record_type="contract",
                record_id=contract.pk,
                step=step.name,
                step_label=step.label,
                why=why,
                due_on=due_on,
                due_basis=basis,
                url=reverse(f"contracts:{step.name}", args=[contract.pk]),
                town_id=contract.organisation_id,
            )
