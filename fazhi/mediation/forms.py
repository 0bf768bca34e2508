"""Mediation centre forms: they parse input; the services apply the rules."""

from __future__ import annotations

from typing import Any

from django import forms

from fazhi.core.forms import CHOOSE, DATE, PartyRowsField, ServiceErrorsMixin
from fazhi.mediation.models import (
    Channel,
    DisputeCategory,
    FollowUpMethod,
    HandlingUnit,
    Outcome,
    Performance,
    Satisfaction,
    UnitKind,
    VisitorRelation,
)
from fazhi.mediation.rules import OUTCOME_REQUIRED


class DisputeForm(ServiceErrorsMixin):
    received_on = forms.DateField(label="接待日期", widget=DATE)
    channel = forms.ChoiceField(label="来源渠道", choices=Channel.choices)
    category = forms.ModelChoiceField(
        label="纠纷类别", queryset=DisputeCategory.objects.none(), required=False, empty_label=CHOOSE
    )
    visitor_count = forms.IntegerField(
        label="人次",
        min_value=1,
        error_messages={"min_value": "人次至少为 1。"},
        help_text="本批来访的人数；群体来访登记代表，人次填实际人数",
    )
    visitors = PartyRowsField(
        name="visitors",
        relations=VisitorRelation.choices,
        label="来访人（代表）",
        help_text="每行一人：输入姓名查找本镇（街道）的当事人并选择，尚未登记的选择“新当事人”在此登记；"
        "多人来访的，点“添加一行”",
    )
    summary = forms.CharField(label="事由", widget=forms.Textarea(attrs={"rows": 3}))
    claims = forms.CharField(label="诉求", widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        leaves = DisputeCategory.objects.filter(active=True, children__isnull=True).select_related("parent")
        self.fields["category"].queryset = leaves  # type: ignore[attr-defined]


class DispatchForm(ServiceErrorsMixin):
    unit = forms.ModelChoiceField(label="承办单位", queryset=HandlingUnit.objects.none(), empty_label=CHOOSE)
    due_on = forms.DateField(label="办理期限", widget=DATE)

    def __init__(self, *args: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]


class UnitForm(ServiceErrorsMixin):
    name = forms.CharField(label="承办单位", max_length=100)
    kind = forms.ChoiceField(label="类别", choices=UnitKind.choices)


class HandOnForm(ServiceErrorsMixin):
    unit = forms.ModelChoiceField(label="转交给", queryset=HandlingUnit.objects.none(), empty_label=CHOOSE)
    due_on = forms.DateField(label="办理期限", widget=DATE)
    reason = forms.CharField(label="转交理由", widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]


class HandBackForm(ServiceErrorsMixin):
    reason = forms.CharField(label="退回理由", widget=forms.Textarea(attrs={"rows": 2}))


class SessionForm(ServiceErrorsMixin):
    held_on = forms.DateField(label="调解日期", widget=DATE)
    place = forms.CharField(label="地点", max_length=100)
    mediators = forms.CharField(label="调解员", max_length=200)
    attendees = forms.CharField(label="参加人", max_length=300, help_text="当事人及其他参加人")
    record = forms.CharField(
        label="调解记录",
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="告知当事人权利义务情况、各方陈述、调解经过和结果",
    )


CHECK_CHOICES = [("done", "到位"), ("not_applicable", "不适用")]


class ClosureForm(ServiceErrorsMixin):
    outcome = forms.ChoiceField(
        label="办理结果",
        choices=[("", CHOOSE), *Outcome.choices],
        error_messages={"required": OUTCOME_REQUIRED},
    )
    closed_on = forms.DateField(label="办结日期", widget=DATE)
    note = forms.CharField(
        label="结果说明",
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text="终止调解的写明已告知的救济途径；移交的写明部门；引导诉讼或仲裁的写明途径",
    )
    parties = forms.CharField(
        label="协议：当事人基本情况",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text="调解成功时填写以下各项（人民调解法第二十九条）。每行一方：姓名、性别、年龄、民族、职业、住址，或名称、法定代表人",
    )
    facts = forms.CharField(
        label="协议：纠纷的主要事实", widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    disputed_matters = forms.CharField(
        label="协议：争议事项", widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    responsibilities = forms.CharField(
        label="协议：各方当事人的责任", widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    terms = forms.CharField(label="协议：协议内容", widget=forms.Textarea(attrs={"rows": 3}), required=False)
    performance = forms.CharField(
        label="协议：履行方式和期限", widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    signed_on = forms.DateField(label="协议：签订日期", widget=DATE, required=False)
    mediator = forms.CharField(label="协议：调解员", max_length=50, required=False)
    committee = forms.CharField(label="协议：人民调解委员会", max_length=100, required=False)

    def __init__(self, *args: Any, checklist: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The 三到位一处理 items come from settings, one radio group each, before the agreement.
        fields = list(self.fields.items())
        self.fields.clear()
        for name, field in fields[:3]:
            self.fields[name] = field
        for key, label in checklist:
            self.fields[f"check_{key}"] = forms.ChoiceField(
                label=f"三到位一处理：{label}",
                choices=CHECK_CHOICES,
                widget=forms.RadioSelect,
                required=False,
            )
        for name, field in fields[3:]:
            self.fields[name] = field


class FollowUpForm(ServiceErrorsMixin):
    visited_on = forms.DateField(label="回访日期", widget=DATE)
    method = forms.ChoiceField(label="回访方式", choices=FollowUpMethod.choices)
    performance = forms.ChoiceField(label="协议履行情况", choices=Performance.choices)
    satisfaction = forms.ChoiceField(label="满意度", choices=Satisfaction.choices, widget=forms.RadioSelect)
    note = forms.CharField(label="回访情况", widget=forms.Textarea(attrs={"rows": 2}), required=False)


class CentreForm(ServiceErrorsMixin):
    name = forms.CharField(label="矛调中心名称", max_length=100)
    opened_on = forms.DateField(label="挂牌成立日期", widget=DATE)
