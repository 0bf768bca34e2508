"""manage.py ledger_checkpoint: sign the current tree head (for cron in the embedded setup)."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from fazhi.ledger import checkpoint_files, services


class Command(BaseCommand):
    help = "为全过程记录生成签名检查点（嵌入式部署可用 cron 定时运行）。"

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            signed = services.make_checkpoint()
        except checkpoint_files.ForkError as error:
            raise CommandError("拒绝签名：%(e)s" % {"e": error}) from error
        if signed is None:
            self.stdout.write("记录为空，无需生成检查点。")
        else:
            self.stdout.write(signed.note)
