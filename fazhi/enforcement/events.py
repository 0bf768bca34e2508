"""Ledger action names of the enforcement app."""

from enum import StrEnum


class EnforcementEvent(StrEnum):
    POWER_ADDED = "enforcement.power.added"
    LEAD_REGISTERED = "enforcement.case.lead_registered"
    CASE_FILED = "enforcement.case.filed"
    CASE_NOT_FILED = "enforcement.case.not_filed"
    INVESTIGATION_STARTED = "enforcement.case.investigation_started"


ENFORCEMENT_EVENT_LABELS: dict[EnforcementEvent, str] = {
    EnforcementEvent.POWER_ADDED: "登记赋权事项",
    EnforcementEvent.LEAD_REGISTERED: "登记案件线索",
    EnforcementEvent.CASE_FILED: "批准立案",
    EnforcementEvent.CASE_NOT_FILED: "决定不予立案",
    EnforcementEvent.INVESTIGATION_STARTED: "开始调查取证",
}
