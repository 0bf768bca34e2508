"""Shared test fixtures: a small world of two towns under one district, built through the services."""

from __future__ import annotations

import contextlib
import datetime
import importlib
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.cache import caches
from django.db import connection

from fazhi.core import public_version, services, validators
from fazhi.core.models import Organisation, OrganisationKind, Staff
from fazhi.core.roles import Role
from fazhi.ledger import checkpoint

PASSWORD = "correct-horse-battery"
ROOT = Path(__file__).resolve().parent


def run_manage(
    *args: str, var_dir: Path, env: dict[str, str] | None = None, timeout: int = 300
) -> subprocess.CompletedProcess[str]:
    """manage.py in a fresh process on the embedded setup (SQLite under var_dir), with the
    production settings module and none of this test run's secret or database."""
    base = {
        key: value
        for key, value in os.environ.items()
        if key not in {"SECRET_KEY", "FAZHI_DEBUG", "DATABASE_URL"}
    }
    base.update({"DJANGO_SETTINGS_MODULE": "fazhi.settings", "FAZHI_VAR_DIR": str(var_dir)}, **(env or {}))
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=base,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def resident_id(first17: str) -> str:
    return first17 + validators.resident_id_check_character(first17)


def credit_code(first17: str) -> str:
    return first17 + validators.uscc_check_character(first17)


@dataclass
class World:
    system: Staff
    city: Organisation
    district: Organisation
    town: Organisation
    enforcement_team: Organisation
    village: Organisation
    other_town: Organisation
    admin: Staff
    officer: Staff
    other_admin: Staff
    supervisor: Staff


def make_staff(
    world_system: Staff, organisation: Organisation, username: str, roles: list[Role], **extra: object
) -> Staff:
    return services.create_staff(
        world_system,
        username=username,
        full_name=extra.pop("full_name", username),  # type: ignore[arg-type]
        organisation=organisation,
        password=PASSWORD,
        roles=list(roles),
        **extra,  # type: ignore[arg-type]
    )


@pytest.fixture
def world(db: None) -> World:
    system = services.system_actor()
    city = services.create_organisation(system, name="天津市", kind=OrganisationKind.CITY, parent=None)
    district = services.create_organisation(
        system, name="西青区", kind=OrganisationKind.DISTRICT, parent=city
    )
    town = services.create_organisation(
        system, name="辛口镇", kind=OrganisationKind.TOWN, parent=district, organ_code="西青辛政"
    )
    team = services.create_organisation(
        system, name="综合行政执法队", kind=OrganisationKind.DEPARTMENT, parent=town
    )
    village = services.create_organisation(system, name="辛口村", kind=OrganisationKind.VILLAGE, parent=town)
    other_town = services.create_organisation(
        system, name="杨柳青镇", kind=OrganisationKind.TOWN, parent=district
    )
    admin = make_staff(system, town, "town-admin", [Role.ADMIN], full_name="王管理")
    officer = make_staff(system, team, "officer", [Role.OFFICER], full_name="张执法")
    other_admin = make_staff(system, other_town, "other-admin", [Role.ADMIN], full_name="杨管理")
    supervisor = make_staff(system, district, "supervisor", [Role.SUPERVISOR], full_name="陈监督")
    return World(
        system=system,
        city=city,
        district=district,
        town=town,
        enforcement_team=team,
        village=village,
        other_town=other_town,
        admin=admin,
        officer=officer,
        other_admin=other_admin,
        supervisor=supervisor,
    )


@pytest.fixture(scope="session", autouse=True)
def ledger_signing_key() -> None:
    """Production settings refuse to sign without a key file; tests get one of their own, shared by the
    test workers (the first to start creates it)."""
    with contextlib.suppress(FileExistsError):
        checkpoint.create_signing_key(Path(settings.LEDGER_SIGNING_KEY_FILE), "test.fazhi.local/ledger")


@pytest.fixture(autouse=True)
def ledger_checkpoint_dir(settings: Any, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Each test keeps its signed checkpoints in a directory of its own: a checkpoint kept by one test
    would otherwise make the next test's fresh database look like a fork of the log."""
    folder = tmp_path_factory.mktemp("ledger-checkpoints")
    settings.LEDGER_CHECKPOINT_DIR = folder
    return folder


@pytest.fixture(autouse=True)
def empty_cache() -> None:
    """Each test starts with nothing cached: no public page, no rate-limit count from another test."""
    for alias in settings.CACHES:
        caches[alias].clear()
    public_version.forget_version()


@pytest.fixture
def today() -> datetime.date:
    return datetime.date(2026, 11, 28)


LEDGER_TRIGGERS = importlib.import_module("fazhi.ledger.migrations.0002_append_only_triggers")


def set_ledger_triggers(*, enabled: bool) -> None:
    prefix = "SQLITE" if connection.vendor == "sqlite" else "POSTGRES"
    statements = getattr(LEDGER_TRIGGERS, f"{prefix}_{'CREATE' if enabled else 'DROP'}")
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


DB_FIXTURES = {"db", "transactional_db", "live_server"}


@pytest.fixture(autouse=True)
def ledger_triggers_in_place(request: pytest.FixtureRequest) -> Iterator[None]:
    """Every database test runs with the append-only triggers in place. Transactional tests end with a
    flush of every table, which the triggers refuse, so they are lifted for that flush only."""
    marker = request.node.get_closest_marker("django_db")
    uses_db = marker is not None or bool(DB_FIXTURES & set(request.fixturenames))
    if not uses_db:
        yield
        return
    transactional = bool(marker is not None and marker.kwargs.get("transaction")) or bool(
        {"transactional_db", "live_server"} & set(request.fixturenames)
    )
    request.getfixturevalue("transactional_db" if transactional else "db")
    set_ledger_triggers(enabled=True)
    yield
    if transactional:
        set_ledger_triggers(enabled=False)
