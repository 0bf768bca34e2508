"""调查取证: evidence, 笔录, uploads in pieces, recusal and 先行登记保存 (arts. 42, 43, 46, 55, 56)."""

from __future__ import annotations

from django.db import models

from fazhi.core.models import Staff
from fazhi.enforcement.models.case import Case
from fazhi.enforcement.models.town import RecordingDevice


class EvidenceKind(models.TextChoices):
    """The kinds of evidence of art. 46."""

    DOCUMENT = "document", "书证"
    PHYSICAL = "physical", "物证"
    AUDIO_VISUAL = "audio_visual", "视听资料"
    ELECTRONIC = "electronic", "电子数据"
    WITNESS = "witness", "证人证言"
    PARTY_STATEMENT = "party_statement", "当事人的陈述"
    EXPERT_OPINION = "expert_opinion", "鉴定意见"
    INSPECTION_RECORD = "inspection_record", "勘验笔录、现场笔录"


class Evidence(models.Model):
    """One item of evidence: what it is, who captured it, when, where, on which device, and its file."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="evidence")
    kind = models.CharField("证据种类", max_length=20, choices=EvidenceKind.choices)
    description = models.CharField("证据名称及说明", max_length=200)
    captured_by = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+")
    captured_at = models.DateTimeField("采集时间")
    place = models.CharField("采集地点", max_length=200)
    device = models.ForeignKey(
        RecordingDevice, on_delete=models.PROTECT, null=True, blank=True, related_name="recordings"
    )
    attachment = models.OneToOneField(
        "core.Attachment", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    recorded_by = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)
    # The officers who took or received it (art. 42). Empty only for evidence recorded before they were
    # kept: the page shows it as 未登记 rather than guess.
    officers = models.ManyToManyField(Staff, related_name="+", verbose_name="执法人员", blank=True)

    class Meta:
        verbose_name = "证据"
        verbose_name_plural = "证据"
        ordering = ["captured_at", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}：{self.description}"


class RecordKind(models.TextChoices):
    INQUIRY = "inquiry", "询问笔录"
    SITE_INSPECTION = "site_inspection", "现场检查（勘验）笔录"


class InvestigationRecord(models.Model):
    """笔录: an inquiry or a site inspection, written on the spot and signed by those present."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="records")
    kind = models.CharField("笔录种类", max_length=20, choices=RecordKind.choices)
    place = models.CharField("地点", max_length=200)
    started_at = models.DateTimeField("开始时间")
    ended_at = models.DateTimeField("结束时间")
    subject_person = models.CharField("被询问人（现场负责人）", max_length=100)
    subject_details = models.CharField("身份及联系方式", max_length=200, blank=True)
    content = models.TextField("笔录内容")
    signed = models.BooleanField("被询问人（当事人）已核对签字", default=False)
    refusal_noted = models.BooleanField("拒绝签字，已由执法人员注明", default=False)
    # Art. 55 obliges it; a record where it was not done is still kept as it happened, and its case page
    # says so. False for records made before it was asked.
    credentials_shown = models.BooleanField("已向当事人或有关人员出示执法证件", default=False)
    officers = models.ManyToManyField(Staff, related_name="+", verbose_name="执法人员")
    recorded_by = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["started_at", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.started_at:%Y-%m-%d}"


class UploadSession(models.Model):
    """A large file arriving in pieces: the bytes go to a partial file on disk, so an interrupted upload
    resumes at `received_bytes` instead of starting again."""

    key = models.CharField(max_length=32, unique=True)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="+")
    owner = models.ForeignKey(Staff, on_delete=models.CASCADE, related_name="+")
    original_name = models.CharField(max_length=200)
    total_bytes = models.PositiveBigIntegerField()
    received_bytes = models.PositiveBigIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    completed = models.BooleanField(default=False)

    def __str__(self) -> str:
        return f"{self.original_name} {self.received_bytes}/{self.total_bytes}"


class RecusalRequester(models.TextChoices):
    PARTY = "party", "当事人申请"
    SELF = "self", "执法人员自行回避"


class Recusal(models.Model):
    """回避 (art. 43): a request that an officer withdraw from the case, and the head's decision on it."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="recusals")
    staff = models.ForeignKey(
        Staff, on_delete=models.PROTECT, related_name="+", verbose_name="申请回避的执法人员"
    )
    requested_by = models.CharField("提出方", max_length=10, choices=RecusalRequester.choices)
    reason = models.TextField("回避理由")
    requested_on = models.DateField("申请日期")
    recorded_by = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+")
    decided_by = models.ForeignKey(Staff, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    decided_on = models.DateField("决定日期", null=True, blank=True)
    granted = models.BooleanField("准予回避", null=True, blank=True)
    decision_reason = models.TextField("决定理由", blank=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.case} 回避 {self.staff}"


class PreservationHandling(models.TextChoices):
    """What may become of evidence preserved by registration, within seven working days (art. 56)."""

    RETURN = "return", "解除登记保存，返还当事人"
    TRANSFER = "transfer", "移送有关机关处理"
    CONFISCATION = "confiscation", "作为依法没收的证据，待处罚决定"
    RELEASE = "release", "解除先行登记保存"
    SEIZURE = "seizure", "依法采取查封、扣押措施"


class Preservation(models.Model):
    """先行登记保存 (art. 56): evidence that may be lost or hard to obtain later, kept with the head's
    approval; a decision on it within seven working days."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="preservations")
    items = models.TextField("登记保存物品（名称、数量、规格）")
    reason = models.TextField("证据可能灭失或者以后难以取得的情形")
    approved_by = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+")
    approved_on = models.DateField("批准日期")
    preserved_on = models.DateField("登记保存日期")
    officers = models.ManyToManyField(Staff, related_name="+", verbose_name="执法人员")
    decision_due = models.DateField("处理决定期限")
    handled_on = models.DateField("处理日期", null=True, blank=True)
    handling = models.CharField("处理决定", max_length=20, choices=PreservationHandling.choices, blank=True)
    handling_note = models.TextField("处理说明", blank=True)
    late_reason = models.TextField("超过七个工作日作出处理决定的理由", blank=True)
    recorded_by = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["preserved_on", "id"]

    def __str__(self) -> str:
        return f"{self.case} 先行登记保存 {self.preserved_on}"
