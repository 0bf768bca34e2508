"""The holiday override table an administrator fills in for the years chinese-calendar does not know."""

from __future__ import annotations

import datetime

from django.db import transaction

from fazhi.core import permissions
from fazhi.core.errors import InvalidInput, PermissionDenied
from fazhi.core.events import CoreEvent
from fazhi.core.models import (
    HolidayOverride,
    HolidayYear,
    Staff,
)
from fazhi.core.roles import Role
from fazhi.ledger import record as ledger


def _require_calendar_admin(actor: Staff) -> None:
    if not actor.is_superuser and not permissions.has_role(actor, Role.ADMIN):
        raise PermissionDenied("只有管理员可以维护节假日。")


@transaction.atomic(durable=True)
def save_holiday_override(
    actor: Staff, *, day: datetime.date, is_working_day: bool, name: str, source: str
) -> HolidayOverride:
    _require_calendar_admin(actor)
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
        },
    )
    return override


@transaction.atomic(durable=True)
def confirm_holiday_year(actor: Staff, *, year: int, source: str) -> HolidayYear:
    _require_calendar_admin(actor)
    if HolidayYear.objects.filter(year=year).exists():
        raise InvalidInput("%(y)d 年已确认录入。" % {"y": year})
    if not HolidayOverride.objects.filter(day__year=year, is_working_day=False).exists():
        raise InvalidInput("%(y)d 年尚未录入任何法定节假日，不能确认。" % {"y": year})
    holiday_year = HolidayYear.objects.create(year=year, source=source)
    ledger.record(
        actor, CoreEvent.HOLIDAY_YEAR_CONFIRMED, holiday_year, {"year": year, "source": holiday_year.source}
    )
    return holiday_year
