"""The dispute mediation centre (矛调中心): one visit is one batch (批) with its number of persons (人次),
in a category of a configurable two-level taxonomy, dispatched to a handling unit (1+3+N)."""

from __future__ import annotations

from django.db import models

from fazhi.core.models import Organisation, Party, Staff


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


class Dispute(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="disputes")
    tracking_number = models.CharField("查询码", max_length=20, unique=True)
    received_on = models.DateField("接待日期")
    channel = models.CharField("来源渠道", max_length=20, choices=Channel.choices)
    category = models.ForeignKey(
        DisputeCategory, on_delete=models.PROTECT, related_name="+", verbose_name="类别"
    )
    visitor_count = models.PositiveIntegerField("人次")
    visitors = models.ManyToManyField(Party, related_name="disputes", verbose_name="来访人（代表）")
    summary = models.TextField("事由")
    claims = models.TextField("诉求")
    status = models.CharField("状态", max_length=20, choices=DisputeStatus.choices)
    due_on = models.DateField("办结期限")
    registered_by = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+")
    registered_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "矛调中心来访"
        verbose_name_plural = "矛调中心来访"
        ordering = ["-id"]
        indexes = [models.Index(fields=["organisation", "received_on"], name="dispute_org_received")]

    def __str__(self) -> str:
        return f"{self.received_on} {self.category}"


class Dispatch(models.Model):
    dispute = models.ForeignKey(Dispute, on_delete=models.CASCADE, related_name="dispatches")
    unit = models.ForeignKey(HandlingUnit, on_delete=models.PROTECT, related_name="dispatches")
    due_on = models.DateField("办理期限")
    dispatched_by = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+")
    dispatched_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["dispatched_at", "id"]

    def __str__(self) -> str:
        return f"{self.dispute} → {self.unit}"
