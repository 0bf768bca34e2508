"""The holiday override table an administrator fills in for the years chinese-calendar does not know."""

from __future__ import annotations

import datetime

from django.db import transaction

from fazhi.core import calendar, permissions
from fazhi.core.errors import InvalidInput, PermissionDenied
from fazhi.core.events import CoreEvent
from fazhi.core.models import HolidayOverride, HolidayYear, Staff
from fazhi.ledger import record as ledger


def _require_calendar_admin(actor: Staff) -> dict[str, str]:
    """The scope the actor sets holidays for, as the event records it; a town's administrator may not:
    the table moves every town's deadlines."""
    if not permissions.may_set_holidays(actor):
        raise PermissionDenied(permissions.HOLIDAYS_REFUSED)
    if actor.organisation is None:
        return {"scope": "platform", "organisation": ""}
    return {"scope": actor.organisation.kind, "organisation": actor.organisation.name}


@transaction.atomic(durable=True)
def save_holiday_override(
    actor: Staff, *, day: datetime.date, is_working_day: bool, name: str, source: str
) -> HolidayOverride:
    scope = _require_calendar_admin(actor)
    if not calendar.FIRST_YEAR <= day.year <= calendar.LAST_YEAR:
        raise InvalidInput(
            "日期应在 %(a)d 年至 %(b)d 年之间。" % {"a": calendar.FIRST_YEAR, "b": calendar.LAST_YEAR},
            field_errors={"day": "日期超出范围。"},
        )
    if is_working_day and day.weekday() < 5:
        raise InvalidInput(
            "调休上班日应为周六或周日。",
            field_errors={"is_working_day": "%(d)s 本来就是工作日。" % {"d": day.isoformat()}},
        )
    override, created = HolidayOverride.objects.update_or_create(
        day=day, defaults={"is_working_day": is_working_day, "name": name, "source": source}
    )
    ledger.record(
        actor,
        CoreEvent.HOLIDAY_OVERRIDE_SAVED,
        override,
        {
            "day": day.isoformat(),
            "is_working_day": is_working_day,
            "name": override.name,
            "source": override.source,
            "created": created,
            **scope,
        },
    )
    return override


@transaction.atomic(durable=True)
def confirm_holiday_year(actor: Staff, *, year: int, source: str) -> HolidayYear:
    scope = _require_calendar_admin(actor)
    if HolidayYear.objects.filter(year=year).exists():
        raise InvalidInput("%(y)d 年已确认录入。" % {"y": year})
    if not HolidayOverride.objects.filter(day__year=year, is_working_day=False).exists():
        raise InvalidInput("%(y)d 年尚未录入任何法定节假日，不能确认。" % {"y": year})
    holiday_year = HolidayYear.objects.create(year=year, source=source)
    ledger.record(
        actor,
        CoreEvent.HOLIDAY_YEAR_CONFIRMED,
        holiday_year,
        {"year": year, "source": holiday_year.source, **scope},
    )
    return holiday_year
