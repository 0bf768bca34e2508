"""Enforcement forms: they parse input; the rules are applied by the services."""

from __future__ import annotations

from django import forms

from fazhi.core.forms import ServiceErrorsMixin
from fazhi.enforcement.models import InvestigationOutcome, LeadSource, ReviewOpinionChoice

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


def yuan_field(label: str, *, required: bool = True) -> forms.DecimalField:
    return forms.DecimalField(
        label=label, min_value=0, max_digits=12, decimal_places=2, required=required, help_text="单位：元"
    )


class CloseInvestigationForm(ServiceErrorsMixin):
    outcome = forms.ChoiceField(label="调查结论", choices=InvestigationOutcome.choices)
    findings = forms.CharField(label="事实、证据和处理建议", widget=forms.Textarea(attrs={"rows": 4}))
    review_public_interest = forms.BooleanField(label="涉及重大公共利益（须法制审核）", required=False)
    review_major_rights_after_hearing = forms.BooleanField(
        label="直接关系当事人或第三人重大权益，经过听证程序（须法制审核）", required=False
    )
    review_complex = forms.BooleanField(
        label="案件情况疑难复杂、涉及多个法律关系（须法制审核）", required=False
    )
    review_other_law = forms.BooleanField(label="法律、法规规定应当进行法制审核的其他情形", required=False)
    major_or_complex = forms.BooleanField(label="情节复杂或重大违法行为（须负责人集体讨论）", required=False)
    hearing_right = forms.BooleanField(
        label="属于当事人有权要求听证的情形（行政处罚法第六十三条）", required=False
    )


class NoticeForm(ServiceErrorsMixin):
    proposed_penalties = forms.CharField(label="拟作出的处罚", max_length=200, help_text="如：警告；罚款")
    proposed_fine = yuan_field("拟罚款金额", required=False)
    facts = forms.CharField(label="事实、理由及依据", widget=forms.Textarea(attrs={"rows": 4}))
    served_on = forms.DateField(label="送达日期", widget=DATE)
    statement_working_days = forms.IntegerField(
        label="陈述申辩期限（工作日）",
        min_value=0,
        max_value=30,
        initial=3,
        help_text="国家未统一规定，按本地做法填写",
    )


class DefenceForm(ServiceErrorsMixin):
    statement = forms.CharField(
        label="陈述申辩意见及复核情况", widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    waived = forms.BooleanField(label="当事人明确表示放弃陈述申辩", required=False)


class HearingRequestForm(ServiceErrorsMixin):
    requested_on = forms.DateField(label="当事人要求听证的日期", widget=DATE)


class HearingForm(ServiceErrorsMixin):
    chair = forms.TypedChoiceField(label="听证主持人", coerce=int, choices=[], help_text="须为非本案调查人员")
    notice_sent_on = forms.DateField(label="听证通知送达日期", widget=DATE)
    held_on = forms.DateField(label="举行日期", widget=DATE)
    record_signed = forms.BooleanField(
        label="听证笔录已经当事人核对签字（拒签的已由主持人注明）", required=False
    )

    def __init__(self, *args: object, people: list[tuple[int, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        field = self.fields["chair"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = people


class SubmitReviewForm(ServiceErrorsMixin):
    confirm = forms.BooleanField(label="案卷材料已齐全，提交法制审核", required=True)


class ReviewForm(ServiceErrorsMixin):
    opinion = forms.ChoiceField(
        label="审核意见", choices=ReviewOpinionChoice.choices, widget=forms.RadioSelect
    )
    reasons = forms.CharField(
        label="审核理由",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="执法主体与资格、程序、事实与证据、适用法律与裁量基准、是否超越职权、文书是否齐全、是否涉嫌犯罪",
    )


class DiscussionForm(ServiceErrorsMixin):
    held_on = forms.DateField(label="讨论日期", widget=DATE)
    attendees = forms.CharField(label="参加人员", max_length=500)
    minutes = forms.CharField(label="讨论记录", widget=forms.Textarea(attrs={"rows": 4}))
    conclusion = forms.CharField(label="讨论结论", widget=forms.Textarea(attrs={"rows": 2}))
    dissent = forms.CharField(label="不同意见", widget=forms.Textarea(attrs={"rows": 2}), required=False)


class DecideForm(ServiceErrorsMixin):
    penalties = forms.CharField(label="处罚种类和内容", max_length=200)
    fine = yuan_field("罚款金额", required=False)
    basis = forms.CharField(label="处罚依据", widget=forms.Textarea(attrs={"rows": 3}))
    overdue_reason = forms.CharField(
        label="超过九十日的理由",
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text="立案之日起九十日内未作出决定的，须写明理由（行政处罚法第六十条）",
    )
