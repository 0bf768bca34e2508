"""manage.py load_demo: the demo town 辛口镇 (天津市西青区) with a user for every role, its 2020 replayed
from the data tables, and today's records of each area.

Refuses to run unless DEBUG is on: the demo passwords are printed and public.
"""

from __future__ import annotations

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from fazhi.core.models import Organisation
from fazhi.core.roles import Role
from fazhi.demo import replay, today
from fazhi.demo.town import DEMO_PASSWORD, build_town

YEAR_2020 = Path(replay.__file__).parent / "year2020"


class Command(BaseCommand):
    help = "载入演示数据：天津市西青区辛口镇及各角色的演示账号（仅限开发环境）。"

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--if-empty", action="store_true", help="数据库中已有机构时不做任何事")

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG:
            raise CommandError("演示数据只能在开发环境（FAZHI_DEBUG=1）中载入：演示密码是公开的。")
        if Organisation.objects.exists():
            if options["if_empty"]:
                self.stdout.write("数据库中已有数据，未载入演示数据。")
                return
            raise CommandError("数据库中已有机构，演示数据只能载入空数据库。")
        demo_town = build_town()
        # The past year first, on its simulated days, so that the ledger reads in time order.
        replay.replay(YEAR_2020)
        for load in today.LOADERS:
            load(demo_town)

        self.stdout.write(self.style.SUCCESS("已载入演示数据：天津市 → 西青区 → 辛口镇（及杨柳青镇）。"))
        self.stdout.write("演示账号（密码均为 %s）：" % DEMO_PASSWORD)
        for username, person in demo_town.staff.items():
            role_names = "、".join(
                Role(role).label for role in sorted(person.role_grants.values_list("role", flat=True))
            )
            self.stdout.write(f"  {username:<12} {person.full_name}（{person.organisation}，{role_names}）")
