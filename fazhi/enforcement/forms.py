"""Enforcement forms: they parse input; the rules are applied by the services."""

from __future__ import annotations

import datetime
from decimal import Decimal, InvalidOperation

from django import forms

from fazhi.core.forms import DATE, ServiceErrorsMixin
from fazhi.enforcement.models import (
    ClosureReason,
    ConsentChannel,
    DocumentKind,
    EvidenceKind,
    HearingClosedReason,
    HearingWaiver,
    LeadSource,
    PreservationHandling,
    RecordKind,
    RecusalRequester,
    RemedyKind,
    ReviewOpinionChoice,
    ServiceMethod,
)
from fazhi.enforcement.rules import (
    MAX_INSTALMENTS,
    RECORDED_CIRCUMSTANCES,
    Instalment,
    InvestigationOutcome,
    Mitigation,
    PaymentPlanKind,
    PenaltyKind,
    RemedyResult,
)


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
    party = forms.CharField(
        label="当事人",
        max_length=40,
        help_text="当事人编号、身份证号码或统一社会信用代码；尚未登记的，请先在“当事人”中登记",
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


class LargeAmountForm(ServiceErrorsMixin):
    person = yuan_field("公民（含个体工商户）较大数额")
    organisation = yuan_field("法人或者其他组织较大数额")
    source = forms.CharField(label="依据", max_length=200, help_text="本省（本领域）规定的文件名称及条款")
    in_force_from = forms.DateField(label="施行日期", widget=DATE)


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


def penalty_kinds_field(label: str, *, required: bool) -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=label, choices=PenaltyKind.choices, widget=forms.CheckboxSelectMultiple, required=required
    )


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


DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class ExtendForm(ServiceErrorsMixin):
    days = forms.IntegerField(label="延长天数", min_value=1, help_text="每次不超过三十日")
    reason = forms.CharField(label="延长理由", widget=forms.Textarea(attrs={"rows": 3}))


class ServeForm(ServiceErrorsMixin):
    method = forms.ChoiceField(label="送达方式", choices=ServiceMethod.choices)
    served_on = forms.DateField(label="送达日期", widget=DATE)
    recipient = forms.CharField(label="受送达人（签收人）", max_length=100)
    proof = forms.CharField(
        label="送达凭证", max_length=200, help_text="如：送达回证签收、邮件单号、公告载体"
    )
    refused = forms.BooleanField(label="当事人拒绝签收（已注明）", required=False)
    late_reason = forms.CharField(
        label="逾期送达理由",
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text="决定后七个工作日内未送达的，须写明理由",
    )
    public_notice_reason = forms.CharField(
        label="公告送达理由",
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text="公告送达的，写明受送达人下落不明或者用其他方式无法送达的情况；公告经过三十日视为送达",
    )


class ServiceConsentForm(ServiceErrorsMixin):
    channel = forms.ChoiceField(label="电子送达方式", choices=ConsentChannel.choices)
    address = forms.CharField(label="传真号码、电子邮件地址等", max_length=200)
    signed_on = forms.DateField(label="确认书签订日期", widget=DATE)


class PaymentPlanForm(ServiceErrorsMixin):
    kind = forms.ChoiceField(label="方式", choices=PaymentPlanKind.choices)
    applied_on = forms.DateField(label="当事人申请日期", widget=DATE)
    reason = forms.CharField(label="申请理由（经济困难情况）", widget=forms.Textarea(attrs={"rows": 3}))
    approved_on = forms.DateField(label="批准日期", widget=DATE)
    ends_on = forms.DateField(label="暂缓至（最后一期缴纳日期）", widget=DATE)
    instalments = forms.CharField(
        label="分期",
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text="分期缴纳的，每行一期：缴纳日期 金额（元），如 2026-03-01 500；暂缓缴纳的留空",
    )

    def clean_instalments(self) -> list[Instalment]:
        parts = []
        for number, line in enumerate(self.cleaned_data["instalments"].splitlines(), start=1):
            if not line.strip():
                continue
            words = line.split()
            try:
                due_on = datetime.date.fromisoformat(words[0])
                amount = Decimal(words[1])
            except (IndexError, ValueError, InvalidOperation):
                raise forms.ValidationError(
                    "第 %(n)d 行应为“缴纳日期 金额”，如 2026-03-01 500。" % {"n": number}
                ) from None
            if len(words) != 2 or not amount.is_finite() or not 0 < amount < 10**12:
                raise forms.ValidationError("第 %(n)d 行的金额应为大于零的元数。" % {"n": number})
            parts.append(Instalment(due_on=due_on, amount_fen=int(amount * 100)))
        if len(parts) > MAX_INSTALMENTS:
            raise forms.ValidationError("至多 %(n)d 期。" % {"n": MAX_INSTALMENTS})
        return parts


class RemedyForm(ServiceErrorsMixin):
    kind = forms.ChoiceField(label="救济途径", choices=RemedyKind.choices)
    started_on = forms.DateField(label="申请（起诉）日期", widget=DATE)


class RemedyEndForm(ServiceErrorsMixin):
    ended_on = forms.DateField(label="结束日期", widget=DATE)
    result = forms.ChoiceField(label="结果", choices=[("", "请选择"), *RemedyResult.choices])
    outcome = forms.CharField(
        label="结果说明", max_length=200, required=False, help_text="如：复议决定书或判决书文号、变更的内容"
    )


class PaymentForm(ServiceErrorsMixin):
    paid_on = forms.DateField(label="缴纳日期", widget=DATE)
    paid = yuan_field("缴纳金额（含加处罚款）")
    receipt_number = forms.CharField(label="缴款凭证号", max_length=60)


class DemandForm(ServiceErrorsMixin):
    served_on = forms.DateField(label="催告书送达日期", widget=DATE)


class CourtForm(ServiceErrorsMixin):
    court = forms.CharField(label="受理法院", max_length=100)
    applied_on = forms.DateField(label="申请日期", widget=DATE)


class CloseForm(ServiceErrorsMixin):
    reason = forms.ChoiceField(label="结案理由", choices=ClosureReason.choices)
    summary = forms.CharField(label="处理结果", widget=forms.Textarea(attrs={"rows": 3}))


class ConfirmForm(ServiceErrorsMixin):
    confirm = forms.BooleanField(label="确认", required=True)


class ArchiveForm(ServiceErrorsMixin):
    archive_number = forms.CharField(label="档案号", max_length=60)


class OnSpotForm(ServiceErrorsMixin):
    """简易程序 on a phone: one screen, the fields the decision must carry (art. 52)."""

    party = forms.CharField(
        label="当事人", max_length=40, help_text="当事人编号、身份证号码或统一社会信用代码（须先登记当事人）"
    )
    power = forms.TypedChoiceField(label="赋权事项", coerce=int, choices=[])
    co_officer = forms.TypedChoiceField(label="共同执法人员", coerce=int, choices=[])
    title = forms.CharField(label="违法行为", max_length=200)
    place = forms.CharField(label="违法地点", max_length=200)
    act_on = forms.DateField(label="违法行为日期", widget=DATE)
    facts = forms.CharField(label="违法事实", widget=forms.Textarea(attrs={"rows": 3}))
    basis = forms.CharField(label="处罚依据", widget=forms.Textarea(attrs={"rows": 2}))
    warning_only = forms.BooleanField(label="仅警告", required=False)
    fine = yuan_field("罚款金额", required=False)
    statement = forms.CharField(
        label="当事人陈述申辩", widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    defence_waived = forms.BooleanField(label="当事人放弃陈述申辩", required=False)
    party_signed = forms.BooleanField(label="当事人已签收决定书", required=False, initial=True)
    refusal_noted = forms.BooleanField(label="当事人拒绝签收，已在决定书上注明", required=False)
    collected_on_spot = forms.BooleanField(label="当场收缴罚款", required=False)
    receipt_number = forms.CharField(label="罚款专用票据号", max_length=60, required=False)
    hard_to_enforce_later = forms.BooleanField(label="不当场收缴事后难以执行", required=False)
    remote_area_on_request = forms.BooleanField(label="边远地区，当事人提出当场缴纳", required=False)

    def __init__(
        self, *args: object, powers: list[tuple[int, str]], people: list[tuple[int, str]], **kwargs: object
    ) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        for name, choices in (("power", powers), ("co_officer", people)):
            field = self.fields[name]
            assert isinstance(field, forms.TypedChoiceField)
            field.choices = choices


class EvidenceForm(ServiceErrorsMixin):
    kind = forms.ChoiceField(label="证据种类", choices=EvidenceKind.choices)
    description = forms.CharField(label="证据名称及说明", max_length=200)
    captured_by = forms.TypedChoiceField(label="采集人", coerce=int, choices=[])
    captured_at = forms.DateTimeField(label="采集时间", widget=DATETIME)
    place = forms.CharField(label="采集地点", max_length=200)
    officers = forms.TypedMultipleChoiceField(
        label="取证执法人员",
        coerce=int,
        choices=[],
        widget=forms.CheckboxSelectMultiple,
        help_text="至少两名持有当日有效执法证的执法人员；采集人为辅助执法人员的，不计入",
    )
    device = forms.TypedChoiceField(
        label="执法记录仪",
        coerce=int,
        choices=[],
        required=False,
        empty_value=None,
        help_text="录音录像须选择",
    )
    file = forms.FileField(
        label="文件",
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/*,video/*,audio/*,.pdf,.docx,.xlsx"}),
        help_text="照片、录音录像、扫描件；大文件分片上传，中断后可续传",
    )
    upload_key = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(
        self, *args: object, people: list[tuple[int, str]], devices: list[tuple[int, str]], **kwargs: object
    ) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        for name, choices in (("captured_by", people), ("device", [("", "（无）"), *devices])):
            field = self.fields[name]
            assert isinstance(field, forms.TypedChoiceField)
            field.choices = choices
        officers = self.fields["officers"]
        assert isinstance(officers, forms.TypedMultipleChoiceField)
        officers.choices = people


class RecordForm(ServiceErrorsMixin):
    kind = forms.ChoiceField(label="笔录种类", choices=RecordKind.choices)
    place = forms.CharField(label="地点", max_length=200)
    started_at = forms.DateTimeField(label="开始时间", widget=DATETIME)
    ended_at = forms.DateTimeField(label="结束时间", widget=DATETIME)
    subject_person = forms.CharField(label="被询问人（现场负责人）", max_length=100)
    subject_details = forms.CharField(label="身份及联系方式", max_length=200, required=False)
    content = forms.CharField(label="笔录内容", widget=forms.Textarea(attrs={"rows": 8}))
    officers = forms.TypedMultipleChoiceField(
        label="执法人员", coerce=int, choices=[], widget=forms.CheckboxSelectMultiple, help_text="至少两名"
    )
    signed = forms.BooleanField(label="被询问人已核对签字", required=False, initial=True)
    refusal_noted = forms.BooleanField(label="拒绝签字，已由执法人员注明", required=False)

    def __init__(self, *args: object, people: list[tuple[int, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        field = self.fields["officers"]
        assert isinstance(field, forms.TypedMultipleChoiceField)
        field.choices = people


class DeviceForm(ServiceErrorsMixin):
    number = forms.CharField(label="设备编号", max_length=40)
    model_name = forms.CharField(label="型号", max_length=100, required=False)


class AssignDeviceForm(ServiceErrorsMixin):
    staff = forms.TypedChoiceField(label="配发给", coerce=int, choices=[])
    valid_from = forms.DateField(label="起始日期", widget=DATE)

    def __init__(self, *args: object, people: list[tuple[int, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        field = self.fields["staff"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = people


class ReturnDeviceForm(ServiceErrorsMixin):
    valid_to = forms.DateField(label="收回日期", widget=DATE)


class CaseFilterForm(forms.Form):
    """The case list's filters; a value that does not parse is ignored, never an error page."""

    stage = forms.ChoiceField(label="阶段", required=False)
    officer = forms.TypedChoiceField(label="办案人员", coerce=int, required=False, empty_value=None)
    party = forms.CharField(label="当事人", max_length=100, required=False)
    overdue = forms.BooleanField(label="仅看超期", required=False)
    filed_from = forms.DateField(label="立案日期自", widget=DATE, required=False)
    filed_to = forms.DateField(label="至", widget=DATE, required=False)

    def __init__(
        self, *args: object, stages: list[tuple[str, str]], people: list[tuple[int, str]], **kwargs: object
    ) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        stage = self.fields["stage"]
        officer = self.fields["officer"]
        assert isinstance(stage, forms.ChoiceField)
        assert isinstance(officer, forms.TypedChoiceField)
        stage.choices = [("", "全部阶段"), *stages]
        officer.choices = [("", "全部办案人员"), *people]


class TemplateUploadForm(ServiceErrorsMixin):
    kind = forms.ChoiceField(label="文书种类", choices=DocumentKind.choices)
    file = forms.FileField(
        label="模板文件（.docx）",
        widget=forms.ClearableFileInput(attrs={"accept": ".docx"}),
        help_text="在 Word 或 WPS 中编辑，用 {{ 变量名 }} 标出填充位置；可用的变量见下表",
    )


def _choose(form: forms.Form, name: str, choices: list[tuple[int, str]]) -> None:
    field = form.fields[name]
    assert isinstance(field, forms.TypedChoiceField | forms.TypedMultipleChoiceField)
    field.choices = choices


class RecusalForm(ServiceErrorsMixin):
    staff = forms.TypedChoiceField(label="申请回避的执法人员", coerce=int, choices=[])
    requested_by = forms.ChoiceField(
        label="提出方", choices=RecusalRequester.choices, widget=forms.RadioSelect
    )
    reason = forms.CharField(
        label="回避理由",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="与案件有直接利害关系或者有其他关系可能影响公正执法的情形",
    )
    requested_on = forms.DateField(label="申请日期", widget=DATE)

    def __init__(self, *args: object, officers: list[tuple[int, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        _choose(self, "staff", officers)


class RecusalDecisionForm(ServiceErrorsMixin):
    recusal = forms.TypedChoiceField(label="回避申请", coerce=int, choices=[])
    granted = forms.TypedChoiceField(
        label="决定",
        coerce=lambda value: value == "yes",
        choices=[("yes", "准予回避"), ("no", "不予回避")],
        widget=forms.RadioSelect,
    )
    decision_reason = forms.CharField(label="决定理由", widget=forms.Textarea(attrs={"rows": 3}))
    replacement = forms.TypedChoiceField(
        label="指派其他执法人员",
        coerce=int,
        choices=[],
        required=False,
        empty_value=None,
        help_text="准予回避后本案执法人员不足两名的，请指派",
    )

    def __init__(
        self, *args: object, pending: list[tuple[int, str]], people: list[tuple[int, str]], **kwargs: object
    ) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        _choose(self, "recusal", pending)
        _choose(self, "replacement", [("", "（不指派）"), *people])  # type: ignore[list-item]


class PreservationForm(ServiceErrorsMixin):
    items = forms.CharField(
        label="登记保存物品", widget=forms.Textarea(attrs={"rows": 3}), help_text="名称、数量、规格、存放地点"
    )
    reason = forms.CharField(
        label="证据可能灭失或者以后难以取得的情形", widget=forms.Textarea(attrs={"rows": 2})
    )
    approved_by = forms.TypedChoiceField(label="批准的负责人", coerce=int, choices=[])
    approved_on = forms.DateField(label="批准日期", widget=DATE)
    preserved_on = forms.DateField(label="登记保存日期", widget=DATE)
    officers = forms.TypedMultipleChoiceField(
        label="执法人员", coerce=int, choices=[], widget=forms.CheckboxSelectMultiple, help_text="至少两名"
    )

    def __init__(
        self, *args: object, heads: list[tuple[int, str]], people: list[tuple[int, str]], **kwargs: object
    ) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        _choose(self, "approved_by", heads)
        _choose(self, "officers", people)


class PreservationHandlingForm(ServiceErrorsMixin):
    preservation = forms.TypedChoiceField(label="先行登记保存", coerce=int, choices=[])
    handled_on = forms.DateField(label="处理日期", widget=DATE)
    handling = forms.ChoiceField(label="处理决定", choices=PreservationHandling.choices)
    handling_note = forms.CharField(
        label="处理说明", widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    late_reason = forms.CharField(
        label="逾期理由",
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text="登记保存后七个工作日内未作出处理决定的，须写明理由",
    )

    def __init__(self, *args: object, pending: list[tuple[int, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        _choose(self, "preservation", pending)
