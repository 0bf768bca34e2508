"""The gates after the decision: extension (art. 60), service (art. 61), payment (arts. 67, 72), 催告 and the
court (行政强制法 arts. 53, 54), closure."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import TextChoices

from fazhi.core.errors import RuleViolation
from fazhi.core.money import yuan
from fazhi.enforcement.rules.periods import SERVICE, CourtWindow
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


def check_demand(
    *,
    payment_due: datetime.date | None,
    today: datetime.date,
    remedy_pending: bool,
    plan_ends_on: datetime.date | None = None,
) -> None:
    """行政强制法 art. 54: 催告 once the party has not paid by the due date; not while a 复议 or 诉讼
    is pending (art. 73: the decision is not suspended, but the surcharge and enforcement wait), nor
    before an approved 暂缓或分期缴纳 has run out (art. 66)."""
    if payment_due is None:
        raise RuleViolation("本决定没有须缴纳的罚款，无须催告。", citation="行政强制法 第五十四条")
    if today <= payment_due:
        raise RuleViolation(
            "缴纳期限至 %(due)s 届满，届满前不能催告。" % {"due": payment_due.isoformat()},
            citation=f"{LAW} 第六十七条；行政强制法 第五十四条",
        )
    if plan_ends_on is not None and today <= plan_ends_on:
        raise RuleViolation(
            "已批准暂缓（分期）缴纳至 %(end)s，届满前不能催告。" % {"end": plan_ends_on.isoformat()},
            citation=f"{LAW} 第六十六条；行政强制法 第五十四条",
        )
    if remedy_pending:
        raise RuleViolation(
            "当事人的行政复议或行政诉讼尚未结束，暂不催告和申请强制执行。", citation=f"{LAW} 第七十三条"
        )


def check_court_application(
    *,
    demand_wait_until: datetime.date | None,
    window: CourtWindow,
    applied_on: datetime.date,
    remedy_pending: bool,
) -> None:
    """行政强制法 arts. 53, 54: after a 催告 has gone unanswered for ten working days, once every
    remedy period (and an approved plan) has run, within three months (periods.court_application_window)."""
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
    if applied_on < window.opens:
        end = (window.opens - datetime.timedelta(days=1)).isoformat()
        if window.held_by_plan:
            raise RuleViolation(
                "经批准暂缓（分期）缴纳至 %(end)s，届满后三个月内方可申请强制执行。" % {"end": end},
                citation=f"{LAW} 第六十六条；行政强制法 第五十三条",
            )
        raise RuleViolation(
            "当事人申请行政复议、提起行政诉讼（或上诉）的期限至 %(end)s 届满，届满后三个月内方可申请强制执行。"
            % {"end": end},
            citation="行政强制法 第五十三条",
        )
    if applied_on > window.closes:
        raise RuleViolation(
            "申请人民法院强制执行的期限已于 %(end)s 届满（复议、诉讼期限届满之日起三个月）。"
            % {"end": window.closes.isoformat()},
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
    if facts.stage == Stage.RECORDED_WITH_AGENCY and facts.court_applied:
        # 简易程序: an unpaid fine, sent to the court, then reported to the agency (art. 52).
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


SERVICE_CONSENT_CITATION = f"{LAW} 第六十一条第二款"
PUBLIC_NOTICE_REASON_CITATION = f"{LAW} 第六十一条；民事诉讼法 第九十五条"


def check_service_method(
    *,
    electronic: bool,
    public_notice: bool,
    public_notice_reason: str,
    served_on: datetime.date,
    consent_signed_on: datetime.date | None,
) -> None:
    """Art. 61(2): 传真、电子邮件等 only where the party agreed and signed a confirmation; 公告送达 only
    where the party cannot be found or reached any other way (民事诉讼法 art. 95), which is written down."""
    if electronic and (consent_signed_on is None or consent_signed_on > served_on):
        raise RuleViolation(
            "电子送达须经当事人同意并签订确认书；本案没有 %(d)s 或之前签订的确认书，请先登记确认书，或改用其他送达方式。"
            % {"d": served_on.isoformat()},
            citation=SERVICE_CONSENT_CITATION,
        )
    if public_notice and not public_notice_reason.strip():
        raise RuleViolation(
            "公告送达仅适用于受送达人下落不明，或者用其他方式无法送达的情形，请写明公告送达的理由。",
            citation=PUBLIC_NOTICE_REASON_CITATION,
        )


class PaymentPlanKind(TextChoices):
    DEFERRAL = "deferral", "暂缓缴纳"
    INSTALMENTS = "instalments", "分期缴纳"


PAYMENT_PLAN_CITATION = f"{LAW} 第六十六条第二款"
MAX_INSTALMENTS = 36


@dataclass(frozen=True)
class Instalment:
    due_on: datetime.date
    amount_fen: int


def check_payment_plan(
    *,
    kind: PaymentPlanKind,
    reason: str,
    fine_fen: int,
    payment_due: datetime.date,
    applied_on: datetime.date,
    ends_on: datetime.date,
    instalments: list[Instalment],
) -> None:
    """Art. 66(2): a party in real economic difficulty may, on its application and with the agency's
    approval, pay later or in parts. The plan ends after the 15 days of art. 67 would have; instalments
    add up to the fine, the last falling on the plan's end."""
    if not reason.strip():
        raise RuleViolation(
            "暂缓或者分期缴纳罚款须当事人确有经济困难并提出申请，请写明申请的理由。",
            citation=PAYMENT_PLAN_CITATION,
        )
    if ends_on <= payment_due:
        raise RuleViolation(
            "暂缓（分期）缴纳的截止日期应晚于原缴纳期限（%(due)s）。" % {"due": payment_due.isoformat()},
            citation=f"{PAYMENT_PLAN_CITATION}、第六十七条",
        )
    if kind == PaymentPlanKind.DEFERRAL:
        if instalments:
            raise RuleViolation("暂缓缴纳的，一次缴清，不列分期。", citation=PAYMENT_PLAN_CITATION)
        return
    _check_instalments(fine_fen=fine_fen, applied_on=applied_on, ends_on=ends_on, instalments=instalments)


def _check_instalments(
    *, fine_fen: int, applied_on: datetime.date, ends_on: datetime.date, instalments: list[Instalment]
) -> None:
    if not 2 <= len(instalments) <= MAX_INSTALMENTS:
        raise RuleViolation(
            "分期缴纳应分 2 至 %(max)d 期，本次为 %(n)d 期。"
            % {"max": MAX_INSTALMENTS, "n": len(instalments)},
            citation=PAYMENT_PLAN_CITATION,
        )
    previous = applied_on
    for number, instalment in enumerate(instalments, start=1):
        if instalment.amount_fen <= 0:
            raise RuleViolation("第 %(n)d 期的金额应大于零。" % {"n": number}, citation=PAYMENT_PLAN_CITATION)
        if instalment.due_on <= previous:
            raise RuleViolation(
                "第 %(n)d 期的缴纳日期（%(d)s）应晚于%(what)s（%(p)s）。"
                % {
                    "n": number,
                    "d": instalment.due_on.isoformat(),
                    "what": "申请日期" if number == 1 else "上一期",
                    "p": previous.isoformat(),
                },
                citation=PAYMENT_PLAN_CITATION,
            )
        previous = instalment.due_on
    total = sum(instalment.amount_fen for instalment in instalments)
    if total != fine_fen:
        raise RuleViolation(
            "各期金额合计 %(t)s 元，应等于罚款 %(f)s 元。" % {"t": yuan(total), "f": yuan(fine_fen)},
            citation=PAYMENT_PLAN_CITATION,
        )
    if instalments[-1].due_on != ends_on:
        raise RuleViolation(
            "最后一期的缴纳日期（%(d)s）即分期缴纳的截止日期（%(e)s），两者应一致。"
            % {"d": instalments[-1].due_on.isoformat(), "e": ends_on.isoformat()},
            citation=PAYMENT_PLAN_CITATION,
        )
