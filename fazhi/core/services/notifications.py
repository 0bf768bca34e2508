"""Messages to staff, and the clean-up of one-time form tokens."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from fazhi.core.models import (
    FormSubmission,
    Notification,
    Staff,
)


def notify(recipients: list[Staff], *, key: str, day: datetime.date, text: str, url: str = "") -> None:
    """Tell each recipient once per key and day, inside the caller's transaction; a second run of the
    same job on the same day adds nothing."""
    Notification.objects.bulk_create(
        [
            Notification(recipient=person, key=key[:100], day=day, text=text[:300], url=url[:300])
            for person in dict.fromkeys(recipients)
        ],
        ignore_conflicts=True,
    )


@transaction.atomic(durable=True)
def mark_notification_read(actor: Staff, notification_id: int) -> None:
    Notification.objects.filter(pk=notification_id, recipient=actor, read_at__isnull=True).update(
        read_at=timezone.now()
    )


@transaction.atomic(durable=True)
def mark_all_notifications_read(actor: Staff) -> int:
    return Notification.objects.filter(recipient=actor, read_at__isnull=True).update(read_at=timezone.now())


def forget_old_form_tokens(*, before: datetime.datetime) -> int:
    """A form is posted within minutes of being shown; a day-old token only takes up room."""
    deleted, _ = FormSubmission.objects.filter(created_at__lt=before).delete()
    return deleted
