"""Schemathesis against the whole API, as CI runs it: every operation of the OpenAPI document, with a
town administrator's token and an auxiliary officer's (the lowest role), must answer without a 5xx, with
a body that matches the schema it documents. Deterministic (derandomized) and bounded in examples, so a
failure here is the same failure on every run."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import hypothesis
import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import content_type_conformance, response_schema_conformance

from conftest import World, make_staff
from fazhi.core import services
from fazhi.core.models import Staff
from fazhi.core.roles import Role

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())
CHECKS = [not_a_server_error, response_schema_conformance, content_type_conformance]


@pytest.fixture(autouse=True)
def connection_kept_between_requests() -> Iterator[None]:
    """Schemathesis calls the WSGI application itself, not through Django's test client, so Django would
    close the database connection after each request — on PostgreSQL that ends the test's transaction.
    The test client keeps it open the same way."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture(params=["admin", "auxiliary"])
def caller(request: pytest.FixtureRequest, world: World) -> Staff:
    if request.param == "admin":
        return world.admin
    return make_staff(world.system, world.enforcement_team, "aux-fuzz", [Role.AUXILIARY])


@schema.parametrize()
@hypothesis.settings(
    max_examples=10,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(hypothesis.HealthCheck),
)
def test_every_operation_answers_within_its_schema(
    case: schemathesis.Case[Any], world: World, caller: Staff
) -> None:
    token = services.issue_api_token(world.system, caller)
    case.call_and_validate(headers={"Authorization": f"Bearer {token}"}, checks=CHECKS)
