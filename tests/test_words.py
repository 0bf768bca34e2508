"""Words for people, across the apps: a select's empty choice reads 请选择 or says in words what empty
means, never Django's "---------"; no developer's note is cited to a user."""

import importlib
import pkgutil
import re

from django import forms

import fazhi
from fazhi.contracts import rules as contract_rules
from fazhi.core.forms import CHOOSE
from fazhi.learning import rules as learning_rules


def every_form() -> list[type[forms.Form]]:
    """Every form class of the project's apps (each app's forms module or package)."""
    for app in pkgutil.iter_modules(fazhi.__path__):
        try:
            module = importlib.import_module(f"fazhi.{app.name}.forms")
        except ModuleNotFoundError:
            continue
        for part in pkgutil.iter_modules(getattr(module, "__path__", [])):
            importlib.import_module(f"{module.__name__}.{part.name}")
    found = []
    pending: list[type[forms.Form]] = [forms.Form]
    while pending:
        for sub in pending.pop().__subclasses__():
            pending.append(sub)
            if sub.__module__.startswith("fazhi."):
                found.append(sub)
    return found


def says_what_it_means(label: str) -> bool:
    """请选择, a filter's 全部…, or words that say what empty means (（无）, 不适用): never dashes or
    nothing at all."""
    return label == CHOOSE or re.search(r"[\u4e00-\u9fff]", label) is not None


def test_no_form_offers_dashes_or_a_blank_as_its_empty_choice():
    forms_seen = every_form()
    assert len(forms_seen) > 50, "every app's forms are walked"
    wrong = []
    for form in forms_seen:
        for name, field in form.base_fields.items():
            if isinstance(field, forms.ModelMultipleChoiceField):
                continue
            if isinstance(field, forms.ModelChoiceField):
                if field.empty_label is not None and not says_what_it_means(str(field.empty_label)):
                    wrong.append(f"{form.__name__}.{name}: {field.empty_label}")
            elif isinstance(field, forms.ChoiceField):
                empty = [str(label) for value, label in list(field.choices) if value == ""]  # type: ignore[arg-type]
                wrong += [
                    f"{form.__name__}.{name}: {label}" for label in empty if not says_what_it_means(label)
                ]
    assert wrong == []


def test_citations_carry_no_developer_notes():
    for citation in (
        contract_rules.LOCAL_RULES,
        learning_rules.HOURS_CITATION,
        learning_rules.LECTURES_CITATION,
    ):
        assert "可配置" not in citation
