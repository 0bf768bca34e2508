"""The town's enforcement set-up: its delegated powers, the 较大数额 standard for hearings, recording devices and document templates."""

from __future__ import annotations

import datetime

from django.db import models

from fazhi.core.models import Organisation, Staff


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


class LargeAmountStandard(models.Model):
    """较大数额 for the hearing right (art. 63): the thresholds the province or sector sets, in force from
    a day, as the town records them."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    person_fen = models.PositiveBigIntegerField("公民（含个体工商户）较大数额（分）")
    organisation_fen = models.PositiveBigIntegerField("法人或者其他组织较大数额（分）")
    source = models.CharField("依据（文件名称及条款）", max_length=200)
    in_force_from = models.DateField("施行日期")
    recorded_by = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "听证较大数额标准"
        verbose_name_plural = "听证较大数额标准"
        ordering = ["-in_force_from", "-id"]

    def __str__(self) -> str:
        return f"{self.source}（{self.in_force_from}）"


class RecordingDevice(models.Model):
    """执法记录仪 and other recording devices of the town (国办发〔2018〕118号 全过程记录)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="recording_devices")
    number = models.CharField("设备编号", max_length=40)
    model_name = models.CharField("型号", max_length=100, blank=True)
    active = models.BooleanField("在用", default=True)

    class Meta:
        verbose_name = "执法记录仪"
        verbose_name_plural = "执法记录仪"
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "number"], name="device_unique_number")
        ]

    def __str__(self) -> str:
        return self.number


class DeviceAssignment(models.Model):
    """Who carries which device, from when to when (to is empty while it lasts)."""

    device = models.ForeignKey(RecordingDevice, on_delete=models.CASCADE, related_name="assignments")
    staff = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="device_assignments")
    valid_from = models.DateField("起始日期")
    valid_to = models.DateField("截止日期", null=True, blank=True)

    class Meta:
        ordering = ["-valid_from", "-id"]

    def __str__(self) -> str:
        return f"{self.device} → {self.staff}"

    def covers(self, day: datetime.date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


class DocumentKind(models.TextChoices):
    FILING_APPROVAL = "filing_approval", "立案审批表"
    INQUIRY_RECORD = "inquiry_record", "询问笔录"
    INSPECTION_RECORD = "inspection_record", "现场检查笔录"
    PRIOR_NOTICE = "prior_notice", "行政处罚事先告知书"
    HEARING_NOTICE = "hearing_notice", "听证通知书"
    LEGAL_REVIEW = "legal_review", "法制审核意见书"
    PENALTY_DECISION = "penalty_decision", "行政处罚决定书"
    SERVICE_RECEIPT = "service_receipt", "送达回证"
    CLOSURE_APPROVAL = "closure_approval", "结案审批表"


class DocumentTemplate(models.Model):
    """A town's own .docx template for one kind of document, replacing the bundled one."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField("文书种类", max_length=30, choices=DocumentKind.choices)
    attachment = models.ForeignKey("core.Attachment", on_delete=models.PROTECT, related_name="+")
    uploaded_by = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)
    active = models.BooleanField(default=True)

    class Meta:
        verbose_name = "文书模板"
        verbose_name_plural = "文书模板"
        ordering = ["-id"]

    def __str__(self) -> str:
        return self.get_kind_display()
