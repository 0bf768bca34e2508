"""Publication forms: they parse input; the services apply the rules."""

from __future__ import annotations

from django import forms

from fazhi.core.forms import ServiceErrorsMixin
from fazhi.disclosure.models import Severity


class PrepareForm(ServiceErrorsMixin):
    severity = forms.ChoiceField(
        label="失信程度", choices=Severity.choices, initial=Severity.ORDINARY, help_text="决定公示截止期"
    )


class DraftForm(ServiceErrorsMixin):
    facts = forms.CharField(label="违法事实", widget=forms.Textarea(attrs={"rows": 5}))
    penalty_content = forms.CharField(label="处罚内容", widget=forms.Textarea(attrs={"rows": 2}))


class WithdrawForm(ServiceErrorsMixin):
    reason = forms.CharField(label="撤回理由（向社会公开）", max_length=200)


class PublicSearchForm(forms.Form):
    q = forms.CharField(label="当事人、文号或违法行为", max_length=50, required=False)


class PublishForm(ServiceErrorsMixin):
    confirm = forms.BooleanField(label="已核对公示内容", required=True)
