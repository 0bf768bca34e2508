"""The one way a service takes a record it is about to change: the actor's own town's record, read
again under a row lock, so that two requests on the same record run one after the other and the
second sees what the first wrote."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol, TypeVar, cast

from django.db import models

from fazhi.core import permissions
from fazhi.core.models import Organisation, Staff
from fazhi.core.roles import Role
from fazhi.core.rules import Step

RecordT = TypeVar("RecordT", bound=models.Model)
FactsT = TypeVar("FactsT")


class TownRecord(Protocol):
    @property
    def organisation(self) -> Organisation: ...


def lock_own(
    actor: Staff, record: RecordT, *, roles: Sequence[Role] = (), related: Sequence[str] = ()
) -> RecordT:
    """`record` as it stands now, locked until the transaction ends. With `roles`, the actor must hold
    one of them (checked first, so a missing role is said as such even on another town's record)."""
    if roles:
        permissions.require_role(actor, *roles)
    permissions.require_own(actor, cast(TownRecord, record).organisation)
    rows = type(record)._default_manager.select_for_update()
    return rows.select_related(*related).get(pk=record.pk) if related else rows.get(pk=record.pk)


def judge_step(
    actor: Staff, record: RecordT, step: Step[FactsT], facts: Callable[[RecordT], FactsT]
) -> FactsT:
    """What take_judged checks — the actor's own record, the table's roles, the step's gates — without
    the lock: for work done before the step's transaction (writing an archive's zip), which the
    transaction then takes again under the lock."""
    permissions.require_own(actor, cast(TownRecord, record).organisation)
    permissions.require_step(actor, step)
    judged = facts(record)
    step.check(judged)
    return judged


def take_judged(
    actor: Staff,
    record: RecordT,
    step: Step[FactsT],
    facts: Callable[[RecordT], FactsT],
    *,
    related: Sequence[str] = (),
) -> tuple[RecordT, FactsT]:
    """The actor's own record, locked, once its app's step table lets the actor take `step` on it: the
    table's roles, then the step's gates over the record's facts as they stand under the lock. The facts
    come back with it, so a service that reads them again finds them already read."""
    record = lock_own(actor, record, related=related)
    permissions.require_step(actor, step)
    judged = facts(record)
    step.check(judged)
    return record, judged


def take_step(
    actor: Staff,
    record: RecordT,
    step: Step[FactsT],
    facts: Callable[[RecordT], FactsT],
    *,
    related: Sequence[str] = (),
) -> RecordT:
    """take_judged, for a service that needs only the record."""
    return take_judged(actor, record, step, facts, related=related)[0]
