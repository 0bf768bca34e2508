"""Periodic contract work. Thin: the task calls one service."""

from __future__ import annotations

from celery import shared_task


@shared_task(name="contracts.send_reminders", queue="periodic", max_retries=3)  # type: ignore[untyped-decorator]
def send_contract_reminders_task() -> int:
    from django.utils import timezone

    from fazhi.contracts import services

    return services.send_contract_reminders(today=timezone.localdate()).reminded
