"""Periodic 依法治镇 work. Thin: the task calls one service."""

from __future__ import annotations

from celery import shared_task


@shared_task(name="governance.raise_supervision", queue="periodic", max_retries=3)  # type: ignore[untyped-decorator]
def raise_supervision_task() -> int:
    from django.utils import timezone

    from fazhi.governance import services

    return services.raise_supervision(today=timezone.localdate()).issued
