"""Template helpers: Bootstrap classes on form widgets, and masked identifiers in lists."""

from __future__ import annotations

from django import forms, template
from django.utils.safestring import SafeString

register = template.Library()

CHECK_WIDGETS = (forms.CheckboxInput, forms.RadioSelect, forms.CheckboxSelectMultiple)


@register.filter
def bootstrap(field: forms.BoundField) -> SafeString:
    widget = field.field.widget
    if isinstance(widget, CHECK_WIDGETS):
        return field.as_widget()
    css = "form-select" if isinstance(widget, forms.Select) else "form-control"
    if field.errors:
        css += " is-invalid"
    attrs: dict[str, str | bool] = {"class": css}
    if field.errors:
        attrs["aria-invalid"] = "true"
        attrs["aria-describedby"] = f"{field.auto_id}_error"
    return field.as_widget(attrs=attrs)


@register.filter
def is_check(field: forms.BoundField) -> bool:
    return isinstance(field.field.widget, CHECK_WIDGETS)


@register.filter
def masked(value: str) -> str:
    """An identifier with its middle hidden, for lists seen over a shoulder: 1101**********002X."""
    if not value or len(value) < 8:
        return value
    return value[:4] + "*" * (len(value) - 8) + value[-4:]
