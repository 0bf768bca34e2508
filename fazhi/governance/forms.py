"""依法治镇 forms: they parse input; the services apply the rules."""

from __future__ import annotations

from typing import Any

from django import forms

from fazhi.core.forms import CHOOSE, DATE, FilesField, ServiceErrorsMixin
from fazhi.core.models import Organisation, Staff
from fazhi.governance.models import ActKind, MeetingKind, MemberRole, TaskStatus


class CommitteeForm(ServiceErrorsMixin):
    name = forms.CharField(label="名称", max_length=100, initial="全面依法治镇委员会")
    established_on = forms.DateField(label="成立日期", widget=DATE)


class MemberForm(ServiceErrorsMixin):
    staff = forms.ModelChoiceField(
        label="本镇工作人员",
        queryset=Staff.objects.none(),
        required=False,
        empty_label=CHOOSE,
        help_text="非本镇工作人员的，留空并填写姓名",
    )
    name = forms.CharField(label="姓名", max_length=50, required=False)
    position = forms.CharField(label="职务", max_length=100, help_text="如：镇党委书记、派出所所长")
    role = forms.ChoiceField(label="委员会职务", choices=MemberRole.choices)
    joined_on = forms.DateField(label="任职日期", widget=DATE)

    def __init__(self, *args: Any, people: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["staff"].queryset = people  # type: ignore[attr-defined]


class MemberLeftForm(ServiceErrorsMixin):
    left_on = forms.DateField(label="离任日期", widget=DATE)


class MeetingForm(ServiceErrorsMixin):
    kind = forms.ChoiceField(
        label="会议类别",
        choices=MeetingKind.choices,
        help_text="专题学法请在“学法与培训”中登记，年度报告的专题学法次数按该处计",
    )
    held_on = forms.DateField(label="会议日期", widget=DATE)
    title = forms.CharField(
        label="会议名称", max_length=200, help_text="如：2020年第一次全面依法治镇委员会会议"
    )
    presided_by = forms.ModelChoiceField(
        label="主持人", queryset=Staff.objects.none(), required=False, empty_label=CHOOSE
    )
    attendees = forms.ModelMultipleChoiceField(
        label="出席人员", queryset=Staff.objects.none(), widget=forms.CheckboxSelectMultiple, required=False
    )
    other_attendees = forms.CharField(
        label="其他出席人员", max_length=300, required=False, help_text="非本镇工作人员，以顿号分隔"
    )
    topics = forms.CharField(label="议题", widget=forms.Textarea(attrs={"rows": 4}), help_text="每行一项")
    decisions = forms.CharField(
        label="议定事项", widget=forms.Textarea(attrs={"rows": 5}), help_text="每行一项"
    )

    def __init__(self, *args: Any, people: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["presided_by"].queryset = people  # type: ignore[attr-defined]
        self.fields["attendees"].queryset = people  # type: ignore[attr-defined]


class TaskForm(ServiceErrorsMixin):
    year = forms.IntegerField(label="年度", min_value=2000, max_value=2100)
    source_title = forms.CharField(
        label="来源文件", max_length=200, help_text="如：全面依法治镇委员会年度重点工作安排"
    )
    source_number = forms.CharField(label="文号", max_length=60, required=False)
    title = forms.CharField(label="工作任务", max_length=200)
    department = forms.ModelChoiceField(
        label="责任单位", queryset=Organisation.objects.none(), empty_label=CHOOSE
    )
    lead = forms.ModelChoiceField(label="牵头人", queryset=Staff.objects.none(), empty_label=CHOOSE)
    deployed_on = forms.DateField(label="部署日期", widget=DATE)
    deadline = forms.DateField(label="完成时限", widget=DATE)

    def __init__(self, *args: Any, people: Any, departments: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["lead"].queryset = people  # type: ignore[attr-defined]
        self.fields["department"].queryset = departments  # type: ignore[attr-defined]


class FeedbackForm(ServiceErrorsMixin):
    reported_on = forms.DateField(label="反馈日期", widget=DATE)
    text = forms.CharField(label="进展情况", widget=forms.Textarea(attrs={"rows": 5}))
    evidence = FilesField(label="佐证材料", required=False)


class CompleteForm(ServiceErrorsMixin):
    completed_on = forms.DateField(label="完成日期", widget=DATE)
    note = forms.CharField(label="完成情况", widget=forms.Textarea(attrs={"rows": 4}))


class ActForm(ServiceErrorsMixin):
    kind = forms.ChoiceField(label="方式", choices=ActKind.choices, widget=forms.RadioSelect)
    acted_on = forms.DateField(label="日期", widget=DATE)
    note = forms.CharField(
        label="内容",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="督办的，将向牵头人和负责人发出督办单",
    )


class AnswerForm(ServiceErrorsMixin):
    answered_on = forms.DateField(label="答复日期", widget=DATE)
    response = forms.CharField(label="整改落实情况", widget=forms.Textarea(attrs={"rows": 5}))


class SettingForm(ServiceErrorsMixin):
    days = forms.IntegerField(
        label="反馈间隔（天）",
        min_value=1,
        max_value=365,
        help_text="重点工作超过此天数未反馈进展的，系统发出督办单",
    )


class ConsultationForm(ServiceErrorsMixin):
    asked_on = forms.DateField(label="咨询日期", widget=DATE)
    department = forms.ModelChoiceField(
        label="咨询部门", queryset=Organisation.objects.none(), required=False, empty_label=CHOOSE
    )
    person = forms.CharField(
        label="咨询人", max_length=50, required=False, help_text="个人咨询的填写姓名；部门咨询的可留空"
    )
    question = forms.CharField(label="咨询事项", widget=forms.Textarea(attrs={"rows": 4}))
    answer = forms.CharField(label="解答意见", widget=forms.Textarea(attrs={"rows": 5}))
    counsel = forms.ModelChoiceField(label="法律顾问", queryset=Staff.objects.none(), empty_label=CHOOSE)

    def __init__(self, *args: Any, counsels: Any, departments: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["counsel"].queryset = counsels  # type: ignore[attr-defined]
        self.fields["department"].queryset = departments  # type: ignore[attr-defined]


class TaskFilterForm(forms.Form):
    year = forms.IntegerField(label="年度", min_value=2000, max_value=2100, required=False)
    status = forms.ChoiceField(label="状态", choices=[("", "全部"), *TaskStatus.choices], required=False)
