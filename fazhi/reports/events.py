"""Ledger action names of the annual report."""

from enum import StrEnum


class ReportEvent(StrEnum):
    DRAFTED = "reports.report.drafted"
    PARAGRAPH_EDITED = "reports.paragraph.edited"
    PARAGRAPH_ADDED = "reports.paragraph.added"
    PARAGRAPH_REMOVED = "reports.paragraph.removed"
    SUGGESTION_DECIDED = "reports.suggestion.decided"
    STATEMENTS_CONFIRMED = "reports.statements.confirmed"
    FINALISED = "reports.report.finalised"
    PUBLISHED = "reports.report.published"
    WORDING_CHANGED = "reports.wording.changed"


REPORT_EVENT_LABELS: dict[ReportEvent, str] = {
    ReportEvent.DRAFTED: "生成年度报告草稿",
    ReportEvent.PARAGRAPH_EDITED: "修改报告段落",
    ReportEvent.PARAGRAPH_ADDED: "增加报告段落",
    ReportEvent.PARAGRAPH_REMOVED: "删除报告段落",
    ReportEvent.SUGGESTION_DECIDED: "决定报告的不足建议",
    ReportEvent.STATEMENTS_CONFIRMED: "确认报告中的本镇自述",
    ReportEvent.FINALISED: "年度报告定稿",
    ReportEvent.PUBLISHED: "年度报告公开",
    ReportEvent.WORDING_CHANGED: "修改报告段落模板",
}
