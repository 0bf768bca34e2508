"""manage.py send_supervision: the daily 督办 job, for cron where no Celery beat runs."""

from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from fazhi.governance import services


class Command(BaseCommand):
    help = "对逾期未完成或超过反馈间隔未反馈的重点工作发出督办单（嵌入式部署可用 cron 每日运行）。"

    def handle(self, *args: Any, **options: Any) -> None:
        run = services.raise_supervision(today=timezone.localdate())
        self.stdout.write("发出督办单 %(n)d 份。" % {"n": run.issued})
