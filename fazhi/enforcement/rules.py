"""The administrative penalty procedure as data: stages, allowed transitions, gates and periods, each
with its citation. "art." without a law named is 《中华人民共和国行政处罚法》 as revised 2021 (in force
2021-07-15). Everything here is pure: services map their rows onto these inputs, call a gate, and the
gate either returns or raises RuleViolation naming the rule and its article.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from fazhi.core.errors import RuleViolation
from fazhi.core.money import yuan
from fazhi.core.periods import DayKind, PeriodRule, add_months, add_years

LAW = "行政处罚法"


class Procedure(StrEnum):
    ORDINARY = "ordinary"
    SUMMARY = "summary"


PROCEDURE_LABELS = {Procedure.ORDINARY: "普通程序", Procedure.SUMMARY: "简易程序"}


class Stage(StrEnum):
    LEAD = "lead"
    FILED = "filed"
    NOT_FILED = "not_filed"
    INVESTIGATING = "investigating"
    INVESTIGATION_CLOSED = "investigation_closed"
    NOTIFIED = "notified"
    HEARING = "hearing"
    LEGAL_REVIEW = "legal_review"
    COLLECTIVE_DISCUSSION = "collective_discussion"
    DECIDED = "decided"
    DECIDED_ON_SPOT = "decided_on_spot"
    SERVED = "served"
    EXECUTING = "executing"
    PAID = "paid"
    RECORDED_WITH_AGENCY = "recorded_with_agency"
    CLOSED = "closed"
    ARCHIVED = "archived"


STAGE_LABELS: dict[Stage, str] = {
    Stage.LEAD: "线索",
    Stage.FILED: "立案",
    Stage.NOT_FILED: "不予立案",
    Stage.INVESTIGATING: "调查取证",
    Stage.INVESTIGATION_CLOSED: "调查终结",
    Stage.NOTIFIED: "告知",
    Stage.HEARING: "听证",
    Stage.LEGAL_REVIEW: "法制审核",
    Stage.COLLECTIVE_DISCUSSION: "集体讨论",
    Stage.DECIDED: "决定",
    Stage.DECIDED_ON_SPOT: "当场决定",
    Stage.SERVED: "送达",
    Stage.EXECUTING: "执行",
    Stage.PAID: "缴纳",
    Stage.RECORDED_WITH_AGENCY: "备案",
    Stage.CLOSED: "结案",
    Stage.ARCHIVED: "归档",
}


@dataclass(frozen=True)
class Transition:
    source: Stage
    target: Stage
    citation: str


def _transitions(source: Stage, targets: Iterable[Stage], citation: str) -> list[Transition]:
    return [Transition(source, target, citation) for target in targets]


# DOMAIN.md §3.3: which stage may follow which. New facts after a notice send the case back to
# investigation, which then needs a new notice.
TRANSITIONS: dict[Procedure, list[Transition]] = {
    Procedure.ORDINARY: [
        *_transitions(Stage.LEAD, [Stage.FILED, Stage.NOT_FILED], f"{LAW} 第五十四条"),
        *_transitions(Stage.FILED, [Stage.INVESTIGATING], f"{LAW} 第五十四条"),
        *_transitions(Stage.INVESTIGATING, [Stage.INVESTIGATION_CLOSED], f"{LAW} 第四十二条、第五十五条"),
        *_transitions(
            Stage.INVESTIGATION_CLOSED,
            [Stage.INVESTIGATING, Stage.NOTIFIED, Stage.DECIDED, Stage.CLOSED],
            f"{LAW} 第五十七条",
        ),
        *_transitions(
            Stage.NOTIFIED,
            [
                Stage.HEARING,
                Stage.LEGAL_REVIEW,
                Stage.COLLECTIVE_DISCUSSION,
                Stage.DECIDED,
                Stage.INVESTIGATING,
            ],
            f"{LAW} 第四十四条、第四十五条",
        ),
        *_transitions(
            Stage.HEARING,
            [Stage.LEGAL_REVIEW, Stage.COLLECTIVE_DISCUSSION, Stage.DECIDED, Stage.INVESTIGATING],
            f"{LAW} 第六十三条、第六十四条、第六十五条",
        ),
        *_transitions(
            Stage.LEGAL_REVIEW,
            [Stage.COLLECTIVE_DISCUSSION, Stage.DECIDED, Stage.INVESTIGATING, Stage.NOTIFIED],
            f"{LAW} 第五十八条",
        ),
        *_transitions(Stage.COLLECTIVE_DISCUSSION, [Stage.DECIDED, Stage.INVESTIGATING], f"{LAW} 第五十七条"),
        *_transitions(Stage.DECIDED, [Stage.SERVED], f"{LAW} 第六十一条"),
        *_transitions(
            Stage.SERVED, [Stage.PAID, Stage.EXECUTING, Stage.CLOSED], f"{LAW} 第六十六条至第七十三条"
        ),
        *_transitions(
            Stage.EXECUTING, [Stage.PAID, Stage.CLOSED], f"{LAW} 第七十二条；行政强制法 第五十三条"
        ),
        *_transitions(Stage.PAID, [Stage.CLOSED], f"{LAW} 第六十七条"),
        *_transitions(Stage.CLOSED, [Stage.ARCHIVED], f"{LAW} 第四十七条"),
    ],
    Procedure.SUMMARY: [
        *_transitions(Stage.DECIDED_ON_SPOT, [Stage.SERVED], f"{LAW} 第五十二条"),
        *_transitions(
            Stage.SERVED, [Stage.PAID, Stage.RECORDED_WITH_AGENCY], f"{LAW} 第五十二条、第六十七条"
        ),
        *_transitions(Stage.PAID, [Stage.RECORDED_WITH_AGENCY], f"{LAW} 第五十二条"),
        *_transitions(Stage.RECORDED_WITH_AGENCY, [Stage.CLOSED], f"{LAW} 第五十二条"),
        *_transitions(Stage.CLOSED, [Stage.ARCHIVED], f"{LAW} 第四十七条"),
    ],
}
FIRST_STAGE = {Procedure.ORDINARY: Stage.LEAD, Procedure.SUMMARY: Stage.DECIDED_ON_SPOT}


def next_stages(procedure: Procedure, stage: Stage) -> list[Stage]:
    return [transition.target for transition in TRANSITIONS[procedure] if transition.source == stage]


def require_transition(procedure: Procedure, source: Stage, target: Stage) -> Transition:
    for transition in TRANSITIONS[procedure]:
        if transition.source == source and transition.target == target:
            return transition
    allowed = "、".join(STAGE_LABELS[stage] for stage in next_stages(procedure, source)) or "无"
    raise RuleViolation(
        "案件处于“%(source)s”阶段，不能进入“%(target)s”；此阶段之后只能进入：%(allowed)s。"
        % {"source": STAGE_LABELS[source], "target": STAGE_LABELS[target], "allowed": allowed},
        citation=f"{LAW} 第五章",
    )


# ------------------------------------------------------------------------------------------- filing


def limitation_ends(act_ended_on: datetime.date, *, endangers_life_health_or_finance: bool) -> datetime.date:
    """Art. 36: two years from the act (or the end of a continuing act); five where the act endangers
    life, health or financial security and caused harm."""
    return add_years(act_ended_on, 5 if endangers_life_health_or_finance else 2)


def check_limitation(
    act_ended_on: datetime.date, filed_on: datetime.date, *, endangers_life_health_or_finance: bool
) -> None:
    ends = limitation_ends(act_ended_on, endangers_life_health_or_finance=endangers_life_health_or_finance)
    if filed_on > ends:
        raise RuleViolation(
            "违法行为已超过追责期限（%(years)d年，至 %(ends)s 止），不再给予行政处罚，不能立案。"
            % {"years": 5 if endangers_life_health_or_finance else 2, "ends": ends.isoformat()},
            citation=f"{LAW} 第三十六条",
        )


def check_filing_approved(*, approved_by_head: bool) -> None:
    if not approved_by_head:
        raise RuleViolation("立案须经行政机关负责人批准。", citation=f"{LAW} 第五十四条第二款")


# ------------------------------------------------------------------------------------ investigation


@dataclass(frozen=True)
class Investigator:
    name: str
    is_auxiliary: bool
    has_valid_credential: bool  # EnforcementCredential.is_valid_on(the day of the act)
    recused: bool = False


def check_investigators(investigators: Sequence[Investigator]) -> None:
    """Art. 42: at least two officers with enforcement credentials; auxiliary staff never count.
    Art. 43: a recused officer does not act."""
    recused = [person.name for person in investigators if person.recused]
    if recused:
        raise RuleViolation(
            "%(names)s 已回避，不能参与调查。" % {"names": "、".join(recused)}, citation=f"{LAW} 第四十三条"
        )
    qualified = [
        person for person in investigators if not person.is_auxiliary and person.has_valid_credential
    ]
    if len(qualified) < 2:
        without = [
            person.name for person in investigators if person.is_auxiliary or not person.has_valid_credential
        ]
        detail = (
            "（%(names)s 不计入：辅助执法人员或执法证当日无效）" % {"names": "、".join(without)}
            if without
            else ""
        )
        raise RuleViolation(
            "调查取证须由两名以上持有当日有效执法证的执法人员进行，现有 %(n)d 名%(detail)s。"
            % {"n": len(qualified), "detail": detail},
            citation=f"{LAW} 第四十二条",
        )


# ------------------------------------------------------------------------------------------ decision


@dataclass(frozen=True)
class ReviewGrounds:
    """Art. 58(1)–(4): when a decision needs 法制审核 first."""

    major_public_interest: bool = False
    major_rights_after_hearing: bool = False
    complex_multiple_legal_relations: bool = False
    required_by_other_law: bool = False

    @property
    def required(self) -> bool:
        return (
            self.major_public_interest
            or self.major_rights_after_hearing
            or self.complex_multiple_legal_relations
            or self.required_by_other_law
        )


class ReviewOpinion(StrEnum):
    AGREED = "agreed"  # 同意
    PROBLEMS = "problems"  # 存在问题: back to the unit, may be resubmitted


@dataclass(frozen=True)
class DecisionFacts:
    notice_served_on: datetime.date | None
    defence_waived: bool
    statement_period_ends: datetime.date | None  # configurable locally; None where none applies
    hearing_requested: bool
    hearing_closed: bool
    review_grounds: ReviewGrounds
    latest_review: ReviewOpinion | None
    reviewer_qualified: bool
    major_or_complex: bool
    collective_discussion_recorded: bool
    notified_fine_fen: int
    decided_fine_fen: int


def check_decision(facts: DecisionFacts, *, today: datetime.date) -> None:
    """The gates on a decision (DOMAIN.md §3.3, D1–D5 and art. 45's no-heavier rule)."""
    if facts.notice_served_on is None:
        raise RuleViolation(
            "作出行政处罚决定前，应当告知当事人拟作出的处罚内容及事实、理由、依据，并告知其陈述、申辩、要求听证等权利。",
            citation=f"{LAW} 第四十四条、第六十二条",
        )
    if (
        not facts.defence_waived
        and facts.statement_period_ends is not None
        and today <= facts.statement_period_ends
    ):
        raise RuleViolation(
            "当事人陈述、申辩期限至 %(ends)s 届满，期满或当事人明确放弃前不能作出决定。"
            % {"ends": facts.statement_period_ends.isoformat()},
            citation=f"{LAW} 第四十四条、第四十五条",
        )
    if facts.hearing_requested and not facts.hearing_closed:
        raise RuleViolation(
            "当事人已要求听证，听证结束（或当事人放弃、无正当理由缺席）前不能作出决定。",
            citation=f"{LAW} 第六十四条、第六十五条",
        )
    if facts.review_grounds.required:
        if facts.latest_review is None:
            raise RuleViolation(
                "本案属于须经法制审核的情形，未经法制审核或者审核未通过的，不得作出决定。",
                citation=f"{LAW} 第五十八条",
            )
        if facts.latest_review != ReviewOpinion.AGREED:
            raise RuleViolation(
                "法制审核意见为“存在问题”，须按意见修改后重新提交审核，审核通过前不得作出决定。",
                citation=f"{LAW} 第五十八条",
            )
        if not facts.reviewer_qualified:
            raise RuleViolation(
                "初次从事行政处罚决定法制审核的人员，应当取得法律职业资格；本次审核人员未登记法律职业资格。",
                citation=f"{LAW} 第五十八条第二款",
            )
    if facts.major_or_complex and not facts.collective_discussion_recorded:
        raise RuleViolation(
            "情节复杂或者重大违法行为给予行政处罚，行政机关负责人应当集体讨论决定；尚无集体讨论记录。",
            citation=f"{LAW} 第五十七条第二款",
        )
    if facts.decided_fine_fen > facts.notified_fine_fen:
        raise RuleViolation(
            "决定的罚款（%(decided)s 元）高于告知的罚款（%(notified)s 元）：不得因当事人陈述、申辩而给予更重的处罚；"
            "确需加重的，应重新告知。"
            % {"decided": yuan(facts.decided_fine_fen), "notified": yuan(facts.notified_fine_fen)},
            citation=f"{LAW} 第四十五条第二款",
        )


def check_hearing_chair(chair: str, investigators: Iterable[str]) -> None:
    if chair in set(investigators):
        raise RuleViolation(
            "听证由行政机关指定的非本案调查人员主持；%(chair)s 是本案调查人员。" % {"chair": chair},
            citation=f"{LAW} 第六十四条第四项",
        )


# ----------------------------------------------------------------------------------- summary procedure

SUMMARY_FINE_LIMIT_FEN = {"person": 200_00, "organisation": 3_000_00, "individual_business": 200_00}
ON_THE_SPOT_COLLECTION_LIMIT_FEN = 100_00


def check_summary_procedure(*, party_kind: str, fine_fen: int, warning_only: bool) -> None:
    """Art. 51: facts certain, a legal basis, and a warning or a fine of at most 200 yuan for a citizen
    or 3,000 yuan for an organisation (individual businesses take the citizen's limit by default)."""
    if warning_only and fine_fen == 0:
        return
    limit = SUMMARY_FINE_LIMIT_FEN[party_kind]
    if fine_fen > limit:
        raise RuleViolation(
            "简易程序（当场处罚）仅适用于警告或罚款不超过 %(limit)s 元的情形，本案罚款 %(fine)s 元，应适用普通程序。"
            % {"limit": yuan(limit), "fine": yuan(fine_fen)},
            citation=f"{LAW} 第五十一条",
        )


def check_recording_with_agency(*, paid: bool, warning_only: bool) -> None:
    """Art. 52: the on-the-spot decision is reported to the agency once it is performed: a warning at
    once, a fine when paid (unpaid, it goes to 催告 like any other)."""
    if not paid and not warning_only:
        raise RuleViolation(
            "罚款尚未缴纳：缴纳后再备案；逾期不缴的，按普通程序催告和申请强制执行。",
            citation=f"{LAW} 第五十二条、第六十七条",
        )


def check_on_the_spot_collection(
    *, fine_fen: int, hard_to_enforce_later: bool, remote_area_on_request: bool
) -> None:
    if fine_fen <= ON_THE_SPOT_COLLECTION_LIMIT_FEN or hard_to_enforce_later or remote_area_on_request:
        return
    raise RuleViolation(
        "当场收缴罚款仅限 100 元以下、不当场收缴事后难以执行，或边远地区当事人提出的情形；本案罚款 %(fine)s 元。"
        % {"fine": yuan(fine_fen)},
        citation=f"{LAW} 第六十八条、第六十九条",
    )


# -------------------------------------------------------------------------------------------- periods


# Art. 85: the law's 二日、三日、五日、七日 are working days; its 15 and 90 days are calendar days.
DECISION = PeriodRule("decision", "作出处罚决定", 90, DayKind.CALENDAR, f"{LAW} 第六十条")
HEARING_REQUEST = PeriodRule(
    "hearing_request", "要求听证", 5, DayKind.WORKING, f"{LAW} 第六十四条、第八十五条"
)
HEARING_NOTICE = PeriodRule(
    "hearing_notice", "听证通知（举行前）", 7, DayKind.WORKING, f"{LAW} 第六十四条、第八十五条"
)
SERVICE = PeriodRule("service", "送达（当事人不在场）", 7, DayKind.WORKING, f"{LAW} 第六十一条、第八十五条")
PAYMENT = PeriodRule("payment", "缴纳罚款", 15, DayKind.CALENDAR, f"{LAW} 第六十七条")
PRESERVATION_DECISION = PeriodRule(
    "preservation_decision", "先行登记保存后作出处理决定", 7, DayKind.WORKING, f"{LAW} 第五十六条、第八十五条"
)
CASH_HAND_IN = PeriodRule(
    "cash_hand_in", "执法人员交回当场收缴的罚款", 2, DayKind.WORKING, f"{LAW} 第七十一条、第八十五条"
)
DEMAND_WAIT = PeriodRule(
    "demand_wait", "催告后等待履行", 10, DayKind.WORKING, "行政强制法 第五十四条、第六十九条"
)
PERIODS = [
    DECISION,
    HEARING_REQUEST,
    HEARING_NOTICE,
    SERVICE,
    PAYMENT,
    PRESERVATION_DECISION,
    CASH_HAND_IN,
    DEMAND_WAIT,
]

# The clocks a case may have running (Case.clock_key), by their period's key.
CLOCK_LABELS = {
    period.key: period.label for period in (DECISION, SERVICE, PAYMENT, DEMAND_WAIT, CASH_HAND_IN)
}

SURCHARGE_PERCENT_PER_DAY = 3


def hearing_must_start_no_earlier_than(notice_sent_on: datetime.date) -> datetime.date:
    """Art. 64(2): the parties are told of the hearing at least seven working days before it."""
    return HEARING_NOTICE.due(notice_sent_on).due


def surcharge_fen(
    *,
    fine_fen: int,
    payment_due: datetime.date,
    on: datetime.date,
    paused: Sequence[tuple[datetime.date, datetime.date]] = (),
) -> int:
    """Art. 72(1): 3% of the fine for every day past the due date, never more than the fine; days
    within a 复议 or 诉讼 (art. 73, paused ranges, both ends included) do not count."""
    overdue = 0
    day = payment_due + datetime.timedelta(days=1)
    while day <= on:
        if not any(start <= day <= end for start, end in paused):
            overdue += 1
        day += datetime.timedelta(days=1)
    return min(fine_fen, fine_fen * SURCHARGE_PERCENT_PER_DAY * overdue // 100)


def litigation_period_ends(served_on: datetime.date) -> datetime.date:
    """行政诉讼法 art. 46: six months from when the party knew of the decision (its service); the
    复议 period of 60 days ends earlier, so this is when neither remedy can still begin."""
    return add_months(served_on, 6)


def court_application_window(served_on: datetime.date) -> tuple[datetime.date, datetime.date]:
    """行政强制法 art. 53: once the remedy periods have run, within three months."""
    opens = litigation_period_ends(served_on) + datetime.timedelta(days=1)
    return opens, add_months(litigation_period_ends(served_on), 3)


# -------------------------------------------------------------------------------- after the decision

MAX_EXTENSION_DAYS = 30


def check_extension(*, days: int, reason: str, approved_by_head: bool) -> None:
    """Art. 60 allows other rules to set a longer period; local rules let the head extend it, with
    a reason, a limited number of days at a time."""
    if not approved_by_head:
        raise RuleViolation("延长办案期限须经行政机关负责人批准。", citation=f"{LAW} 第六十条")
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


def amount_due_fen(
    *,
    fine_fen: int,
    payment_due: datetime.date | None,
    on: datetime.date,
    paused: Sequence[tuple[datetime.date, datetime.date]] = (),
) -> tuple[int, int]:
    """The fine and the surcharge owed if paid on `on`."""
    if payment_due is None:
        return fine_fen, 0
    return fine_fen, surcharge_fen(fine_fen=fine_fen, payment_due=payment_due, on=on, paused=paused)


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
