"""Template helpers: Bootstrap classes on form widgets, and masked identifiers in lists."""

from __future__ import annotations

from django import forms, template
from django.utils.safestring import SafeString

from fazhi.core import money
from fazhi.core.validators import INDIVIDUAL_BUSINESS_PLACEHOLDER

register = template.Library()

GROUP_WIDGETS = (forms.RadioSelect, forms.CheckboxSelectMultiple)


@register.filter
def bootstrap(field: forms.BoundField) -> SafeString:
    """The widget with Bootstrap's class, marked invalid when it has errors, and described by its
    error and its help text, so a screen reader reads both."""
    widget = field.field.widget
    if isinstance(widget, forms.CheckboxInput):
        css = "form-check-input"
    elif isinstance(widget, forms.Select):
        css = "form-select"
    else:
        css = "form-control"
    described_by = []
    if field.errors:
        css += " is-invalid"
        described_by.append(f"{field.auto_id}_error")
    if field.help_text:
        described_by.append(f"{field.auto_id}_helptext")
    attrs: dict[str, str | bool] = {"class": css}
    if field.errors:
        attrs["aria-invalid"] = "true"
    if described_by:
        attrs["aria-describedby"] = " ".join(described_by)
    return field.as_widget(attrs=attrs)


@register.filter
def is_group(field: forms.BoundField) -> bool:
    """Radio buttons and checkbox lists: a fieldset with a legend, not one label."""
    return isinstance(field.field.widget, GROUP_WIDGETS)


@register.filter
def is_check(field: forms.BoundField) -> bool:
    return isinstance(field.field.widget, forms.CheckboxInput)


@register.filter
def real_credit_code(value: str) -> str:
    """The credit code, or nothing for the 双公示 placeholder that means "none"."""
    return "" if value == INDIVIDUAL_BUSINESS_PLACEHOLDER else value


@register.filter
def masked(value: str) -> str:
    """An identifier with its middle hidden, for lists seen over a shoulder: 1101**********002X."""
    if not value or len(value) < 8:
        return value
    return value[:4] + "*" * (len(value) - 8) + value[-4:]


@register.filter
def yuan(fen: int) -> str:
    return money.yuan(fen)


@register.filter
def get_item(mapping: dict[object, object], key: object) -> object:
    """mapping[key] in a template, None when absent: a row's entry in a dict the view built."""
    return mapping.get(key)
