"""Enforcement tables. No workflow here: every write goes through enforcement.services, which applies
the gates of enforcement.rules."""

from __future__ import annotations

from django.db import models

from fazhi.core.models import IssuedNumber, Organisation, Party, Staff
from fazhi.enforcement.rules import PROCEDURE_LABELS, STAGE_LABELS, Procedure, Stage


class DelegatedPower(models.Model):
    """赋权事项: a penalty power the province delegated to the town and the town published (art. 24)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="delegated_powers")
    code = models.CharField("事项编码", max_length=40)
    name = models.CharField("事项名称", max_length=200)
    category = models.CharField("执法领域", max_length=50, help_text="如：市容环境、城市建设管理、安全生产")
    legal_basis = models.TextField("设定依据")
    active = models.BooleanField("有效", default=True)

    class Meta:
        verbose_name = "赋权事项"
        verbose_name_plural = "赋权事项"
        constraints = [models.UniqueConstraint(fields=["organisation", "code"], name="power_unique_code")]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


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
    created_by = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "行政处罚案件"
        verbose_name_plural = "行政处罚案件"
        ordering = ["-id"]
        indexes = [models.Index(fields=["organisation", "stage", "-id"], name="case_org_stage_recent")]

    def __str__(self) -> str:
        return self.filing_number.text if self.filing_number else f"线索 {self.pk}：{self.title}"


class CaseOfficer(models.Model):
    """An officer acting in the case, with the credential number as it stood when assigned (art. 55)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="officers")
    staff = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+")
    credential_number = models.CharField("执法证号", max_length=30, blank=True)
    assigned_on = models.DateField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["case", "staff"], name="caseofficer_unique")]

    def __str__(self) -> str:
        return f"{self.case_id}: {self.staff}"
