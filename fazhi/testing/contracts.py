"""Contract fixtures: the town with its legal counsel, its review and archive series, a counterparty."""

from __future__ import annotations

import datetime
import io

import pytest
from django.utils import timezone

from conftest import credit_code, make_staff
from fazhi.contracts import rules, services
from fazhi.contracts.models import Contract, ContractKind
from fazhi.core import files
from fazhi.core import services as core_services
from fazhi.core.models import OrganisationKind, PartyKind
from fazhi.core.roles import Role

TODAY = timezone.localdate()
PDF = b"%PDF-1.4\n% a contract draft\n"


def stored(name: str = "合同送审稿.pdf", content: bytes = PDF) -> files.StoredFile:
    return files.StoredFile(*files.store(io.BytesIO(content), original_name=name))


@pytest.fixture
def town(world):
    """The world plus a head, a legal counsel, the 司法所 reviewer, an office, the series, a company."""
    world.head = make_staff(world.system, world.town, "head", [Role.HEAD], full_name="李镇长")
    world.counsel = make_staff(world.system, world.town, "counsel", [Role.LEGAL_COUNSEL], full_name="吴律师")
    world.office = core_services.create_organisation(
        world.system, name="党政办", kind=OrganisationKind.DEPARTMENT, parent=world.town
    )
    for key, code in ((rules.REVIEW_SERIES_KEY, "辛口合审"), (rules.ARCHIVE_SERIES_KEY, "辛口合档")):
        core_services.create_number_series(
            world.system, organisation=world.town, key=key, code=code, name=code
        )
    world.company = core_services.register_party(
        world.admin,
        core_services.PartyInput(
            kind=PartyKind.ORGANISATION,
            name="天津市西青区辛口建材有限公司",
            uscc=credit_code("91120111MA05XK2Q1"),
            legal_representative="马某",
        ),
    ).party
    return world


def contract_input(town, **overrides) -> services.ContractInput:
    fields = {
        "title": "机关食堂食材采购合同",
        "kind": ContractKind.PROCUREMENT,
        "amount_fen": 180_000_00,
        "counterparty": town.company,
        "department": town.office,
        "received_on": TODAY,
    }
    return services.ContractInput(**{**fields, **overrides})


def register(town, **overrides) -> Contract:
    return services.register_contract(town.admin, contract_input(town, **overrides), drafts=[stored()])


@pytest.fixture
def submitted(town) -> Contract:
    return register(town)


def days(n: int) -> datetime.timedelta:
    return datetime.timedelta(days=n)
