"""Builders for the reports' tests across apps: the enforcement town with a mediator and a petition clerk
in each of two towns, the contract series, an office, a company and a villager (the dashboards' area);
a report finalised once its suggestions are decided and its own statements confirmed."""

from __future__ import annotations

from typing import Any

import pytest

from conftest import credit_code, make_staff, resident_id
from fazhi.contracts.rules import ARCHIVE_SERIES_KEY, REVIEW_SERIES_KEY
from fazhi.core import services as core_services
from fazhi.core.models import IdType, OrganisationKind, PartyKind
from fazhi.core.roles import Role
from fazhi.mediation import services as mediation
from fazhi.mediation.models import DisputeCategory
from fazhi.reports import rules, selectors
from fazhi.reports import services as report_services


@pytest.fixture
def area(town):
    """The enforcement town plus a mediator and a petition clerk (and the same in 杨柳青镇), the contract
    series, an office, a company and a villager of each town."""
    services_of: dict[int, dict[str, Any]] = {}
    for place, prefix in ((town.town, ""), (town.other_town, "other-")):
        services_of[place.pk] = {
            "mediator": make_staff(town.system, place, f"{prefix}mediator", [Role.MEDIATOR]),
            "clerk": make_staff(town.system, place, f"{prefix}clerk", [Role.PETITION_STAFF]),
        }
    town.staff_of = services_of
    for place, registrar, first17 in (
        (town.town, town.admin, "12011119810202002"),
        (town.other_town, town.other_admin, "12011119820303003"),
    ):
        services_of[place.pk]["villager"] = core_services.register_party(
            registrar,
            core_services.PartyInput(
                kind=PartyKind.PERSON, name="陈某", id_type=IdType.RESIDENT_ID, id_number=resident_id(first17)
            ),
        ).party
    for key, code in ((REVIEW_SERIES_KEY, "辛口合审"), (ARCHIVE_SERIES_KEY, "辛口合档")):
        core_services.create_number_series(town.system, organisation=town.town, key=key, code=code, name=code)
    core_services.create_organisation(
        town.system, name="党政办", kind=OrganisationKind.DEPARTMENT, parent=town.town
    )
    town.company = core_services.register_party(
        town.admin,
        core_services.PartyInput(
            kind=PartyKind.ORGANISATION,
            name="辛口建材公司",
            uscc=credit_code("91120111MA05XK2Q1"),
            legal_representative="马某",
        ),
    ).party
    mediation.ensure_default_categories()
    town.wages = DisputeCategory.objects.get(name="拖欠工资")
    return town


def dispute(area, place, day, category=None, persons=2):
    return mediation.register_dispute(
        area.staff_of[place.pk]["mediator"],
        mediation.DisputeInput(
            received_on=day,
            channel="visit",
            category=category or area.wages,
            visitor_count=persons,
            visitors=[area.staff_of[place.pk]["villager"]],
            summary="拖欠工资。",
            claims="要求支付工资。",
        ),
    )


def finalised(head, report, decision="dropped"):
    """The head decides every suggestion still undecided (`decision`) and confirms the town's own
    statements, then finalises the report."""
    for suggestion in selectors.suggestions_of(report, selectors.values_of(report)):
        if suggestion.decision is None:
            report_services.decide_suggestion(head, report, prompt_key=suggestion.key, decision=decision)
    if any(found.unconfirmed for found in selectors.own_statements_of(report)):
        report_services.confirm_statements(head, report)
    return report_services.finalise_report(head, report)


# The prompts of reports.rules.PROMPTS whose raising the reports' tests spell out, record by record.
SPELLED_OUT_PROMPTS = (
    "publication_late",
    "contract_unreviewed",
    "decision_late",
    "legal_review_gap",
    "device_gap",
    "training_rare",
    "training_hours",
    "mediation_late",
    "key_petitions_open",
)


@pytest.fixture
def spelled_out_prompts(monkeypatch):
    """Only the prompts the tests spell out: a prompt added later (whose records these tests do not
    make) is then tested where it is added, not counted among these tests' suggestions."""
    prompts = [prompt for prompt in rules.PROMPTS if prompt.key in SPELLED_OUT_PROMPTS]
    monkeypatch.setattr(rules, "PROMPTS", prompts)
    monkeypatch.setattr(rules, "PROMPTS_BY_KEY", {prompt.key: prompt for prompt in prompts})
