"""Contract forms: they parse input; the services apply the rules."""

from __future__ import annotations

from typing import Any

from django import forms

from fazhi.contracts.models import ContractKind, ContractStatus, ReviewOpinion
from fazhi.core.forms import DATE, FilesField, ServiceErrorsMixin, confirm_field


def _amount_field(label: str) -> forms.DecimalField:
    return forms.DecimalField(label=label, min_value=0, max_digits=14, decimal_places=2, help_text="单位：元")


class ContractForm(ServiceErrorsMixin):
    title = forms.CharField(label="合同名称", max_length=200)
    kind = forms.ChoiceField(label="合同类型", choices=ContractKind.choices)
    amount = _amount_field("合同金额")
    counterparty = forms.CharField(
        label="合同相对方",
        max_length=30,
        help_text="当事人编号或统一社会信用代码；尚未登记的，请先登记当事人",
    )
    department = forms.TypedChoiceField(label="承办部门", coerce=int, choices=[])
    received_on = forms.DateField(label="送审材料齐全日期", widget=DATE)
    drafts = FilesField(label="合同文本（送审稿及附件）")

    def __init__(self, *args: Any, departments: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["department"].choices = departments  # type: ignore[attr-defined]


class ReviewForm(ServiceErrorsMixin):
    opinion = forms.ChoiceField(label="审查意见", choices=ReviewOpinion.choices, widget=forms.RadioSelect)
    reasons = forms.CharField(label="理由及修改意见", widget=forms.Textarea(attrs={"rows": 5}))


class ResubmitForm(ServiceErrorsMixin):
    received_on = forms.DateField(label="重新送审日期", widget=DATE)
    drafts = FilesField(label="修改后的合同文本")


class SignForm(ServiceErrorsMixin):
    signed_on = forms.DateField(label="签订日期", widget=DATE)
    changes_confirmed = forms.BooleanField(
        label="已按审查意见修改合同文本（修改后同意的须勾选）", required=False
    )


class FileForm(ServiceErrorsMixin):
    filed_on = forms.DateField(label="归档日期", widget=DATE)
    signed_copy = forms.FileField(label="签订文本（扫描件）")
    confirm = confirm_field("归档后签订文本即存证，不能更换。")


class MilestoneForm(ServiceErrorsMixin):
    title = forms.CharField(label="履约事项", max_length=200, help_text="如：支付首期款、工程竣工验收")
    due_on = forms.DateField(label="应完成日期", widget=DATE)


class MilestoneDoneForm(ServiceErrorsMixin):
    done_on = forms.DateField(label="完成日期", widget=DATE)


class RegisterFilterForm(forms.Form):
    status = forms.ChoiceField(label="状态", choices=[("", "全部"), *ContractStatus.choices], required=False)
    kind = forms.ChoiceField(label="类型", choices=[("", "全部"), *ContractKind.choices], required=False)
    department = forms.TypedChoiceField(
        label="承办部门", coerce=int, choices=[], required=False, empty_value=None
    )
    year = forms.IntegerField(label="送审年度", min_value=2000, max_value=2100, required=False)
    counterparty = forms.CharField(label="相对方", max_length=50, required=False)
    overdue = forms.BooleanField(label="仅看超期", required=False)

    def __init__(self, *args: Any, departments: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["department"].choices = [("", "全部"), *departments]  # type: ignore[attr-defined]
