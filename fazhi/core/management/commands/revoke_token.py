"""manage.py revoke_token ID | --user USERNAME: revoke one personal API token, or every live token of a
user (a lost laptop, a script retired), recorded in the ledger as the platform's act."""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from fazhi.core import services
from fazhi.core.errors import DomainError
from fazhi.core.models import ApiToken


class Command(BaseCommand):
    help = "撤销接口令牌：按编号撤销一个，或用 --user 撤销某人全部有效令牌。"

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "token_id", nargs="?", type=int, help="令牌编号（见“接口令牌”页面或 GET /api/v1/tokens）"
        )
        parser.add_argument("--user", help="登录名：撤销此人全部有效令牌")

    def handle(self, *args: Any, **options: Any) -> None:
        if (options["token_id"] is None) == (options["user"] is None):
            raise CommandError("请给出令牌编号，或用 --user 给出登录名（二者选一）。")
        if options["user"] is not None:
            ids = list(
                ApiToken.objects.filter(
                    staff__username=options["user"], revoked_at__isnull=True, expires_at__gt=timezone.now()
                ).values_list("pk", flat=True)
            )
        else:
            ids = [options["token_id"]]
        system = services.system_actor()
        for token_id in ids:
            try:
                services.revoke_api_token(system, token_id)
            except DomainError as error:
                raise CommandError(f"令牌 {token_id}：{error.message}") from error
        self.stdout.write("已撤销 %(n)d 个令牌。" % {"n": len(ids)})
