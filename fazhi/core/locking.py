"""The one way a service takes a record it is about to change: the actor's own town's record, read
again under a row lock, so that two requests on the same record run one after the other and the
second sees what the first wrote."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, TypeVar, cast

from django.db import models

from fazhi.core import permissions
from fazhi.core.models import Organisation, Staff
from fazhi.core.roles import Role

RecordT = TypeVar("RecordT", bound=models.Model)


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
