"""manage.py send_report_reminders: the daily annual-report reminder, for cron where no Celery beat runs."""

from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from fazhi.reports import services


class Command(BaseCommand):
    help = "提醒尚未公开上一年度法治政府建设情况报告的镇（街道）（4月1日前；嵌入式部署可用 cron 每日运行）。"

    def handle(self, *args: Any, **options: Any) -> None:
        run = services.send_report_reminders(today=timezone.localdate())
        self.stdout.write("提醒 %(n)d 个镇（街道）。" % {"n": run.towns})
