"""Contract review as data: the periods, who may review, the signing gate, each with its source. No
national statute governs this; the rules come from policy and local rules (DOMAIN §3.5), so the
periods and the amount that flags a major matter are settings."""

from __future__ import annotations

from typing import Protocol

from django.conf import settings

from fazhi.contracts.models import ContractStatus, ReviewOpinion
from fazhi.core.errors import RuleViolation
from fazhi.core.periods import DayKind, PeriodRule
from fazhi.core.roles import Role
from fazhi.core.rules import HasStatus, Refusal, StatusStep, Steps

# 中办发〔2016〕30号 makes legality review by the legal counsel a required step before a government
# signs; the 浙江 乡镇（街道）合法性审查全覆盖 notice makes it a 必经程序 for townships.
REVIEW_REQUIRED = "中办发〔2016〕30号；乡镇（街道）合法性审查全覆盖"
LOCAL_RULES = "行政机关合同管理办法（地方规定）"
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


def check_signable(opinion: str | None, *, number: str, changes_confirmed: bool) -> None:
    """No contract is signed without a passing review: 同意, or 修改后同意 once the changes are made.
    `opinion` and `number` are those of the latest review (None: none yet)."""
    if opinion is None:
        raise RuleViolation("合同未经合法性审查，不得签订。", citation=REVIEW_REQUIRED)
    if opinion == ReviewOpinion.REJECT:
        raise RuleViolation(
            "合法性审查意见为“不同意”（%(n)s），不得签订；修改后可重新送审。" % {"n": number},
            citation=REVIEW_REQUIRED,
        )
    if opinion == ReviewOpinion.APPROVE_WITH_CHANGES and not changes_confirmed:
        raise RuleViolation(
            "审查意见为“修改后同意”（%(n)s）：须确认已按审查意见修改合同文本后方可签订。" % {"n": number},
            citation=REVIEW_REQUIRED,
        )


def check_milestone_open(*, done: bool) -> None:
    if done:
        raise RuleViolation("该履约节点已登记完成。", citation=LOCAL_RULES)


# ------------------------------------------------------------------------------------- the step table


class ContractFacts(HasStatus, Protocol):
    """What the gates read about a contract (contracts.selectors.ContractRowFacts)."""

    @property
    def latest_opinion(self) -> str | None: ...
    @property
    def latest_number(self) -> str: ...


def gate_reviewed(facts: ContractFacts) -> None:
    if facts.status == ContractStatus.SUBMITTED:
        raise RuleViolation("合同尚在合法性审查中，不得签订。", citation=REVIEW_REQUIRED)


def gate_signable(facts: ContractFacts) -> None:
    """Judged with the changes taken as made: whether they were is asked when the head signs."""
    check_signable(facts.latest_opinion, number=facts.latest_number, changes_confirmed=True)


def gate_revisable(facts: ContractFacts) -> None:
    if facts.latest_opinion not in (ReviewOpinion.REJECT, ReviewOpinion.APPROVE_WITH_CHANGES):
        raise RuleViolation(
            "只有审查意见为“不同意”或“修改后同意”的合同可以修改后重新送审。", citation=REVIEW_REQUIRED
        )


STEPS: Steps[StatusStep[ContractFacts]] = Steps(
    StatusStep(name="register", label="合同送审登记", roles=REGISTRAR_ROLES),
    StatusStep(
        name="review",
        label="出具审查意见",
        roles=REVIEWER_ROLES,
        lawful_actor=Refusal("合同合法性审查意见只能由法律顾问或司法所审核人员出具。", REVIEW_REQUIRED),
        within=frozenset({ContractStatus.SUBMITTED}),
        elsewhere=Refusal("合同状态为“%(status)s”，没有待审查的送审稿。", REVIEW_REQUIRED),
    ),
    StatusStep(
        name="sign",
        label="签订",
        roles=SIGNER_ROLES,
        within=frozenset({ContractStatus.SUBMITTED, ContractStatus.REVIEWED}),
        elsewhere=Refusal("合同已签订。", REVIEW_REQUIRED),
        gates=(gate_reviewed, gate_signable),
    ),
    StatusStep(
        name="resubmit",
        label="修改后重新送审",
        roles=REGISTRAR_ROLES,
        within=frozenset({ContractStatus.REVIEWED}),
        elsewhere=Refusal("只有审查意见为“不同意”或“修改后同意”的合同可以修改后重新送审。", REVIEW_REQUIRED),
        gates=(gate_revisable,),
        show_blocked=False,
    ),
    StatusStep(
        name="file",
        label="归档签订文本",
        roles=REGISTRAR_ROLES,
        within=frozenset({ContractStatus.SIGNED}),
        elsewhere=Refusal("只有已签订的合同可以归档。", LOCAL_RULES),
    ),
    StatusStep(
        name="milestone",
        label="登记履约节点",
        roles=REGISTRAR_ROLES,
        within=frozenset({ContractStatus.SIGNED, ContractStatus.FILED}),
        elsewhere=Refusal("合同签订后才能登记履约节点。", LOCAL_RULES),
    ),
    # Completing one milestone is done from its row, not offered as a step of the contract.
    StatusStep(name="milestone_done", label="登记履约完成", roles=REGISTRAR_ROLES),
)
