"""The mediation centre's rules as data, with their sources."""

from __future__ import annotations

import datetime
from typing import Protocol

from django.conf import settings

from fazhi.core.errors import RuleViolation
from fazhi.core.periods import DayKind, PeriodRule
from fazhi.core.roles import Role
from fazhi.core.rules import HasStatus, Refusal, StatusStep, Steps
from fazhi.mediation.models import DisputeStatus, Outcome

# 司法部令第75号 art. 33 (secondary source): a mediation is generally concluded within one month; the
# centre's own closure target is local (DOMAIN §4 #32, #33), hence the setting.
MEDIATION_CITATION = "人民调解工作若干规定（司法部令第75号）第三十三条"


SESSION_CITATION = "中华人民共和国人民调解法 第二十七条"
TERMINATION_CITATION = "中华人民共和国人民调解法 第二十六条"
AGREEMENT_CITATION = "中华人民共和国人民调解法 第二十九条"
CONFIRMATION_CITATION = "中华人民共和国人民调解法 第三十三条"
AGREEMENT_SERIES_KEY = "mediation-agreement"
# A matter is closed with one of the outcomes the statistics count (the form and the API ask for it).
OUTCOME_REQUIRED = "请选择办理结果：未选择办理结果的事项不能办结。"


def closure_period() -> PeriodRule:
    return PeriodRule(
        "mediation", "矛调中心办结", settings.MEDIATION_TARGET_DAYS, DayKind.CALENDAR, MEDIATION_CITATION
    )


def judicial_confirmation_period() -> PeriodRule:
    """The parties may jointly apply to the court for judicial confirmation within 30 days of the
    agreement taking effect (DOMAIN §4 #34)."""
    return PeriodRule("confirmation", "申请司法确认", 30, DayKind.CALENDAR, CONFIRMATION_CITATION)


# The default two-level taxonomy (issue 7: its defaults include 城乡建设, 劳动与社会保障, 农业农村, 其他).
DEFAULT_CATEGORIES: dict[str, list[str]] = {
    "城乡建设": ["征地拆迁", "物业管理", "违法建设", "环境污染"],
    "劳动与社会保障": ["拖欠工资", "劳动合同", "社会保险", "工伤"],
    "农业农村": ["土地承包", "宅基地", "农村集体经济", "山林水利"],
    "婚姻家庭与邻里": ["婚姻家庭", "邻里纠纷", "赡养抚养"],
    "其他": [],
}


def check_unit_due(due_on: datetime.date, *, closure_due: datetime.date, today: datetime.date) -> None:
    """The unit's due date lies between today and the matter's closure target. The target is a warning,
    not a bar: a matter past it (handed back late, or registered days after the visit) is still
    dispatched, to be handled at once."""
    if not today <= due_on <= max(closure_due, today):
        message = (
            "该事项已超过办结期限 %(d)s，办理期限应为今天。"
            if closure_due < today
            else "办理期限应在今天至办结期限 %(d)s 之间。"
        )
        raise RuleViolation(message % {"d": closure_due.isoformat()}, citation=MEDIATION_CITATION)


def check_session_on_record(*, outcome: str, has_sessions: bool) -> None:
    """An agreement or a termination comes out of mediation sittings, which are recorded (art. 27)."""
    if outcome in (Outcome.AGREEMENT, Outcome.ENDED) and not has_sessions:
        raise RuleViolation(
            "调解成功或终止调解前，应当有调解工作记录，请先登记调解记录。", citation=SESSION_CITATION
        )


# ------------------------------------------------------------------------------------- the step table


class DisputeFacts(HasStatus, Protocol):
    """What the gates read about a matter at the centre (mediation.selectors.DisputeRowFacts)."""

    @property
    def closed_on(self) -> str: ...
    @property
    def in_hand(self) -> bool: ...


def gate_not_in_hand(facts: DisputeFacts) -> None:
    if facts.in_hand:
        raise RuleViolation("该事项已交办，如需改由其他单位办理，请办理转交。", citation=MEDIATION_CITATION)


def gate_in_hand(facts: DisputeFacts) -> None:
    if not facts.in_hand:
        raise RuleViolation("该事项当前没有承办单位。", citation=MEDIATION_CITATION)


STAFF_ROLES = (Role.MEDIATOR, Role.PETITION_STAFF, Role.ADMIN, Role.HEAD)
_OPEN = frozenset({DisputeStatus.REGISTERED, DisputeStatus.DISPATCHED})
_CLOSED = Refusal("该事项已于 %(closed_on)s 办结。", MEDIATION_CITATION)

STEPS: Steps[StatusStep[DisputeFacts]] = Steps(
    StatusStep(name="register", label="来访登记", roles=STAFF_ROLES),
    StatusStep(
        name="dispatch",
        label="分流交办",
        roles=STAFF_ROLES,
        within=_OPEN,
        elsewhere=_CLOSED,
        gates=(gate_not_in_hand,),
        show_blocked=False,
    ),
    StatusStep(
        name="hand_on",
        label="转交其他单位",
        roles=STAFF_ROLES,
        within=_OPEN,
        elsewhere=_CLOSED,
        gates=(gate_in_hand,),
        show_blocked=False,
    ),
    StatusStep(
        name="hand_back",
        label="退回中心",
        roles=STAFF_ROLES,
        within=_OPEN,
        elsewhere=_CLOSED,
        gates=(gate_in_hand,),
        show_blocked=False,
    ),
    StatusStep(name="session", label="登记调解记录", roles=STAFF_ROLES, within=_OPEN, elsewhere=_CLOSED),
    StatusStep(name="close", label="办结", roles=STAFF_ROLES, within=_OPEN, elsewhere=_CLOSED),
    StatusStep(
        name="follow_up",
        label="登记回访",
        roles=STAFF_ROLES,
        within=frozenset({DisputeStatus.CLOSED}),
        elsewhere=Refusal("事项办结后方可回访。", MEDIATION_CITATION),
    ),
    StatusStep(name="manage_centre", label="管理矛调中心和承办单位", roles=(Role.ADMIN, Role.HEAD)),
)
