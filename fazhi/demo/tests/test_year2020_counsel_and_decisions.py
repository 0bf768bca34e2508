"""The demo year's major decision and its legal counsel, as the figures state them: the one decision of
2020 took every step it needed (垃圾分类 needed both expert and risk assessment), and the counsel (吴律师)
reviewed it, most of the year's contracts and answered the town's legal questions month by month."""

from __future__ import annotations

import io
from collections.abc import Iterator

import pytest
from django.core.management import call_command
from django.test import override_settings

from conftest import set_ledger_triggers
from fazhi.core.figures import FIGURES, Scope, compute_all
from fazhi.core.models import Organisation

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo_year(django_db_setup, django_db_blocker) -> Iterator[Scope]:
    """The demo loaded once, as `make run` would; flushed at the end (the ledger's append-only triggers
    lifted for the flush only)."""
    with django_db_blocker.unblock():
        with override_settings(DEBUG=True):
            call_command("load_demo", stdout=io.StringIO())
        yield Scope(Organisation.objects.get(name="辛口镇"), 2020)
        set_ledger_triggers(enabled=False)
        call_command("flush", interactive=False, verbosity=0)


def test_the_decision_of_2020_took_every_step_it_needed(demo_year):
    values = compute_all(demo_year)
    assert {
        key: values[key].display
        for key in (
            "major_decisions",
            "decisions_comment_periods",
            "decision_comments",
            "decisions_expert_required",
            "decisions_expert_reviewed",
            "decisions_risk_required",
            "decisions_risk_assessed",
            "decisions_legality_reviewed",
            "decisions_discussed",
            "decisions_procedure_complete",
        )
    } == {
        "major_decisions": "1项",
        "decisions_comment_periods": "1项",
        "decision_comments": "2条",
        "decisions_expert_required": "1项",
        "decisions_expert_reviewed": "1项",
        "decisions_risk_required": "1项",
        "decisions_risk_assessed": "1项",
        "decisions_legality_reviewed": "1项",
        "decisions_discussed": "1项",
        "decisions_procedure_complete": "100%",
    }
    assert values["decisions_procedure_wording"].display == (
        "各项决策均履行了公众参与、合法性审查和集体讨论决定程序，须专家论证、风险评估的均已组织"
    )


def test_the_counsel_reviewed_most_contracts_the_decision_and_answered_a_question_a_month(demo_year):
    values = compute_all(demo_year)
    # 175 of the year's 214 review opinions (on 172 of the 210 contracts reviewed); the 司法所所长 gave
    # the other 39.
    assert values["counsel_contract_reviews"].display == "175份"
    assert values["contracts_reviewed"].display == "210份"
    assert values["counsel_decision_reviews"].display == "1件"
    assert values["counsel_consultations"].display == "12次"
    assert values["legal_counsels"].display == "1名"
    figure = FIGURES["legal_counsels"]
    [counsel] = figure.drill_down(demo_year)
    assert [column.value(counsel) for column in figure.columns] == ["吴律师", "司法所", 175, 1, 12]
    months = {row.asked_on.month for row in FIGURES["counsel_consultations"].drill_down(demo_year)}
    assert months == set(range(1, 13))
