"""Enforcement forms: they parse input; the rules are applied by the services."""

from __future__ import annotations

from django import forms

from fazhi.core.forms import ServiceErrorsMixin
from fazhi.enforcement.models import LeadSource

DATE = forms.DateInput(attrs={"type": "date"})


class LeadForm(ServiceErrorsMixin):
    title = forms.CharField(label="案由", max_length=200, help_text="如：占道经营、乱堆乱放")
    source = forms.ChoiceField(label="案件来源", choices=LeadSource.choices)
    received_on = forms.DateField(label="收到线索日期", widget=DATE)
    act_on = forms.DateField(label="违法行为发生日期", widget=DATE)
    place = forms.CharField(label="违法地点", max_length=200, required=False)
    summary = forms.CharField(label="线索内容", widget=forms.Textarea(attrs={"rows": 3}), required=False)
    reporter = forms.CharField(
        label="举报人及联系方式",
        max_length=200,
        required=False,
        help_text="依法保密：不公开，不写入操作记录原文",
    )


class FileCaseForm(ServiceErrorsMixin):
    party_id = forms.IntegerField(
        label="当事人编号", min_value=1, help_text="在“当事人”中查找或登记后，填写其编号"
    )
    power = forms.TypedChoiceField(label="赋权事项", coerce=int, choices=[])
    act_ended_on = forms.DateField(
        label="违法行为终了日期", widget=DATE, help_text="连续或继续状态的，填写行为终了之日"
    )
    endangers_life_health_or_finance = forms.BooleanField(
        label="涉及公民生命健康安全、金融安全且有危害后果（追责期限五年）", required=False
    )

    def __init__(self, *args: object, powers: list[tuple[int, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        field = self.fields["power"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = powers


class DeclineForm(ServiceErrorsMixin):
    reason = forms.CharField(label="不予立案理由", widget=forms.Textarea(attrs={"rows": 3}))


class InvestigateForm(ServiceErrorsMixin):
    investigators = forms.TypedMultipleChoiceField(
        label="调查人员",
        coerce=int,
        choices=[],
        widget=forms.CheckboxSelectMultiple,
        help_text="至少两名持有有效执法证的执法人员；辅助执法人员不计入",
    )

    def __init__(self, *args: object, people: list[tuple[int, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        field = self.fields["investigators"]
        assert isinstance(field, forms.TypedMultipleChoiceField)
        field.choices = people


class PowerForm(ServiceErrorsMixin):
    code = forms.CharField(label="事项编码", max_length=40)
    name = forms.CharField(label="事项名称", max_length=200)
    category = forms.CharField(label="执法领域", max_length=50)
    legal_basis = forms.CharField(label="设定依据", widget=forms.Textarea(attrs={"rows": 3}))
