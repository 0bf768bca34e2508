"""The daily job: running clocks recounted with the calendar as it is now, and reminders of lapsing ones."""

from __future__ import annotations

import dataclasses
import datetime

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from fazhi.core import services as core_services
from fazhi.core.models import Staff
from fazhi.core.roles import Role
from fazhi.enforcement import rules, selectors
from fazhi.enforcement.events import EnforcementEvent
from fazhi.enforcement.models import Case
from fazhi.enforcement.services.uploads import STALE_UPLOAD_DAYS, purge_stale_uploads
from fazhi.ledger import record as ledger


@transaction.atomic(durable=True)
def refresh_clock(actor: Staff, case: Case) -> bool:
    """Count the running clock again: a holiday entered after the clock started (a later year's
    schedule, published in November) moves its due date. The move is recorded."""
    case = Case.objects.select_for_update().get(pk=case.pk)
    due = selectors.recounted_due(case)
    if due is None or due == case.clock_due:
        return False
    previous = case.clock_due
    case.clock_due = due
    if case.clock_key == rules.DECISION.key:
        case.decision_due = due
    case.save(update_fields=["clock_due", "decision_due", "updated_at"])
    ledger.record(
        actor,
        EnforcementEvent.CLOCK_RECOUNTED,
        case,
        {
            "clock": case.clock_key,
            "previous_due": previous.isoformat() if previous else None,
            "due": due.isoformat(),
        },
        organisation=case.organisation,
    )
    return True


@dataclasses.dataclass(frozen=True)
class ReminderRun:
    recounted: int
    reminded_cases: int
    purged_uploads: int


def send_clock_reminders(*, today: datetime.date) -> ReminderRun:
    """The daily job: recount every running clock, then tell the case's officers and the town's heads
    about each one that has lapsed or lapses within selectors.WARNING_DAYS."""
    system = core_services.system_actor()
    running = Case.objects.exclude(clock_key="").filter(clock_due__isnull=False).only("pk")
    recounted = sum(refresh_clock(system, case) for case in running.iterator())
    reminded = 0
    soon = today + datetime.timedelta(days=selectors.WARNING_DAYS)
    for case in (
        Case.objects.filter(clock_due__lte=soon).select_related("organisation", "filing_number").iterator()
    ):
        assert case.clock_due is not None
        days = (case.clock_due - today).days
        state = "已超期 %(d)d 日" % {"d": -days} if days < 0 else "还剩 %(d)d 日" % {"d": days}
        text = "【%(state)s】%(case)s %(title)s：%(clock)s期限 %(due)s" % {
            "state": state,
            "case": case,
            "title": case.title,
            "clock": case.clock_label,
            "due": case.clock_due.isoformat(),
        }
        officers = [officer.staff for officer in case.officers.select_related("staff")]
        heads = list(
            Staff.objects.filter(
                is_active=True,
                organisation__path__startswith=case.organisation.path,
                role_grants__role=Role.HEAD,
            )
        )
        with transaction.atomic():
            core_services.notify(
                [*officers, *heads],
                key="case-clock:%(id)d:%(clock)s" % {"id": case.pk, "clock": case.clock_key},
                day=today,
                text=text,
                url=reverse("enforcement:case-detail", args=[case.pk]),
            )
        reminded += 1
    purged = purge_stale_uploads(before=timezone.now() - datetime.timedelta(days=STALE_UPLOAD_DAYS))
    core_services.forget_old_form_tokens(before=timezone.now() - datetime.timedelta(days=1))
    return ReminderRun(recounted=recounted, reminded_cases=reminded, purged_uploads=purged)
