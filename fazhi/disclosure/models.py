"""Publications of penalty decisions (行政执法公示). What the public sees is a snapshot taken at
publication, masked, with its SHA-256 in the ledger; the decision itself is never read by a public page."""

from __future__ import annotations

from django.db import models

from fazhi.core.models import Organisation, Staff
from fazhi.enforcement.models import PenaltyDecision


class PublicationStatus(models.TextChoices):
    DRAFT = "draft", "待发布"
    PUBLISHED = "published", "已公示"
    WITHDRAWN = "withdrawn", "已撤回"
    NOT_PUBLISHED = "not_published", "依法不予公开"


class Severity(models.TextChoices):
    """信用修复管理办法 (in force 2026-04-01): the disclosure period follows the severity."""

    MINOR = "minor", "轻微"
    ORDINARY = "ordinary", "一般"
    SERIOUS = "serious", "严重"


class Publication(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="publications")
    decision = models.OneToOneField(PenaltyDecision, on_delete=models.PROTECT, related_name="publication")
    status = models.CharField("状态", max_length=20, choices=PublicationStatus.choices)
    due_on = models.DateField("公示期限")
    severity = models.CharField(
        "失信程度", max_length=10, choices=Severity.choices, default=Severity.ORDINARY
    )
    # The public snapshot: nothing else reaches a public page.
    party_name = models.CharField("行政相对人名称", max_length=200)
    party_kind = models.CharField("行政相对人类别", max_length=20)
    party_code = models.CharField("统一社会信用代码", max_length=18, blank=True)
    legal_representative = models.CharField("法定代表人", max_length=50, blank=True)
    decision_number = models.CharField("行政处罚决定书文号", max_length=100)
    violation_type = models.CharField("违法行为类型", max_length=200)
    facts = models.TextField("违法事实")
    basis = models.TextField("处罚依据")
    penalty_content = models.TextField("处罚内容")
    fine_fen = models.PositiveBigIntegerField("罚款（分）", default=0)
    decided_on = models.DateField("处罚决定日期")
    authority = models.CharField("处罚机关", max_length=200)
    visible_until = models.DateField("公示截止期", null=True, blank=True)
    content_sha256 = models.CharField("内容指纹", max_length=64, blank=True)
    not_published_reason = models.CharField("不予公开的理由", max_length=200, blank=True)
    published_at = models.DateTimeField("公示时间", null=True, blank=True)
    published_by = models.ForeignKey(Staff, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    withdrawn_at = models.DateTimeField("撤回时间", null=True, blank=True)
    withdrawal_reason = models.CharField("撤回理由", max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "行政处罚公示"
        verbose_name_plural = "行政处罚公示"
        ordering = ["-decided_on", "-id"]
        indexes = [
            # The portal's list, newest first, of all towns and of one: read in index order, so the
            # first pages need no sort of the tens of thousands of publications on the portal.
            models.Index(fields=["status", "-decided_on", "-id"], name="publication_portal_recent"),
            models.Index(
                fields=["organisation", "status", "-decided_on", "-id"], name="publication_public_list"
            ),
        ]

    def __str__(self) -> str:
        return self.decision_number


class ExportScope(models.TextChoices):
    ALL = "all", "全部在公示期内的记录"
    SINCE_DATE = "since_date", "自指定日期起发布的记录"
    SINCE_LAST = "since_last", "自上次导出以来的新记录"


class CreditExport(models.Model):
    """One 双公示 file sent to the credit platform: which records went in, which were held back and
    why, and the SHA-256 of the file. An incremental export starts where the previous one ended and
    takes again what the previous one held back."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="credit_exports")
    scope = models.CharField("导出范围", max_length=20, choices=ExportScope.choices)
    since = models.DateField("起始日期", null=True, blank=True)
    file_format = models.CharField("文件格式", max_length=10)
    row_count = models.PositiveIntegerField("导出记录数")
    held_back_ids = models.JSONField("未通过校验而未导出的公示", default=list)
    problem_count = models.PositiveIntegerField("校验问题数")
    file_sha256 = models.CharField("文件指纹", max_length=64)
    created_at = models.DateTimeField("导出时间")
    created_by = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = "双公示导出"
        verbose_name_plural = "双公示导出"
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.organisation} {self.created_at:%Y-%m-%d %H:%M}"


class InspectionItem(models.Model):
    """随机抽查事项清单: what the town inspects by random selection (双随机、一公开), published before
    any inspection (国办发〔2015〕58号; 国办发〔2018〕118号 事前公开)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="inspection_items")
    name = models.CharField("抽查事项", max_length=200)
    subjects = models.CharField("抽查对象", max_length=200)
    basis = models.TextField("抽查依据")
    department = models.CharField("检查实施主体", max_length=100)
    method = models.CharField("抽查方式", max_length=100, help_text="如：现场检查、书面检查")
    frequency = models.CharField("抽查比例和频次", max_length=100, help_text="如：每年不低于3%，一年一次")
    added_by = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "随机抽查事项"
        verbose_name_plural = "随机抽查事项清单"
        ordering = ["organisation", "id"]

    def __str__(self) -> str:
        return self.name


class ReviewAction(models.TextChoices):
    HIDE = "hide", "隐去"
    RELEASE = "release", "保留公开"


class FindingReview(models.Model):
    """The publisher's decision on a span of a draft's free text (总局令第45号 art. 5: a person checks it):
    hide what the scan missed or confirm what it found, or release a finding with a reason. Kept by the
    span's text, so an edit elsewhere in the field keeps it; the latest decision on a text stands."""

    publication = models.ForeignKey(Publication, on_delete=models.PROTECT, related_name="reviews")
    field = models.CharField("字段", max_length=20)
    text = models.CharField("内容", max_length=200)
    kind = models.CharField("类别", max_length=20)
    action = models.CharField("处理", max_length=10, choices=ReviewAction.choices)
    reason = models.CharField("理由", max_length=200, blank=True)
    reviewed_by = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+")
    reviewed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "隐私核对记录"
        verbose_name_plural = "隐私核对记录"
        ordering = ["publication", "id"]

    def __str__(self) -> str:
        return f"{self.publication} {self.get_action_display()}"
