"""Learning forms: they parse input; the services apply the rules."""

from __future__ import annotations

from typing import Any

from django import forms

from fazhi.core.forms import DATE, FilesField, ServiceErrorsMixin
from fazhi.core.models import Staff
from fazhi.learning.models import StudyKind, TrainingKind


class _Attended(ServiceErrorsMixin):
    def __init__(self, *args: Any, people: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["attendees"].queryset = people  # type: ignore[attr-defined]


class StudyForm(_Attended):
    kind = forms.ChoiceField(label="学法形式", choices=StudyKind.choices)
    held_on = forms.DateField(label="日期", widget=DATE)
    topic = forms.CharField(label="主题", max_length=200)
    laws = forms.CharField(label="学习的法律法规", max_length=300, help_text="如：宪法、民法典、行政处罚法")
    lecturer = forms.CharField(label="主讲人", max_length=100, required=False)
    attendees = forms.ModelMultipleChoiceField(
        label="参加人员", queryset=Staff.objects.none(), widget=forms.CheckboxSelectMultiple
    )
    materials = FilesField(label="材料（签到表、课件、照片）", required=False)


class TrainingForm(_Attended):
    kind = forms.ChoiceField(label="培训类别", choices=TrainingKind.choices)
    held_on = forms.DateField(label="日期", widget=DATE)
    topic = forms.CharField(label="主题", max_length=200, help_text="如：执法记录仪使用培训")
    hours = forms.DecimalField(label="学时", min_value=0, max_digits=5, decimal_places=1)
    trainer = forms.CharField(label="授课人", max_length=100)
    attendees = forms.ModelMultipleChoiceField(
        label="参训人员", queryset=Staff.objects.none(), widget=forms.CheckboxSelectMultiple
    )
    materials = FilesField(label="材料（签到表、课件、照片）", required=False)


class YearForm(forms.Form):
    year = forms.IntegerField(label="年度", min_value=2000, max_value=2100, required=False)
