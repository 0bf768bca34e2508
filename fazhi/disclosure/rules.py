"""The disclosure periods and gates as data, each with its source. Pure, like enforcement.rules."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Protocol

from django.conf import settings

from fazhi.core.errors import RuleViolation
from fazhi.core.masking import Finding
from fazhi.core.periods import DayKind, PeriodRule, add_months
from fazhi.core.roles import Role
from fazhi.core.rules import HasStatus, Refusal, StatusStep, Steps
from fazhi.disclosure.models import PublicationStatus

PUBLISH = PeriodRule("publish", "公示行政处罚决定", 7, DayKind.WORKING, "国办发〔2018〕118号")
# A decision changed, revoked, or found unlawful or void: the publication comes down within 3 working
# days of the outcome (行政处罚法 art. 48; 总局令第45号).
WITHDRAW = PeriodRule("withdraw", "撤回已公示的决定", 3, DayKind.WORKING, "行政处罚法 第四十八条")


@dataclass(frozen=True)
class Regime:
    """The rule that sets how long a published decision stays on the portal, by severity, counted from
    the decision; the one in force on the decision date applies."""

    name: str
    in_force_from: datetime.date
    months: dict[str, int]


# 发改办财金〔2019〕527号: 一般失信 at most 1 year, 严重失信 at most 3 years (轻微 is not a category
# there; it keeps the 3 months that both texts give as the minimum). 信用修复管理办法 (in force
# 2026-04-01): 轻微 at most 3 months, 一般 at most 1 year, 严重 at most 3 years. A province replaces the
# table with settings.DISCLOSURE_REGIMES.
DEFAULT_REGIMES = (
    Regime("发改办财金〔2019〕527号", datetime.date.min, {"minor": 3, "ordinary": 12, "serious": 36}),
    Regime(
        "信用修复管理办法（2026年4月1日起施行）",
        datetime.date(2026, 4, 1),
        {"minor": 3, "ordinary": 12, "serious": 36},
    ),
)


def regimes() -> tuple[Regime, ...]:
    configured = settings.DISCLOSURE_REGIMES
    if not configured:
        return DEFAULT_REGIMES
    return tuple(
        Regime(entry["name"], datetime.date.fromisoformat(entry["from"]), dict(entry["months"]))
        for entry in configured
    )


def regime_on(decided_on: datetime.date) -> Regime:
    in_force = [regime for regime in regimes() if regime.in_force_from <= decided_on]
    return max(in_force, key=lambda regime: regime.in_force_from) if in_force else regimes()[0]


def visible_until(decided_on: datetime.date, severity: str) -> datetime.date:
    return add_months(decided_on, regime_on(decided_on).months[severity])


PRIVACY_BASIS = "个人信息保护法 第二十八条；政府信息公开条例 第十五条；总局令第45号 第五条"


def check_private_settled(findings_by_field: dict[str, list[Finding]], labels: dict[str, str]) -> None:
    """No publication while an ID, phone or bank-card number or a natural person's address found in the
    free text is not yet settled by a person: hidden, or released with a reason (个人信息保护法 art. 28
    makes them sensitive; 政府信息公开条例 art. 15; 总局令第45号 art. 5). Names need no decision: the
    configured name rule masks them. The refusal says where."""
    places = [
        "%(field)s第%(at)d字起的%(kind)s“%(text)s”"
        % {"field": labels[field], "at": finding.start + 1, "kind": finding.label, "text": finding.text}
        for field, findings in findings_by_field.items()
        for finding in findings
    ]
    if places:
        raise RuleViolation(
            "公示稿中仍有未处理的个人敏感信息，请逐项确认隐去或说明理由后保留：%(places)s。"
            % {"places": "；".join(places)},
            citation=PRIVACY_BASIS,
        )


# ------------------------------------------------------------------------------------- the step table


def check_not_prepared(*, prepared: bool) -> None:
    if prepared:
        raise RuleViolation("该决定已生成公示稿。", citation="国办发〔2018〕118号")


class PublicationFacts(HasStatus, Protocol):
    """What the gates read about a publication (disclosure.selectors.PublicationRowFacts)."""

    @property
    def open_findings(self) -> dict[str, list[Finding]]: ...


def gate_private_settled(facts: PublicationFacts) -> None:
    check_private_settled(facts.open_findings, FREE_TEXT_LABELS)


# The snapshot's texts a person may have typed (a case without a catalogued power has its title as the
# 违法行为类型): each passes the public-text gate at publication and the publisher's review before.
FREE_TEXT_LABELS = {
    "violation_type": "违法行为类型",
    "facts": "违法事实",
    "basis": "处罚依据",
    "penalty_content": "处罚内容",
}
PREPARERS = (Role.OFFICER, Role.HEAD, Role.ADMIN)

STEPS: Steps[StatusStep[PublicationFacts]] = Steps(
    StatusStep(name="prepare", label="生成公示稿", roles=PREPARERS),
    StatusStep(
        name="edit",
        label="修改公示稿",
        roles=PREPARERS,
        within=frozenset({PublicationStatus.DRAFT}),
        elsewhere=Refusal("只能修改尚未发布的公示稿。", "国办发〔2018〕118号"),
    ),
    StatusStep(
        name="publish",
        label="发布",
        roles=(Role.HEAD,),
        within=frozenset({PublicationStatus.DRAFT}),
        elsewhere=Refusal("公示状态为“%(status)s”，不能发布。", "国办发〔2018〕118号"),
        gates=(gate_private_settled,),
    ),
    StatusStep(
        name="review",
        label="标记隐去",
        roles=PREPARERS,
        within=frozenset({PublicationStatus.DRAFT}),
        elsewhere=Refusal("只能核对尚未发布的公示稿。", PRIVACY_BASIS),
    ),
    # Publishing what the scan took for private data is the publisher's decision, like publishing.
    StatusStep(
        name="release",
        label="保留公开",
        roles=(Role.HEAD,),
        within=frozenset({PublicationStatus.DRAFT}),
        elsewhere=Refusal("只能核对尚未发布的公示稿。", PRIVACY_BASIS),
    ),
    StatusStep(
        name="withdraw",
        label="撤回公示",
        roles=(Role.HEAD,),
        within=frozenset({PublicationStatus.PUBLISHED}),
        elsewhere=Refusal("只能撤回已公示的决定。", "行政处罚法 第四十八条"),
    ),
    StatusStep(name="export", label="导出双公示文件", roles=(Role.HEAD, Role.ADMIN, Role.SUPERVISOR)),
    StatusStep(name="add_inspection_item", label="登记随机抽查事项", roles=(Role.ADMIN,)),
)
