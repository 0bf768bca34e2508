"""Send today's digest to everyone with 待办 or reminders (cron, on a town's single machine:
30 7 * * *  manage.py send_digests)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from fazhi.core.services.digest import send_daily_digests


class Command(BaseCommand):
    help = "发送每日待办提醒（每人每天一条）"

    def handle(self, *args: Any, **options: Any) -> None:
        run = send_daily_digests(today=timezone.localdate())
        self.stdout.write(f"已发送 {run.sent} 人。")
        if run.failed:
            self.stdout.write(f"未能发送：{'、'.join(run.failed)}（下次运行时重试）")
