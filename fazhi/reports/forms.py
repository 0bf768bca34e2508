"""Annual report forms: they parse input; the services apply the rules."""

from __future__ import annotations

from typing import Any

from django import forms

from fazhi.core.forms import ServiceErrorsMixin
from fazhi.reports import rules


class DraftForm(ServiceErrorsMixin):
    year = forms.TypedChoiceField(label="年度", coerce=int)

    def __init__(self, *args: Any, years: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(year, f"{year}年度") for year in years]  # type: ignore[attr-defined]


class ParagraphForm(ServiceErrorsMixin):
    text = forms.CharField(
        label="段落文字",
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="数据用花括号中的名称表示，如 {study_sessions}；可用的名称见下方数据清单",
    )


class NewParagraphForm(ParagraphForm):
    section = forms.ChoiceField(label="所在部分", choices=rules.SECTIONS)

    field_order = ["section", "text"]


class ConfirmForm(ServiceErrorsMixin):
    """A button's POST: nothing to parse, the service decides."""
