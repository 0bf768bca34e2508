"""Mediation centre forms: they parse input; the services apply the rules."""

from __future__ import annotations

from typing import Any

from django import forms

from fazhi.core.forms import DATE, ServiceErrorsMixin
from fazhi.mediation.models import Channel, DisputeCategory, HandlingUnit, UnitKind


class DisputeForm(ServiceErrorsMixin):
    received_on = forms.DateField(label="接待日期", widget=DATE)
    channel = forms.ChoiceField(label="来源渠道", choices=Channel.choices)
    category = forms.ModelChoiceField(
        label="纠纷类别", queryset=DisputeCategory.objects.none(), required=False
    )
    visitor_count = forms.IntegerField(
        label="人次", help_text="本批来访的人数；群体来访登记代表，人次填实际人数"
    )
    visitors = forms.CharField(
        label="来访人（代表）",
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="每行一个：当事人编号、证件号码或统一社会信用代码；尚未登记的，请先登记当事人",
    )
    summary = forms.CharField(label="事由", widget=forms.Textarea(attrs={"rows": 3}))
    claims = forms.CharField(label="诉求", widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        leaves = DisputeCategory.objects.filter(active=True, children__isnull=True).select_related("parent")
        self.fields["category"].queryset = leaves  # type: ignore[attr-defined]


class DispatchForm(ServiceErrorsMixin):
    unit = forms.ModelChoiceField(label="承办单位", queryset=HandlingUnit.objects.none())
    due_on = forms.DateField(label="办理期限", widget=DATE)

    def __init__(self, *args: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]


class UnitForm(ServiceErrorsMixin):
    name = forms.CharField(label="承办单位", max_length=100)
    kind = forms.ChoiceField(label="类别", choices=UnitKind.choices)
