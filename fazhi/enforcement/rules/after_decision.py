"""The gates after the decision: extension (art. 60), service (art. 61), payment (arts. 67, 72), 催告 and the
court (行政强制法 arts. 53, 54), closure."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import TextChoices

from fazhi.core.errors import RuleViolation
from fazhi.core.money import yuan
from fazhi.enforcement.rules.periods import SERVICE, court_application_window
from fazhi.enforcement.rules.procedure import LAW, Stage

MAX_EXTENSION_DAYS = 30


class RemedyResult(TextChoices):
    """How a 复议 or 诉讼 against the decision ended."""

    UPHELD = "upheld", "维持"
    CHANGED = "changed", "变更"
    REVOKED = "revoked", "撤销"
    UNLAWFUL = "unlawful", "确认违法"
    VOID = "void", "确认无效"
    DISMISSED = "dismissed", "驳回（复议申请或诉讼请求）"
    WITHDRAWN = "withdrawn", "申请人撤回（原告撤诉）"
    OTHER = "other", "其他"


# The outcomes of 复议 or 诉讼 after which the decision no longer stands as it was made: changed,
# revoked, or found unlawful or void. A publication of it comes off the portal (DOMAIN §5.4).
ANNULLING_RESULTS = frozenset(
    {RemedyResult.CHANGED, RemedyResult.REVOKED, RemedyResult.UNLAWFUL, RemedyResult.VOID}
)


def check_extension(*, days: int, reason: str) -> None:
    """Art. 60 allows other rules to set a longer period; local rules let the head extend it (the step
    table's lawful actor), with a reason, a limited number of days at a time."""
    if not 1 <= days <= MAX_EXTENSION_DAYS:
        raise RuleViolation(
            "每次延长办案期限为 1 至 %(max)d 日，本次申请 %(days)d 日；确需再延长的，应另行报批。"
            % {"max": MAX_EXTENSION_DAYS, "days": days},
            citation=f"{LAW} 第六十条",
        )
    if not reason.strip():
        raise RuleViolation("延长办案期限应当写明理由。", citation=f"{LAW} 第六十条")


def check_service_time(*, decided_on: datetime.date, served_on: datetime.date, late_reason: str) -> None:
    """Art. 61: handed over on the spot after announcing it, or served within 7 working days. Late
    service happened and is recorded, with its reason."""
    if served_on < decided_on:
        raise RuleViolation(
            "送达日期（%(s)s）不能早于决定日期（%(d)s）。"
            % {"s": served_on.isoformat(), "d": decided_on.isoformat()},
            citation=f"{LAW} 第六十一条",
        )
    due = SERVICE.due(decided_on).due
    if served_on > due and not late_reason.strip():
        raise RuleViolation(
            "决定书应当在七个工作日内（至 %(due)s）送达；已逾期，请写明逾期送达的理由。"
            % {"due": due.isoformat()},
            citation=f"{LAW} 第六十一条、第八十五条",
        )


def check_payment(*, fine_fen: int, surcharge_owed_fen: int, paid_fen: int, receipt_number: str) -> None:
    """Art. 67: the fine goes to the designated bank with a receipt; art. 72: with the surcharge owed."""
    if not receipt_number.strip():
        raise RuleViolation("请填写银行缴款凭证号或罚款专用票据号。", citation=f"{LAW} 第六十七条、第七十条")
    owed = fine_fen + surcharge_owed_fen
    if paid_fen != owed:
        raise RuleViolation(
            "应缴 %(owed)s 元（罚款 %(fine)s 元，加处罚款 %(sur)s 元），登记的缴款金额为 %(paid)s 元。"
            % {
                "owed": yuan(owed),
                "fine": yuan(fine_fen),
                "sur": yuan(surcharge_owed_fen),
                "paid": yuan(paid_fen),
            },
            citation=f"{LAW} 第六十七条、第七十二条",
        )


def check_demand(*, payment_due: datetime.date | None, today: datetime.date, remedy_pending: bool) -> None:
    """行政强制法 art. 54: 催告 once the party has not paid by the due date; not while a 复议 or 诉讼
    is pending (art. 73: the decision is not suspended, but the surcharge and enforcement wait)."""
    if payment_due is None:
        raise RuleViolation("本决定没有须缴纳的罚款，无须催告。", citation="行政强制法 第五十四条")
    if today <= payment_due:
        raise RuleViolation(
            "缴纳期限至 %(due)s 届满，届满前不能催告。" % {"due": payment_due.isoformat()},
            citation=f"{LAW} 第六十七条；行政强制法 第五十四条",
        )
    if remedy_pending:
        raise RuleViolation(
            "当事人的行政复议或行政诉讼尚未结束，暂不催告和申请强制执行。", citation=f"{LAW} 第七十三条"
        )


def check_court_application(
    *,
    demand_wait_until: datetime.date | None,
    served_on: datetime.date,
    applied_on: datetime.date,
    remedy_pending: bool,
) -> None:
    """行政强制法 arts. 53, 54: after a 催告 has gone unanswered for ten working days, once the
    remedy periods have run, within three months."""
    if demand_wait_until is None:
        raise RuleViolation(
            "申请人民法院强制执行前，应当催告当事人履行义务。", citation="行政强制法 第五十四条"
        )
    if applied_on <= demand_wait_until:
        raise RuleViolation(
            "催告书送达十个工作日后（%(d)s 之后）当事人仍未履行的，方可申请强制执行。"
            % {"d": demand_wait_until.isoformat()},
            citation="行政强制法 第五十四条",
        )
    if remedy_pending:
        raise RuleViolation(
            "当事人的行政复议或行政诉讼尚未结束，不能申请强制执行。", citation=f"{LAW} 第七十三条"
        )
    opens, closes = court_application_window(served_on)
    if applied_on < opens:
        raise RuleViolation(
            "当事人申请行政复议、提起行政诉讼的期限至 %(end)s 届满，届满后三个月内方可申请强制执行。"
            % {"end": (opens - datetime.timedelta(days=1)).isoformat()},
            citation="行政强制法 第五十三条",
        )
    if applied_on > closes:
        raise RuleViolation(
            "申请人民法院强制执行的期限已于 %(end)s 届满（复议、诉讼期限届满之日起三个月）。"
            % {"end": closes.isoformat()},
            citation="行政强制法 第五十三条",
        )


@dataclass(frozen=True)
class ClosureFacts:
    stage: Stage
    outcome: str | None  # InvestigationReport.outcome when the case ends after investigation
    fine_fen: int
    paid: bool
    court_applied: bool


def closure_reasons_allowed(facts: ClosureFacts) -> list[str]:
    """Which 结案 reasons the case's record supports."""
    if facts.stage == Stage.INVESTIGATION_CLOSED:
        if facts.outcome == "transfer":
            return ["transferred"]
        if facts.outcome in ("no_penalty_minor", "not_established"):
            return ["no_penalty"]
        return []
    if facts.paid:
        return ["performed"]
    if facts.stage == Stage.SERVED and facts.fine_fen == 0:
        return ["warning_only", "no_penalty"]
    if facts.stage == Stage.EXECUTING and facts.court_applied:
        return ["enforcement_ended"]
    if facts.stage == Stage.RECORDED_WITH_AGENCY:
        return ["warning_only"]
    return []


def check_closure(facts: ClosureFacts, reason: str, labels: dict[str, str]) -> None:
    allowed = closure_reasons_allowed(facts)
    if reason in allowed:
        return
    if not allowed:
        raise RuleViolation(
            "案件尚不具备结案条件：罚款未缴纳，也未依法申请人民法院强制执行。",
            citation=f"{LAW} 第六十六条至第七十三条",
        )
    raise RuleViolation(
        "按本案记录，结案理由只能是：%(allowed)s。" % {"allowed": "、".join(labels[r] for r in allowed)},
        citation=f"{LAW} 第六十六条至第七十三条",
    )
