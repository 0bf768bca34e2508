"""Ledger action names of the governance app."""

from enum import StrEnum


class GovernanceEvent(StrEnum):
    COMMITTEE_SET = "governance.committee.set"
    MEMBER_ADDED = "governance.member.added"
    MEMBER_LEFT = "governance.member.left"
    MEETING_RECORDED = "governance.meeting.recorded"
    TASK_REGISTERED = "governance.task.registered"
    FEEDBACK_REPORTED = "governance.task.feedback"
    TASK_COMPLETED = "governance.task.completed"
    HEAD_ACTED = "governance.task.head_acted"
    NOTICE_ISSUED = "governance.notice.issued"
    NOTICE_ANSWERED = "governance.notice.answered"
    SETTING_CHANGED = "governance.setting.changed"
    CONSULTATION_RECORDED = "governance.consultation.recorded"


GOVERNANCE_EVENT_LABELS: dict[GovernanceEvent, str] = {
    GovernanceEvent.COMMITTEE_SET: "登记全面依法治镇委员会",
    GovernanceEvent.MEMBER_ADDED: "增加委员会成员",
    GovernanceEvent.MEMBER_LEFT: "委员会成员离任",
    GovernanceEvent.MEETING_RECORDED: "登记会议",
    GovernanceEvent.TASK_REGISTERED: "登记重点工作",
    GovernanceEvent.FEEDBACK_REPORTED: "反馈重点工作进展",
    GovernanceEvent.TASK_COMPLETED: "重点工作完成",
    GovernanceEvent.HEAD_ACTED: "负责人部署、过问、协调、督办",
    GovernanceEvent.NOTICE_ISSUED: "发出督办单",
    GovernanceEvent.NOTICE_ANSWERED: "答复督办单",
    GovernanceEvent.SETTING_CHANGED: "设置反馈间隔",
    GovernanceEvent.CONSULTATION_RECORDED: "登记法律咨询",
}
