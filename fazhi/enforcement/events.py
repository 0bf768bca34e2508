"""Ledger action names of the enforcement app."""

from enum import StrEnum


class EnforcementEvent(StrEnum):
    POWER_ADDED = "enforcement.power.added"
    LEAD_REGISTERED = "enforcement.case.lead_registered"
    CASE_FILED = "enforcement.case.filed"
    CASE_NOT_FILED = "enforcement.case.not_filed"
    INVESTIGATION_STARTED = "enforcement.case.investigation_started"
    INVESTIGATION_CLOSED = "enforcement.case.investigation_closed"
    NOTICE_ISSUED = "enforcement.case.notice_issued"
    DEFENCE_RECORDED = "enforcement.case.defence_recorded"
    HEARING_REQUESTED = "enforcement.case.hearing_requested"
    HEARING_SCHEDULED = "enforcement.case.hearing_scheduled"
    HEARING_HELD = "enforcement.case.hearing_held"
    HEARING_WAIVED = "enforcement.case.hearing_waived"
    REVIEW_SUBMITTED = "enforcement.case.review_submitted"
    REVIEW_GIVEN = "enforcement.case.review_given"
    DISCUSSION_RECORDED = "enforcement.case.discussion_recorded"
    DECIDED = "enforcement.case.decided"
    PERIOD_EXTENDED = "enforcement.case.period_extended"
    SERVED = "enforcement.case.served"
    REMEDY_STARTED = "enforcement.case.remedy_started"
    REMEDY_ENDED = "enforcement.case.remedy_ended"
    PAID = "enforcement.case.paid"
    DEMAND_ISSUED = "enforcement.case.demand_issued"
    COURT_APPLIED = "enforcement.case.court_applied"
    CLOSED = "enforcement.case.closed"
    ARCHIVED = "enforcement.case.archived"
    DECIDED_ON_SPOT = "enforcement.case.decided_on_spot"
    RECORDED_WITH_AGENCY = "enforcement.case.recorded_with_agency"
    DEVICE_ADDED = "enforcement.device.added"
    DEVICE_ASSIGNED = "enforcement.device.assigned"
    DEVICE_RETURNED = "enforcement.device.returned"
    EVIDENCE_ADDED = "enforcement.case.evidence_added"
    RECORD_ADDED = "enforcement.case.record_added"
    TEMPLATE_REPLACED = "enforcement.template.replaced"
    CLOCK_RECOUNTED = "enforcement.case.clock_recounted"
    TEMPLATE_RESTORED = "enforcement.template.restored"
    LARGE_AMOUNT_RECORDED = "enforcement.large_amount.recorded"
    RECUSAL_REQUESTED = "enforcement.case.recusal_requested"
    RECUSAL_DECIDED = "enforcement.case.recusal_decided"
    PRESERVED = "enforcement.case.preserved"
    PRESERVATION_HANDLED = "enforcement.case.preservation_handled"
    SERVICE_CONSENT_RECORDED = "enforcement.case.service_consent_recorded"
    PAYMENT_PLAN_APPROVED = "enforcement.case.payment_plan_approved"


ENFORCEMENT_EVENT_LABELS: dict[EnforcementEvent, str] = {
    EnforcementEvent.LARGE_AMOUNT_RECORDED: "登记听证较大数额标准",
    EnforcementEvent.POWER_ADDED: "登记赋权事项",
    EnforcementEvent.LEAD_REGISTERED: "登记案件线索",
    EnforcementEvent.CASE_FILED: "批准立案",
    EnforcementEvent.CASE_NOT_FILED: "决定不予立案",
    EnforcementEvent.INVESTIGATION_STARTED: "开始调查取证",
    EnforcementEvent.INVESTIGATION_CLOSED: "调查终结",
    EnforcementEvent.NOTICE_ISSUED: "送达事先告知书",
    EnforcementEvent.DEFENCE_RECORDED: "记录陈述申辩",
    EnforcementEvent.HEARING_REQUESTED: "当事人要求听证",
    EnforcementEvent.HEARING_SCHEDULED: "安排听证",
    EnforcementEvent.HEARING_HELD: "举行听证",
    EnforcementEvent.HEARING_WAIVED: "听证终止（当事人放弃听证权利）",
    EnforcementEvent.REVIEW_SUBMITTED: "提交法制审核",
    EnforcementEvent.REVIEW_GIVEN: "出具法制审核意见",
    EnforcementEvent.DISCUSSION_RECORDED: "记录集体讨论",
    EnforcementEvent.DECIDED: "作出行政处罚决定",
    EnforcementEvent.PERIOD_EXTENDED: "批准延长办案期限",
    EnforcementEvent.SERVED: "送达行政处罚决定书",
    EnforcementEvent.REMEDY_STARTED: "登记行政复议或诉讼",
    EnforcementEvent.REMEDY_ENDED: "登记复议或诉讼结果",
    EnforcementEvent.PAID: "登记缴纳罚款",
    EnforcementEvent.DEMAND_ISSUED: "送达催告书",
    EnforcementEvent.COURT_APPLIED: "申请人民法院强制执行",
    EnforcementEvent.CLOSED: "批准结案",
    EnforcementEvent.ARCHIVED: "案卷归档",
    EnforcementEvent.DECIDED_ON_SPOT: "当场作出行政处罚决定",
    EnforcementEvent.RECORDED_WITH_AGENCY: "简易程序决定备案",
    EnforcementEvent.DEVICE_ADDED: "登记执法记录仪",
    EnforcementEvent.DEVICE_ASSIGNED: "配发执法记录仪",
    EnforcementEvent.DEVICE_RETURNED: "收回执法记录仪",
    EnforcementEvent.EVIDENCE_ADDED: "登记证据",
    EnforcementEvent.RECORD_ADDED: "登记笔录",
    EnforcementEvent.TEMPLATE_REPLACED: "更换文书模板",
    EnforcementEvent.CLOCK_RECOUNTED: "按更新的节假日重新计算期限",
    EnforcementEvent.TEMPLATE_RESTORED: "恢复默认文书模板",
    EnforcementEvent.RECUSAL_REQUESTED: "登记回避申请",
    EnforcementEvent.RECUSAL_DECIDED: "决定回避申请",
    EnforcementEvent.PRESERVED: "先行登记保存证据",
    EnforcementEvent.PRESERVATION_HANDLED: "对先行登记保存的证据作出处理决定",
    EnforcementEvent.SERVICE_CONSENT_RECORDED: "登记电子送达确认书",
    EnforcementEvent.PAYMENT_PLAN_APPROVED: "批准暂缓或分期缴纳罚款",
}
