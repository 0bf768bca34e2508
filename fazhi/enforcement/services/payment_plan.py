"""暂缓或者分期缴纳罚款 (art. 66(2)): on the party's application, with the head's approval."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from fazhi.core import calendar
from fazhi.core import rules as core_rules
from fazhi.core.errors import InvalidInput
from fazhi.core.models import Staff
from fazhi.enforcement import rules, selectors
from fazhi.enforcement.events import EnforcementEvent
from fazhi.enforcement.models import Case, DecisionService, PaymentPlan
from fazhi.enforcement.services.common import set_clock, take
from fazhi.ledger import record as ledger


@transaction.atomic(durable=True)
def approve_payment_plan(
    actor: Staff,
    case: Case,
    *,
    kind: str,
    applied_on: datetime.date,
    reason: str,
    approved_on: datetime.date,
    ends_on: datetime.date,
    instalments: list[rules.Instalment] | None = None,
) -> PaymentPlan:
    """The head approves the party's application: until `ends_on` the surcharge does not accrue, no
    催告 is made, and the court window (行政强制法 art. 53) runs from that day."""
    case = take(actor, case, "payment_plan")
    parts = list(instalments or [])
    if ends_on.year > calendar.LAST_YEAR:
        raise InvalidInput(
            "暂缓（分期）缴纳信息有误。",
            field_errors={"ends_on": "截止日期应在 %(y)d 年以前。" % {"y": calendar.LAST_YEAR + 1}},
        )
    service = DecisionService.objects.get(case=case)
    today = timezone.localdate()
    core_rules.check_dates_in_order(
        applied_on,
        what="当事人申请日期",
        after=[(service.served_on, "决定书送达日期")],
        today=today,
        citation=rules.PAYMENT_PLAN_CITATION,
    )
    core_rules.check_dates_in_order(
        approved_on,
        what="批准日期",
        after=[(applied_on, "当事人申请日期")],
        today=today,
        citation=rules.PAYMENT_PLAN_CITATION,
    )
    decision = selectors.decision_of(case)
    assert service.payment_due is not None, "the step's gate found a fine to pay"
    rules.check_payment_plan(
        kind=rules.PaymentPlanKind(kind),
        reason=reason,
        fine_fen=decision.fine_fen,
        payment_due=service.payment_due,
        applied_on=applied_on,
        ends_on=ends_on,
        instalments=parts,
    )
    plan = PaymentPlan.objects.create(
        case=case,
        kind=kind,
        applied_on=applied_on,
        reason=reason.strip(),
        approved_by=actor,
        approved_on=approved_on,
        ends_on=ends_on,
        instalments=[{"due_on": part.due_on.isoformat(), "amount_fen": part.amount_fen} for part in parts],
    )
    set_clock(case, rules.PAYMENT_PLAN_CLOCK, ends_on)
    case.save(update_fields=["clock_key", "clock_due", "updated_at"])
    ledger.record(
        actor,
        EnforcementEvent.PAYMENT_PLAN_APPROVED,
        case,
        {
            "kind": kind,
            "applied_on": applied_on.isoformat(),
            "approved_on": approved_on.isoformat(),
            "ends_on": ends_on.isoformat(),
            "instalments": plan.instalments,
        },
        organisation=case.organisation,
    )
    return plan
