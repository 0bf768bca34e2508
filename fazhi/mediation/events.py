"""Ledger action names of the mediation app."""

from enum import StrEnum


class MediationEvent(StrEnum):
    REGISTERED = "mediation.dispute.registered"
    DISPATCHED = "mediation.dispute.dispatched"
    UNIT_ADDED = "mediation.unit.added"


MEDIATION_EVENT_LABELS: dict[MediationEvent, str] = {
    MediationEvent.REGISTERED: "矛调中心登记来访",
    MediationEvent.DISPATCHED: "分流交办",
    MediationEvent.UNIT_ADDED: "登记承办单位",
}
