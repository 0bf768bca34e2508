"""Annual report forms: they parse input; the services apply the rules."""

from __future__ import annotations

from typing import Any

from django import forms

from fazhi.core.forms import ServiceErrorsMixin
from fazhi.reports import rules, wording


class DraftForm(ServiceErrorsMixin):
    year = forms.TypedChoiceField(label="年度", coerce=int)

    def __init__(self, *args: Any, years: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(year, f"{year}年度") for year in years]  # type: ignore[attr-defined]


class ParagraphForm(ServiceErrorsMixin):
    """The text as the editor shows it, each figure as 【its label】, stored with the figure's key."""

    text = forms.CharField(
        label="段落文字",
        widget=forms.Textarea(attrs={"rows": 8, "data-fz-figure-editor": "figure-choices"}),
        help_text="用“插入数据”在光标处插入统计数字；生成报告时换成当时的数值",
        error_messages={"required": "请填写段落文字。"},
    )

    def clean_text(self) -> str:
        text: str = self.cleaned_data["text"]
        if "{" in text or "}" in text:
            raise forms.ValidationError("文字中不能有花括号；需要统计数字时请用“插入数据”。")
        stored, unknown = wording.from_editor(text)
        if unknown:
            raise forms.ValidationError(
                "无法识别的数据：%(l)s。请从“插入数据”中选用。"
                % {"l": "、".join("【%s】" % label for label in unknown)}
            )
        return stored


class NewParagraphForm(ParagraphForm):
    section = forms.ChoiceField(label="所在部分", choices=rules.SECTIONS)

    field_order = ["section", "text"]


class DecisionForm(ServiceErrorsMixin):
    decision = forms.ChoiceField(
        label="决定",
        choices=[("confirmed", "确认"), ("dropped", "不采纳")],
        error_messages={"required": "请选择确认或不采纳。", "invalid_choice": "请选择确认或不采纳。"},
    )


class ConfirmForm(ServiceErrorsMixin):
    """A button's POST: nothing to parse, the service decides."""


class StatementsForm(ServiceErrorsMixin):
    """确认 one paragraph's own statements, or (no paragraph given) every one still to confirm."""

    paragraph = forms.IntegerField(
        label="段落", required=False, min_value=1, error_messages={"invalid": "段落编号无效。"}
    )
