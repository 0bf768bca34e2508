"""Contract review as data: the periods, who may review, the signing gate, each with its source. No
national statute governs this; the rules come from policy and local rules (DOMAIN §3.5), so the
periods and the amount that flags a major matter are settings."""

from __future__ import annotations

from django.conf import settings

from fazhi.contracts.models import ContractReview, ReviewOpinion
from fazhi.core.errors import RuleViolation
from fazhi.core.periods import DayKind, PeriodRule
from fazhi.core.roles import Role

# 中办发〔2016〕30号 makes legality review by the legal counsel a required step before a government
# signs; the 浙江 乡镇（街道）合法性审查全覆盖 notice makes it a 必经程序 for townships.
REVIEW_REQUIRED = "中办发〔2016〕30号；乡镇（街道）合法性审查全覆盖"
LOCAL_RULES = "行政机关合同管理办法（地方规定，期限可配置）"
REVIEWER_ROLES = (Role.LEGAL_COUNSEL, Role.LEGAL_REVIEWER)
SIGNER_ROLES = (Role.HEAD,)
REGISTRAR_ROLES = (Role.ADMIN, Role.HEAD, Role.OFFICER)
REVIEW_SERIES_KEY = "contract-review"
ARCHIVE_SERIES_KEY = "contract-archive"


def review_period() -> PeriodRule:
    """From the day the materials are complete; investigation and expert time are not excluded here."""
    return PeriodRule(
        "contract_review",
        "合同合法性审查",
        settings.CONTRACT_REVIEW_WORKING_DAYS,
        DayKind.WORKING,
        LOCAL_RULES,
    )


def filing_period() -> PeriodRule:
    return PeriodRule(
        "contract_filing",
        "签订后合同文本归档",
        settings.CONTRACT_FILING_WORKING_DAYS,
        DayKind.WORKING,
        LOCAL_RULES,
    )


def possibly_major(amount_fen: int) -> bool:
    """A contract this large may be part of a major administrative decision (国务院令第713号 art. 3):
    flagged for the head, not blocked."""
    return amount_fen >= settings.CONTRACT_MAJOR_AMOUNT_YUAN * 100


def check_signable(latest: ContractReview | None, *, changes_confirmed: bool) -> None:
    """No contract is signed without a passing review: 同意, or 修改后同意 once the changes are made."""
    if latest is None:
        raise RuleViolation("合同未经合法性审查，不得签订。", citation=REVIEW_REQUIRED)
    if latest.opinion == ReviewOpinion.REJECT:
        raise RuleViolation(
            "合法性审查意见为“不同意”（%(n)s），不得签订；修改后可重新送审。" % {"n": latest.number.text},
            citation=REVIEW_REQUIRED,
        )
    if latest.opinion == ReviewOpinion.APPROVE_WITH_CHANGES and not changes_confirmed:
        raise RuleViolation(
            "审查意见为“修改后同意”（%(n)s）：须确认已按审查意见修改合同文本后方可签订。"
            % {"n": latest.number.text},
            citation=REVIEW_REQUIRED,
        )
