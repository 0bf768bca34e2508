"""manage.py send_contract_reminders: the daily contract job, for cron where no Celery beat runs."""

from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from fazhi.contracts import services


class Command(BaseCommand):
    help = "提醒即将到期和已超期的合同审查、归档和履约节点（嵌入式部署可用 cron 每日运行）。"

    def handle(self, *args: Any, **options: Any) -> None:
        run = services.send_contract_reminders(today=timezone.localdate())
        self.stdout.write("提醒 %(n)d 项。" % {"n": run.reminded})
