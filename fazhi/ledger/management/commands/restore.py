"""manage.py restore DIR [--accept-fork "reason"]: restore a backup made by manage.py backup, after
checking its manifest; a backup older than the newest kept checkpoint is refused unless the fork is
accepted, with its reason, which is then the first event recorded. Stop the server first."""

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from fazhi.ledger import backup, checkpoint_files


class Command(BaseCommand):
    help = "从 manage.py backup 的备份目录恢复（先校验清单；恢复前请停止服务）。"

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("source", type=Path, help="备份目录")
        parser.add_argument(
            "--accept-fork",
            metavar="原因",
            default=None,
            help="备份比最新检查点旧时，确认接受丢失已签名记录造成的分叉，并写明原因（记入日志）",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        reason = options["accept_fork"]
        if reason is not None and not reason.strip():
            raise CommandError("--accept-fork 须写明原因。")
        try:
            restored = backup.restore_backup(options["source"], accept_fork=reason and reason.strip())
        except (backup.BackupError, checkpoint_files.ForkError) as error:
            raise CommandError(str(error)) from error
        self.stdout.write("已恢复：记录 %(n)d 条。" % {"n": restored.ledger_size})
        if reason and restored.fork is None:
            self.stdout.write("备份不比已签名的检查点旧，没有分叉，未记录分叉。")
        if restored.fork is not None:
            self.stdout.write(
                "已接受分叉并记入第 %(e)d 号记录，放弃的检查点：%(a)s。"
                % {"e": restored.fork.event, "a": "、".join(restored.fork.abandoned)}
            )
