"""The 待办 as a person and as a supervisor read them, for each app's test that an item appears for the
right person, for nobody else, and leaves when done."""

from __future__ import annotations

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from fazhi.core import permissions, todos
from fazhi.core.models import Organisation, Staff
from fazhi.core.roles import Role
from fazhi.core.todos import Seat, Todo


def items(staff: Staff, kind: str, today: datetime.date | None = None) -> list[Todo]:
    """The staff member's items of one kind, in their own town."""
    assert staff.organisation is not None
    town = permissions.town_of(staff.organisation)
    assert town is not None
    seat = Seat(town_ids=(town.pk,), roles=permissions.roles_of(staff), staff=staff)
    return [todo for todo in todos.gather(seat, today or timezone.localdate()) if todo.kind == kind]


def town_items(town: Organisation, kind: str, today: datetime.date | None = None) -> list[Todo]:
    """A supervisor's reading of the town: every holder's items of one kind."""
    seat = Seat(town_ids=(town.pk,), roles=frozenset(Role), staff=None)
    return [todo for todo in todos.gather(seat, today or timezone.localdate()) if todo.kind == kind]


def queries_of(source: todos.Source, staff: Staff, today: datetime.date | None = None) -> int:
    """How many queries one source asks for the staff member's items: the same for one record as for
    many, so a town with thousands of records is read in a few queries."""
    assert staff.organisation is not None
    town = permissions.town_of(staff.organisation)
    assert town is not None
    seat = Seat(town_ids=(town.pk,), roles=permissions.roles_of(staff), staff=staff)
    with CaptureQueriesContext(connection) as captured:
        list(source(seat, today or timezone.localdate()))
    return len(captured)
