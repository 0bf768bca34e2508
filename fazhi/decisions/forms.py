"""Major decision forms: they parse input; the services apply the rules."""

from __future__ import annotations

from typing import Any

from django import forms

from fazhi.core.forms import CHOOSE, DATE, ServiceErrorsMixin, confirm_field
from fazhi.core.models import Staff
from fazhi.decisions.models import Answer, AssessmentKind, Outcome
from fazhi.decisions.services import STEP_LABELS


class CatalogueItemForm(ServiceErrorsMixin):
    year = forms.IntegerField(label="年度", min_value=2000, max_value=2100)
    title = forms.CharField(label="决策事项", max_length=200)
    department = forms.TypedChoiceField(label="承办单位", coerce=int, choices=[])

    def __init__(self, *args: Any, departments: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["department"].choices = departments  # type: ignore[attr-defined]


class RegisterForm(ServiceErrorsMixin):
    summary = forms.CharField(label="决策草案说明", widget=forms.Textarea(attrs={"rows": 5}))
    needs_expert = forms.BooleanField(label="专业性、技术性较强，须专家论证", required=False)
    needs_risk = forms.BooleanField(label="可能影响社会稳定、公共安全，须风险评估", required=False)


class CommentPeriodForm(ServiceErrorsMixin):
    draft = forms.CharField(label="征求意见稿（将在公示网页公开）", widget=forms.Textarea(attrs={"rows": 8}))
    opens_on = forms.DateField(label="开始日期", widget=DATE)
    closes_on = forms.DateField(label="截止日期", widget=DATE, help_text="不少于30日")


class AnswerForm(ServiceErrorsMixin):
    answer = forms.ChoiceField(label="采纳情况", choices=Answer.choices, widget=forms.RadioSelect)
    reason = forms.CharField(label="理由（公开）", widget=forms.Textarea(attrs={"rows": 3}))


class AssessmentForm(ServiceErrorsMixin):
    kind = forms.ChoiceField(label="类别", choices=AssessmentKind.choices)
    held_on = forms.DateField(label="日期", widget=DATE)
    assessors = forms.CharField(label="专家或评估机构", max_length=300)
    conclusion = forms.CharField(label="结论", widget=forms.Textarea(attrs={"rows": 4}))


class LegalitySubmitForm(ServiceErrorsMixin):
    due_on = forms.DateField(label="审查期限", widget=DATE, help_text="自送审之日起不少于7个工作日")


class LegalityOpinionForm(ServiceErrorsMixin):
    passed = forms.TypedChoiceField(
        label="审查结论",
        choices=[("1", "合法，可以提交集体讨论"), ("0", "存在问题，须修改后重新送审")],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
    )
    opinion = forms.CharField(label="审查意见", widget=forms.Textarea(attrs={"rows": 5}))


class DiscussionForm(ServiceErrorsMixin):
    meeting_on = forms.DateField(label="会议日期", widget=DATE)
    meeting = forms.CharField(label="会议", max_length=100, initial="镇政府常务会议")
    attendees = forms.ModelMultipleChoiceField(
        label="出席人员", queryset=Staff.objects.none(), widget=forms.CheckboxSelectMultiple
    )
    presided_by = forms.ModelChoiceField(
        label="主持人（行政首长）", queryset=Staff.objects.none(), empty_label=CHOOSE
    )
    head_spoke_last = forms.BooleanField(label="行政首长最后发表意见", required=False)
    outcome = forms.ChoiceField(label="决定", choices=Outcome.choices)
    dissent = forms.CharField(
        label="不同意见（记录在案）", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def __init__(self, *args: Any, people: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["attendees"].queryset = people  # type: ignore[attr-defined]
        self.fields["presided_by"].queryset = people  # type: ignore[attr-defined]


class PublishForm(ServiceErrorsMixin):
    published_on = forms.DateField(label="公布日期", widget=DATE)
    where = forms.CharField(label="公布载体", max_length=200, initial="镇政府网站、政务公开栏")
    confirm = confirm_field("公布后决策即对外公开，公布日期和载体不能再修改。")


class CataloguePublishForm(ServiceErrorsMixin):
    confirm = confirm_field("公布后目录中的事项即在公示网站公开，不能撤回。")


class ArchiveForm(ServiceErrorsMixin):
    confirm = confirm_field("归档后生成决策档案并存证，不能再添加材料。")


class PublicCommentForm(ServiceErrorsMixin):
    text = forms.CharField(
        label="您的意见",
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=2000,
        error_messages={"required": "请填写意见。", "max_length": "意见不超过 2000 字。"},
    )
    name = forms.CharField(label="姓名（选填，不公开）", max_length=50, required=False)
    contact = forms.CharField(label="联系方式（选填，不公开）", max_length=100, required=False)


class EvaluationForm(ServiceErrorsMixin):
    evaluated_on = forms.DateField(label="评估日期", widget=DATE)
    evaluator = forms.CharField(
        label="评估机构或人员", max_length=200, help_text="不得为参与决策前论证、评估的机构或人员"
    )
    conclusion = forms.CharField(label="评估结论", widget=forms.Textarea(attrs={"rows": 4}))


class StepFileForm(ServiceErrorsMixin):
    step = forms.ChoiceField(label="程序环节", choices=[(label, label) for label in STEP_LABELS])
    file = forms.FileField(label="材料", help_text="如：专家论证意见、风险评估报告、会议纪要")
