"""Forms from 调查终结 to the decision: notice, defence, hearing, review, discussion, decide."""

from __future__ import annotations

from django import forms

from fazhi.core.forms import DATE, ServiceErrorsMixin
from fazhi.enforcement.forms.fields import penalty_kinds_field, yuan_field
from fazhi.enforcement.models import (
    HearingClosedReason,
    HearingWaiver,
    ReviewOpinionChoice,
)
from fazhi.enforcement.rules import (
    RECORDED_CIRCUMSTANCES,
    InvestigationOutcome,
    Mitigation,
)


class CloseInvestigationForm(ServiceErrorsMixin):
    outcome = forms.ChoiceField(label="调查结论", choices=InvestigationOutcome.choices)
    findings = forms.CharField(label="事实、证据和处理建议", widget=forms.Textarea(attrs={"rows": 4}))
    circumstances = forms.MultipleChoiceField(
        label="查明的法定裁量情节",
        choices=RECORDED_CIRCUMSTANCES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="当事人的年龄按出生日期（身份证号码）和违法行为日期自动判断（行政处罚法第三十条）",
    )
    review_public_interest = forms.BooleanField(label="涉及重大公共利益（须法制审核）", required=False)
    review_complex = forms.BooleanField(
        label="案件情况疑难复杂、涉及多个法律关系（须法制审核）", required=False
    )
    review_other_law = forms.BooleanField(label="法律、法规规定应当进行法制审核的其他情形", required=False)
    major_or_complex = forms.BooleanField(label="情节复杂或重大违法行为（须负责人集体讨论）", required=False)


class NoticeForm(ServiceErrorsMixin):
    penalty_kinds = penalty_kinds_field("拟处罚种类", required=True)
    proposed_penalties = forms.CharField(
        label="拟作出的处罚（内容）", max_length=200, help_text="如：罚款人民币五千元，没收违法所得"
    )
    proposed_fine = yuan_field("拟罚款金额", required=False)
    proposed_confiscation = yuan_field("拟没收违法所得或非法财物的数额（价值）", required=False)
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


class HearingWaiverForm(ServiceErrorsMixin):
    waiver = forms.ChoiceField(
        label="听证终止的原因", choices=HearingWaiver.choices, widget=forms.RadioSelect
    )
    waived_on = forms.DateField(label="听证终止日期", widget=DATE)


class HearingForm(ServiceErrorsMixin):
    chair = forms.TypedChoiceField(label="听证主持人", coerce=int, choices=[], help_text="须为非本案调查人员")
    notice_sent_on = forms.DateField(label="听证通知送达日期", widget=DATE)
    held_on = forms.DateField(label="举行日期", widget=DATE)
    place = forms.CharField(label="听证地点", max_length=200, required=False)
    public = forms.BooleanField(label="公开举行", required=False, initial=True)
    closed_reason = forms.ChoiceField(
        label="不公开举行的理由", choices=[("", "（公开举行）"), *HearingClosedReason.choices], required=False
    )
    record_signed = forms.BooleanField(
        label="听证笔录已经当事人核对签字（拒签的已由主持人注明）", required=False
    )

    def __init__(self, *args: object, people: list[tuple[int, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        field = self.fields["chair"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = people


class ScheduleHearingForm(ServiceErrorsMixin):
    chair = forms.TypedChoiceField(label="听证主持人", coerce=int, choices=[], help_text="须为非本案调查人员")
    notice_sent_on = forms.DateField(label="听证通知送达日期", widget=DATE)
    held_on = forms.DateField(label="举行日期", widget=DATE, help_text="通知送达七个工作日以后")
    place = forms.CharField(label="听证地点", max_length=200)
    public = forms.BooleanField(label="公开举行", required=False, initial=True)
    closed_reason = forms.ChoiceField(
        label="不公开举行的理由",
        choices=[("", "（公开举行）"), *HearingClosedReason.choices],
        required=False,
        help_text="除涉及国家秘密、商业秘密或者个人隐私依法予以保密外，听证公开举行",
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
    # What the page showed (selectors.fingerprint): the review is of that proposal.
    proposal_sha256 = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)


class DiscussionForm(ServiceErrorsMixin):
    held_on = forms.DateField(label="讨论日期", widget=DATE)
    attendees = forms.CharField(label="参加人员", max_length=500)
    minutes = forms.CharField(label="讨论记录", widget=forms.Textarea(attrs={"rows": 4}))
    conclusion = forms.CharField(label="讨论结论", widget=forms.Textarea(attrs={"rows": 2}))
    dissent = forms.CharField(label="不同意见", widget=forms.Textarea(attrs={"rows": 2}), required=False)


class DecideForm(ServiceErrorsMixin):
    penalty_kinds = penalty_kinds_field("处罚种类（不选为不予行政处罚）", required=False)
    penalties = forms.CharField(label="处罚内容", max_length=200, required=False)
    fine = yuan_field("罚款金额", required=False)
    confiscation = yuan_field("没收违法所得或非法财物的数额（价值）", required=False)
    basis = forms.CharField(label="处罚依据", widget=forms.Textarea(attrs={"rows": 3}))
    mitigation = forms.ChoiceField(label="从轻、减轻", choices=Mitigation.choices, required=False)
    discretion_reasons = forms.CharField(
        label="裁量理由",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text="调查终结查明法定裁量情节的，须逐项说明如何适用（行政处罚法第三十条至第三十四条）",
    )
    education = forms.CharField(
        label="教育情况",
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text="依法不予行政处罚的，应当对当事人进行教育（第三十三条第三款）",
    )
    distinct_act_reason = forms.CharField(
        label="与此前罚款系不同违法行为的理由",
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text="同一当事人同一违法行为不得给予两次以上罚款（第二十九条）；仅在系统提示时填写",
    )

    def __init__(self, *args: object, circumstances: list[str], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        if circumstances:
            self.fields["discretion_reasons"].help_text = (
                "本案查明的法定裁量情节：%(c)s。请逐项说明如何适用。" % {"c": "；".join(circumstances)}
            )

    overdue_reason = forms.CharField(
        label="超过九十日的理由",
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text="立案之日起九十日内未作出决定的，须写明理由（行政处罚法第六十条）",
    )
