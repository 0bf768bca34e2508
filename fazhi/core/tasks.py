"""Periodic core work. Thin: the task calls one service."""

from __future__ import annotations

from celery import shared_task


@shared_task(name="core.send_daily_digests", queue="periodic", max_retries=3)  # type: ignore[untyped-decorator]
def send_daily_digests_task() -> int:
    from django.utils import timezone

    from fazhi.core.services.digest import send_daily_digests

    return send_daily_digests(today=timezone.localdate()).sent
