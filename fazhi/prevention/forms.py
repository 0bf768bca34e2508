"""Prevention forms: they parse input; the services apply the rules."""

from __future__ import annotations

from typing import Any

from django import forms

from fazhi.core.forms import CHOOSE, DATE, ServiceErrorsMixin
from fazhi.core.models import Organisation
from fazhi.prevention.models import ActivityChannel, ActivityKind, CommunityVolunteer, VolunteerRole


class VolunteerForm(ServiceErrorsMixin):
    name = forms.CharField(label="姓名", max_length=50)
    role = forms.ChoiceField(label="身份", choices=VolunteerRole.choices)
    village = forms.ModelChoiceField(
        label="所在村（社区）", queryset=Organisation.objects.none(), empty_label=CHOOSE
    )
    joined_on = forms.DateField(label="加入日期", widget=DATE)
    phone = forms.CharField(label="联系电话", max_length=20, required=False)

    def __init__(self, *args: Any, villages: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["village"].queryset = villages  # type: ignore[attr-defined]


class EndServiceForm(ServiceErrorsMixin):
    left_on = forms.DateField(label="服务截止日期", widget=DATE, help_text="最后一天服务的日期")
    reason = forms.CharField(label="退出原因", max_length=200, help_text="如：迁出本村、年龄原因、本人申请")


class VolunteerChoiceField(forms.ModelMultipleChoiceField[CommunityVolunteer]):
    """Each member with their role and village, since two villages may each have a 王秀兰."""

    def label_from_instance(self, obj: CommunityVolunteer) -> str:
        return "%(n)s（%(r)s · %(v)s）" % {"n": obj.name, "r": obj.get_role_display(), "v": obj.village.name}


class ActivityForm(ServiceErrorsMixin):
    held_on = forms.DateField(label="日期", widget=DATE)
    kind = forms.ChoiceField(label="类别", choices=ActivityKind.choices)
    channel = forms.ChoiceField(
        label="渠道",
        choices=[("", CHOOSE), *ActivityChannel.choices],
        help_text="短信、微信群和朋友圈推送的，受众按收到的人次填写",
    )
    place = forms.CharField(label="地点", max_length=100)
    description = forms.CharField(label="活动内容", widget=forms.Textarea(attrs={"rows": 3}), required=False)
    materials_handed_out = forms.IntegerField(label="发放资料（份）", initial=0)
    people_reached = forms.IntegerField(label="受众（人次）", initial=0)
    volunteers = VolunteerChoiceField(
        label="参加队员",
        queryset=CommunityVolunteer.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="从今天在册的队员中选择",
    )

    def __init__(self, *args: Any, members: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["volunteers"].queryset = members  # type: ignore[attr-defined]


class RosterFilterForm(forms.Form):
    role = forms.ChoiceField(label="身份", choices=[("", "全部身份"), *VolunteerRole.choices], required=False)
    village = forms.ModelChoiceField(
        label="村（社区）", queryset=Organisation.objects.none(), required=False, empty_label="全部村（社区）"
    )

    def __init__(self, *args: Any, villages: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["village"].queryset = villages  # type: ignore[attr-defined]


class ActivityFilterForm(forms.Form):
    kind = forms.ChoiceField(label="类别", choices=[("", "全部类别"), *ActivityKind.choices], required=False)
    channel = forms.ChoiceField(
        label="渠道", choices=[("", "全部渠道"), *ActivityChannel.choices], required=False
    )
    month = forms.RegexField(
        label="月份",
        regex=r"^(19|20|21)\d{2}-(0[1-9]|1[0-2])$",
        required=False,
        widget=forms.DateInput(attrs={"type": "month"}),
    )


class YearForm(forms.Form):
    year = forms.IntegerField(label="年度", min_value=2000, max_value=2100, required=False)
