"""The 信访工作条例 (国务院, in force 2022-05-01) as data: its periods in calendar days, each with its
article (DOMAIN §4 rows 35–42)."""

from __future__ import annotations

from fazhi.core.periods import DayKind, PeriodRule

LAW = "信访工作条例"
GROUP_VISIT_CITATION = f"{LAW} 第二十条"
ACCEPTANCE_CITATION = f"{LAW} 第二十三条"
OPINION_CITATION = f"{LAW} 第三十二条"
HANDLING_CITATION = f"{LAW} 第三十四条"
REVIEW_CITATION = f"{LAW} 第三十五条"
RE_REVIEW_CITATION = f"{LAW} 第三十六条"

# 多人采用走访形式提出同一信访事项的，应当推选代表，代表人数不超过5人。
MAX_VISIT_REPRESENTATIVES = 5
# 延长期限不得超过30日.
MAX_EXTENSION_DAYS = 30
# An open matter is flagged as due soon this many days before its period ends (a local choice).
WARNING_DAYS = 5
OPINION_SERIES_KEY = "petition-opinion"

ACCEPTANCE_NOTICE = PeriodRule("acceptance_notice", "告知是否受理", 15, DayKind.CALENDAR, ACCEPTANCE_CITATION)
HANDLING = PeriodRule("handling", "信访事项办结", 60, DayKind.CALENDAR, HANDLING_CITATION)
REVIEW_REQUEST = PeriodRule("review_request", "请求复查", 30, DayKind.CALENDAR, REVIEW_CITATION)
REVIEW_ANSWER = PeriodRule("review_answer", "提出复查意见", 30, DayKind.CALENDAR, REVIEW_CITATION)
RE_REVIEW_REQUEST = PeriodRule("re_review_request", "请求复核", 30, DayKind.CALENDAR, RE_REVIEW_CITATION)


def extended_handling(days: int) -> PeriodRule:
    """The 60 days and the approved extension, both counted from acceptance: the extension runs on from
    the 60th day itself, not from a due date moved past a holiday."""
    return PeriodRule("extended_handling", "延长后的办理期限", 60 + days, DayKind.CALENDAR, HANDLING_CITATION)


def re_review_answer(hearing_days: int) -> PeriodRule:
    """听证所需时间不计算在前款规定的期限内: the hearing's days are added to the 30."""
    return PeriodRule(
        "re_review_answer", "提出复核意见", 30 + hearing_days, DayKind.CALENDAR, RE_REVIEW_CITATION
    )


DECISION_TEXTS = {
    "support": "你（们）的请求事实清楚，符合法律、法规、规章或者其他有关规定，予以支持。",
    "explain": "你（们）的请求事由合理但缺乏法律依据，现作出解释说明。",
    "reject": "你（们）的请求缺乏事实根据或者不符合法律、法规、规章或者其他有关规定，不予支持。",
}
