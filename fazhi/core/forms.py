"""Forms parse and shape input; the rules live in services, whose field errors land back here."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.urls import reverse

from fazhi.core import calendar
from fazhi.core.errors import InvalidInput
from fazhi.core.models import IdType, OrganisationKind, PartyKind
from fazhi.core.roles import Role
from fazhi.core.services import PartyChoice, PartyInput
from fazhi.core.services.party_choice import FIELD_LABELS

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
            # A new party's field ("party.id_number") lands beside its picker, named.
            head, _dot, sub = field.partition(".")
            if sub and head in self.fields:
                self.add_error(head, "%(l)s：%(m)s" % {"l": FIELD_LABELS.get(sub, sub), "m": message})
            else:
                # A list of rows refuses one line a row (第2行：…), each its own message.
                for line in message.splitlines():
                    self.add_error(field if field in self.fields else None, line)
        if not error.field_errors:
            self.add_error(None, error.message)


# The new party's fields the picker takes, each with its longest value (the model's column).
NEW_PARTY_FIELDS = {
    "kind": 24,
    "id_type": 24,
    "id_number": 40,
    "uscc": 30,
    "legal_representative": 50,
    "address": 200,
    "phone": 30,
}
NAME_LENGTH = 200


class PartyPickerWidget(forms.Widget):
    """The party picker: a name typed lists the town's parties of that name with what tells them apart
    (static/js/party-picker.js asks core:party-pick); the user chooses one, or "新当事人" and fills its
    fields on the same form. Posts `<name>` (the id chosen, or "new"), `<name>_name` and `<name>_<field>`."""

    template_name = "core/widgets/party_picker.html"

    def value_from_datadict(self, data: Any, files: Any, name: str) -> dict[str, str]:
        value = {"choice": str(data.get(name, "")).strip(), "name": str(data.get(f"{name}_name", ""))}
        for field in NEW_PARTY_FIELDS:
            value[field] = str(data.get(f"{name}_{field}", ""))
        return value

    def value_omitted_from_data(self, data: Any, files: Any, name: str) -> bool:
        return name not in data and f"{name}_name" not in data

    def format_value(self, value: Any) -> Any:
        # The posted dict as it came, for the template to refill every part of the picker.
        return value if isinstance(value, dict) else {"choice": "", "name": ""}

    def get_context(self, name: str, value: Any, attrs: Any) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        context["widget"].update(
            search_url=reverse("core:party-pick"),
            kinds=PartyKind.choices,
            id_types=IdType.choices,
            resident_id=IdType.RESIDENT_ID,
        )
        return context


def _party_choice(
    value: dict[str, str], *, field: str, line: int | None = None, relation: str = ""
) -> PartyChoice:
    """A picker's posted value as the services take it; only its shape is checked here."""
    where = "第%(n)d行：" % {"n": line} if line is not None else ""
    choice, name = value.get("choice", ""), value.get("name", "").strip()
    if choice == "new":
        if not name:
            raise forms.ValidationError(where + "请填写新当事人的姓名（名称）。")
        if len(name) > NAME_LENGTH:
            raise forms.ValidationError(where + "姓名（名称）不能超过 %(n)d 个字。" % {"n": NAME_LENGTH})
        for key, longest in NEW_PARTY_FIELDS.items():
            if len(value.get(key, "")) > longest:
                raise forms.ValidationError(
                    where + "%(l)s不能超过 %(n)d 个字。" % {"l": FIELD_LABELS[key], "n": longest}
                )
        given = {key: value.get(key, "").strip() for key in NEW_PARTY_FIELDS}
        data = PartyInput(
            kind=given["kind"],
            name=name,
            id_type=given["id_type"],
            id_number=given["id_number"],
            uscc=given["uscc"],
            legal_representative=given["legal_representative"],
            address=given["address"],
            phone=given["phone"],
        )
        return PartyChoice(new=data, field=field, line=line, relation=relation)
    if choice:
        if not choice.isdigit() or len(choice) > 18:
            raise forms.ValidationError(where + "未找到该当事人。")
        return PartyChoice(party_id=int(choice), field=field, line=line, relation=relation)
    return PartyChoice(typed_name=name, field=field, line=line, relation=relation)


class PartyPickerField(forms.Field):
    """One party, chosen among the town's or entered new; cleans to a `PartyChoice` for the service."""

    widget = PartyPickerWidget
    default_error_messages = {"required": "请选择当事人，或选择“新当事人”并填写其信息。"}

    def __init__(self, *, name: str = "party", **kwargs: Any) -> None:
        self.name = name
        super().__init__(**kwargs)

    def clean(self, value: Any) -> PartyChoice:
        value = value if isinstance(value, dict) else {}
        if not value.get("choice") and not value.get("name", "").strip():
            raise forms.ValidationError(self.error_messages["required"], code="required")
        return _party_choice(value, field=self.name)


MAX_PARTY_ROWS = 30


class PartyRowsWidget(forms.Widget):
    """Several parties on one form (a visit's visitors, a petition's representatives): one picker a row,
    posted as `<name>-<row>` and its fields (with `<name>-<row>_relation` where the record keeps how the
    row's party stands to it); a row left blank is skipped, the others keep their numbers."""

    template_name = "core/widgets/party_rows.html"
    picker = PartyPickerWidget()

    def __init__(self, attrs: Any = None, relations: list[tuple[str, str]] | None = None) -> None:
        super().__init__(attrs)
        self.relations = relations or []

    def value_from_datadict(self, data: Any, files: Any, name: str) -> list[dict[str, str]]:
        rows = []
        for row in range(MAX_PARTY_ROWS):
            value = self.picker.value_from_datadict(data, files, f"{name}-{row}")
            if self.relations:
                value["relation"] = str(data.get(f"{name}-{row}_relation", ""))
            rows.append(value)
        while rows and not any(rows[-1].values()):
            rows.pop()
        return rows

    def value_omitted_from_data(self, data: Any, files: Any, name: str) -> bool:
        return not any(key.startswith(f"{name}-") for key in data)

    def get_context(self, name: str, value: Any, attrs: Any) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        rows = value if isinstance(value, list) and value else [{"choice": "", "name": ""}]
        context["widget"]["rows"] = [
            self.picker.get_context(
                f"{name}-{row}", row_value, {"id": f"id_{name}-{row}", "class": "form-control"}
            )["widget"]
            for row, row_value in enumerate(rows)
        ]
        context["widget"]["blank"] = self.picker.get_context(
            f"{name}-__row__", None, {"id": f"id_{name}-__row__", "class": "form-control"}
        )["widget"]
        context["widget"]["relations"] = self.relations
        return context


class PartyRowsField(forms.Field):
    """A list of parties, one a row; each refusal names its row (第2行：…). With `relations`, each row
    also says how its party stands to the record (a visit's visitors)."""

    widget = PartyRowsWidget
    default_error_messages = {"required": "请至少填写一行：选择本镇（街道）的当事人，或选择“新当事人”登记。"}

    def __init__(self, *, name: str, relations: list[tuple[str, str]] | None = None, **kwargs: Any) -> None:
        self.name = name
        self.relations = dict(relations or [])
        super().__init__(widget=PartyRowsWidget(relations=relations), **kwargs)

    def clean(self, value: Any) -> list[PartyChoice]:
        rows = value if isinstance(value, list) else []
        choices: list[PartyChoice] = []
        errors: list[str] = []
        for row, row_value in enumerate(rows, start=1):
            if not row_value.get("choice") and not row_value.get("name", "").strip():
                continue
            relation = row_value.get("relation", "")
            if relation and relation not in self.relations:
                errors.append("第%(n)d行：请从列表中选择与本事项的关系。" % {"n": row})
                continue
            try:
                choices.append(_party_choice(row_value, field=self.name, line=row, relation=relation))
            except forms.ValidationError as error:
                errors.extend(error.messages)
        if errors:
            raise forms.ValidationError(errors)
        if self.required and not choices:
            raise forms.ValidationError(self.error_messages["required"], code="required")
        return choices


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


class TodoFilterForm(forms.Form):
    kind = forms.ChoiceField(label="事项类型", required=False)
    due = forms.ChoiceField(
        label="期限",
        required=False,
        choices=[("", "全部"), ("overdue", "已逾期"), ("soon", "七日内到期")],
    )

    def __init__(self, *args: Any, kinds: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        kind_field = self.fields["kind"]
        assert isinstance(kind_field, forms.ChoiceField)
        kind_field.choices = [("", "全部类型"), *kinds]


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
