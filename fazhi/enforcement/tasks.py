"""Periodic enforcement work. Thin: each task calls one service."""

from __future__ import annotations

from celery import shared_task


@shared_task(name="enforcement.send_clock_reminders", queue="periodic", max_retries=3)  # type: ignore[untyped-decorator]
def send_clock_reminders_task() -> int:
    from django.utils import timezone

    from fazhi.enforcement import services

    return services.send_clock_reminders(today=timezone.localdate()).reminded_cases
