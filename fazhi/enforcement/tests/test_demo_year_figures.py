"""The enforcement figures of the demo town's 2020, replayed through the services by `load_demo`: its
legal reviewer at the 司法所, the four reviews and the three decisions that required one, no 复议 or
诉讼, the 29 cases closed (none archived: the demo year keeps no e-files) and the three powers on the
portal. The demo is loaded once for the module and removed afterwards."""

from __future__ import annotations

import io
from collections.abc import Iterator

import pytest
from django.core.management import call_command
from django.test import override_settings

from conftest import set_ledger_triggers
from fazhi.core.figures import FIGURES, Scope
from fazhi.core.models import Organisation


@pytest.fixture(scope="module")
def town(django_db_setup, django_db_blocker) -> Iterator[Organisation]:
    """The demo loaded once, committed as `make run` would; flushed at the end like a transactional
    test's database (the ledger's append-only triggers lifted for the flush only)."""
    with django_db_blocker.unblock():
        with override_settings(DEBUG=True):
            call_command("load_demo", stdout=io.StringIO())
        yield Organisation.objects.get(name="辛口镇")
        set_ledger_triggers(enabled=False)
        call_command("flush", interactive=False, verbosity=0)


pytestmark = pytest.mark.django_db

EXPECTED_2020 = {
    "legal_reviewers": "1名",
    "legal_reviewers_qualified": "1名",
    "legal_review_body": "辛口镇司法所",
    "legal_reviews_made": "4件",
    "legal_review_required": "3件",
    "remedies_filed": "0件",
    "remedies_decided": "0件",
    "remedies_lost": "0件",
    "remedies_lost_rate": "—",
    # The demo year's tables hold no 笔录: there is nothing to count.
    "records_credentials_shown": "—",
    "cases_closed": "29件",
    "cases_archived": "0%",
    "powers_published": "3项",
}


def test_the_enforcement_figures_of_2020(town):
    scope = Scope(town, 2020)
    shown = {key: FIGURES[key].compute(scope).display for key in EXPECTED_2020}
    assert shown == EXPECTED_2020
    # The share of art. 58 reviews is of exactly the decisions counted as requiring one.
    coverage = FIGURES["legal_review_coverage"].compute(scope)
    assert (coverage.numerator, coverage.denominator) == (3, 3)
