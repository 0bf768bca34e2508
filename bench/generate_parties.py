"""Benchmark data: a district with four towns and N parties, most of them in one town.

Organisations and staff are built through fazhi.core.services (so they are exactly what the app
would make, ledger entries included). Parties are bulk-inserted straight into core_party: a million
service calls would take hours. Every party is still one the services would accept: resident ID
numbers and unified social credit codes carry correct check characters, identifiers are unique,
and the fields each kind requires are filled.

Import this module only after django.setup().
"""

from __future__ import annotations

import datetime
import random
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from django.db import connection, transaction

from bench.common import secondary_indexes, settle
from fazhi.core import services, validators
from fazhi.core.models import Organisation, OrganisationKind, Party, Staff
from fazhi.core.roles import Role

ADMIN_USERNAME = "bench-admin"
ADMIN_PASSWORD = "bench-admin-password-2026"  # noqa: S105 (a throwaway benchmark database)

# Share of all parties registered by the other towns; the rest belong to the benchmarked town.
OTHER_TOWNS_SHARE = 0.05
# Party kinds, by share: natural persons, organisations, individual businesses.
KINDS = ("person", "organisation", "individual_business")
KIND_WEIGHTS = (0.70, 0.15, 0.15)

# Surnames, roughly by frequency (the first ten cover about 40% of the population).
SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
    "姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)
GIVEN_CHARS = (
    "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂英华玉萍红娥玲芬燕彩春菊凤洁梅琳素云莲真环雪荣爱妹"
    "香月莺媛瑞凡佳嘉琼勤珍贞莉桂娣叶璧璐娅琦晶妍茜秋珊莎锦黛青倩婷姣婉娴瑾颖露瑶怡婵雁蓓纨仪荷丹蓉眉君琴"
    "蕊薇菁梦岚苑婕馨瑗琰韵融园艺咏卿聪澜纯毓悦昭冰爽琬茗羽希宁欣飘育滢馥筠柔竹霭凝晓欢霄枫芸菲寒伊亚宜"
    "可姬舒影荔枝思丽斌宇浩凯健俊帆帅旭宁龙林欢阳建文辉力明永健世广志义兴良海山仁波宁贵福生龙元全国胜学"
)
BRAND_CHARS = (
    "鑫盛达宏泰恒华兴隆昌源丰瑞祥福金利通德信永安益嘉博远海天汇新中诚创佳美顺宝润康聚富祥和荣辉腾飞越"
)
INDUSTRIES = (
    "建材",
    "五金",
    "商贸",
    "物流",
    "机械",
    "电子",
    "科技",
    "食品",
    "化工",
    "塑料制品",
    "钢结构",
    "家具",
    "印刷",
    "包装材料",
    "餐饮管理",
    "农业科技",
    "建筑工程",
    "装饰工程",
    "汽车维修",
    "环保设备",
    "纸制品",
    "服装",
    "电气设备",
    "仓储服务",
    "劳务服务",
)
COMPANY_SUFFIXES = ("有限公司", "有限公司", "有限公司", "有限责任公司", "股份有限公司", "商贸中心")
SHOPS = (
    "小吃店",
    "便利店",
    "五金店",
    "理发店",
    "水果店",
    "建材经营部",
    "汽车修理部",
    "超市",
    "饭店",
    "粮油店",
    "烟酒商行",
    "农资店",
    "电动车维修部",
    "服装店",
    "早点铺",
)
VILLAGES = ("辛口村", "小沙窝村", "水高庄村", "第六埠村", "大杜庄村", "木厂村", "上辛口村", "下辛口村")
# 行政区划码 used in resident ID numbers: mostly 西青区, some elsewhere in 天津 and neighbouring provinces.
RESIDENT_AREAS = (
    ("120111", 0.6),
    ("120104", 0.08),
    ("120110", 0.07),
    ("120112", 0.05),
    ("130624", 0.05),
    ("371402", 0.05),
    ("410105", 0.05),
    ("130984", 0.05),
)
USCC_BODY_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"


@dataclass
class World:
    system: Staff
    town: Organisation
    other_towns: list[Organisation]
    admin: Staff


@dataclass
class Samples:
    """Search terms drawn from the benchmarked town's own parties, so every search finds something."""

    resident_ids: list[str] = field(default_factory=list)
    name_prefixes: list[str] = field(default_factory=list)
    company_substrings: list[str] = field(default_factory=list)


def build_world() -> World:
    """天津市 > 西青区 > 辛口镇 (benchmarked) and three neighbouring towns, through the services."""
    system = services.system_actor()
    city = services.create_organisation(
        system, name="天津市", kind=OrganisationKind.CITY, parent=None, division_code="120000"
    )
    district = services.create_organisation(
        system,
        name="西青区",
        kind=OrganisationKind.DISTRICT,
        parent=city,
        division_code="120111",
        organ_code="西青",
    )
    town = services.create_organisation(
        system,
        name="辛口镇",
        kind=OrganisationKind.TOWN,
        parent=district,
        division_code="120111104",
        organ_code="西青辛政",
    )
    office = services.create_organisation(
        system, name="党政办", kind=OrganisationKind.DEPARTMENT, parent=town
    )
    services.create_organisation(
        system, name="综合行政执法队", kind=OrganisationKind.DEPARTMENT, parent=town, organ_code="西青辛综执"
    )
    for name in VILLAGES[:3]:
        services.create_organisation(system, name=name, kind=OrganisationKind.VILLAGE, parent=town)
    other_towns = [
        services.create_organisation(
            system, name=name, kind=OrganisationKind.TOWN, parent=district, division_code=code
        )
        for name, code in (("杨柳青镇", "120111100"), ("中北镇", "120111101"), ("精武镇", "120111102"))
    ]
    # The town's administrator sits in 党政办, as in the demo data: the page then also has to find
    # the town above the user's department, which is the common case.
    admin = services.create_staff(
        system,
        username=ADMIN_USERNAME,
        full_name="王管理",
        organisation=office,
        password=ADMIN_PASSWORD,
        roles=[Role.ADMIN],
        position="党政办主任",
    )
    return World(system=system, town=town, other_towns=other_towns, admin=admin)


class _Generator:
    def __init__(self, seed: int) -> None:
        self.random = random.Random(seed)
        self.seen: set[str] = set()
        areas, weights = zip(*RESIDENT_AREAS, strict=True)
        self.areas: tuple[str, ...] = areas
        self.area_weights: tuple[float, ...] = weights
        # Zipf-like surname weights: 王 far more often than 覃.
        self.surname_weights = [1.0 / (rank + 1) ** 0.8 for rank in range(len(SURNAMES))]
        self.birth_start = datetime.date(1940, 1, 1).toordinal()
        self.birth_span = datetime.date(2006, 12, 31).toordinal() - self.birth_start

    def person_name(self) -> str:
        rnd = self.random
        surname = rnd.choices(SURNAMES, self.surname_weights)[0]
        given = rnd.choice(GIVEN_CHARS)
        if rnd.random() < 0.7:
            given += rnd.choice(GIVEN_CHARS)
        return surname + given

    def resident_id(self) -> tuple[str, str, str]:
        """A fresh, valid 18-digit number, with its birth date and sex."""
        rnd = self.random
        while True:
            area = rnd.choices(self.areas, self.area_weights)[0]
            birth = datetime.date.fromordinal(self.birth_start + rnd.randrange(self.birth_span))
            sequence = rnd.randrange(1000)
            first17 = f"{area}{birth:%Y%m%d}{sequence:03d}"
            number = first17 + validators.resident_id_check_character(first17)
            if number not in self.seen:
                self.seen.add(number)
                return number, birth.isoformat(), "male" if sequence % 2 else "female"

    def credit_code(self, category: str) -> str:
        """A fresh 统一社会信用代码: 9 (市场监管) + category + 120111 + 组织机构代码 + check character."""
        rnd = self.random
        while True:
            body = "".join(rnd.choices(USCC_BODY_ALPHABET[:10], k=2)) + "".join(
                rnd.choices(USCC_BODY_ALPHABET, k=6)
            )
            organisation_code = body + validators._organisation_code_check(body)
            first17 = f"9{category}120111{organisation_code}"
            code = first17 + validators.uscc_check_character(first17)
            if code not in self.seen:
                self.seen.add(code)
                return code

    def registration_no(self) -> str:
        while True:
            number = "120111" + "".join(self.random.choices("0123456789", k=9))
            if number not in self.seen:
                self.seen.add(number)
                return number

    def company_name(self) -> str:
        rnd = self.random
        brand = rnd.choice(BRAND_CHARS) + rnd.choice(BRAND_CHARS)
        body = brand + rnd.choice(INDUSTRIES) + rnd.choice(COMPANY_SUFFIXES)
        return ("天津市西青区" if rnd.random() < 0.8 else "天津") + body

    def shop_name(self, operator: str) -> str:
        rnd = self.random
        shop = rnd.choice(SHOPS)
        if rnd.random() < 0.5:
            return f"西青区辛口镇{operator[0]}记{shop}"
        return f"天津市西青区{operator}{shop}"

    def address(self) -> str:
        rnd = self.random
        return f"天津市西青区辛口镇{rnd.choice(VILLAGES)}{rnd.randrange(1, 400)}号"

    def phone(self) -> str:
        return "1" + self.random.choice("3456789") + "".join(self.random.choices("0123456789", k=9))


# One party as the loaders write it, in COLUMNS order.
Row = tuple[Any, ...]

# The columns the loaders write, in this order (id comes from the database, in insertion order).
COLUMNS = (
    "organisation_id",
    "kind",
    "name",
    "id_type",
    "id_number",
    "birth_date",
    "sex",
    "uscc",
    "legal_representative",
    "business_registration_no",
    "address",
    "phone",
    "created_by_id",
    "created_at",
    "updated_at",
)


def party_rows(
    count: int,
    world: World,
    samples: Samples,
    *,
    seed: int = 20260501,
    sample_size: int = 400,
    other_towns_share: float = OTHER_TOWNS_SHARE,
) -> Iterator[Row]:
    """`count` party rows in registration order; fills `samples` from the benchmarked town's rows.
    With other_towns_share=1 every party goes to one of world.other_towns, picked evenly."""
    gen = _Generator(seed)
    rnd = gen.random
    town_id, admin_id = world.town.pk, world.admin.pk
    other_ids = [town.pk for town in world.other_towns]
    # Registered over five years, oldest first, so that id order and created_at order agree.
    start = datetime.datetime(2021, 5, 1, 1, 0, tzinfo=datetime.UTC)
    step = (datetime.datetime(2026, 5, 1, tzinfo=datetime.UTC) - start) / max(count, 1)
    # Keep every k-th candidate so samples are spread over the whole id range, not only the oldest.
    keep_every = max(1, int(count * (1 - other_towns_share)) // (sample_size * 4))
    for index in range(count):
        in_town = rnd.random() >= other_towns_share
        organisation_id = town_id if in_town else rnd.choice(other_ids)
        kind = rnd.choices(KINDS, KIND_WEIGHTS)[0]
        created = (start + step * index).strftime("%Y-%m-%d %H:%M:%S.%f")
        id_type = id_number = sex = uscc = representative = registration = ""
        birth: str | None = None
        if kind == "person":
            name = gen.person_name()
            id_type = "resident_id"
            id_number, birth, sex = gen.resident_id()
        elif kind == "organisation":
            name = gen.company_name()
            uscc = gen.credit_code("1")
            representative = gen.person_name()
        else:
            representative = gen.person_name()
            name = gen.shop_name(representative)
            if rnd.random() < 0.1:
                # No credit code: the 双公示 placeholder plus the 工商注册号.
                uscc = validators.INDIVIDUAL_BUSINESS_PLACEHOLDER
                registration = gen.registration_no()
            else:
                uscc = gen.credit_code("2")
            if rnd.random() < 0.5:
                id_type = "resident_id"
                id_number, birth, sex = gen.resident_id()
        if in_town and index % keep_every == 0:
            if kind == "person":
                samples.resident_ids.append(id_number)
                samples.name_prefixes.append(name[:2])
            elif kind == "organisation" and name.startswith("天津市西青区"):
                # Brand and the first character of the trade: three characters from the middle.
                samples.company_substrings.append(name[6:9])
        yield (
            organisation_id,
            kind,
            name,
            id_type,
            id_number,
            birth,
            sex,
            uscc,
            representative,
            registration,
            gen.address(),
            gen.phone(),
            admin_id,
            created,
            created,
        )


def load_parties(
    count: int, world: World, *, seed: int = 20260501, other_towns_share: float = OTHER_TOWNS_SHARE
) -> tuple[Samples, float]:
    """Bulk-insert `count` parties; returns the search samples and the seconds it took.

    Secondary indexes are dropped first and rebuilt after the load (sorting once is much faster than
    a million index insertions); the schema ends exactly as the migrations left it.
    """
    samples = Samples()
    rows = party_rows(count, world, samples, seed=seed, other_towns_share=other_towns_share)
    table = Party._meta.db_table
    started = time.perf_counter()
    indexes = secondary_indexes(table)
    with transaction.atomic():
        with connection.cursor() as cursor:
            for name, _ in indexes:
                cursor.execute(f'DROP INDEX "{name}"')
        if connection.vendor == "postgresql":
            raw = connection.connection
            assert raw is not None
            with raw.cursor() as cursor:
                columns = ", ".join(COLUMNS)
                # Skip the per-row foreign-key triggers during the load (every row references the
                # organisations and the admin created above); the constraints stay declared.
                cursor.execute("SET LOCAL session_replication_role = replica")
                with cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row((*row[:13], row[13] + "+00", row[14] + "+00"))
                cursor.execute("SET LOCAL session_replication_role = origin")
        else:
            placeholders = ", ".join(["%s"] * len(COLUMNS))
            sql = f"INSERT INTO {table} ({', '.join(COLUMNS)}) VALUES ({placeholders})"  # noqa: S608 (constants)
            with connection.cursor() as cursor:
                batch: list[Row] = []
                for row in rows:
                    batch.append(row)
                    if len(batch) == 20_000:
                        cursor.executemany(sql, batch)
                        batch.clear()
                if batch:
                    cursor.executemany(sql, batch)
        with connection.cursor() as cursor:
            for _, create in indexes:
                cursor.execute(create)
    if connection.vendor == "postgresql":
        # What autovacuum would have done by the time a town has a million parties: statistics for
        # the planner and a visibility map for index-only scans.
        settle([table])
    return samples, time.perf_counter() - started
