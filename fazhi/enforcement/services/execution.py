"""After the decision: 送达 (art. 61), 复议/诉讼 (art. 73), payment (arts. 67, 72), 催告 and the court (行政强制法 arts.
53, 54), and 结案."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from fazhi.core import rules as core_rules
from fazhi.core.errors import InvalidInput
from fazhi.core.models import Staff
from fazhi.enforcement import rules, selectors
from fazhi.enforcement.events import EnforcementEvent
from fazhi.enforcement.models import (
    Case,
    Closure,
    ClosureReason,
    CourtApplication,
    DecisionService,
    Demand,
    Payment,
    PaymentMethod,
    RemedyProceeding,
    ServiceConsent,
    ServiceMethod,
)
from fazhi.enforcement.rules import Stage
from fazhi.enforcement.services.common import move, set_clock, take, take_judged
from fazhi.ledger import record as ledger


@transaction.atomic(durable=True)
def serve_decision(
    actor: Staff,
    case: Case,
    *,
    method: str,
    served_on: datetime.date,
    recipient: str,
    proof: str,
    refused: bool = False,
    late_reason: str = "",
    public_notice_reason: str = "",
) -> DecisionService:
    """送达 (art. 61), which starts the 15 days to pay (art. 67) on the day it takes effect: electronic
    service needs the party's signed consent, 公告送达 its reason and takes effect thirty days on."""
    case = take(actor, case, "serve")
    decision = selectors.decision_of(case)
    if served_on > timezone.localdate():
        raise InvalidInput(
            "送达信息有误，请按提示修改。",
            field_errors={"served_on": "送达日期不能晚于今天。"},
            citation=f"{rules.LAW} 第六十一条",
        )
    rules.check_service_time(decided_on=decision.decided_on, served_on=served_on, late_reason=late_reason)
    public_notice = method == ServiceMethod.PUBLIC_NOTICE
    rules.check_service_method(
        electronic=method == ServiceMethod.ELECTRONIC,
        public_notice=public_notice,
        public_notice_reason=public_notice_reason,
        served_on=served_on,
        consent_signed_on=selectors.consent_signed_on(case, on_or_before=served_on),
    )
    effective_on = rules.service_takes_effect(public_notice=public_notice, served_on=served_on)
    move(case, Stage.SERVED)
    payment_due = rules.PAYMENT.due(effective_on).due if decision.fine_fen else None
    set_clock(case, rules.PAYMENT.key, payment_due)
    case.save(update_fields=["stage", "clock_key", "clock_due", "updated_at"])
    service = DecisionService.objects.create(
        case=case,
        method=method,
        served_on=served_on,
        recipient=recipient,
        proof=proof,
        refused=refused,
        late_reason=late_reason if served_on > (decision.service_due or served_on) else "",
        payment_due=payment_due,
        served_by=actor,
        public_notice_reason=public_notice_reason if public_notice else "",
    )
    ledger.record(
        actor,
        EnforcementEvent.SERVED,
        case,
        {
            "method": method,
            "served_on": served_on.isoformat(),
            "refused": refused,
            "late": bool(service.late_reason),
            "effective_on": effective_on.isoformat(),
            "payment_due": payment_due.isoformat() if payment_due else None,
        },
        organisation=case.organisation,
    )
    return service


@transaction.atomic(durable=True)
def record_service_consent(
    actor: Staff, case: Case, *, channel: str, address: str, signed_on: datetime.date
) -> ServiceConsent:
    """The party's 确认书 agreeing to service by fax, e-mail or another electronic channel (art. 61(2)),
    which electronic service of the decision then needs."""
    case = take(actor, case, "service_consent")
    if not address.strip():
        raise InvalidInput(
            "请填写当事人确认的传真号码、电子邮件地址等。",
            field_errors={"address": "请填写当事人确认的传真号码、电子邮件地址等。"},
        )
    core_rules.check_dates_in_order(
        signed_on,
        what="确认书签订日期",
        after=[(case.received_on, "收到线索日期")],
        today=timezone.localdate(),
        citation=rules.SERVICE_CONSENT_CITATION,
    )
    consent = ServiceConsent.objects.create(
        case=case, channel=channel, address=address.strip(), signed_on=signed_on, recorded_by=actor
    )
    ledger.record(
        actor,
        EnforcementEvent.SERVICE_CONSENT_RECORDED,
        case,
        {"consent": consent.pk, "channel": channel, "signed_on": signed_on.isoformat()},
        organisation=case.organisation,
    )
    return consent


@transaction.atomic(durable=True)
def start_remedy(actor: Staff, case: Case, *, kind: str, started_on: datetime.date) -> RemedyProceeding:
    """The party applied for 复议 or sued: enforcement and the surcharge wait (art. 73)."""
    case = take(actor, case, "remedy")
    if started_on > timezone.localdate():
        raise InvalidInput("日期不能晚于今天。", field_errors={"started_on": "日期不能晚于今天。"})
    service = DecisionService.objects.filter(case=case).first()
    core_rules.check_dates_in_order(
        started_on,
        what="申请复议或起诉日期",
        after=[(service.served_on if service else None, "决定书送达日期")],
        today=timezone.localdate(),
        citation=f"{rules.LAW} 第七十三条；行政复议法 第二十条",
    )
    remedy = RemedyProceeding.objects.create(case=case, kind=kind, started_on=started_on)
    ledger.record(
        actor,
        EnforcementEvent.REMEDY_STARTED,
        case,
        {"remedy": remedy.pk, "kind": kind, "started_on": started_on.isoformat()},
        organisation=case.organisation,
    )
    return remedy


@transaction.atomic(durable=True)
def end_remedy(
    actor: Staff, case: Case, *, ended_on: datetime.date, result: str, outcome: str = ""
) -> RemedyProceeding:
    """The 复议 decision or the judgment. A decision changed, revoked, or found unlawful or void must
    come off the portal within 3 working days (disclosure.selectors.publications_to_withdraw)."""
    case = take(actor, case, "remedy_end")
    remedy = case.remedies.filter(ended_on__isnull=True).first()
    assert remedy is not None, "the step's gate found the pending remedy"
    if ended_on < remedy.started_on or ended_on > timezone.localdate():
        raise InvalidInput(
            "复议或诉讼结果有误。",
            field_errors={
                "ended_on": "结束日期应在 %(s)s 至今天之间。" % {"s": remedy.started_on.isoformat()}
            },
        )
    remedy.ended_on = ended_on
    remedy.result = result
    remedy.outcome = outcome
    remedy.save(update_fields=["ended_on", "result", "outcome"])
    ledger.record(
        actor,
        EnforcementEvent.REMEDY_ENDED,
        case,
        {"remedy": remedy.pk, "ended_on": ended_on.isoformat(), "result": result, "outcome": remedy.outcome},
        organisation=case.organisation,
    )
    return remedy


@transaction.atomic(durable=True)
def record_payment(
    actor: Staff, case: Case, *, paid_on: datetime.date, paid_fen: int, receipt_number: str
) -> Payment:
    """罚款缴纳 at the designated bank (art. 67), with the surcharge owed that day (art. 72)."""
    case = take(actor, case, "payment")
    if paid_on > timezone.localdate():
        raise InvalidInput("缴纳日期不能晚于今天。", field_errors={"paid_on": "缴纳日期不能晚于今天。"})
    decision = selectors.decision_of(case)
    core_rules.check_dates_in_order(
        paid_on,
        what="缴纳日期",
        after=[(decision.decided_on, "处罚决定日期")],
        today=timezone.localdate(),
        citation=f"{rules.LAW} 第六十七条",
    )
    fine, surcharge = selectors.amount_owed(case, on=paid_on)
    rules.check_payment(
        fine_fen=fine, surcharge_owed_fen=surcharge, paid_fen=paid_fen, receipt_number=receipt_number
    )
    move(case, Stage.PAID)
    set_clock(case, "", None)
    case.save(update_fields=["stage", "clock_key", "clock_due", "updated_at"])
    payment = Payment.objects.create(
        case=case,
        method=PaymentMethod.BANK,
        paid_on=paid_on,
        fine_fen=fine,
        surcharge_fen=surcharge,
        receipt_number=receipt_number,
        recorded_by=actor,
    )
    ledger.record(
        actor,
        EnforcementEvent.PAID,
        case,
        {
            "paid_on": paid_on.isoformat(),
            "fine_fen": fine,
            "surcharge_fen": surcharge,
            "receipt": payment.receipt_number,
        },
        organisation=case.organisation,
    )
    return payment


@transaction.atomic(durable=True)
def issue_demand(actor: Staff, case: Case, *, served_on: datetime.date) -> Demand:
    """催告 (行政强制法 art. 54): the party has not paid by the due date; ten working days to perform."""
    if served_on > timezone.localdate():
        raise InvalidInput("送达日期不能晚于今天。", field_errors={"served_on": "送达日期不能晚于今天。"})
    # The party's default is judged as of the day the 催告 reaches them.
    case = take(actor, case, "demand", today=served_on)
    if case.stage == Stage.SERVED:
        move(case, Stage.EXECUTING)
    wait = rules.DEMAND_WAIT.due(served_on).due
    set_clock(case, rules.DEMAND_WAIT.key, wait)
    case.save(update_fields=["stage", "clock_key", "clock_due", "updated_at"])
    demand = Demand.objects.create(case=case, served_on=served_on, wait_until=wait, issued_by=actor)
    ledger.record(
        actor,
        EnforcementEvent.DEMAND_ISSUED,
        case,
        {"served_on": served_on.isoformat(), "wait_until": wait.isoformat()},
        organisation=case.organisation,
    )
    return demand


@transaction.atomic(durable=True)
def apply_to_court(actor: Staff, case: Case, *, court: str, applied_on: datetime.date) -> CourtApplication:
    """申请人民法院强制执行 (行政强制法 arts. 53, 54): a town has no power to enforce a fine itself."""
    case = take(actor, case, "court")
    if applied_on > timezone.localdate():
        raise InvalidInput("申请日期不能晚于今天。", field_errors={"applied_on": "申请日期不能晚于今天。"})
    demand = case.demands.order_by("-id").first()
    window = selectors.court_window(case)
    assert window is not None, "the step is taken in execution, after service"
    rules.check_court_application(
        demand_wait_until=demand.wait_until if demand else None,
        window=window,
        applied_on=applied_on,
        remedy_pending=case.remedies.filter(ended_on__isnull=True).exists(),
    )
    set_clock(case, "", None)
    case.save(update_fields=["clock_key", "clock_due", "updated_at"])
    application = CourtApplication.objects.create(
        case=case, court=court, applied_on=applied_on, applied_by=actor
    )
    ledger.record(
        actor,
        EnforcementEvent.COURT_APPLIED,
        case,
        {"court": application.court, "applied_on": applied_on.isoformat()},
        organisation=case.organisation,
    )
    return application


@transaction.atomic(durable=True)
def close_case(actor: Staff, case: Case, *, reason: str, summary: str) -> Closure:
    """结案 with the head's approval, on a reason the case's record supports."""
    case, judged = take_judged(actor, case, "close")
    rules.check_closure(judged.closure_facts, reason, dict(ClosureReason.choices))
    move(case, Stage.CLOSED)
    set_clock(case, "", None)
    case.save(update_fields=["stage", "clock_key", "clock_due", "updated_at"])
    closure = Closure.objects.create(
        case=case, reason=reason, summary=summary, approved_by=actor, closed_on=timezone.localdate()
    )
    ledger.record(
        actor,
        EnforcementEvent.CLOSED,
        case,
        {"reason": reason, "closed_on": closure.closed_on.isoformat()},
        organisation=case.organisation,
    )
    return closure
