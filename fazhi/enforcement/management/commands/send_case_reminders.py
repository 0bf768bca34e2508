"""manage.py send_case_reminders: the daily clock job, for cron where no Celery beat runs."""

from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from fazhi.enforcement import services


class Command(BaseCommand):
    help = "重新计算案件期限，并提醒已超期和即将届满的期限（嵌入式部署可用 cron 每日运行）。"

    def handle(self, *args: Any, **options: Any) -> None:
        run = services.send_clock_reminders(today=timezone.localdate())
        self.stdout.write(
            "重新计算期限 %(r)d 件；提醒 %(n)d 件案件。" % {"r": run.recounted, "n": run.reminded_cases}
        )
