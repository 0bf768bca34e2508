"""Periodic report work. Thin: the task calls one service."""

from __future__ import annotations

from celery import shared_task


@shared_task(name="reports.send_reminders", queue="periodic", max_retries=3)  # type: ignore[untyped-decorator]
def send_report_reminders_task() -> int:
    from django.utils import timezone

    from fazhi.reports import services

    return services.send_report_reminders(today=timezone.localdate()).towns
