"""Publication forms: they parse input; the services apply the rules."""

from __future__ import annotations

from django import forms

from fazhi.core.forms import DATE, ServiceErrorsMixin, confirm_field
from fazhi.disclosure.models import ExportScope, ReviewAction, Severity
from fazhi.disclosure.rules import FREE_TEXT_LABELS


class PrepareForm(ServiceErrorsMixin):
    severity = forms.ChoiceField(
        label="失信程度", choices=Severity.choices, initial=Severity.ORDINARY, help_text="决定公示截止期"
    )


class DraftForm(ServiceErrorsMixin):
    facts = forms.CharField(label="违法事实", widget=forms.Textarea(attrs={"rows": 5}))
    penalty_content = forms.CharField(label="处罚内容", widget=forms.Textarea(attrs={"rows": 2}))


class ReviewForm(ServiceErrorsMixin):
    field = forms.ChoiceField(label="字段", choices=list(FREE_TEXT_LABELS.items()))
    text = forms.CharField(label="内容（按原文）", max_length=200)
    action = forms.ChoiceField(label="处理", choices=ReviewAction.choices)
    reason = forms.CharField(label="保留公开的理由", max_length=200, required=False)


class WithdrawForm(ServiceErrorsMixin):
    reason = forms.CharField(label="撤回理由（向社会公开）", max_length=200)
    confirm = confirm_field("撤回后本公示即从公示网站撤下，不能恢复。")


class PublicSearchForm(forms.Form):
    q = forms.CharField(label="当事人、文号或违法行为", max_length=50, required=False)
    org = forms.IntegerField(label="处罚机关", required=False, min_value=1)


class PublishForm(ServiceErrorsMixin):
    confirm = confirm_field("发布后公示内容即向社会公开，不能再修改，只能撤回。")


class CreditExportForm(ServiceErrorsMixin):
    scope = forms.ChoiceField(label="导出范围", choices=ExportScope.choices, initial=ExportScope.SINCE_LAST)
    since = forms.DateField(label="起始日期", required=False, widget=DATE, help_text="仅“自指定日期起”时填写")
    file_format = forms.ChoiceField(
        label="文件格式", choices=[("xlsx", "Excel（.xlsx，含校验报告）"), ("csv", "CSV（UTF-8）")]
    )


class InspectionItemForm(ServiceErrorsMixin):
    name = forms.CharField(label="抽查事项", max_length=200)
    subjects = forms.CharField(label="抽查对象", max_length=200)
    basis = forms.CharField(label="抽查依据", widget=forms.Textarea(attrs={"rows": 2}))
    department = forms.CharField(label="检查实施主体", max_length=100)
    method = forms.CharField(label="抽查方式", max_length=100, help_text="如：现场检查、书面检查")
    frequency = forms.CharField(
        label="抽查比例和频次", max_length=100, help_text="如：每年不低于3%，一年一次"
    )
