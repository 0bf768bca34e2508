"""Major administrative decisions (重大行政决策, 国务院令第713号, applied by a township under its art. 42):
the annual catalogue, and for each decision the record of every statutory step. The order of the steps
is enforced in services.py with the gates of rules.py."""

from __future__ import annotations

from django.db import models

from fazhi.core.models import Organisation, Staff


class CatalogueItem(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="decision_catalogue"
    )
    year = models.PositiveIntegerField("年度")
    title = models.CharField("决策事项", max_length=200)
    department = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name="承办单位"
    )
    published_at = models.DateTimeField("公布时间", null=True, blank=True)
    added_by = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = "决策事项目录"
        verbose_name_plural = "决策事项目录"
        ordering = ["year", "id"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "year", "title"], name="catalogue_item_unique")
        ]

    def __str__(self) -> str:
        return self.title


class DecisionStatus(models.TextChoices):
    PREPARING = "preparing", "决策启动"
    DISCUSSED = "discussed", "已集体讨论"
    PUBLISHED = "published", "已公布"


class MajorDecision(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="major_decisions")
    catalogue_item = models.OneToOneField(CatalogueItem, on_delete=models.PROTECT, related_name="decision")
    summary = models.TextField("决策草案说明")
    needs_expert = models.BooleanField("须专家论证（专业性、技术性较强）", default=False)
    needs_risk = models.BooleanField("须风险评估（涉及社会稳定、公共安全）", default=False)
    status = models.CharField("状态", max_length=20, choices=DecisionStatus.choices)
    published_on = models.DateField("公布日期", null=True, blank=True)
    published_where = models.CharField("公布载体", max_length=200, blank=True)
    registered_by = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+")
    registered_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "重大行政决策"
        verbose_name_plural = "重大行政决策"
        ordering = ["-id"]

    def __str__(self) -> str:
        return self.catalogue_item.title


class CommentPeriod(models.Model):
    """向社会公开征求意见 on the portal (arts. 14–18): at least 30 days."""

    decision = models.OneToOneField(MajorDecision, on_delete=models.CASCADE, related_name="comment_period")
    draft = models.TextField("征求意见稿")
    opens_on = models.DateField("开始日期")
    closes_on = models.DateField("截止日期")
    opened_by = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+")

    def __str__(self) -> str:
        return f"{self.decision} {self.opens_on}—{self.closes_on}"


class Moderation(models.TextChoices):
    PENDING = "pending", "待审核"
    APPROVED = "approved", "已公开"
    REJECTED = "rejected", "不予公开"


class Answer(models.TextChoices):
    ADOPTED = "adopted", "采纳"
    NOT_ADOPTED = "not_adopted", "不采纳"


class PublicComment(models.Model):
    """A citizen's comment, submitted without an account. The name and contact are never shown."""

    period = models.ForeignKey(CommentPeriod, on_delete=models.CASCADE, related_name="comments")
    text = models.TextField("意见")
    name = models.CharField("姓名（不公开）", max_length=50, blank=True)
    contact = models.CharField("联系方式（不公开）", max_length=100, blank=True)
    submitted_at = models.DateTimeField(auto_now_add=True)
    moderation = models.CharField(
        "审核", max_length=10, choices=Moderation.choices, default=Moderation.PENDING
    )
    answer = models.CharField("答复", max_length=20, choices=Answer.choices, blank=True)
    answer_reason = models.TextField("理由", blank=True)
    answered_by = models.ForeignKey(Staff, on_delete=models.PROTECT, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["submitted_at", "id"]

    def __str__(self) -> str:
        return f"{self.period.decision} #{self.pk}"


class AssessmentKind(models.TextChoices):
    EXPERT = "expert", "专家论证"
    RISK = "risk", "风险评估"


class Assessment(models.Model):
    decision = models.ForeignKey(MajorDecision, on_delete=models.CASCADE, related_name="assessments")
    kind = models.CharField("类别", max_length=10, choices=AssessmentKind.choices)
    held_on = models.DateField("日期")
    assessors = models.CharField("专家或评估机构", max_length=300)
    conclusion = models.TextField("结论")
    recorded_by = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["held_on", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.held_on}"


class LegalityReview(models.Model):
    """合法性审查 (arts. 25–28): submitted with the draft, at least 7 working days for the reviewer."""

    decision = models.ForeignKey(MajorDecision, on_delete=models.CASCADE, related_name="legality_reviews")
    submitted_on = models.DateField("送审日期")
    due_on = models.DateField("审查期限")
    passed = models.BooleanField("审查通过", null=True)
    opinion = models.TextField("审查意见", blank=True)
    reviewer = models.ForeignKey(Staff, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    reviewed_on = models.DateField("审查日期", null=True, blank=True)
    submitted_by = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["submitted_on", "id"]

    def __str__(self) -> str:
        return f"{self.decision} {self.submitted_on}"


class Outcome(models.TextChoices):
    ADOPTED = "adopted", "通过"
    NOT_ADOPTED = "not_adopted", "不予通过"
    POSTPONED = "postponed", "暂缓决定"


class CollectiveDiscussion(models.Model):
    """集体讨论决定 (arts. 30, 31): the head presides and speaks last; dissent is recorded."""

    decision = models.OneToOneField(MajorDecision, on_delete=models.CASCADE, related_name="discussion")
    meeting_on = models.DateField("会议日期")
    meeting = models.CharField("会议", max_length=100, help_text="如：镇政府常务会议")
    attendees = models.ManyToManyField(Staff, related_name="+", verbose_name="出席人员")
    presided_by = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+", verbose_name="主持人")
    head_spoke_last = models.BooleanField("行政首长最后发表意见")
    outcome = models.CharField("决定", max_length=20, choices=Outcome.choices)
    dissent = models.TextField("不同意见", blank=True)
    recorded_by = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+")

    def __str__(self) -> str:
        return f"{self.decision} {self.meeting_on}"


class PostEvaluation(models.Model):
    """决策后评估 (arts. 34–37): by someone other than those who assessed the decision before."""

    decision = models.ForeignKey(MajorDecision, on_delete=models.CASCADE, related_name="evaluations")
    evaluated_on = models.DateField("评估日期")
    evaluator = models.CharField("评估机构或人员", max_length=200)
    conclusion = models.TextField("评估结论")
    recorded_by = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["evaluated_on", "id"]

    def __str__(self) -> str:
        return f"{self.decision} {self.evaluated_on}"


class DecisionArchive(models.Model):
    """The complete file of a published decision as one zip (art. 33), kept under its SHA-256."""

    decision = models.OneToOneField(MajorDecision, on_delete=models.PROTECT, related_name="archive")
    archived_on = models.DateField("归档日期")
    sha256 = models.CharField("SHA-256", max_length=64)
    archived_by = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+")

    def __str__(self) -> str:
        return f"{self.decision} {self.archived_on}"
