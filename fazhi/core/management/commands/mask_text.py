"""manage.py mask_text [--org ID]: read UTF-8 text on standard input and print it exactly as the portal
would publish it (every natural person under the configured name rule), so that a clerk can check a
text before it goes out. With --org, the names that organisation's town knows; without, every town's."""

from __future__ import annotations

import sys
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from fazhi.core import public_text
from fazhi.core.models import Organisation


class Command(BaseCommand):
    help = "从标准输入读取 UTF-8 文字，按门户公开时的样子输出（隐去证件号码、电话、银行账号、门牌号和自然人姓名）。"

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--org", type=int, help="所属单位编号：按该镇（街道）登记的人员姓名识别")

    def handle(self, *args: Any, **options: Any) -> None:
        organisation = None
        if options["org"] is not None:
            organisation = Organisation.objects.filter(pk=options["org"]).first()
            if organisation is None:
                raise CommandError("没有编号为 %(o)d 的单位。" % {"o": options["org"]})
        raw = sys.stdin.buffer.read()
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as error:
            raise CommandError(
                "输入不是 UTF-8 编码的文字（第 %(at)d 个字节起无法解码），未输出任何内容。"
                % {"at": error.start + 1}
            ) from error
        self.stdout.write(public_text.masked(text, organisation), ending="")
