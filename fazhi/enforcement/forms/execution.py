"""Forms after the decision, and of the on-the-spot decision: service, plans, remedies, payment, 催告, court, closure."""

from __future__ import annotations

import datetime
from decimal import Decimal, InvalidOperation

from django import forms

from fazhi.core.forms import CHOOSE, DATE, PartyPickerField, ServiceErrorsMixin, confirm_field
from fazhi.enforcement.forms.fields import yuan_field
from fazhi.enforcement.models import (
    ClosureReason,
    ConsentChannel,
    RemedyKind,
    ServiceMethod,
)
from fazhi.enforcement.rules import (
    MAX_INSTALMENTS,
    Instalment,
    PaymentPlanKind,
    RemedyResult,
)


class ExtendForm(ServiceErrorsMixin):
    days = forms.IntegerField(label="延长天数", min_value=1, help_text="每次不超过三十日")
    reason = forms.CharField(label="延长理由", widget=forms.Textarea(attrs={"rows": 3}))


class ServeForm(ServiceErrorsMixin):
    method = forms.ChoiceField(label="送达方式", choices=ServiceMethod.choices)
    served_on = forms.DateField(label="送达日期", widget=DATE)
    recipient = forms.CharField(label="受送达人（签收人）", max_length=100)
    proof = forms.CharField(
        label="送达凭证", max_length=200, help_text="如：送达回证签收、邮件单号、公告载体"
    )
    refused = forms.BooleanField(label="当事人拒绝签收（已注明）", required=False)
    late_reason = forms.CharField(
        label="逾期送达理由",
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text="决定后七个工作日内未送达的，须写明理由",
    )
    public_notice_reason = forms.CharField(
        label="公告送达理由",
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text="公告送达的，写明受送达人下落不明或者用其他方式无法送达的情况；公告经过三十日视为送达",
    )


class ServiceConsentForm(ServiceErrorsMixin):
    channel = forms.ChoiceField(label="电子送达方式", choices=ConsentChannel.choices)
    address = forms.CharField(label="传真号码、电子邮件地址等", max_length=200)
    signed_on = forms.DateField(label="确认书签订日期", widget=DATE)


class PaymentPlanForm(ServiceErrorsMixin):
    kind = forms.ChoiceField(label="方式", choices=PaymentPlanKind.choices)
    applied_on = forms.DateField(label="当事人申请日期", widget=DATE)
    reason = forms.CharField(label="申请理由（经济困难情况）", widget=forms.Textarea(attrs={"rows": 3}))
    approved_on = forms.DateField(label="批准日期", widget=DATE)
    ends_on = forms.DateField(label="暂缓至（最后一期缴纳日期）", widget=DATE)
    instalments = forms.CharField(
        label="分期",
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text="分期缴纳的，每行一期：缴纳日期 金额（元），如 2026-03-01 500；暂缓缴纳的留空",
    )

    def clean_instalments(self) -> list[Instalment]:
        parts = []
        for number, line in enumerate(self.cleaned_data["instalments"].splitlines(), start=1):
            if not line.strip():
                continue
            words = line.split()
            try:
                due_on = datetime.date.fromisoformat(words[0])
                amount = Decimal(words[1])
            except (IndexError, ValueError, InvalidOperation):
                raise forms.ValidationError(
                    "第 %(n)d 行应为“缴纳日期 金额”，如 2026-03-01 500。" % {"n": number}
                ) from None
            if len(words) != 2 or not amount.is_finite() or not 0 < amount < 10**12:
                raise forms.ValidationError("第 %(n)d 行的金额应为大于零的元数。" % {"n": number})
            parts.append(Instalment(due_on=due_on, amount_fen=int(amount * 100)))
        if len(parts) > MAX_INSTALMENTS:
            raise forms.ValidationError("至多 %(n)d 期。" % {"n": MAX_INSTALMENTS})
        return parts


class RemedyForm(ServiceErrorsMixin):
    kind = forms.ChoiceField(label="救济途径", choices=RemedyKind.choices)
    started_on = forms.DateField(label="申请（起诉）日期", widget=DATE)


class RemedyEndForm(ServiceErrorsMixin):
    ended_on = forms.DateField(label="结束日期", widget=DATE)
    result = forms.ChoiceField(label="结果", choices=[("", CHOOSE), *RemedyResult.choices])
    outcome = forms.CharField(
        label="结果说明", max_length=200, required=False, help_text="如：复议决定书或判决书文号、变更的内容"
    )


class PaymentForm(ServiceErrorsMixin):
    paid_on = forms.DateField(label="缴纳日期", widget=DATE)
    paid = yuan_field("缴纳金额（含加处罚款）")
    receipt_number = forms.CharField(label="缴款凭证号", max_length=60)


class DemandForm(ServiceErrorsMixin):
    served_on = forms.DateField(label="催告书送达日期", widget=DATE)


class CourtForm(ServiceErrorsMixin):
    court = forms.CharField(label="受理法院", max_length=100)
    applied_on = forms.DateField(label="申请日期", widget=DATE)


class CloseForm(ServiceErrorsMixin):
    reason = forms.ChoiceField(label="结案理由", choices=ClosureReason.choices)
    summary = forms.CharField(label="处理结果", widget=forms.Textarea(attrs={"rows": 3}))


class ConfirmForm(ServiceErrorsMixin):
    confirm = forms.BooleanField(label="确认", required=True)


class ArchiveForm(ServiceErrorsMixin):
    archive_number = forms.CharField(label="档案号", max_length=60)
    confirm = confirm_field("归档后电子案卷即封存存证，不能再添加或修改本案材料。")


class OnSpotForm(ServiceErrorsMixin):
    """简易程序 on a phone: one screen, the fields the decision must carry (art. 52)."""

    party = PartyPickerField(
        label="当事人", help_text="输入姓名、名称或证件号码选择；尚未登记的，选择“新当事人”当场登记"
    )
    power = forms.TypedChoiceField(label="赋权事项", coerce=int, choices=[])
    co_officer = forms.TypedChoiceField(label="共同执法人员", coerce=int, choices=[])
    title = forms.CharField(label="违法行为", max_length=200)
    place = forms.CharField(label="违法地点", max_length=200)
    act_on = forms.DateField(label="违法行为日期", widget=DATE)
    facts = forms.CharField(label="违法事实", widget=forms.Textarea(attrs={"rows": 3}))
    basis = forms.CharField(label="处罚依据", widget=forms.Textarea(attrs={"rows": 2}))
    warning_only = forms.BooleanField(label="仅警告", required=False)
    fine = yuan_field("罚款金额", required=False)
    statement = forms.CharField(
        label="当事人陈述申辩", widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    defence_waived = forms.BooleanField(label="当事人放弃陈述申辩", required=False)
    party_signed = forms.BooleanField(label="当事人已签收决定书", required=False, initial=True)
    refusal_noted = forms.BooleanField(label="当事人拒绝签收，已在决定书上注明", required=False)
    collected_on_spot = forms.BooleanField(label="当场收缴罚款", required=False)
    receipt_number = forms.CharField(label="罚款专用票据号", max_length=60, required=False)
    hard_to_enforce_later = forms.BooleanField(label="不当场收缴事后难以执行", required=False)
    remote_area_on_request = forms.BooleanField(label="边远地区，当事人提出当场缴纳", required=False)

    def __init__(
        self, *args: object, powers: list[tuple[int, str]], people: list[tuple[int, str]], **kwargs: object
    ) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        for name, choices in (("power", powers), ("co_officer", people)):
            field = self.fields[name]
            assert isinstance(field, forms.TypedChoiceField)
            field.choices = choices
