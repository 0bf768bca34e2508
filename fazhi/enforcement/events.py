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
    HEARING_HELD = "enforcement.case.hearing_held"
    REVIEW_SUBMITTED = "enforcement.case.review_submitted"
    REVIEW_GIVEN = "enforcement.case.review_given"
    DISCUSSION_RECORDED = "enforcement.case.discussion_recorded"
    DECIDED = "enforcement.case.decided"


ENFORCEMENT_EVENT_LABELS: dict[EnforcementEvent, str] = {
    EnforcementEvent.POWER_ADDED: "登记赋权事项",
    EnforcementEvent.LEAD_REGISTERED: "登记案件线索",
    EnforcementEvent.CASE_FILED: "批准立案",
    EnforcementEvent.CASE_NOT_FILED: "决定不予立案",
    EnforcementEvent.INVESTIGATION_STARTED: "开始调查取证",
    EnforcementEvent.INVESTIGATION_CLOSED: "调查终结",
    EnforcementEvent.NOTICE_ISSUED: "送达事先告知书",
    EnforcementEvent.DEFENCE_RECORDED: "记录陈述申辩",
    EnforcementEvent.HEARING_REQUESTED: "当事人要求听证",
    EnforcementEvent.HEARING_HELD: "举行听证",
    EnforcementEvent.REVIEW_SUBMITTED: "提交法制审核",
    EnforcementEvent.REVIEW_GIVEN: "出具法制审核意见",
    EnforcementEvent.DISCUSSION_RECORDED: "记录集体讨论",
    EnforcementEvent.DECIDED: "作出行政处罚决定",
}
