"""The dispute mediation centre (矛调中心): one visit is one batch (批) with its number of persons (人次),
in a category of a configurable two-level taxonomy, dispatched to a handling unit (1+3+N)."""

from __future__ import annotations

from django.db import models

from fazhi.core.models import IssuedNumber, Organisation, Party, Staff


class DisputeCategory(models.Model):
    """A category of the two-level taxonomy; the defaults (城乡建设, 劳动与社会保障, 农业农村, 其他…) come
    with migration 0002 and an administrator may add to them."""

    name = models.CharField("类别", max_length=50)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children"
    )
    active = models.BooleanField("启用", default=True)

    class Meta:
        verbose_name = "纠纷类别"
        verbose_name_plural = "纠纷类别"
        ordering = ["parent_id", "id"]
        constraints = [models.UniqueConstraint(fields=["parent", "name"], name="dispute_category_unique")]

    def __str__(self) -> str:
        return f"{self.parent.name}／{self.name}" if self.parent_id and self.parent else self.name


class MediationCentre(models.Model):
    """The town's 社会矛盾纠纷调处化解中心 and the day it opened (挂牌成立): the annual report counts its
    visits "自中心成立以来" in the year it opened."""

    organisation = models.OneToOneField(
        Organisation, on_delete=models.PROTECT, related_name="mediation_centre"
    )
    name = models.CharField("名称", max_length=100)
    opened_on = models.DateField("挂牌成立日期")

    class Meta:
        verbose_name = "矛调中心"
        verbose_name_plural = "矛调中心"

    def __str__(self) -> str:
        return self.name


class UnitKind(models.TextChoices):
    CORE = "core", "核心力量（司法所、综治、信访）"
    DEPARTMENT = "department", "职能部门"
    VILLAGE = "village", "村（社区）"


class HandlingUnit(models.Model):
    """A unit the centre dispatches to: the 3 core forces and the N departments and villages."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="handling_units")
    name = models.CharField("承办单位", max_length=100)
    kind = models.CharField("类别", max_length=20, choices=UnitKind.choices)
    active = models.BooleanField("启用", default=True)

    class Meta:
        verbose_name = "承办单位"
        verbose_name_plural = "承办单位"
        ordering = ["kind", "id"]
        constraints = [models.UniqueConstraint(fields=["organisation", "name"], name="handling_unit_unique")]

    def __str__(self) -> str:
        return self.name


class Channel(models.TextChoices):
    VISIT = "visit", "来访"
    PHONE = "phone", "来电"
    ONLINE = "online", "网上"
    REFERRAL = "referral", "转办"
    PATROL = "patrol", "主动排查"


class DisputeStatus(models.TextChoices):
    REGISTERED = "registered", "已登记"
    DISPATCHED = "dispatched", "已交办"
    CLOSED = "closed", "已办结"


class VisitorRelation(models.TextChoices):
    """How a visitor stands to the matter, entered on the visit's row (blank: not recorded)."""

    PARTY = "party", "纠纷当事人"
    REPRESENTATIVE = "representative", "群体来访代表"
    AGENT = "agent", "委托代理人"
    RELATIVE = "relative", "近亲属"
    OTHER = "other", "其他"


class Outcome(models.TextChoices):
    """How a matter ended (人民调解法 arts. 26, 28; DOMAIN §3.7)."""

    AGREEMENT = "agreement", "调解成功，达成协议"
    ENDED = "ended", "终止调解"
    TRANSFERRED = "transferred", "移交有关部门处理"
    GUIDED = "guided", "引导诉讼或仲裁"
    BY_LAW = "by_law", "依法处理"


class Dispute(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="disputes")
    tracking_number = models.CharField("查询码", max_length=20, unique=True)
    received_on = models.DateField("接待日期")
    channel = models.CharField("来源渠道", max_length=20, choices=Channel.choices)
    category = models.ForeignKey(
        DisputeCategory, on_delete=models.PROTECT, related_name="+", verbose_name="类别"
    )
    visitor_count = models.PositiveIntegerField("人次")
    visitors: models.ManyToManyField[Party, DisputeVisitor] = models.ManyToManyField(
        Party, through="DisputeVisitor", related_name="disputes", verbose_name="来访人（代表）"
    )
    summary = models.TextField("事由")
    claims = models.TextField("诉求")
    status = models.CharField("状态", max_length=20, choices=DisputeStatus.choices)
    due_on = models.DateField("办结期限")
    outcome = models.CharField("办理结果", max_length=20, choices=Outcome.choices, blank=True)
    outcome_note = models.TextField("结果说明", blank=True)
    closed_on = models.DateField("办结日期", null=True, blank=True)
    closed_by = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+", null=True, blank=True)
    # 三到位一处理: each item of settings.MEDIATION_CHECKLIST marked "done" or "not_applicable" at closure.
    checklist = models.JSONField("三到位一处理", default=dict, blank=True)
    registered_by = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+")
    registered_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "矛调中心来访"
        verbose_name_plural = "矛调中心来访"
        ordering = ["-id"]
        indexes = [models.Index(fields=["organisation", "received_on"], name="dispute_org_received")]

    def __str__(self) -> str:
        return f"{self.received_on} {self.category}"


class DisputeVisitor(models.Model):
    """A visitor of a visit and how they stand to it. The table is the one the plain many-to-many kept
    (migration 0005 adopts it), so the visits registered before keep their visitors."""

    # The plain many-to-many's own integer key, kept as it is in the table.
    id = models.AutoField(primary_key=True)
    dispute = models.ForeignKey(Dispute, on_delete=models.CASCADE)
    party = models.ForeignKey(Party, on_delete=models.CASCADE)
    relation = models.CharField(
        "与纠纷的关系", max_length=20, choices=VisitorRelation.choices, blank=True, default=""
    )

    class Meta:
        db_table = "mediation_dispute_visitors"
        verbose_name = "来访人"
        verbose_name_plural = "来访人"
        unique_together = [("dispute", "party")]

    def __str__(self) -> str:
        return f"{self.party}（{self.get_relation_display()}）" if self.relation else str(self.party)


class DispatchEnd(models.TextChoices):
    HANDED_ON = "handed_on", "转交其他单位"
    HANDED_BACK = "handed_back", "退回中心"


class Dispatch(models.Model):
    """One unit's turn with the matter; the current one has no end. A unit may hand it on to another
    unit or back to the centre, always with a reason."""

    dispute = models.ForeignKey(Dispute, on_delete=models.CASCADE, related_name="dispatches")
    unit = models.ForeignKey(HandlingUnit, on_delete=models.PROTECT, related_name="dispatches")
    due_on = models.DateField("办理期限")
    dispatched_by = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+")
    dispatched_at = models.DateTimeField(auto_now_add=True)
    end = models.CharField("流转", max_length=20, choices=DispatchEnd.choices, blank=True)
    end_reason = models.TextField("流转理由", blank=True)
    ended_on = models.DateField("流转日期", null=True, blank=True)

    class Meta:
        ordering = ["dispatched_at", "id"]

    def __str__(self) -> str:
        return f"{self.dispute} → {self.unit}"


class MediationSession(models.Model):
    """调解工作记录 (人民调解法 art. 27): one sitting, with who took part and what was said."""

    dispute = models.ForeignKey(Dispute, on_delete=models.CASCADE, related_name="sessions")
    held_on = models.DateField("调解日期")
    place = models.CharField("地点", max_length=100)
    mediators = models.CharField("调解员", max_length=200)
    attendees = models.CharField("参加人", max_length=300)
    record = models.TextField("调解记录")
    recorded_by = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "调解记录"
        verbose_name_plural = "调解记录"
        ordering = ["held_on", "id"]

    def __str__(self) -> str:
        return f"{self.held_on} {self.place}"


class Agreement(models.Model):
    """调解协议书, with the contents 人民调解法 art. 29 requires."""

    dispute = models.OneToOneField(Dispute, on_delete=models.CASCADE, related_name="agreement")
    number = models.OneToOneField(IssuedNumber, on_delete=models.PROTECT, related_name="+")
    parties = models.TextField("当事人基本情况")
    facts = models.TextField("纠纷的主要事实")
    disputed_matters = models.TextField("争议事项")
    responsibilities = models.TextField("各方当事人的责任")
    terms = models.TextField("协议内容")
    performance = models.TextField("履行协议的方式、期限")
    signed_on = models.DateField("签订日期")
    mediator = models.CharField("调解员", max_length=50)
    committee = models.CharField("人民调解委员会", max_length=100)

    class Meta:
        verbose_name = "调解协议书"
        verbose_name_plural = "调解协议书"

    def __str__(self) -> str:
        return self.number.text


class Satisfaction(models.TextChoices):
    SATISFIED = "satisfied", "满意"
    FAIRLY = "fairly", "基本满意"
    UNSATISFIED = "unsatisfied", "不满意"


class Performance(models.TextChoices):
    FULL = "full", "已履行"
    PARTIAL = "partial", "部分履行"
    NONE = "none", "未履行"
    NOT_APPLICABLE = "not_applicable", "不涉及履行"


class FollowUpMethod(models.TextChoices):
    VISIT = "visit", "上门回访"
    PHONE = "phone", "电话回访"
    AT_CENTRE = "at_centre", "来中心回访"


class FollowUp(models.Model):
    """回访: whether the agreement was performed and how satisfied the visitors were."""

    dispute = models.ForeignKey(Dispute, on_delete=models.CASCADE, related_name="follow_ups")
    visited_on = models.DateField("回访日期")
    method = models.CharField("方式", max_length=20, choices=FollowUpMethod.choices)
    performance = models.CharField("履行情况", max_length=20, choices=Performance.choices)
    satisfaction = models.CharField("满意度", max_length=20, choices=Satisfaction.choices)
    note = models.TextField("回访情况", blank=True)
    visited_by = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "回访"
        verbose_name_plural = "回访"
        ordering = ["visited_on", "id"]

    def __str__(self) -> str:
        return f"{self.visited_on} {self.get_satisfaction_display()}"
