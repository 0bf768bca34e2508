"""Petition forms: they parse input; the services apply the 信访工作条例."""

from __future__ import annotations

from typing import Any

from django import forms

from fazhi.core.forms import CHOOSE, DATE, PartyRowsField, ServiceErrorsMixin
from fazhi.core.models import Staff
from fazhi.petitions.models import Channel, ContactMethod, Decision, ReviewResult

TEXT = forms.Textarea(attrs={"rows": 3})


class PetitionForm(ServiceErrorsMixin):
    received_on = forms.DateField(label="收到日期", widget=DATE)
    channel = forms.ChoiceField(label="信访形式", choices=Channel.choices)
    person_count = forms.IntegerField(
        label="人数",
        min_value=1,
        error_messages={"min_value": "人数至少为 1。"},
        help_text="多人走访的，填实际来访人数；代表另行登记",
    )
    petitioners = PartyRowsField(
        name="petitioners",
        label="信访人（代表）",
        help_text="每行一人：输入姓名查找本镇（街道）的当事人并选择，尚未登记的选择“新当事人”在此登记；"
        "多人走访的登记推选的代表（不超过5人）",
    )
    address = forms.CharField(label="通信地址", max_length=200, required=False)
    request = forms.CharField(label="请求", widget=TEXT)
    facts_and_reasons = forms.CharField(label="事实和理由", widget=forms.Textarea(attrs={"rows": 4}))
    earlier = forms.CharField(
        label="同一事项前次登记的查询码",
        max_length=20,
        required=False,
        help_text="信访人就同一事项再次提出的，填写前次登记的查询码",
    )


class AcceptForm(ServiceErrorsMixin):
    decided_on = forms.DateField(label="受理决定日期", widget=DATE)
    notice_on = forms.DateField(
        label="书面告知日期",
        widget=DATE,
        help_text="应当自收到之日起15日内书面告知（信访工作条例第二十三条）",
    )
    note = forms.CharField(label="受理说明", widget=forms.Textarea(attrs={"rows": 2}), required=False)


class DeclineForm(ServiceErrorsMixin):
    decided_on = forms.DateField(label="不予受理决定日期", widget=DATE)
    notice_on = forms.DateField(
        label="书面告知日期",
        widget=DATE,
        help_text="应当自收到之日起15日内书面告知（信访工作条例第二十三条）",
    )
    reason = forms.CharField(label="不予受理的理由", widget=TEXT)
    route = forms.CharField(
        label="告知的途径",
        widget=TEXT,
        help_text="如向有权处理的机关提出，或依法申请仲裁、行政复议、提起诉讼",
    )


class ExtendForm(ServiceErrorsMixin):
    days = forms.IntegerField(
        label="延长天数",
        min_value=1,
        error_messages={"min_value": "延长天数至少为 1 日。"},
        help_text="不得超过30日，只能延长一次（信访工作条例第三十四条）",
    )
    reason = forms.CharField(label="延期理由", widget=TEXT)
    approved_on = forms.DateField(label="批准日期", widget=DATE)
    notice_on = forms.DateField(label="告知信访人延期理由的日期", widget=DATE)


class OpinionForm(ServiceErrorsMixin):
    request = forms.CharField(label="信访请求", widget=TEXT)
    facts = forms.CharField(label="事实", widget=forms.Textarea(attrs={"rows": 4}))
    reasons = forms.CharField(label="理由", widget=TEXT)
    decision = forms.ChoiceField(label="处理意见", choices=Decision.choices, widget=forms.RadioSelect)
    basis = forms.CharField(label="依据", widget=TEXT, help_text="法律、法规、规章或者其他有关规定")
    issued_on = forms.DateField(label="出具日期", widget=DATE)
    served_on = forms.DateField(label="送达日期", widget=DATE, help_text="复查请求期限自信访人收到之日起计算")


class ReviewRequestForm(ServiceErrorsMixin):
    requested_on = forms.DateField(label="请求日期", widget=DATE)
    reason = forms.CharField(label="请求理由", widget=TEXT)


class ReviewAnswerForm(ServiceErrorsMixin):
    answered_on = forms.DateField(label="答复日期", widget=DATE)
    result = forms.ChoiceField(label="结论", choices=ReviewResult.choices, widget=forms.RadioSelect)
    opinion = forms.CharField(label="意见", widget=TEXT)
    served_on = forms.DateField(label="送达日期", widget=DATE)


class ReReviewAnswerForm(ReviewAnswerForm):
    hearing_days = forms.IntegerField(
        label="听证所需天数",
        initial=0,
        min_value=0,
        error_messages={"min_value": "听证所需天数不能为负数。"},
        help_text="举行听证的，听证所需时间不计算在复核期限内（第三十六条）",
    )


class KeyMatterForm(ServiceErrorsMixin):
    leader = forms.ModelChoiceField(
        label="包案领导", queryset=Staff.objects.none(), required=False, empty_label=CHOOSE
    )
    team = forms.ModelMultipleChoiceField(
        label="工作专班", queryset=Staff.objects.none(), widget=forms.CheckboxSelectMultiple, required=False
    )

    def __init__(self, *args: Any, heads: Any, staff: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["leader"].queryset = heads  # type: ignore[attr-defined]
        self.fields["team"].queryset = staff  # type: ignore[attr-defined]


METHOD_REQUIRED = "请选择沟通方式（约访、电话沟通、走访、书面答复或其他）。"


class ContactForm(ServiceErrorsMixin):
    contacted_on = forms.DateField(label="沟通日期", widget=DATE)
    method = forms.ChoiceField(
        label="沟通方式",
        choices=[("", CHOOSE), *ContactMethod.choices],
        error_messages={"required": METHOD_REQUIRED, "invalid_choice": METHOD_REQUIRED},
    )
    made_by = forms.ModelChoiceField(
        label="沟通人员",
        queryset=Staff.objects.none(),
        empty_label=CHOOSE,
        error_messages={
            "required": "请选择沟通人员。",
            "invalid_choice": "沟通人员应为本镇（街道）的工作人员。",
        },
        help_text="约访、通话或走访信访人的工作人员，如包案领导或工作专班成员",
    )
    summary = forms.CharField(
        label="沟通情况",
        widget=TEXT,
        help_text="信访人反映的情况、解释的政策和双方商定的事项",
        error_messages={"required": "请填写沟通情况。"},
    )

    def __init__(self, *args: Any, staff: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["made_by"].queryset = staff  # type: ignore[attr-defined]
