"""Forms parse and shape input; the rules live in services, whose field errors land back here."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms

from fazhi.core import calendar
from fazhi.core.errors import InvalidInput
from fazhi.core.models import IdType, OrganisationKind, PartyKind
from fazhi.core.roles import Role

# The browser's date picker takes only ISO dates; without the format Django would render the
# zh-hans 2026/11/29, which the picker shows as empty.
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")

# The empty first option of a select the user must choose from (Django's own is "---------").
CHOOSE = "请选择"


def confirm_field(consequence: str) -> forms.BooleanField:
    """The box an irreversible step (发布, 归档, 撤回) asks to be ticked: its label says what cannot be
    undone, so the user reads it before the step is taken."""
    return forms.BooleanField(
        label="我已知悉：%(c)s" % {"c": consequence},
        required=True,
        error_messages={"required": "此操作不可撤销，请阅读提示并勾选确认。"},
    )


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class FilesField(forms.FileField):
    """One or more files (a draft and its annexes, a session's materials): a list, empty if optional."""

    widget = MultipleFileInput

    def clean(self, data: Any, initial: Any = None) -> Any:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data]
        return [single(data, initial)] if data else []


class ServiceErrorsMixin(forms.Form):
    def add_service_errors(self, error: InvalidInput) -> None:
        for field, message in error.field_errors.items():
            self.add_error(field if field in self.fields else None, message)
        if not error.field_errors:
            self.add_error(None, error.message)


class PartyForm(ServiceErrorsMixin):
    kind = forms.ChoiceField(label="当事人类型", choices=PartyKind.choices, widget=forms.RadioSelect)
    name = forms.CharField(label="姓名（名称）", max_length=200)
    id_type = forms.ChoiceField(
        label="证件类型", choices=[("", CHOOSE), *IdType.choices], required=False, initial=IdType.RESIDENT_ID
    )
    id_number = forms.CharField(label="证件号码", max_length=40, required=False)
    birth_date = forms.DateField(
        label="出生日期",
        required=False,
        widget=DATE,
        help_text="居民身份证号码中已含出生日期，无需填写",
    )
    uscc = forms.CharField(label="统一社会信用代码", max_length=30, required=False)
    legal_representative = forms.CharField(
        label="法定代表人（负责人、经营者）", max_length=50, required=False
    )
    business_registration_no = forms.CharField(
        label="工商注册号", max_length=30, required=False, help_text="个体工商户无统一社会信用代码时必填"
    )
    address = forms.CharField(label="住所（地址）", max_length=200, required=False)
    phone = forms.CharField(label="联系电话", max_length=30, required=False)


class PartySearchForm(forms.Form):
    q = forms.CharField(label="搜索", required=False, max_length=100)
    kind = forms.ChoiceField(label="类型", choices=[("", "全部类型"), *PartyKind.choices], required=False)


class AttachmentForm(forms.Form):
    file = forms.FileField(label="文件")
    description = forms.CharField(label="说明", max_length=200, required=False)


class OrganisationForm(ServiceErrorsMixin):
    name = forms.CharField(label="名称", max_length=100)
    kind = forms.ChoiceField(label="类型", choices=OrganisationKind.choices)
    division_code = forms.CharField(label="区划码", max_length=20, required=False)
    uscc = forms.CharField(label="统一社会信用代码", max_length=30, required=False)
    organ_code = forms.CharField(
        label="机关代字", max_length=20, required=False, help_text="用于文号，如 西青辛政"
    )


class OrganisationEditForm(OrganisationForm):
    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        del self.fields["kind"]


class StaffForm(ServiceErrorsMixin):
    username = forms.CharField(label="登录名", max_length=50)
    full_name = forms.CharField(label="姓名", max_length=50)
    organisation = forms.TypedChoiceField(label="所属单位", coerce=int, choices=[])
    password = forms.CharField(
        label="初始密码", widget=forms.PasswordInput, help_text="至少10位，不能全为数字"
    )
    roles = forms.MultipleChoiceField(
        label="角色", choices=Role.choices, widget=forms.CheckboxSelectMultiple, required=False
    )
    position = forms.CharField(label="职务", max_length=50, required=False)
    phone = forms.CharField(label="联系电话", max_length=20, required=False)
    legal_qualification_no = forms.CharField(label="法律职业资格证书编号", max_length=30, required=False)
    is_principal_leader = forms.BooleanField(label="党政主要负责人", required=False)

    def __init__(self, *args: object, organisations: list[tuple[int, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        field = self.fields["organisation"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = organisations


class StaffEditForm(ServiceErrorsMixin):
    full_name = forms.CharField(label="姓名", max_length=50)
    roles = forms.MultipleChoiceField(
        label="角色", choices=Role.choices, widget=forms.CheckboxSelectMultiple, required=False
    )
    position = forms.CharField(label="职务", max_length=50, required=False)
    phone = forms.CharField(label="联系电话", max_length=20, required=False)
    legal_qualification_no = forms.CharField(label="法律职业资格证书编号", max_length=30, required=False)
    is_principal_leader = forms.BooleanField(label="党政主要负责人", required=False)


class DeactivateForm(ServiceErrorsMixin):
    reason = forms.CharField(label="停用原因", max_length=200)
    confirm = confirm_field("停用后该账号即不能再登录，不能在本系统中恢复。")


class CredentialForm(ServiceErrorsMixin):
    number = forms.CharField(label="执法证号", max_length=40)
    category = forms.CharField(label="执法类别", max_length=100, help_text="如：综合行政执法")
    issuer = forms.CharField(label="发证机关", max_length=100, initial="天津市人民政府")
    valid_from = forms.DateField(label="有效期起", widget=DATE)
    valid_to = forms.DateField(label="有效期至", widget=DATE)


class RevokeCredentialForm(ServiceErrorsMixin):
    revoked_on = forms.DateField(label="注销日期", widget=DATE)
    reason = forms.CharField(label="注销原因", max_length=200)
    confirm = confirm_field("注销后该执法证自注销日期起失效，不能恢复。")


class PeriodForm(forms.Form):
    start = forms.DateField(label="起算日", widget=DATE)
    days = forms.IntegerField(label="期间（天数）", min_value=0, max_value=3650)
    kind = forms.ChoiceField(
        label="计算方式", choices=[("working_days", "工作日"), ("calendar_days", "自然日")]
    )

    def clean_start(self) -> datetime.date:
        start: datetime.date = self.cleaned_data["start"]
        if not calendar.FIRST_YEAR <= start.year <= calendar.LAST_YEAR:
            raise forms.ValidationError(
                "起算日应在 %(a)d 年至 %(b)d 年之间。" % {"a": calendar.FIRST_YEAR, "b": calendar.LAST_YEAR}
            )
        return start


class HolidayOverrideForm(ServiceErrorsMixin):
    day = forms.DateField(label="日期", widget=DATE)
    is_working_day = forms.BooleanField(label="调休上班日", required=False, help_text="不勾选表示法定节假日")
    name = forms.CharField(label="名称", max_length=50)
    source = forms.CharField(label="依据", max_length=200, required=False)


class TokenForm(forms.Form):
    label = forms.CharField(label="用途", max_length=100, help_text="如：区平台数据同步脚本")


class HolidayYearForm(ServiceErrorsMixin):
    year = forms.IntegerField(label="年度", min_value=2000, max_value=2100)
    source = forms.CharField(label="依据", max_length=200)


class NumberSeriesForm(ServiceErrorsMixin):
    organisation = forms.TypedChoiceField(label="所属单位", coerce=int, choices=[])
    key = forms.CharField(label="用途标识", max_length=40, help_text="如 government、penalty-decision")
    code = forms.CharField(label="机关代字", max_length=30, help_text="如 西青辛政")
    name = forms.CharField(label="名称", max_length=100, required=False)

    def __init__(self, *args: object, organisations: list[tuple[int, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        field = self.fields["organisation"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = organisations


class VoidNumberForm(ServiceErrorsMixin):
    reason = forms.CharField(label="作废原因", max_length=200)
    confirm = confirm_field("作废后该文号保留在册，不能恢复使用。")
