"""The 群防群治 figures of the annual report: the team at the year's end (and how the report words its
size, "40余人"), and the publicity events with the people they reached and the channels they went
through ("将宣传主阵地转移到短信、微信群、朋友圈"). Registered from PreventionConfig.ready."""

from __future__ import annotations

from django.db.models import Count, QuerySet

from fazhi.core.figures import Column, Figure, Scope, date_column, link_to
from fazhi.prevention.models import PUBLICITY_KINDS, ActivityChannel, CommunityVolunteer, PreventionActivity
from fazhi.prevention.selectors import approximate_headcount, serving_on


def _team_at_year_end(scope: Scope) -> QuerySet[CommunityVolunteer]:
    return CommunityVolunteer.objects.filter(scope.within(), serving_on(scope.end)).order_by("id")


def _headcount(scope: Scope, rows: QuerySet[CommunityVolunteer]) -> str:
    return approximate_headcount(rows.count())


def _publicity(scope: Scope) -> QuerySet[PreventionActivity]:
    return PreventionActivity.objects.filter(
        scope.within(), held_on__year=scope.year, kind__in=PUBLICITY_KINDS
    ).order_by("held_on", "id")


# Within a list joined by "、" the channel's own "、" would split it in two.
CHANNEL_WORDING = {ActivityChannel.WECHAT: "微信群和朋友圈"}


def _by_channel(scope: Scope, rows: QuerySet[PreventionActivity]) -> str:
    """现场活动2次、短信1次、微信群和朋友圈1次: the channels in their order of choice, those used only."""
    used = dict(rows.order_by().values_list("channel").annotate(n=Count("id")).values_list("channel", "n"))
    parts = [
        "%(c)s%(n)d次" % {"c": CHANNEL_WORDING.get(channel, channel.label), "n": used[channel]}
        for channel in ActivityChannel
        if used.get(channel)
    ]
    return "、".join(parts) or "全年未开展宣传活动"


VOLUNTEER_COLUMNS = (
    Column("姓名", lambda row: row.name),
    Column("身份", lambda row: row.get_role_display()),
    Column("加入日期", lambda row: row.joined_on),
)
ACTIVITY_COLUMNS = (
    date_column("held_on"),
    Column("类别", lambda row: row.get_kind_display()),
    Column("渠道", lambda row: row.get_channel_display()),
    Column("地点", lambda row: row.place),
    Column("受众（人次）", lambda row: row.people_reached),
)

FIGURES = (
    Figure(
        "prevention_team",
        "群防群治队伍人数",
        "人",
        "年末仍在服务期内的群防群治队伍成员",
        _team_at_year_end,
        VOLUNTEER_COLUMNS,
        link_to("prevention:volunteer"),
    ),
    Figure(
        "prevention_team_wording",
        "群防群治队伍人数（报告表述）",
        "",
        "年末在服务期内的成员数，非整十数时表述为“N0余人”",
        _team_at_year_end,
        VOLUNTEER_COLUMNS,
        link_to("prevention:volunteer"),
        kind="phrase",
        words=_headcount,
    ),
    Figure(
        "publicity_events",
        "防诈、消防和法治宣传活动",
        "次",
        "类别为反诈宣传、消防安全宣传或法治宣传的活动",
        _publicity,
        ACTIVITY_COLUMNS,
        link_to("prevention:activity"),
    ),
    Figure(
        "publicity_reached",
        "宣传受众",
        "人次",
        "上述宣传活动的受众人次之和",
        _publicity,
        ACTIVITY_COLUMNS,
        link_to("prevention:activity"),
        kind="sum",
        summed="people_reached",
    ),
    Figure(
        "publicity_by_channel",
        "宣传活动渠道（报告表述）",
        "",
        "上述宣传活动按渠道（现场活动、短信、微信群和朋友圈、卡口点位、广播、其他）的次数，未用的渠道不列",
        _publicity,
        ACTIVITY_COLUMNS,
        link_to("prevention:activity"),
        kind="phrase",
        words=_by_channel,
    ),
)
