"""Forms of the lead, filing and investigation, and of the town's enforcement set-up and case list."""

from __future__ import annotations

from django import forms

from fazhi.core.forms import DATE, PartyPickerField, ServiceErrorsMixin
from fazhi.enforcement.forms.fields import DATETIME, choose, yuan_field
from fazhi.enforcement.models import (
    DocumentKind,
    EvidenceKind,
    LeadSource,
    PreservationHandling,
    RecordKind,
    RecusalRequester,
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
    party = PartyPickerField(
        label="当事人",
        help_text="输入姓名、名称或证件号码，从本镇（街道）的当事人中选择；尚未登记的，选择“新当事人”在此登记",
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


class LargeAmountForm(ServiceErrorsMixin):
    person = yuan_field("公民（含个体工商户）较大数额")
    organisation = yuan_field("法人或者其他组织较大数额")
    source = forms.CharField(label="依据", max_length=200, help_text="本省（本领域）规定的文件名称及条款")
    in_force_from = forms.DateField(label="施行日期", widget=DATE)


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
    credentials_shown = forms.BooleanField(
        label="已向当事人或有关人员出示执法证件",
        required=False,
        help_text="行政处罚法第五十五条：执法人员在调查或者进行检查时，应当主动向当事人或者有关人员出示执法证件。"
        "未出示的，请如实不勾选。",
    )

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
        choose(self, "staff", officers)


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
        choose(self, "recusal", pending)
        choose(self, "replacement", [("", "（不指派）"), *people])  # type: ignore[list-item]


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
        choose(self, "approved_by", heads)
        choose(self, "officers", people)


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
        choose(self, "preservation", pending)
