"""Ledger action names of the prevention team and publicity log."""

from enum import StrEnum


class PreventionEvent(StrEnum):
    VOLUNTEER_ADDED = "prevention.volunteer.added"
    SERVICE_ENDED = "prevention.volunteer.service_ended"
    ACTIVITY_RECORDED = "prevention.activity.recorded"


PREVENTION_EVENT_LABELS: dict[PreventionEvent, str] = {
    PreventionEvent.VOLUNTEER_ADDED: "登记群防群治队员",
    PreventionEvent.SERVICE_ENDED: "群防群治队员退出",
    PreventionEvent.ACTIVITY_RECORDED: "登记群防群治、普法宣传活动",
}
