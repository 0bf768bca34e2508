"""manage.py issue_token USERNAME: print a new personal API token for that user."""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from fazhi.core import services
from fazhi.core.models import Staff


class Command(BaseCommand):
    help = "签发个人 API 令牌并打印（只显示这一次）。"

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--label", default="命令行签发")

    def handle(self, *args: Any, **options: Any) -> None:
        staff = Staff.objects.filter(username=options["username"], is_system=False).first()
        if staff is None:
            raise CommandError("没有登录名为 %(u)s 的工作人员。" % {"u": options["username"]})
        token = services.issue_api_token(services.system_actor(), staff, label=options["label"])
        self.stdout.write(token)
