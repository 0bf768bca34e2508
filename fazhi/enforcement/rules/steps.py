"""The step table of a case: every step an officer, a reviewer or a head can take, who may take it,
where in the procedure it is taken, and the gates that can be judged from the case as it stands.

A step that moves the case (立案, 决定, 结案…) is taken where TRANSITIONS allows its target stage; a
step of work within a stage (证据, 笔录, 听证记录…) where its `within` says, and refused elsewhere
with its own words. The services take every step through this table; the case page lists the steps
from it with the rule that blocks each; the pages' access decorators read its roles."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Protocol

from fazhi.core.errors import RuleViolation
from fazhi.core.roles import Role
from fazhi.core.rules import Refusal, Step, Steps
from fazhi.enforcement.rules.after_decision import ClosureFacts, check_demand, closure_reasons_allowed
from fazhi.enforcement.rules.before_decision import DecisionFacts, ReviewOpinion, check_decision
from fazhi.enforcement.rules.procedure import (
    LAW,
    STAGE_LABELS,
    Procedure,
    Stage,
    next_stages,
    require_transition,
)
from fazhi.enforcement.rules.summary import check_recording_with_agency


class CaseFacts(Protocol):
    """What the gates read about a case, on the day they are judged. enforcement.selectors reads
    each from the case's rows when a gate first asks for it."""

    @property
    def procedure(self) -> Procedure: ...
    @property
    def stage(self) -> Stage: ...
    @property
    def today(self) -> datetime.date: ...
    @property
    def decision_facts(self) -> DecisionFacts: ...
    @property
    def closure_facts(self) -> ClosureFacts: ...
    @property
    def hearing_right(self) -> bool: ...
    @property
    def hearing_closed(self) -> bool: ...
    @property
    def hearing_pending(self) -> bool: ...
    @property
    def decision_due(self) -> datetime.date | None: ...
    @property
    def fine_fen(self) -> int | None: ...
    @property
    def payment_due(self) -> datetime.date | None: ...
    @property
    def remedy_pending(self) -> bool: ...
    @property
    def court_applied(self) -> bool: ...
    @property
    def warning_only(self) -> bool: ...
    @property
    def recusal_pending(self) -> bool: ...
    @property
    def preservation_unhandled(self) -> bool: ...
    @property
    def plan_ends_on(self) -> datetime.date | None: ...


@dataclass(frozen=True, kw_only=True)
class CaseStep(Step[CaseFacts]):
    target: Stage | None = None  # the stage a step that moves the case leads to
    within: frozenset[tuple[Procedure, Stage]] = field(default_factory=frozenset)
    elsewhere: Refusal | None = None  # a step of work, asked for outside `within`

    @property
    def on_case(self) -> bool:
        return self.target is not None or bool(self.within)

    def moves_from(self, procedure: Procedure, stage: Stage) -> bool:
        return self.target is not None and self.target in next_stages(procedure, stage)

    def works_in(self, procedure: Procedure, stage: Stage) -> bool:
        return (procedure, stage) in self.within

    def check(self, facts: CaseFacts) -> None:
        """Where the case is first (its transition, or the stages the work is done in), then the gates."""
        if not self.works_in(facts.procedure, facts.stage):
            if self.target is not None:
                require_transition(facts.procedure, facts.stage, self.target)
            elif self.elsewhere is not None:
                raise RuleViolation(
                    self.elsewhere.message % {"stage": STAGE_LABELS[facts.stage]},
                    citation=self.elsewhere.citation,
                )
        super().check(facts)


def _in(procedure: Procedure, *stages: Stage) -> frozenset[tuple[Procedure, Stage]]:
    return frozenset((procedure, stage) for stage in stages)


ORDINARY, SUMMARY = Procedure.ORDINARY, Procedure.SUMMARY
PRE_DECISION_STAGES = (
    Stage.FILED,
    Stage.INVESTIGATING,
    Stage.INVESTIGATION_CLOSED,
    Stage.NOTIFIED,
    Stage.HEARING,
    Stage.LEGAL_REVIEW,
    Stage.COLLECTIVE_DISCUSSION,
)
EVIDENCE_STAGES = _in(ORDINARY, Stage.LEAD, Stage.FILED, Stage.INVESTIGATING) | _in(
    SUMMARY, Stage.DECIDED_ON_SPOT, Stage.SERVED, Stage.PAID
)
AFTER_SERVICE = _in(ORDINARY, Stage.SERVED, Stage.EXECUTING, Stage.PAID, Stage.CLOSED, Stage.ARCHIVED) | _in(
    SUMMARY,
    Stage.SERVED,
    Stage.EXECUTING,
    Stage.PAID,
    Stage.RECORDED_WITH_AGENCY,
    Stage.CLOSED,
    Stage.ARCHIVED,
)
# Where a fine is owed and not yet paid: in either procedure, once served (art. 67) and in execution.
OWED = _in(ORDINARY, Stage.SERVED, Stage.EXECUTING) | _in(SUMMARY, Stage.SERVED, Stage.EXECUTING)
IN_EXECUTION = _in(ORDINARY, Stage.EXECUTING) | _in(SUMMARY, Stage.EXECUTING)

# ------------------------------------------------------------------------------------------- gates


def gate_decision(facts: CaseFacts) -> None:
    check_decision(facts.decision_facts, today=facts.today)


def gate_hearing_right(facts: CaseFacts) -> None:
    """Art. 63: a hearing only where the notice told the party of the right to one."""
    if not facts.hearing_right:
        raise RuleViolation("本案不属于当事人有权要求听证的情形。", citation=f"{LAW} 第六十三条")


def gate_hearing_open(facts: CaseFacts) -> None:
    """A hearing on the notice in force is held once, or ends once by the party's waiver (art. 64(6))."""
    if facts.hearing_closed:
        raise RuleViolation("本次告知的听证已经结束（已举行或当事人已放弃）。", citation=f"{LAW} 第六十四条")


def gate_no_hearing_pending(facts: CaseFacts) -> None:
    if facts.hearing_pending:
        raise RuleViolation("本案已安排听证，尚未举行。", citation=f"{LAW} 第六十四条")


def gate_decision_period_running(facts: CaseFacts) -> None:
    """Art. 60 lets the head extend a period "不能在规定期限内作出处罚决定的" — before it has run out,
    not afterwards to make a late decision look timely."""
    due = facts.decision_due
    if due is not None and facts.today > due:
        raise RuleViolation(
            "办案期限已于 %(d)s 届满，不能事后延长；逾期作出决定的，请在决定时说明理由。"
            % {"d": due.isoformat()},
            citation=f"{LAW} 第六十条",
        )


def gate_no_remedy_pending(facts: CaseFacts) -> None:
    if facts.remedy_pending:
        raise RuleViolation("已有尚未结束的复议或诉讼，请先登记其结果。", citation=f"{LAW} 第七十三条")


def gate_remedy_pending(facts: CaseFacts) -> None:
    if not facts.remedy_pending:
        raise RuleViolation("本案没有进行中的复议或诉讼。", citation=f"{LAW} 第七十三条")


def gate_fine_to_pay(facts: CaseFacts) -> None:
    if not facts.fine_fen:
        raise RuleViolation("本决定没有罚款，无须登记缴纳。", citation=f"{LAW} 第六十七条")


def gate_demand(facts: CaseFacts) -> None:
    check_demand(
        payment_due=facts.payment_due,
        today=facts.today,
        remedy_pending=facts.remedy_pending,
        plan_ends_on=facts.plan_ends_on,
    )


def gate_not_applied_to_court(facts: CaseFacts) -> None:
    if facts.court_applied:
        raise RuleViolation("本案已申请人民法院强制执行。", citation="行政强制法 第五十三条")


def gate_closable(facts: CaseFacts) -> None:
    if not closure_reasons_allowed(facts.closure_facts):
        raise RuleViolation(
            "案件尚不具备结案条件：罚款未缴纳，也未依法申请人民法院强制执行。",
            citation=f"{LAW} 第六十六条至第七十三条",
        )


def gate_recording_with_agency(facts: CaseFacts) -> None:
    check_recording_with_agency(
        paid=facts.stage == Stage.PAID, warning_only=facts.warning_only, court_applied=facts.court_applied
    )


def gate_no_payment_plan(facts: CaseFacts) -> None:
    if facts.plan_ends_on is not None:
        raise RuleViolation(
            "本案已批准暂缓（分期）缴纳至 %(d)s。" % {"d": facts.plan_ends_on.isoformat()},
            citation=f"{LAW} 第六十六条第二款",
        )


def gate_review_awaited(facts: CaseFacts) -> None:
    """Art. 58: one review of the penalty now proposed; a new notice, or a resubmission after 存在问题,
    is reviewed again."""
    decision = facts.decision_facts
    if decision.latest_review == ReviewOpinion.AGREED and decision.review_of_current_notice:
        raise RuleViolation(
            "本次告知的拟处罚决定已经法制审核同意，无须重复审核。", citation=f"{LAW} 第五十八条"
        )


def gate_recusal_pending(facts: CaseFacts) -> None:
    if not facts.recusal_pending:
        raise RuleViolation("本案没有待决定的回避申请。", citation=f"{LAW} 第四十三条第三款")


def gate_preservation_handled(facts: CaseFacts) -> None:
    """Art. 56: evidence kept by registration is decided on within seven working days, before the
    penalty is; the decision does not leave it hanging."""
    if facts.preservation_unhandled:
        raise RuleViolation(
            "先行登记保存的证据尚未作出处理决定，作出处罚决定前应先对其作出处理决定。",
            citation=f"{LAW} 第五十六条",
        )


def gate_preservation_unhandled(facts: CaseFacts) -> None:
    if not facts.preservation_unhandled:
        raise RuleViolation("本案没有待作出处理决定的先行登记保存。", citation=f"{LAW} 第五十六条")


# --------------------------------------------------------------------------------------- the table

_OFFICERS = (Role.OFFICER, Role.HEAD)
_IN_THE_FIELD = (Role.OFFICER, Role.AUXILIARY, Role.HEAD)
_HEAD = (Role.HEAD,)
_TOWN_OFFICE = (Role.ADMIN, Role.HEAD)
_NOT_AT_HEARING = Refusal("当事人未要求听证，或听证已经结束。", f"{LAW} 第六十三条")
_REMEDY_ROLES = (Role.OFFICER, Role.HEAD, Role.LEGAL_REVIEWER)

STEPS: Steps[CaseStep] = Steps(
    CaseStep(name="register_lead", label="登记线索", roles=_IN_THE_FIELD),
    CaseStep(
        name="file",
        label="立案",
        roles=_HEAD,
        lawful_actor=Refusal("立案须经行政机关负责人批准。", f"{LAW} 第五十四条第二款"),
        target=Stage.FILED,
    ),
    CaseStep(name="decline", label="不予立案", roles=_HEAD, target=Stage.NOT_FILED),
    CaseStep(
        name="evidence",
        label="登记证据",
        roles=_IN_THE_FIELD,
        within=EVIDENCE_STAGES,
        elsewhere=Refusal(
            "证据在立案前后的调查取证中收集；案件已处于“%(stage)s”阶段，须补充证据的，应退回调查取证。",
            f"{LAW} 第四十六条、第五十四条、第五十五条",
        ),
    ),
    CaseStep(name="investigate", label="调查取证", roles=_OFFICERS, target=Stage.INVESTIGATING),
    CaseStep(
        name="record",
        label="制作笔录",
        roles=_OFFICERS,
        within=_in(ORDINARY, Stage.INVESTIGATING),
        elsewhere=Refusal("笔录在调查取证阶段制作。", f"{LAW} 第五十五条"),
    ),
    CaseStep(
        name="close_investigation", label="调查终结", roles=_OFFICERS, target=Stage.INVESTIGATION_CLOSED
    ),
    CaseStep(name="notice", label="告知", roles=_OFFICERS, target=Stage.NOTIFIED),
    CaseStep(
        name="defence",
        label="记录陈述申辩",
        roles=_OFFICERS,
        within=_in(ORDINARY, Stage.NOTIFIED),
        elsewhere=Refusal("尚未告知当事人，无从记录陈述申辩。", f"{LAW} 第四十四条"),
    ),
    CaseStep(
        name="request_hearing",
        label="听证",
        roles=_OFFICERS,
        target=Stage.HEARING,
        gates=(gate_hearing_right,),
    ),
    CaseStep(
        name="schedule_hearing",
        label="安排听证",
        roles=_OFFICERS,
        within=_in(ORDINARY, Stage.HEARING),
        elsewhere=_NOT_AT_HEARING,
        gates=(gate_hearing_open, gate_no_hearing_pending),
    ),
    CaseStep(
        name="hold_hearing",
        label="记录听证",
        roles=_OFFICERS,
        within=_in(ORDINARY, Stage.HEARING),
        elsewhere=_NOT_AT_HEARING,
        gates=(gate_hearing_open,),
    ),
    CaseStep(
        name="end_hearing",
        label="听证终止（当事人放弃）",
        roles=_OFFICERS,
        within=_in(ORDINARY, Stage.HEARING),
        elsewhere=_NOT_AT_HEARING,
        gates=(gate_hearing_open,),
    ),
    CaseStep(name="submit_review", label="法制审核", roles=_OFFICERS, target=Stage.LEGAL_REVIEW),
    CaseStep(
        name="review",
        label="出具审核意见",
        roles=(Role.LEGAL_REVIEWER,),
        within=_in(ORDINARY, Stage.LEGAL_REVIEW),
        elsewhere=Refusal("案件未提交法制审核。", f"{LAW} 第五十八条"),
        gates=(gate_review_awaited,),
    ),
    CaseStep(name="discussion", label="集体讨论", roles=_HEAD, target=Stage.COLLECTIVE_DISCUSSION),
    CaseStep(
        name="decide",
        label="决定",
        roles=_HEAD,
        target=Stage.DECIDED,
        gates=(gate_decision, gate_preservation_handled),
    ),
    CaseStep(
        name="extend",
        label="延长办案期限",
        roles=_HEAD,
        lawful_actor=Refusal("延长办案期限须经行政机关负责人批准。", f"{LAW} 第六十条"),
        within=_in(ORDINARY, *PRE_DECISION_STAGES),
        elsewhere=Refusal("只有已立案、尚未作出决定的案件才能延长办案期限。", f"{LAW} 第六十条"),
        gates=(gate_decision_period_running,),
    ),
    CaseStep(name="on_spot", label="当场处罚", roles=(Role.OFFICER,)),
    CaseStep(name="serve", label="送达", roles=_OFFICERS, target=Stage.SERVED),
    CaseStep(
        name="remedy",
        label="登记复议或诉讼",
        roles=_REMEDY_ROLES,
        within=OWED,
        elsewhere=Refusal("只能对已送达、尚未执行完毕的决定登记复议或诉讼。", f"{LAW} 第七十三条"),
        gates=(gate_no_remedy_pending,),
    ),
    CaseStep(
        name="remedy_end",
        label="登记复议或诉讼结果",
        roles=_REMEDY_ROLES,
        within=AFTER_SERVICE,
        elsewhere=Refusal("本案没有进行中的复议或诉讼。", f"{LAW} 第七十三条"),
        gates=(gate_remedy_pending,),
    ),
    CaseStep(name="payment", label="缴纳", roles=_OFFICERS, target=Stage.PAID, gates=(gate_fine_to_pay,)),
    # A second 催告 while the case is already in execution restarts the ten working days.
    CaseStep(
        name="demand",
        label="催告",
        roles=_OFFICERS,
        target=Stage.EXECUTING,
        within=IN_EXECUTION,
        gates=(gate_demand,),
    ),
    CaseStep(
        name="court",
        label="申请人民法院强制执行",
        roles=_HEAD,
        within=IN_EXECUTION,
        elsewhere=Refusal("申请强制执行前应当先行催告。", "行政强制法 第五十四条"),
        gates=(gate_not_applied_to_court,),
    ),
    CaseStep(
        name="record_with_agency",
        label="备案",
        roles=_OFFICERS,
        target=Stage.RECORDED_WITH_AGENCY,
        gates=(gate_recording_with_agency,),
    ),
    CaseStep(name="close", label="结案", roles=_HEAD, target=Stage.CLOSED, gates=(gate_closable,)),
    CaseStep(name="archive", label="归档", roles=(Role.HEAD, Role.ADMIN), target=Stage.ARCHIVED),
    # Art. 43: a request to withdraw is recorded and decided while the case is open before its
    # decision; the investigation does not stop meanwhile (para. 3).
    CaseStep(
        name="request_recusal",
        label="登记回避申请",
        roles=_OFFICERS,
        within=_in(ORDINARY, *PRE_DECISION_STAGES),
        elsewhere=Refusal("回避申请在立案后、作出决定前提出。", f"{LAW} 第四十三条"),
    ),
    CaseStep(
        name="decide_recusal",
        label="决定回避申请",
        roles=_HEAD,
        lawful_actor=Refusal("执法人员的回避，由行政机关负责人决定。", f"{LAW} 第四十三条第三款"),
        within=_in(ORDINARY, *PRE_DECISION_STAGES),
        elsewhere=Refusal("回避申请在立案后、作出决定前决定。", f"{LAW} 第四十三条"),
        gates=(gate_recusal_pending,),
    ),
    CaseStep(
        name="preserve",
        label="先行登记保存",
        roles=_OFFICERS,
        within=_in(ORDINARY, Stage.FILED, Stage.INVESTIGATING),
        elsewhere=Refusal("先行登记保存在立案后的调查取证中进行。", f"{LAW} 第五十六条"),
    ),
    CaseStep(
        name="handle_preservation",
        label="先行登记保存处理决定",
        roles=_OFFICERS,
        within=_in(ORDINARY, *PRE_DECISION_STAGES),
        elsewhere=Refusal(
            "对先行登记保存的证据，应当在作出处罚决定前及时作出处理决定。", f"{LAW} 第五十六条"
        ),
        gates=(gate_preservation_unhandled,),
    ),
    CaseStep(
        name="service_consent",
        label="登记电子送达确认书",
        roles=_OFFICERS,
        # Only the decision's service is judged against the consent here, so it is recorded before it.
        within=_in(ORDINARY, Stage.DECIDED),
        elsewhere=Refusal(
            "电子送达确认书在决定作出后、送达前登记；案件处于“%(stage)s”阶段。", f"{LAW} 第六十一条第二款"
        ),
    ),
    CaseStep(
        name="payment_plan",
        label="批准暂缓或分期缴纳",
        roles=_HEAD,
        lawful_actor=Refusal(
            "暂缓或者分期缴纳罚款须经当事人申请和行政机关批准（由负责人批准）。", f"{LAW} 第六十六条第二款"
        ),
        within=OWED,
        elsewhere=Refusal("只能对已送达、尚未缴纳的罚款批准暂缓或分期缴纳。", f"{LAW} 第六十六条第二款"),
        gates=(gate_fine_to_pay, gate_no_payment_plan, gate_not_applied_to_court),
    ),
    # The town's set-up, not a case's: its delegated powers, recording devices and document templates.
    CaseStep(name="add_power", label="登记赋权事项", roles=(Role.ADMIN,)),
    CaseStep(name="manage_devices", label="管理执法记录仪", roles=_TOWN_OFFICE),
    CaseStep(name="manage_templates", label="管理文书模板", roles=(Role.ADMIN,)),
    CaseStep(name="set_large_amount", label="登记听证较大数额标准", roles=(Role.ADMIN,)),
)
