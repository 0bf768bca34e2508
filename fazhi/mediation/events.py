"""Ledger action names of the mediation app."""

from enum import StrEnum


class MediationEvent(StrEnum):
    REGISTERED = "mediation.dispute.registered"
    DISPATCHED = "mediation.dispute.dispatched"
    UNIT_ADDED = "mediation.unit.added"
    HANDED_ON = "mediation.dispute.handed_on"
    HANDED_BACK = "mediation.dispute.handed_back"
    SESSION_RECORDED = "mediation.dispute.session_recorded"
    CLOSED = "mediation.dispute.closed"
    FOLLOWED_UP = "mediation.dispute.followed_up"
    CENTRE_OPENED = "mediation.centre.opened"


MEDIATION_EVENT_LABELS: dict[MediationEvent, str] = {
    MediationEvent.REGISTERED: "矛调中心登记来访",
    MediationEvent.DISPATCHED: "分流交办",
    MediationEvent.UNIT_ADDED: "登记承办单位",
    MediationEvent.HANDED_ON: "转交其他承办单位",
    MediationEvent.HANDED_BACK: "退回矛调中心",
    MediationEvent.SESSION_RECORDED: "调解记录",
    MediationEvent.CLOSED: "办结",
    MediationEvent.FOLLOWED_UP: "回访",
    MediationEvent.CENTRE_OPENED: "登记矛调中心成立",
}
