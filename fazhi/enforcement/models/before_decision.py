"""From 调查终结 to the decision: the report, notice, hearing, legal review and collective discussion (arts. 44, 45, 57, 58, 63–65)."""

from __future__ import annotations

from django.db import models

from fazhi.core.models import Staff
from fazhi.enforcement.models.case import Case
from fazhi.enforcement.rules import (
    InvestigationOutcome,
)


class InvestigationReport(models.Model):
    """调查终结报告 (art. 57), with the flags that decide which later steps the law requires."""

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="investigation_report")
    outcome = models.CharField("调查结论", max_length=20, choices=InvestigationOutcome.choices)
    findings = models.TextField("事实、证据和处理建议")
    # Circumstance values of rules.Circumstance the investigation found (arts. 31–33); the party's age
    # (art. 30) is read from the party's birth date when needed, never stored here.
    circumstances = models.JSONField("法定裁量情节", default=list, blank=True)
    review_public_interest = models.BooleanField("涉及重大公共利益", default=False)
    review_complex = models.BooleanField("案件情况疑难复杂、涉及多个法律关系", default=False)
    review_other_law = models.BooleanField("法律、法规规定应当进行法制审核的其他情形", default=False)
    major_or_complex = models.BooleanField("情节复杂或重大违法行为（须集体讨论）", default=False)
    closed_by = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+")
    closed_on = models.DateField()

    def __str__(self) -> str:
        return f"{self.case}: {self.get_outcome_display()}"


class HearingWaiver(models.TextChoices):
    WITHDRAWN = "withdrawn", "当事人撤回听证申请"
    ABSENT = "absent", "当事人无正当理由拒不出席听证"
    LEFT = "left", "当事人未经许可中途退出听证"


class Notice(models.Model):
    """行政处罚事先告知 (art. 44). A new notice supersedes the earlier one."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="notices")
    proposed_penalties = models.CharField("拟作出的处罚", max_length=200)
    penalty_kinds = models.JSONField("拟处罚种类", default=list)  # values of rules.PenaltyKind
    proposed_fine_fen = models.PositiveBigIntegerField("拟罚款（分）", default=0)
    proposed_confiscation_fen = models.PositiveBigIntegerField("拟没收数额（分）", default=0)
    # Derived from the kinds and amounts when the notice is issued (art. 63), never entered.
    hearing_right = models.BooleanField("当事人有权要求听证", default=False)
    hearing_right_grounds = models.TextField("听证权利的依据", blank=True)
    facts = models.TextField("事实、理由及依据")
    served_on = models.DateField("送达日期")
    statement_period_ends = models.DateField("陈述申辩期限届满", null=True, blank=True)
    defence_waived = models.BooleanField("当事人明确放弃陈述申辩", default=False)
    statement = models.TextField("陈述申辩意见", blank=True)
    hearing_requested_on = models.DateField("要求听证日期", null=True, blank=True)
    # Art. 64(6): the party withdrew the request, stayed away without good reason or left without leave;
    # the hearing ends without being held and the decision need not wait for it.
    hearing_waived_on = models.DateField("听证终止日期", null=True, blank=True)
    hearing_waiver = models.CharField(
        "听证终止原因", max_length=10, choices=HearingWaiver.choices, blank=True
    )
    superseded = models.BooleanField(default=False)
    issued_by = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-id"]

    def __str__(self) -> str:
        return f"{self.case} 告知 {self.served_on}"


class HearingClosedReason(models.TextChoices):
    """Art. 64(3): a hearing is public unless it concerns these, kept confidential by law."""

    STATE_SECRET = "state_secret", "涉及国家秘密"
    TRADE_SECRET = "trade_secret", "涉及商业秘密"
    PRIVACY = "privacy", "涉及个人隐私"


class Hearing(models.Model):
    """听证 (art. 64): scheduled (the notice can be printed), then held with its signed record."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="hearings")
    # The notice whose proposed penalty the hearing heard: a later notice reopens the right (arts. 64, 65).
    notice = models.ForeignKey(
        Notice, on_delete=models.PROTECT, null=True, blank=True, related_name="hearings"
    )
    chair = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+")
    notice_sent_on = models.DateField("听证通知日期")
    held_on = models.DateField("举行日期")
    place = models.CharField("听证地点", max_length=200, blank=True)
    record_signed = models.BooleanField("听证笔录已签字（或拒签已注明）", default=False)
    public = models.BooleanField("公开举行", default=True)
    closed_reason = models.CharField(
        "不公开举行的理由", max_length=20, choices=HearingClosedReason.choices, blank=True
    )

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
    # The notice whose proposed penalty was reviewed: a later notice (a heavier penalty, new facts)
    # needs a review of its own (art. 58). Empty only for reviews recorded before this was kept.
    notice = models.ForeignKey(Notice, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    # The SHA-256 of the proposal as the reviewer saw it (selectors.fingerprint): the findings, the
    # notice, the party's statement, the evidence and the hearings. Empty for reviews before it was kept.
    proposal_sha256 = models.CharField(max_length=64, blank=True)

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
