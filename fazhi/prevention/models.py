"""The town's grassroots prevention team (群防群治队伍) and the log of its activities and of legal-publicity
events (普法宣传). Local practice, no legal rule (DOMAIN §3.7); the annual report counts both."""

from __future__ import annotations

import datetime

from django.db import models

from fazhi.core.models import Organisation, Staff


class VolunteerRole(models.TextChoices):
    BUILDING_HEAD = "building_head", "楼栋长"
    VETERAN_PARTY_MEMBER = "veteran_party_member", "老党员"
    GRID_WORKER = "grid_worker", "网格员"
    SAFETY_VOLUNTEER = "safety_volunteer", "平安志愿者"
    OTHER = "other", "其他"


class CommunityVolunteer(models.Model):
    """One member of the team, in one village or community of the town. The period of service runs from
    joined_on to left_on, both days included; an open left_on means still serving. Names and phone
    numbers are personal data: staff pages only, never the portal."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="community_volunteers"
    )
    name = models.CharField("姓名", max_length=50)
    phone = models.CharField("联系电话", max_length=20, blank=True)
    role = models.CharField("身份", max_length=30, choices=VolunteerRole.choices)
    village = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name="所在村（社区）"
    )
    joined_on = models.DateField("加入日期")
    left_on = models.DateField("服务截止日期", null=True, blank=True)
    left_reason = models.CharField("退出原因", max_length=200, blank=True)
    added_by = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "群防群治队员"
        verbose_name_plural = "群防群治队员"
        ordering = ["name", "id"]
        indexes = [models.Index(fields=["organisation", "joined_on"], name="volunteer_org_joined")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(left_on__isnull=True) | models.Q(left_on__gte=models.F("joined_on")),
                name="volunteer_left_after_joined",
            ),
            # The same person is registered once while serving; after leaving they may join again.
            models.UniqueConstraint(
                fields=["organisation", "village", "name"],
                condition=models.Q(left_on__isnull=True),
                name="volunteer_serving_once",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def serves_on(self, day: datetime.date) -> bool:
        return self.joined_on <= day and (self.left_on is None or day <= self.left_on)


class ActivityKind(models.TextChoices):
    PATROL = "patrol", "治安巡逻"
    ANTI_FRAUD = "anti_fraud", "反诈宣传"
    FIRE_SAFETY = "fire_safety", "消防安全宣传"
    LEGAL_PUBLICITY = "legal_publicity", "法治宣传（普法）"
    DISPUTE_SCREENING = "dispute_screening", "矛盾纠纷排查"
    OTHER = "other", "其他"


class ActivityChannel(models.TextChoices):
    """How an activity reached people: in person, or, as in 2020's epidemic, by text message, in the
    villages' WeChat groups and Moments, or at the checkpoints where everyone stopped to be checked."""

    ON_SITE = "on_site", "现场活动"
    SMS = "sms", "短信"
    WECHAT = "wechat", "微信群、朋友圈"
    CHECKPOINT = "checkpoint", "卡口点位"
    BROADCAST = "broadcast", "广播"
    OTHER = "other", "其他"


# The kinds the annual report counts as 普法宣传 events.
PUBLICITY_KINDS = frozenset({ActivityKind.ANTI_FRAUD, ActivityKind.FIRE_SAFETY, ActivityKind.LEGAL_PUBLICITY})


class PreventionActivity(models.Model):
    """One patrol, screening or publicity event: when, where, through which channel, what was handed out
    and how many people it reached, and which members of the team took part."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="prevention_activities"
    )
    held_on = models.DateField("日期")
    place = models.CharField("地点", max_length=100)
    kind = models.CharField("类别", max_length=30, choices=ActivityKind.choices)
    channel = models.CharField("渠道", max_length=20, choices=ActivityChannel.choices)
    description = models.TextField("活动内容", blank=True)
    materials_handed_out = models.PositiveIntegerField("发放资料（份）", default=0)
    people_reached = models.PositiveIntegerField("受众（人次）", default=0)
    volunteers = models.ManyToManyField(
        CommunityVolunteer, related_name="activities", blank=True, verbose_name="参加队员"
    )
    recorded_by = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "群防群治与普法宣传活动"
        verbose_name_plural = "群防群治与普法宣传活动"
        ordering = ["-held_on", "-id"]
        indexes = [models.Index(fields=["organisation", "held_on"], name="prevention_org_held")]

    def __str__(self) -> str:
        return f"{self.held_on} {self.get_kind_display()}"

    @property
    def is_publicity(self) -> bool:
        return self.kind in PUBLICITY_KINDS
