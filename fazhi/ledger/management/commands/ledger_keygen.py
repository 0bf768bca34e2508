"""manage.py ledger_keygen: create the ledger's Ed25519 signing key once, and print its public key."""

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from fazhi.ledger import checkpoint


class Command(BaseCommand):
    help = "生成全过程记录的签名密钥（只生成一次，请妥善备份），并打印公钥。"

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--name", default=None, help="日志名称（origin），默认取 FAZHI_LEDGER_ORIGIN")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(settings.LEDGER_SIGNING_KEY_FILE)
        try:
            key = checkpoint.create_signing_key(path, options["name"] or settings.LEDGER_ORIGIN)
        except FileExistsError as error:
            raise CommandError("签名密钥已存在：%(p)s。一个日志只用一把密钥。" % {"p": path}) from error
        self.stdout.write(key.verifier_key)
