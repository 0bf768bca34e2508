"""Enforcement tables. No workflow here: every write goes through enforcement.services, which applies
the gates of enforcement.rules."""

from __future__ import annotations

import datetime

from django.db import models

from fazhi.core.models import IssuedNumber, Organisation, Party, Staff
from fazhi.core.money import yuan
from fazhi.enforcement.rules import (
    CLOCK_LABELS,
    PROCEDURE_LABELS,
    STAGE_LABELS,
    InvestigationOutcome,
    Mitigation,
    PaymentPlanKind,
    Procedure,
    RemedyResult,
    Stage,
)


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
    # Values of rules.PenaltyKind; empty for a 不予行政处罚决定 (art. 57(1)(2)–(3)).
    penalty_kinds = models.JSONField("处罚种类", default=list, blank=True)
    fine_fen = models.PositiveBigIntegerField("罚款（分）", default=0)
    basis = models.TextField("处罚依据")
    mitigation = models.CharField("从轻、减轻", max_length=10, choices=Mitigation.choices, blank=True)
    discretion_reasons = models.TextField("裁量理由", blank=True)
    education = models.TextField("教育情况", blank=True)
    distinct_act_reason = models.TextField("与此前罚款系不同违法行为的理由", blank=True)
    overdue_reason = models.TextField("超过九十日作出决定的理由", blank=True)
    service_due = models.DateField("送达期限", null=True, blank=True)
    decided_by = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+")

    def __str__(self) -> str:
        return self.number.text

    @property
    def fine_yuan(self) -> str:
        return yuan(self.fine_fen)


class DecisionExtension(models.Model):
    """The head's approval to decide after the 90 days of art. 60, with its reason."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="extensions")
    days = models.PositiveSmallIntegerField("延长天数")
    reason = models.TextField("延长理由")
    previous_due = models.DateField("原决定期限")
    new_due = models.DateField("延长后的决定期限")
    approved_by = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+")
    approved_on = models.DateField("批准日期")

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.case} 延长至 {self.new_due}"


class ServiceMethod(models.TextChoices):
    ON_THE_SPOT = "on_the_spot", "当场交付"
    DIRECT = "direct", "直接送达"
    LEFT_AT_ADDRESS = "left", "留置送达"
    POST = "post", "邮寄送达"
    ENTRUSTED = "entrusted", "委托送达"
    ELECTRONIC = "electronic", "电子送达（经当事人同意并签订确认书）"
    PUBLIC_NOTICE = "public_notice", "公告送达"


class DecisionService(models.Model):
    """送达 of the decision (art. 61), with the proof the 送达回证 records, and the payment clock it starts."""

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="service")
    method = models.CharField("送达方式", max_length=20, choices=ServiceMethod.choices)
    served_on = models.DateField("送达日期")
    recipient = models.CharField("受送达人（签收人）", max_length=100)
    proof = models.CharField("送达凭证", max_length=200, help_text="如：回证签收、邮件单号、公告载体")
    refused = models.BooleanField("当事人拒绝签收（已注明）", default=False)
    late_reason = models.TextField("超过七个工作日送达的理由", blank=True)
    payment_due = models.DateField("缴纳罚款期限", null=True, blank=True)
    served_by = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+")
    # The day service took effect (rules.service_takes_effect): the day of service, or for 公告送达
    # thirty days after publication; the payment and remedy periods run from it.
    effective_on = models.DateField("送达生效日期")
    public_notice_reason = models.TextField("公告送达理由（下落不明或其他方式无法送达）", blank=True)

    def __str__(self) -> str:
        return f"{self.case} 送达 {self.served_on}"


class RemedyKind(models.TextChoices):
    RECONSIDERATION = "reconsideration", "行政复议"
    LITIGATION = "litigation", "行政诉讼"


class RemedyProceeding(models.Model):
    """A 复议 or 诉讼 against the decision: the surcharge does not run meanwhile (art. 73)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="remedies")
    kind = models.CharField("救济途径", max_length=20, choices=RemedyKind.choices)
    started_on = models.DateField("申请（起诉）日期")
    ended_on = models.DateField("结束日期", null=True, blank=True)
    result = models.CharField("结果", max_length=20, choices=RemedyResult.choices, blank=True)
    outcome = models.CharField("结果说明", max_length=200, blank=True)

    class Meta:
        ordering = ["started_on", "id"]

    def __str__(self) -> str:
        return f"{self.case} {self.get_kind_display()} {self.started_on}"


class PaymentMethod(models.TextChoices):
    BANK = "bank", "指定银行或电子支付"
    ON_THE_SPOT = "on_the_spot", "当场收缴（专用票据）"


class Payment(models.Model):
    """The fine paid (art. 67), with the surcharge due on that day (art. 72)."""

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="payment")
    method = models.CharField("缴纳方式", max_length=20, choices=PaymentMethod.choices)
    paid_on = models.DateField("缴纳日期")
    fine_fen = models.PositiveBigIntegerField("罚款（分）")
    surcharge_fen = models.PositiveBigIntegerField("加处罚款（分）", default=0)
    receipt_number = models.CharField("票据或缴款凭证号", max_length=60)
    cash_hand_in_due = models.DateField("执法人员交回罚款期限", null=True, blank=True)
    recorded_by = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+")

    def __str__(self) -> str:
        return f"{self.case} 缴纳 {self.paid_on}"


class Demand(models.Model):
    """催告 before the court is asked to enforce (行政强制法 art. 54)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="demands")
    served_on = models.DateField("催告书送达日期")
    wait_until = models.DateField("履行期限届满")
    issued_by = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-id"]

    def __str__(self) -> str:
        return f"{self.case} 催告 {self.served_on}"


class CourtApplication(models.Model):
    """申请人民法院强制执行 (行政强制法 art. 53)."""

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="court_application")
    court = models.CharField("受理法院", max_length=100)
    applied_on = models.DateField("申请日期")
    ruling = models.CharField("法院裁定", max_length=200, blank=True)
    applied_by = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+")

    def __str__(self) -> str:
        return f"{self.case} 申请强制执行 {self.applied_on}"


class ClosureReason(models.TextChoices):
    PERFORMED = "performed", "执行完毕"
    ENFORCEMENT_ENDED = "enforcement_ended", "终结执行"
    NO_PENALTY = "no_penalty", "不予行政处罚"
    TRANSFERRED = "transferred", "移送司法机关"
    WARNING_ONLY = "warning_only", "警告已送达"


class Closure(models.Model):
    """结案 with the head's approval (结案审批表), then 归档 with an archive number (art. 47)."""

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="closure")
    reason = models.CharField("结案理由", max_length=20, choices=ClosureReason.choices)
    summary = models.TextField("处理结果")
    approved_by = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+")
    closed_on = models.DateField("结案日期")
    archive_number = models.CharField("档案号", max_length=60, blank=True)
    archived_on = models.DateField("归档日期", null=True, blank=True)
    archive_sha256 = models.CharField("案卷压缩包 SHA-256", max_length=64, blank=True)

    def __str__(self) -> str:
        return f"{self.case} 结案"


class SummaryDetails(models.Model):
    """What a 简易程序 case records beyond the decision (arts. 51–52, 68–71)."""

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="summary_details")
    warning_only = models.BooleanField("仅警告", default=False)
    party_signed = models.BooleanField("当事人已签收", default=True)
    refusal_noted = models.BooleanField("当事人拒绝签收，已在决定书上注明", default=False)
    statement = models.TextField("当事人陈述申辩", blank=True)
    defence_waived = models.BooleanField("当事人放弃陈述申辩", default=False)
    collected_on_spot = models.BooleanField("当场收缴罚款", default=False)
    recorded_with_agency_on = models.DateField("备案日期", null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.case} 简易程序"


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


class ConsentChannel(models.TextChoices):
    FAX = "fax", "传真"
    EMAIL = "email", "电子邮件"
    OTHER = "other", "其他电子方式"


class ServiceConsent(models.Model):
    """The party's signed consent to electronic service (art. 61(2): 当事人同意并签订确认书)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="service_consents")
    channel = models.CharField("电子送达方式", max_length=10, choices=ConsentChannel.choices)
    address = models.CharField("传真号码、电子邮件地址等", max_length=200)
    signed_on = models.DateField("确认书签订日期")
    recorded_by = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["signed_on", "id"]

    def __str__(self) -> str:
        return f"{self.case} 电子送达确认书 {self.signed_on}"


class PaymentPlan(models.Model):
    """暂缓或者分期缴纳罚款 (art. 66(2)), on the party's application, with the head's approval. While it
    runs the surcharge does not accrue and no 催告 is made; the court window runs from its end."""

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="payment_plan")
    kind = models.CharField("方式", max_length=20, choices=PaymentPlanKind.choices)
    applied_on = models.DateField("当事人申请日期")
    reason = models.TextField("申请理由（经济困难情况）")
    approved_by = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+")
    approved_on = models.DateField("批准日期")
    ends_on = models.DateField("暂缓至（最后一期缴纳日期）")
    # [{"due_on": "YYYY-MM-DD", "amount_fen": n}, …] for instalments; empty for a deferral.
    instalments = models.JSONField("分期", default=list, blank=True)

    def __str__(self) -> str:
        return f"{self.case} {self.get_kind_display()}至 {self.ends_on}"
