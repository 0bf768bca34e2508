"""Ledger action names of the contracts app."""

from enum import StrEnum


class ContractEvent(StrEnum):
    REGISTERED = "contracts.contract.registered"
    RESUBMITTED = "contracts.contract.resubmitted"
    REVIEWED = "contracts.contract.reviewed"
    SIGNED = "contracts.contract.signed"
    FILED = "contracts.contract.filed"
    MILESTONE_ADDED = "contracts.milestone.added"
    MILESTONE_DONE = "contracts.milestone.done"


CONTRACT_EVENT_LABELS: dict[ContractEvent, str] = {
    ContractEvent.REGISTERED: "登记合同送审",
    ContractEvent.RESUBMITTED: "修改后重新送审",
    ContractEvent.REVIEWED: "出具合法性审查意见",
    ContractEvent.SIGNED: "签订合同",
    ContractEvent.FILED: "合同归档",
    ContractEvent.MILESTONE_ADDED: "登记履约节点",
    ContractEvent.MILESTONE_DONE: "履约节点完成",
}
