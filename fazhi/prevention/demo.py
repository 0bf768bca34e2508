"""Demo prevention team: 43 serving members in the three villages of 辛口镇 (the 2020 report's "40余人")
and two who left last year, and the year's patrols and publicity events. The names are made up."""

from __future__ import annotations

import datetime

from django.utils import timezone

from fazhi.core import demo
from fazhi.prevention import selectors, services
from fazhi.prevention.models import ActivityKind, CommunityVolunteer
from fazhi.prevention.models import VolunteerRole as R

# (village, name, role, years ago they joined); the last two of 水高庄村 left last year.
MEMBERS = {
    "辛口村": [
        ("王秀兰", R.BUILDING_HEAD, 3),
        ("李建国", R.VETERAN_PARTY_MEMBER, 4),
        ("张桂英", R.GRID_WORKER, 2),
        ("刘德明", R.SAFETY_VOLUNTEER, 2),
        ("陈淑珍", R.SAFETY_VOLUNTEER, 1),
        ("杨国强", R.VETERAN_PARTY_MEMBER, 4),
        ("赵玉梅", R.BUILDING_HEAD, 3),
        ("黄志刚", R.GRID_WORKER, 1),
        ("周凤英", R.SAFETY_VOLUNTEER, 0),
        ("吴永生", R.VETERAN_PARTY_MEMBER, 3),
        ("徐丽华", R.SAFETY_VOLUNTEER, 2),
        ("孙宝山", R.GRID_WORKER, 2),
        ("马春燕", R.BUILDING_HEAD, 1),
        ("朱文忠", R.SAFETY_VOLUNTEER, 1),
        ("胡秀云", R.OTHER, 0),
    ],
    "小沙窝村": [
        ("郭振华", R.GRID_WORKER, 3),
        ("何玉兰", R.BUILDING_HEAD, 2),
        ("高建军", R.VETERAN_PARTY_MEMBER, 4),
        ("林淑芬", R.SAFETY_VOLUNTEER, 2),
        ("罗长顺", R.VETERAN_PARTY_MEMBER, 3),
        ("郑桂兰", R.SAFETY_VOLUNTEER, 1),
        ("梁志强", R.GRID_WORKER, 2),
        ("谢美玲", R.BUILDING_HEAD, 1),
        ("宋德胜", R.VETERAN_PARTY_MEMBER, 4),
        ("唐秀珍", R.SAFETY_VOLUNTEER, 1),
        ("韩立新", R.GRID_WORKER, 0),
        ("冯晓燕", R.SAFETY_VOLUNTEER, 2),
        ("于海涛", R.SAFETY_VOLUNTEER, 1),
        ("董淑华", R.BUILDING_HEAD, 3),
        ("萧国栋", R.OTHER, 2),
    ],
    "水高庄村": [
        ("程建华", R.GRID_WORKER, 3),
        ("曹玉珍", R.BUILDING_HEAD, 2),
        ("袁志明", R.VETERAN_PARTY_MEMBER, 4),
        ("邓丽娟", R.SAFETY_VOLUNTEER, 1),
        ("许长林", R.VETERAN_PARTY_MEMBER, 3),
        ("傅秀英", R.SAFETY_VOLUNTEER, 2),
        ("沈卫东", R.GRID_WORKER, 2),
        ("曾凤兰", R.BUILDING_HEAD, 1),
        ("彭建平", R.VETERAN_PARTY_MEMBER, 4),
        ("吕淑英", R.SAFETY_VOLUNTEER, 1),
        ("苏志勇", R.GRID_WORKER, 0),
        ("卢桂香", R.SAFETY_VOLUNTEER, 2),
        ("蒋文斌", R.SAFETY_VOLUNTEER, 1),
        ("蔡春梅", R.SAFETY_VOLUNTEER, 3),
        ("贾宏伟", R.SAFETY_VOLUNTEER, 3),
    ],
}
LEFT_LAST_YEAR = {"蔡春梅": "迁居市区", "贾宏伟": "因工作调动本人申请退出"}

# (days before today, kind, place, what was done, materials, people reached, villages of the members)
ACTIVITIES = [
    (
        70,
        ActivityKind.ANTI_FRAUD,
        "辛口村文化广场",
        "发放防范电信网络诈骗宣传册，现场帮助村民安装国家反诈中心APP。",
        300,
        260,
        "辛口村",
    ),
    (
        50,
        ActivityKind.PATROL,
        "水高庄村主要街道",
        "夜间治安巡逻，查看村内重点部位和独居老人家门。",
        0,
        0,
        "水高庄村",
    ),
    (
        35,
        ActivityKind.FIRE_SAFETY,
        "小沙窝村村民委员会",
        "讲解冬季用火用电安全，入户查看电动自行车充电情况。",
        200,
        150,
        "小沙窝村",
    ),
    (
        20,
        ActivityKind.DISPUTE_SCREENING,
        "辛口村",
        "入户排查邻里、土地承包纠纷隐患，发现2起，已移交矛调中心。",
        0,
        0,
        "辛口村",
    ),
    (
        10,
        ActivityKind.LEGAL_PUBLICITY,
        "辛口镇集市",
        "宣讲宪法和民法典，设法律咨询台解答群众问题。",
        500,
        420,
        "小沙窝村",
    ),
    (
        3,
        ActivityKind.ANTI_FRAUD,
        "水高庄村老年活动室",
        "以案说法，提醒老年人防范保健品和养老诈骗。",
        120,
        80,
        "水高庄村",
    ),
]


def load(demo_town: demo.DemoTown) -> None:
    staff = demo_town.staff
    today = timezone.localdate()
    villages = {village.name: village for village in selectors.villages_for(staff["admin"])}
    members: dict[str, list[CommunityVolunteer]] = {}
    for village_name, rows in MEMBERS.items():
        for name, role, years in rows:
            joined_on = min(datetime.date(today.year - years, 3, 1), today)
            member = services.add_volunteer(
                staff["admin"], name=name, role=role, village=villages[village_name], joined_on=joined_on
            )
            if name in LEFT_LAST_YEAR:
                services.end_service(
                    staff["admin"],
                    member,
                    left_on=datetime.date(today.year - 1, 6, 30),
                    reason=LEFT_LAST_YEAR[name],
                )
            elif years:
                members.setdefault(village_name, []).append(member)
    first_of_year = datetime.date(today.year, 1, 1)
    for days, kind, place, description, materials, people, village_name in ACTIVITIES:
        services.record_activity(
            staff["tiaojie"],
            held_on=max(today - datetime.timedelta(days=days), first_of_year),
            place=place,
            kind=kind,
            description=description,
            materials_handed_out=materials,
            people_reached=people,
            volunteers=members[village_name][:5],
        )


demo.register(load)
