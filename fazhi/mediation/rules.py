"""The mediation centre's rules as data, with their sources."""

from __future__ import annotations

from django.conf import settings

from fazhi.enforcement.rules import DayKind, PeriodRule

# 司法部令第75号 art. 33 (secondary source): a mediation is generally concluded within one month; the
# centre's own closure target is local (DOMAIN §4 #32, #33), hence the setting.
MEDIATION_CITATION = "人民调解工作若干规定（司法部令第75号）第三十三条"


def closure_period() -> PeriodRule:
    return PeriodRule(
        "mediation", "矛调中心办结", settings.MEDIATION_TARGET_DAYS, DayKind.CALENDAR, MEDIATION_CITATION
    )
