"""Government contracts (合同合法性审查): each reviewed by the legal counsel before signing, numbered,
registered and archived. The workflow is in services.py and its rules in rules.py."""

from __future__ import annotations

from django.db import models

from fazhi.core.models import IssuedNumber, Organisation, Party, Staff


class ContractKind(models.TextChoices):
    PROCUREMENT = "procurement", "采购合同"
    CONSTRUCTION = "construction", "建设工程合同"
    SERVICE = "service", "服务合同"
    LEASE = "lease", "租赁合同"
    COOPERATION = "cooperation", "合作协议"
    TRANSFER = "transfer", "转让合同"
    OTHER = "other", "其他"


class ContractStatus(models.TextChoices):
    SUBMITTED = "submitted", "待审查"
    REVIEWED = "reviewed", "已出具审查意见"
    SIGNED = "signed", "已签订，待归档"
    FILED = "filed", "已归档"


class ReviewOpinion(models.TextChoices):
    APPROVE = "approve", "同意"
    APPROVE_WITH_CHANGES = "approve_with_changes", "修改后同意"
    REJECT = "reject", "不同意"


class Contract(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="contracts")
    title = models.CharField("合同名称", max_length=200)
    kind = models.CharField("合同类型", max_length=20, choices=ContractKind.choices)
    amount_fen = models.PositiveBigIntegerField("合同金额（分）")
    counterparty = models.ForeignKey(
        Party, on_delete=models.PROTECT, related_name="contracts", verbose_name="合同相对方"
    )
    department = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name="承办部门"
    )
    status = models.CharField("状态", max_length=20, choices=ContractStatus.choices)
    received_on = models.DateField("送审材料齐全日期")
    review_due = models.DateField("审查期限")
    # Above settings.CONTRACT_MAJOR_AMOUNT_YUAN the matter may need the major-decision procedure.
    possibly_major = models.BooleanField("可能属于重大行政决策事项", default=False)
    registered_by = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+")
    registered_at = models.DateTimeField(auto_now_add=True)
    signed_on = models.DateField("签订日期", null=True, blank=True)
    changes_confirmed = models.BooleanField("已按审查意见修改", default=False)
    filing_due = models.DateField("归档期限", null=True, blank=True)
    filed_on = models.DateField("归档日期", null=True, blank=True)
    archive_number = models.CharField("档案号", max_length=60, blank=True)

    class Meta:
        verbose_name = "政府合同"
        verbose_name_plural = "政府合同"
        ordering = ["-id"]
        indexes = [models.Index(fields=["organisation", "status", "-id"], name="contract_org_status_recent")]

    def __str__(self) -> str:
        return self.title


class ContractReview(models.Model):
    """A legality review opinion, numbered from the town's review series (e.g. 辛口合审〔2026〕1号)."""

    contract = models.ForeignKey(Contract, on_delete=models.PROTECT, related_name="reviews")
    number = models.OneToOneField(IssuedNumber, on_delete=models.PROTECT, related_name="+")
    opinion = models.CharField("审查意见", max_length=30, choices=ReviewOpinion.choices)
    reasons = models.TextField("理由及修改意见")
    reviewer = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+")
    reviewed_on = models.DateField("审查日期")
    late = models.BooleanField("超过审查期限", default=False)

    class Meta:
        ordering = ["reviewed_on", "id"]

    def __str__(self) -> str:
        return self.number.text


class ContractMilestone(models.Model):
    """A performance milestone (履约节点) with a reminder before it falls due."""

    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField("履约事项", max_length=200)
    due_on = models.DateField("应完成日期")
    done_on = models.DateField("完成日期", null=True, blank=True)

    class Meta:
        ordering = ["due_on", "id"]

    def __str__(self) -> str:
        return self.title
