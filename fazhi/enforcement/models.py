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


class InvestigationOutcome(models.TextChoices):
    PENALTY = "penalty", "拟给予行政处罚"
    NO_PENALTY_MINOR = "no_penalty_minor", "违法行为轻微，依法不予行政处罚"
    NOT_ESTABLISHED = "not_established", "违法事实不能成立，不予行政处罚"
    TRANSFER = "transfer", "涉嫌犯罪，移送司法机关"


class InvestigationReport(models.Model):
    """调查终结报告 (art. 57), with the flags that decide which later steps the law requires."""

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="investigation_report")
    outcome = models.CharField("调查结论", max_length=20, choices=InvestigationOutcome.choices)
    findings = models.TextField("事实、证据和处理建议")
    review_public_interest = models.BooleanField("涉及重大公共利益", default=False)
    review_major_rights_after_hearing = models.BooleanField(
        "直接关系当事人或第三人重大权益，经过听证程序", default=False
    )
    review_complex = models.BooleanField("案件情况疑难复杂、涉及多个法律关系", default=False)
    review_other_law = models.BooleanField("法律、法规规定应当进行法制审核的其他情形", default=False)
    major_or_complex = models.BooleanField("情节复杂或重大违法行为（须集体讨论）", default=False)
    hearing_right = models.BooleanField("属于当事人有权要求听证的情形", default=False)
    closed_by = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+")
    closed_on = models.DateField()

    def __str__(self) -> str:
        return f"{self.case}: {self.get_outcome_display()}"


class Notice(models.Model):
    """行政处罚事先告知 (art. 44). A new notice supersedes the earlier one."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="notices")
    proposed_penalties = models.CharField("拟作出的处罚", max_length=200)
    proposed_fine_fen = models.PositiveBigIntegerField("拟罚款（分）", default=0)
    facts = models.TextField("事实、理由及依据")
    served_on = models.DateField("送达日期")
    statement_period_ends = models.DateField("陈述申辩期限届满", null=True, blank=True)
    defence_waived = models.BooleanField("当事人明确放弃陈述申辩", default=False)
    statement = models.TextField("陈述申辩意见", blank=True)
    hearing_requested_on = models.DateField("要求听证日期", null=True, blank=True)
    superseded = models.BooleanField(default=False)
    issued_by = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-id"]

    def __str__(self) -> str:
        return f"{self.case} 告知 {self.served_on}"


class Hearing(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="hearings")
    chair = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+")
    notice_sent_on = models.DateField("听证通知日期")
    held_on = models.DateField("举行日期")
    record_signed = models.BooleanField("听证笔录已签字（或拒签已注明）", default=False)

    def __str__(self) -> str:
        return f"{self.case} 听证 {self.held_on}"


class ReviewOpinionChoice(models.TextChoices):
    AGREED = "agreed", "同意"
    PROBLEMS = "problems", "存在问题"


class LegalReview(models.Model):
    """法制审核 (art. 58): one row per submission; the latest decides."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="legal_reviews")
    reviewer = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+")
    reviewer_qualification_no = models.CharField("法律职业资格证书编号", max_length=30, blank=True)
    opinion = models.CharField("审核意见", max_length=10, choices=ReviewOpinionChoice.choices)
    reasons = models.TextField("审核理由")
    reviewed_on = models.DateField()

    class Meta:
        ordering = ["-id"]

    def __str__(self) -> str:
        return f"{self.case} 法制审核 {self.get_opinion_display()}"


class CollectiveDiscussion(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="discussions")
    held_on = models.DateField("讨论日期")
    attendees = models.TextField("参加人员")
    minutes = models.TextField("讨论记录")
    dissent = models.TextField("不同意见", blank=True)
    conclusion = models.TextField("讨论结论")

    def __str__(self) -> str:
        return f"{self.case} 集体讨论 {self.held_on}"


class PenaltyDecision(models.Model):
    """行政处罚决定 (art. 59), with its 文号."""

    case = models.OneToOneField(Case, on_delete=models.PROTECT, related_name="decision")
    number = models.OneToOneField(IssuedNumber, on_delete=models.PROTECT, related_name="+")
    decided_on = models.DateField("决定日期")
    penalties = models.CharField("处罚种类和内容", max_length=200)
    fine_fen = models.PositiveBigIntegerField("罚款（分）", default=0)
    basis = models.TextField("处罚依据")
    overdue_reason = models.TextField("超过九十日作出决定的理由", blank=True)
    decided_by = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+")

    def __str__(self) -> str:
        return self.number.text
