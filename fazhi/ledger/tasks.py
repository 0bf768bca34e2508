"""Periodic ledger work. Thin: each task calls one service."""

from __future__ import annotations

from celery import shared_task


@shared_task(name="ledger.make_checkpoint", queue="periodic", max_retries=3)  # type: ignore[untyped-decorator]
def make_checkpoint_task() -> int | None:
    from fazhi.ledger import services

    signed = services.make_checkpoint()
    return signed.tree_size if signed else None
