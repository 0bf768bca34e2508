"""manage.py backup --out DIR: a consistent online backup of the database, the stored files and the
checkpoint files, with a manifest of SHA-256 sums (fazhi/ledger/backup.py). Safe while the server runs."""

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from fazhi.ledger import backup, checkpoint_files


class Command(BaseCommand):
    help = "在线备份数据库、存储的文件和签名检查点文件，并写出含 SHA-256 的清单（服务运行时也可执行）。"

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--out", required=True, type=Path, help="备份目录（新的或空的目录）")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            manifest = backup.make_backup(options["out"])
        except (backup.BackupError, checkpoint_files.ForkError) as error:
            raise CommandError(str(error)) from error
        newest = manifest["newest_checkpoint"]
        self.stdout.write(
            "已备份到 %(d)s：%(f)d 个文件，记录 %(n)d 条，最新检查点 %(c)s。"
            % {
                "d": options["out"],
                "f": len(manifest["files"]),
                "n": manifest["ledger"]["size"],
                "c": newest["file"] if newest else "（无）",
            }
        )
        if not manifest["stored_files_included"]:
            self.stdout.write("注意：文件存于对象存储，本备份不含这些文件，请按对象存储的方式另行备份。")
