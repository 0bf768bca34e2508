"""The disclosure periods and gates as data, each with its source. Pure, like enforcement.rules."""

from __future__ import annotations

import datetime

from django.conf import settings

from fazhi.core.errors import RuleViolation
from fazhi.disclosure.masking import Finding
from fazhi.enforcement.rules import DayKind, PeriodRule, add_months

PUBLISH = PeriodRule("publish", "公示行政处罚决定", 7, DayKind.WORKING, "国办发〔2018〕118号")

# 信用修复管理办法 (in force 2026-04-01): 轻微 at most 3 months, 一般 at most 1 year, 严重 at most
# 3 years, counted from the decision. A province may set other periods: settings.DISCLOSURE_MONTHS.
DEFAULT_MONTHS = {"minor": 3, "ordinary": 12, "serious": 36}
PERIOD_CITATION = "信用修复管理办法（2026年4月1日起施行）"


def visible_until(decided_on: datetime.date, severity: str) -> datetime.date:
    months = {**DEFAULT_MONTHS, **settings.DISCLOSURE_MONTHS}[severity]
    return add_months(decided_on, months)


def check_clean(findings_by_field: dict[str, list[Finding]], labels: dict[str, str]) -> None:
    """No publication while anything private remains (政府信息公开条例 art. 15; 总局令第45号 art. 5);
    the refusal says where."""
    places = [
        "%(field)s第%(at)d字起的%(kind)s“%(text)s”"
        % {"field": labels[field], "at": finding.start + 1, "kind": finding.label, "text": finding.text}
        for field, findings in findings_by_field.items()
        for finding in findings
    ]
    if places:
        raise RuleViolation(
            "公示内容中仍有不得公开的个人信息，请修改后再发布：%(places)s。" % {"places": "；".join(places)},
            citation="政府信息公开条例 第十五条；国办发〔2018〕118号",
        )
