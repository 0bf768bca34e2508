"""The mediation centre's rules as data, with their sources."""

from __future__ import annotations

from django.conf import settings

from fazhi.core.periods import DayKind, PeriodRule

# 司法部令第75号 art. 33 (secondary source): a mediation is generally concluded within one month; the
# centre's own closure target is local (DOMAIN §4 #32, #33), hence the setting.
MEDIATION_CITATION = "人民调解工作若干规定（司法部令第75号）第三十三条"


SESSION_CITATION = "中华人民共和国人民调解法 第二十七条"
TERMINATION_CITATION = "中华人民共和国人民调解法 第二十六条"
AGREEMENT_CITATION = "中华人民共和国人民调解法 第二十九条"
CONFIRMATION_CITATION = "中华人民共和国人民调解法 第三十三条"
AGREEMENT_SERIES_KEY = "mediation-agreement"


def closure_period() -> PeriodRule:
    return PeriodRule(
        "mediation", "矛调中心办结", settings.MEDIATION_TARGET_DAYS, DayKind.CALENDAR, MEDIATION_CITATION
    )


def judicial_confirmation_period() -> PeriodRule:
    """The parties may jointly apply to the court for judicial confirmation within 30 days of the
    agreement taking effect (DOMAIN §4 #34)."""
    return PeriodRule("confirmation", "申请司法确认", 30, DayKind.CALENDAR, CONFIRMATION_CITATION)


# The default two-level taxonomy (issue 7: its defaults include 城乡建设, 劳动与社会保障, 农业农村, 其他).
DEFAULT_CATEGORIES: dict[str, list[str]] = {
    "城乡建设": ["征地拆迁", "物业管理", "违法建设", "环境污染"],
    "劳动与社会保障": ["拖欠工资", "劳动合同", "社会保险", "工伤"],
    "农业农村": ["土地承包", "宅基地", "农村集体经济", "山林水利"],
    "婚姻家庭与邻里": ["婚姻家庭", "邻里纠纷", "赡养抚养"],
    "其他": [],
}
