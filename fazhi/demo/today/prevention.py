"""Demo prevention team today: the team formed in 2020 (the report's "40余人"; fazhi/demo/year2020
replays that year) with the members who have joined and left since — 43 serve today, two left last
year — and this year's patrols and publicity events. The names are made up."""

from __future__ import annotations

import datetime

from django.utils import timezone

from fazhi.demo.town import DemoTown
from fazhi.prevention import selectors, services
from fazhi.prevention.models import ActivityChannel, ActivityKind, CommunityVolunteer
from fazhi.prevention.models import VolunteerRole as R

# The team formed in 2020 (fazhi/demo/year2020 replays that year; 43 served at its end). Since then
# six have joined — (village, name, role, years ago) — and six have left, two of them last year — name:
# (years ago, reason): 43 serve today.
JOINED_SINCE = [
    ("辛口村", "周凤英", R.SAFETY_VOLUNTEER, 0),
    ("辛口村", "胡秀云", R.OTHER, 2),
    ("小沙窝村", "韩立新", R.GRID_WORKER, 1),
    ("小沙窝村", "韦丽萍", R.SAFETY_VOLUNTEER, 4),
    ("水高庄村", "苏志勇", R.GRID_WORKER, 3),
    ("水高庄村", "毛建设", R.SAFETY_VOLUNTEER, 4),
]
LEFT_SINCE = {
    "田宝林": (4, "外出务工"),
    "钱永福": (3, "年老体弱"),
    "石凤琴": (2, "迁居市区"),
    "姚振江": (2, "因工作调动本人申请退出"),
    "蔡春梅": (1, "迁居市区"),
    "贾宏伟": (1, "因工作调动本人申请退出"),
}

# (days before today, kind, channel, place, what was done, materials, people reached, villages of the
# members)
ACTIVITIES = [
    (
        70,
        ActivityKind.ANTI_FRAUD,
        ActivityChannel.ON_SITE,
        "辛口村文化广场",
        "发放防范电信网络诈骗宣传册，现场帮助村民安装国家反诈中心APP。",
        300,
        260,
        "辛口村",
    ),
    (
        50,
        ActivityKind.PATROL,
        ActivityChannel.ON_SITE,
        "水高庄村主要街道",
        "夜间治安巡逻，查看村内重点部位和独居老人家门。",
        0,
        0,
        "水高庄村",
    ),
    (
        35,
        ActivityKind.FIRE_SAFETY,
        ActivityChannel.ON_SITE,
        "小沙窝村村民委员会",
        "讲解冬季用火用电安全，入户查看电动自行车充电情况。",
        200,
        150,
        "小沙窝村",
    ),
    (
        20,
        ActivityKind.DISPUTE_SCREENING,
        ActivityChannel.ON_SITE,
        "辛口村",
        "入户排查邻里、土地承包纠纷隐患，发现2起，已移交矛调中心。",
        0,
        0,
        "辛口村",
    ),
    (
        10,
        ActivityKind.LEGAL_PUBLICITY,
        ActivityChannel.ON_SITE,
        "辛口镇集市",
        "宣讲宪法和民法典，设法律咨询台解答群众问题。",
        500,
        420,
        "小沙窝村",
    ),
    (
        3,
        ActivityKind.ANTI_FRAUD,
        ActivityChannel.ON_SITE,
        "水高庄村老年活动室",
        "以案说法，提醒老年人防范保健品和养老诈骗。",
        120,
        80,
        "水高庄村",
    ),
]


def load(demo_town: DemoTown) -> None:
    staff = demo_town.staff
    today = timezone.localdate()
    villages = {village.name: village for village in selectors.villages_for(staff["admin"])}
    for village_name, name, role, years in JOINED_SINCE:
        services.add_volunteer(
            staff["admin"],
            name=name,
            role=role,
            village=villages[village_name],
            joined_on=min(datetime.date(today.year - years, 3, 1), today),
        )
    for member in CommunityVolunteer.objects.filter(
        organisation=demo_town.town, name__in=LEFT_SINCE, left_on__isnull=True
    ):
        years, reason = LEFT_SINCE[member.name]
        services.end_service(
            staff["admin"], member, left_on=datetime.date(today.year - years, 6, 30), reason=reason
        )
    first_of_year = datetime.date(today.year, 1, 1)
    for days, kind, channel, place, description, materials, people, village_name in ACTIVITIES:
        held_on = max(today - datetime.timedelta(days=days), first_of_year)
        services.record_activity(
            staff["tiaojie"],
            held_on=held_on,
            place=place,
            kind=kind,
            channel=channel,
            description=description,
            materials_handed_out=materials,
            people_reached=people,
            volunteers=list(
                CommunityVolunteer.objects.filter(
                    selectors.serving_on(held_on), village=villages[village_name]
                ).order_by("pk")[:5]
            ),
        )
