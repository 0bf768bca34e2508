"""The decision and what follows: service, remedies, payment and its plan, 催告, the court, closure, the summary procedure's details (arts. 59–73; 行政强制法 arts. 53, 54)."""

from __future__ import annotations

import datetime

from django.db import models

from fazhi.core.models import IssuedNumber, Staff
from fazhi.core.money import yuan
from fazhi.enforcement import rules
from fazhi.enforcement.models.case import Case
from fazhi.enforcement.rules import (
    Mitigation,
    PaymentPlanKind,
    RemedyResult,
)


class PenaltyDecision(models.Model):
    """行政处罚决定 (art. 59), with its 文号."""

    case = models.OneToOneField(Case, on_delete=models.PROTECT, related_name="decision")
    number = models.OneToOneField(IssuedNumber, on_delete=models.PROTECT, related_name="+")
    decided_on = models.DateField("决定日期")
    penalties = models.CharField("处罚种类和内容", max_length=200)
    # Values of rules.PenaltyKind; empty for a 不予行政处罚决定 (art. 57(1)(2)–(3)).
    penalty_kinds = models.JSONField("处罚种类", default=list, blank=True)
    fine_fen = models.PositiveBigIntegerField("罚款（分）", default=0)
    confiscation_fen = models.PositiveBigIntegerField("没收数额（分）", default=0)
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
    public_notice_reason = models.TextField("公告送达理由（下落不明或其他方式无法送达）", blank=True)

    def __str__(self) -> str:
        return f"{self.case} 送达 {self.served_on}"

    @property
    def effective_on(self) -> datetime.date:
        """The day service took effect, from which the payment and remedy periods run: read from the
        method and the day, never stored beside them."""
        return rules.service_takes_effect(
            public_notice=self.method == ServiceMethod.PUBLIC_NOTICE, served_on=self.served_on
        )


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
