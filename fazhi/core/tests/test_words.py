"""Words for people, across the apps: a select's empty choice reads 请选择 (or says what it means),
never Django's "---------"; no developer's note is cited to a user; a step names the role that takes it;
a refusal links to the page that puts it right, for a user who may open that page."""

import importlib
import pkgutil
import re

from django import forms
from django.test import RequestFactory

import fazhi
from fazhi.contracts import rules as contract_rules
from fazhi.core.errors import Remedy, RuleViolation
from fazhi.core.forms import CHOOSE
from fazhi.core.pages import remedy_link
from fazhi.core.roles import Role
from fazhi.core.rules import Step
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


def test_a_person_registration_offers_choose_for_the_id_type():
    from fazhi.core.forms import PartyForm

    assert '<option value="" selected>请选择</option>' in str(PartyForm(initial={"id_type": ""})["id_type"])


def test_citations_carry_no_developer_notes():
    for citation in (
        contract_rules.LOCAL_RULES,
        learning_rules.HOURS_CITATION,
        learning_rules.LECTURES_CITATION,
    ):
        assert "可配置" not in citation


def test_a_step_names_the_roles_that_take_it():
    assert Step(name="file", label="立案", roles=(Role.HEAD,)).taken_by == "负责人"
    assert (
        Step(name="x", label="x", roles=(Role.OFFICER, Role.AUXILIARY)).taken_by == "执法人员、辅助执法人员"
    )
    assert Step(name="y", label="y").taken_by == "本单位工作人员"


def test_a_refusal_links_to_its_remedy_only_for_those_who_may_open_it(world):
    violation = RuleViolation("本镇尚未建立文号系列。", remedy=Remedy("core:number-series-list", "文号管理"))
    request = RequestFactory().get("/")
    request.user = world.admin
    assert remedy_link(request, violation.remedy) == {"url": "/numbering/", "label": "文号管理"}
    request.user = world.officer
    assert remedy_link(request, violation.remedy) is None
    assert remedy_link(request, RuleViolation("无处可改。").remedy) is None


def test_voiding_a_number_asks_for_confirmation(world):
    from django.db import transaction

    from fazhi.core import services
    from fazhi.core.models import IssuedNumber
    from fazhi.core.tests.test_numbering import make_series
    from fazhi.testing.pages import client_for

    series = make_series(world)
    with transaction.atomic():
        issued = services.issue_number(world.admin, series, year=2020, subject=world.town)
    admin = client_for(world.admin)
    page = admin.get(f"/numbering/{series.pk}/").content.decode()
    assert "确认作废（不可恢复）" in page
    refused = admin.post(f"/numbering/numbers/{issued.pk}/void/", {"reason": "起草有误"}, follow=True)
    assert "此操作不可撤销，请勾选确认。" in refused.content.decode()
    assert IssuedNumber.objects.get(pk=issued.pk).voided_reason == ""
    admin.post(f"/numbering/numbers/{issued.pk}/void/", {"reason": "起草有误", "confirm": "on"})
    assert IssuedNumber.objects.get(pk=issued.pk).voided_reason == "起草有误"
