"""manage.py export_shuanggongshi: the 双公示 file of a town or a district, for the credit office or a
scheduled job; the same export, checks and ledger record as the 双公示 page."""

import datetime
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from fazhi.core import selectors as core_selectors
from fazhi.core.errors import DomainError
from fazhi.core.services import system_actor
from fazhi.disclosure import services
from fazhi.disclosure.models import ExportScope


def _since(text: str) -> str:
    if text != "last":
        try:
            datetime.date.fromisoformat(text)
        except ValueError:
            raise CommandError(
                "--since 应为 YYYY-MM-DD 格式的日期或 last，而不是“%(t)s”。" % {"t": text}
            ) from None
    return text


class Command(BaseCommand):
    help = "导出双公示行政处罚信息（30个标准字段）：仅含已公示且在公示期内的记录，未通过校验的记录不导出并列出原因。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--org", required=True, help="组织机构的区划码或名称（镇街或区县，含下级）")
        parser.add_argument("--format", choices=services.EXPORT_FORMATS, default="xlsx", dest="file_format")
        parser.add_argument("--out", required=True, help="输出文件路径")
        parser.add_argument(
            "--since",
            type=_since,
            help="YYYY-MM-DD：仅导出该日起发布的记录；last：自上次导出以来的新记录及上次未通过校验的记录",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        since_text: str | None = options["since"]
        if since_text is None:
            scope, since = ExportScope.ALL, None
        elif since_text == "last":
            scope, since = ExportScope.SINCE_LAST, None
        else:
            scope, since = ExportScope.SINCE_DATE, datetime.date.fromisoformat(since_text)
        out = Path(options["out"])
        if not out.parent.is_dir():
            raise CommandError("输出目录不存在：%(d)s" % {"d": out.parent})
        try:
            organisation = core_selectors.organisation_named(options["org"])
            result = services.export_credit_records(
                system_actor(),
                organisation,
                file_format=options["file_format"],
                scope=scope,
                since=since,
                today=timezone.localdate(),
            )
        except DomainError as error:
            raise CommandError(error.message) from None
        out.write_bytes(result.content)
        self.stdout.write(
            "%(o)s：导出 %(n)d 条，写入 %(f)s（SHA-256 %(h)s）。"
            % {"o": organisation.name, "n": len(result.rows), "f": out, "h": result.export.file_sha256}
        )
        for row in result.held_back:
            for code, message in row.problems:
                self.stdout.write(
                    "未导出 %(w)s：[%(c)s] %(m)s" % {"w": row.values["CF_WSH"], "c": code, "m": message}
                )
