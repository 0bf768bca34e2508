"""The field helpers the enforcement forms share."""

from __future__ import annotations

from django import forms

from fazhi.enforcement.rules import (
    PenaltyKind,
)


def yuan_field(label: str, *, required: bool = True) -> forms.DecimalField:
    return forms.DecimalField(
        label=label, min_value=0, max_digits=12, decimal_places=2, required=required, help_text="单位：元"
    )


def penalty_kinds_field(label: str, *, required: bool) -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=label, choices=PenaltyKind.choices, widget=forms.CheckboxSelectMultiple, required=required
    )


DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


def choose(form: forms.Form, name: str, choices: list[tuple[int, str]]) -> None:
    field = form.fields[name]
    assert isinstance(field, forms.TypedChoiceField | forms.TypedMultipleChoiceField)
    field.choices = choices
