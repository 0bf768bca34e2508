"""A case and the officers acting in it."""

from __future__ import annotations

from django.db import models

from fazhi.core.models import IssuedNumber, Organisation, Party, Staff
from fazhi.enforcement.models.town import DelegatedPower
from fazhi.enforcement.rules import (
    CLOCK_LABELS,
    PROCEDURE_LABELS,
    STAGE_LABELS,
    Procedure,
    Stage,
)


class LeadSource(models.TextChoices):
    PATROL = "patrol", "巡查发现"
    COMPLAINT = "complaint", "投诉举报"
    ASSIGNED = "assigned", "上级交办"
    TRANSFERRED = "transferred", "部门移送"
    OTHER = "other", "其他"


class Case(models.Model):
    """One administrative penalty case, from 线索 to 归档."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="cases")
    procedure = models.CharField(
        "程序", max_length=10, choices=[(p.value, PROCEDURE_LABELS[p]) for p in Procedure]
    )
    stage = models.CharField("阶段", max_length=30, choices=[(s.value, STAGE_LABELS[s]) for s in Stage])
    title = models.CharField("案由", max_length=200)
    source = models.CharField("案件来源", max_length=20, choices=LeadSource.choices)
    summary = models.TextField("线索内容", blank=True)
    place = models.CharField("违法地点", max_length=200, blank=True)
    # A complainant's identity stays inside the case: never published, never in the ledger in clear.
    reporter = models.CharField("举报人", max_length=200, blank=True)
    received_on = models.DateField("收到线索日期")
    act_on = models.DateField("违法行为发生日期")
    act_ended_on = models.DateField("违法行为终了日期", null=True, blank=True)
    endangers_life_health_or_finance = models.BooleanField(
        "涉及公民生命健康安全、金融安全且有危害后果", default=False
    )
    party = models.ForeignKey(Party, on_delete=models.PROTECT, null=True, blank=True, related_name="cases")
    power = models.ForeignKey(
        DelegatedPower, on_delete=models.PROTECT, null=True, blank=True, related_name="cases"
    )
    filing_number = models.OneToOneField(
        IssuedNumber, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    filed_on = models.DateField("立案日期", null=True, blank=True)
    filing_approved_by = models.ForeignKey(
        Staff, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    not_filed_reason = models.TextField("不予立案理由", blank=True)
    decision_due = models.DateField("决定期限", null=True, blank=True)
    # The clock now running (decision, service, payment, 催告…), so that the overdue list and the
    # reminder job are one indexed query; every service that moves the case sets it.
    clock_key = models.CharField("当前期限", max_length=30, blank=True)
    clock_due = models.DateField("当前期限届满日", null=True, blank=True)
    created_by = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "行政处罚案件"
        verbose_name_plural = "行政处罚案件"
        ordering = ["-id"]
        indexes = [
            # The case list, newest first, of one town: read in index order (permissions.visible_towns).
            models.Index(fields=["organisation", "-id"], name="case_org_recent"),
            models.Index(fields=["organisation", "stage", "-id"], name="case_org_stage_recent"),
            models.Index(fields=["organisation", "clock_due"], name="case_org_clock_due"),
        ]

    def __str__(self) -> str:
        return self.filing_number.text if self.filing_number else f"线索 {self.pk}：{self.title}"

    @property
    def clock_label(self) -> str:
        return CLOCK_LABELS.get(self.clock_key, "")


class CaseOfficer(models.Model):
    """An officer acting in the case, with the credential number as it stood when assigned (art. 55)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="officers")
    staff = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+")
    credential_number = models.CharField("执法证号", max_length=30, blank=True)
    assigned_on = models.DateField()
    # Set when the head grants the officer's recusal (art. 43): the row stays for the record, and the
    # officer no longer acts in the case.
    withdrawn_on = models.DateField("回避日期", null=True, blank=True)

    class Meta:
        # Documents and the public record list the officers in the order they were assigned:
        # the first one named is the one who took the case.
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["case", "staff"], name="caseofficer_unique")]

    def __str__(self) -> str:
        return f"{self.case_id}: {self.staff}"
