"""The annual 法治政府建设情况报告: its paragraphs (templates with figure placeholders, live until the
report is finalised), the figures frozen at 定稿 with the ledger size they were computed at, and each
organisation's own wording of the default paragraphs."""

from __future__ import annotations

from django.db import models

from fazhi.core.models import Organisation, Staff


class ReportStatus(models.TextChoices):
    DRAFT = "draft", "草稿"
    FINAL = "final", "已定稿"
    PUBLISHED = "published", "已公开"


class AnnualReport(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="annual_reports")
    year = models.PositiveIntegerField("年度")
    title = models.CharField("标题", max_length=200)
    status = models.CharField("状态", max_length=20, choices=ReportStatus.choices)
    created_by = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    # Set at 定稿: the figures as computed then, and how many ledger events there were, so that the
    # signed checkpoint covering that size proves what the records said.
    figures = models.JSONField("定稿时的数据", default=dict, blank=True)
    ledger_size = models.BigIntegerField("定稿时账本事件数", null=True, blank=True)
    finalised_by = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+", null=True, blank=True)
    finalised_at = models.DateTimeField("定稿时间", null=True, blank=True)
    published_by = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+", null=True, blank=True)
    published_at = models.DateTimeField("公开时间", null=True, blank=True)

    class Meta:
        verbose_name = "法治政府建设年度报告"
        verbose_name_plural = "法治政府建设年度报告"
        ordering = ["-year", "organisation_id"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "year"], name="annual_report_once_a_year")
        ]
        indexes = [models.Index(fields=["status", "-year"], name="annual_report_public")]

    def __str__(self) -> str:
        return self.title


class ReportParagraph(models.Model):
    report = models.ForeignKey(AnnualReport, on_delete=models.CASCADE, related_name="paragraphs")
    section = models.CharField("部分", max_length=20)
    position = models.PositiveIntegerField("顺序")
    key = models.CharField("段落标识", max_length=60, blank=True)
    heading = models.BooleanField("小标题", default=False)
    text = models.TextField("文字（含数据占位符）")
    rendered = models.TextField("定稿文字", blank=True)
    # The own statements (reports.rules.own_statements) the head confirmed, one a line, in the words
    # confirmed: a sentence reworded since is asked for again.
    confirmed_statements = models.TextField("负责人确认的本镇自述", blank=True)
    confirmed_by = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+", null=True, blank=True)
    confirmed_at = models.DateTimeField("确认时间", null=True, blank=True)

    class Meta:
        ordering = ["report_id", "position", "id"]

    def __str__(self) -> str:
        return self.text[:30]


class ParagraphWording(models.Model):
    """An organisation's own wording of a default paragraph; its towns inherit it."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    key = models.CharField("段落标识", max_length=60)
    text = models.TextField("文字（含数据占位符）")
    updated_by = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "报告段落模板"
        verbose_name_plural = "报告段落模板"
        constraints = [
            models.UniqueConstraint(fields=["organisation", "key"], name="paragraph_wording_unique")
        ]

    def __str__(self) -> str:
        return self.key


class SuggestionDecision(models.TextChoices):
    CONFIRMED = "confirmed", "已确认"
    REWORDED = "reworded", "已改写"
    DROPPED = "dropped", "不采纳"


class ReportSuggestion(models.Model):
    """The head's decision on a shortcoming the figures suggest (reports.rules.PROMPTS) for 三 and 四.
    A prompt the figures raise with no row here is undecided: the row is written when the head decides,
    so a prompt raised later by changed records is undecided without anything being written."""

    report = models.ForeignKey(AnnualReport, on_delete=models.CASCADE, related_name="suggestions")
    prompt = models.CharField("提示标识", max_length=60)
    decision = models.CharField("决定", max_length=20, choices=SuggestionDecision.choices)
    text = models.TextField("改写后的文字（含数据占位符）", blank=True)
    decided_by = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField("决定时间")
    # Set at 定稿 for a suggestion the report took: its item in 三 and in 四 as printed.
    rendered = models.TextField("定稿文字（不足）", blank=True)
    rendered_plan = models.TextField("定稿文字（安排）", blank=True)

    class Meta:
        verbose_name = "年度报告不足建议"
        verbose_name_plural = "年度报告不足建议"
        ordering = ["report_id", "id"]
        constraints = [
            models.UniqueConstraint(fields=["report", "prompt"], name="report_suggestion_once_per_prompt")
        ]

    def __str__(self) -> str:
        return self.prompt
