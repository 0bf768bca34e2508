"""Every app says once, in its rules' step table, who may take each step and which rule blocks it; the
pages and the services read that table, and the law is written in rules modules only."""

import importlib
import re
from pathlib import Path
from typing import Any

from django.urls import get_resolver

from fazhi.core.access import ACCESS_ATTRIBUTE, STEP_ATTRIBUTE
from fazhi.core.rules import Steps
from tests.test_every_url_declares_access import walk

ROOT = Path(__file__).resolve().parent.parent / "fazhi"
APPS_WITH_STEPS = (
    "enforcement",
    "disclosure",
    "contracts",
    "decisions",
    "mediation",
    "petitions",
    "learning",
    "prevention",
    "governance",
    "reports",
)


def tables() -> dict[str, Steps[Any]]:
    return {app: importlib.import_module(f"fazhi.{app}.rules").STEPS for app in APPS_WITH_STEPS}


def test_every_step_has_a_name_a_label_and_roles_from_the_role_list():
    for app, table in tables().items():
        for step in table:
            assert re.fullmatch(r"[a-z_]+", step.name), (app, step.name)
            assert step.label.strip(), (app, step.name)
            assert step.roles, (app, step.name)


def test_a_page_guarded_by_a_step_lets_in_exactly_the_roles_of_that_step_of_its_own_app():
    guarded = [
        (route, view)
        for route, view in walk(get_resolver().url_patterns)
        if getattr(view, STEP_ATTRIBUTE, None) is not None
    ]
    assert len(guarded) > 60
    for route, view in guarded:
        step = getattr(view, STEP_ATTRIBUTE)
        app = view.__module__.split(".")[1]
        assert tables()[app][step.name] is step, route
        assert getattr(view, ACCESS_ATTRIBUTE) == ("staff", step.roles), route


def test_the_law_is_raised_only_in_rules_modules():
    """A service or a selector that refuses an action asks a rule, which says why and cites it."""
    raising = [
        str(path.relative_to(ROOT))
        for path in ROOT.rglob("*.py")
        if "tests" not in path.parts
        and "raise RuleViolation" in path.read_text(encoding="utf-8")
        and not (path.name == "rules.py" or path.parent.name == "rules")
    ]
    assert raising == []
