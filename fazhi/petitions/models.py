"""信访事项 under the 信访工作条例 (in force 2022-05-01): the registration with its petitioners, the
acceptance decision and its notice, the handling period and its one extension, the 信访处理意见书, the
复查 and 复核 that may follow, and the key matters (重点信访事项) with their 工作专班."""

from __future__ import annotations

from django.db import models

from fazhi.core.models import IssuedNumber, Organisation, Party, Staff


class Channel(models.TextChoices):
    """The forms a petition may take (信访工作条例 第十七条)."""

    ONLINE = "online", "信息网络"
    LETTER = "letter", "书信"
    VISIT = "visit", "走访"
    PHONE = "phone", "电话"
    FAX = "fax", "传真"


class PetitionStatus(models.TextChoices):
    RECEIVED = "received", "已登记，待告知是否受理"
    NOT_ACCEPTED = "not_accepted", "不予受理"
    ACCEPTED = "accepted", "已受理，办理中"
    CONCLUDED = "concluded", "已出具处理意见，办结"
    REVIEW = "review", "复查中"
    REVIEWED = "reviewed", "已复查"
    RE_REVIEW = "re_review", "复核中"
    RE_REVIEWED = "re_reviewed", "已复核，不再受理"


class Petition(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="petitions")
    tracking_number = models.CharField("查询码", max_length=20, unique=True)
    received_on = models.DateField("收到日期")
    channel = models.CharField("信访形式", max_length=20, choices=Channel.choices)
    # A group visit lists its representatives (at most 5, 第二十条); the number of people who came is
    # kept apart, as the statistics count people (人次) and the law limits representatives.
    person_count = models.PositiveIntegerField("人数")
    petitioners = models.ManyToManyField(Party, related_name="petitions", verbose_name="信访人（代表）")
    address = models.CharField("通信地址", max_length=200, blank=True)
    request = models.TextField("请求")
    facts_and_reasons = models.TextField("事实和理由")
    earlier = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="repeats",
        verbose_name="同一信访事项的前次登记",
    )
    status = models.CharField("状态", max_length=20, choices=PetitionStatus.choices)
    notice_due_on = models.DateField("告知是否受理期限")
    decided_on = models.DateField("受理决定日期", null=True, blank=True)
    notice_on = models.DateField("书面告知日期", null=True, blank=True)
    decision_note = models.TextField("受理说明或不予受理理由", blank=True)
    route = models.TextField("告知的处理途径", blank=True)
    decided_by = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+", null=True, blank=True)
    handling_due_on = models.DateField("法定办理期限", null=True, blank=True)
    due_on = models.DateField("办结期限（含延期）", null=True, blank=True)
    concluded_on = models.DateField("办结日期", null=True, blank=True)
    is_key = models.BooleanField("重点信访事项", default=False)
    key_leader = models.ForeignKey(
        Staff, on_delete=models.PROTECT, related_name="+", null=True, blank=True, verbose_name="包案领导"
    )
    key_team = models.ManyToManyField(Staff, related_name="+", blank=True, verbose_name="工作专班")
    key_marked_on = models.DateField("列为重点日期", null=True, blank=True)
    registered_by = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+")
    registered_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "信访事项"
        verbose_name_plural = "信访事项"
        ordering = ["-id"]
        indexes = [models.Index(fields=["organisation", "received_on"], name="petition_org_received")]

    def __str__(self) -> str:
        return f"{self.received_on} {self.get_channel_display()} {self.tracking_number}"


class Extension(models.Model):
    """The one extension of the handling period (第三十四条): at most 30 days, approved by the head, the
    reason told to the petitioner."""

    petition = models.OneToOneField(Petition, on_delete=models.CASCADE, related_name="extension")
    days = models.PositiveIntegerField("延长天数")
    reason = models.TextField("延期理由")
    approved_on = models.DateField("批准日期")
    approved_by = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+")
    notice_on = models.DateField("告知信访人日期")
    previous_due_on = models.DateField("原办结期限")
    due_on = models.DateField("延长后的办结期限")

    class Meta:
        verbose_name = "延长办理期限"
        verbose_name_plural = "延长办理期限"

    def __str__(self) -> str:
        return f"{self.petition} +{self.days}"


class Decision(models.TextChoices):
    """The three answers of 第三十二条."""

    SUPPORT = "support", "予以支持"
    EXPLAIN = "explain", "解释说明"
    REJECT = "reject", "不予支持"


class Opinion(models.Model):
    """信访处理意见书 (第三十二条): the request, the facts and reasons, the decision and its basis."""

    petition = models.OneToOneField(Petition, on_delete=models.CASCADE, related_name="opinion")
    number = models.OneToOneField(IssuedNumber, on_delete=models.PROTECT, related_name="+")
    request = models.TextField("信访请求")
    facts = models.TextField("事实")
    reasons = models.TextField("理由")
    decision = models.CharField("处理意见", max_length=20, choices=Decision.choices)
    basis = models.TextField("依据")
    issued_on = models.DateField("出具日期")
    served_on = models.DateField("送达日期")
    issued_by = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = "信访处理意见书"
        verbose_name_plural = "信访处理意见书"

    def __str__(self) -> str:
        return self.number.text


class ReviewLevel(models.TextChoices):
    REVIEW = "review", "复查"
    RE_REVIEW = "re_review", "复核"


class ReviewResult(models.TextChoices):
    UPHELD = "upheld", "维持原处理意见"
    CHANGED = "changed", "变更原处理意见"
    REVOKED = "revoked", "撤销原处理意见，责令重新办理"


class Review(models.Model):
    """复查 (第三十五条) or 复核 (第三十六条): asked of the organ one level up; the town records the
    request and the answer it receives."""

    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="reviews")
    level = models.CharField("层级", max_length=20, choices=ReviewLevel.choices)
    requested_on = models.DateField("请求日期")
    reason = models.TextField("请求理由")
    due_on = models.DateField("答复期限")
    hearing_days = models.PositiveIntegerField("听证所需天数", default=0)
    answered_on = models.DateField("答复日期", null=True, blank=True)
    result = models.CharField("结论", max_length=20, choices=ReviewResult.choices, blank=True)
    opinion = models.TextField("意见", blank=True)
    served_on = models.DateField("送达日期", null=True, blank=True)
    recorded_by = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = "复查复核"
        verbose_name_plural = "复查复核"
        ordering = ["requested_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["petition", "level"], name="petition_review_once_per_level")
        ]

    def __str__(self) -> str:
        return f"{self.petition} {self.get_level_display()}"


class ContactMethod(models.TextChoices):
    """How the town spoke with the petitioners (the report's 通过约访、电话等方式与上访群众进行沟通交流)."""

    APPOINTMENT = "appointment", "约访"
    PHONE = "phone", "电话沟通"
    HOME_VISIT = "home_visit", "走访"
    LETTER = "letter", "书面答复"
    OTHER = "other", "其他"


class PetitionContact(models.Model):
    """One contact with the petitioners while the matter was handled: who made it, how, and what was said
    and agreed. Key matters are followed this way by their leader in charge and 工作专班."""

    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="contacts")
    contacted_on = models.DateField("沟通日期")
    method = models.CharField("沟通方式", max_length=20, choices=ContactMethod.choices)
    made_by = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+", verbose_name="沟通人员")
    summary = models.TextField("沟通情况")
    recorded_by = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+", verbose_name="登记人")
    recorded_at = models.DateTimeField("登记时间", auto_now_add=True)

    class Meta:
        verbose_name = "与信访人沟通"
        verbose_name_plural = "与信访人沟通"
        ordering = ["contacted_on", "id"]

    def __str__(self) -> str:
        return f"{self.petition} {self.contacted_on} {self.get_method_display()}"
