"""待办: what each person must do now, gathered from every app.

Each app registers, from its AppConfig.ready, the kinds of item it raises and one source: a function
that, for a seat (a person with their roles in their town, or a whole town for a supervisor), returns
the items of that seat. A source derives its items from its own step table and gates (the step a
record's page offers, unblocked, to someone holding a role of the step), never from a second copy of
the rules; an item names the step by its name in the table, so a done step leaves the list at once.

Pure of any app: core builds on no domain app, and the 工作台, the sidebar's counts, the API and the
daily digest read this one registry."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.core.cache import cache

from fazhi.core import permissions
from fazhi.core.models import TOWN_KINDS, Organisation, Staff
from fazhi.core.roles import Role
from fazhi.ledger.models import LedgerHead


@dataclass(frozen=True)
class TodoKind:
    code: str  # stable: `GET /api/v1/tasks?kind=` and the filters use it
    label: str
    section: str  # the sidebar entry whose count includes it (context_processors.SECTION_OF_URL_NAME)


@dataclass(frozen=True)
class Seat:
    """Whose items: `staff` with the roles they hold in `town_ids`; or, with `staff` None, every holder
    of `roles` in those towns (a district supervisor reading a town's overdue work)."""

    town_ids: tuple[int, ...]
    roles: frozenset[str]
    staff: Staff | None

    def holds(self, roles: Iterable[str]) -> bool:
        """Whether the seat holds a role of a step (any role, for a step that names none)."""
        wanted = set(roles)
        return not wanted or bool(self.roles & wanted)

    @property
    def staff_id(self) -> int | None:
        return self.staff.pk if self.staff is not None else None


@dataclass(frozen=True)
class Todo:
    kind: str
    title: str  # the record, as its list names it
    record_type: str  # case, contract, dispute, petition, publication, decision, report, key_task…
    record_id: int
    step: str  # the step's name in its app's step table
    step_label: str
    why: str  # why it is the seat's: the role the step needs, or the seat's part in the record
    due_on: datetime.date | None
    url: str
    town_id: int
    due_basis: str = ""  # what the due date is counted from, with its article

    def overdue(self, today: datetime.date) -> bool:
        return self.due_on is not None and self.due_on < today

    def days_left(self, today: datetime.date) -> int | None:
        return (self.due_on - today).days if self.due_on is not None else None


Source = Callable[[Seat, datetime.date], Iterable[Todo]]

_KINDS: dict[str, TodoKind] = {}
_SOURCES: list[Source] = []


def register(source: Source, *kinds: TodoKind) -> None:
    for kind in kinds:
        if kind.code in _KINDS and _KINDS[kind.code] != kind:
            raise ValueError(f"todo kind {kind.code} registered twice")
        _KINDS[kind.code] = kind
    if source not in _SOURCES:
        _SOURCES.append(source)


def kinds() -> list[TodoKind]:
    return list(_KINDS.values())


def kind(code: str) -> TodoKind:
    return _KINDS[code]


def gather(seat: Seat, today: datetime.date) -> list[Todo]:
    """Every source's items for the seat, soonest due first (undated last), then by record."""
    found = [todo for source in _SOURCES for todo in source(seat, today)]
    return sorted(found, key=lambda todo: (todo.due_on is None, todo.due_on or today, todo.title, todo.step))


ROLE_WHY = "由%(role)s办理"


def why_role(roles: Iterable[str]) -> str:
    """Why an item is the seat's when the step's roles are the reason: "由负责人办理"."""
    return ROLE_WHY % {"role": "或".join(Role(role).label for role in roles)}


# ------------------------------------------------------------------------------------ whose items

CACHE_SECONDS = 600


def seat_of(actor: Staff) -> Seat | None:
    """The actor's own seat: their roles in their town; None for someone who acts in no town (a
    district supervisor, whose view is towns_overdue)."""
    town = permissions.town_of(actor.organisation) if actor.organisation and actor.is_active else None
    if town is None:
        return None
    return Seat(town_ids=(town.pk,), roles=permissions.roles_of(actor), staff=actor)


def for_actor(actor: Staff, today: datetime.date) -> list[Todo]:
    """The actor's items, judged once and kept until anything changes: every change of a record is an
    event of the ledger in the change's own transaction, so the ledger's size is the version. The
    工作台, the sidebar's counts that follow it, the API and the digest read the same judgement."""
    size = LedgerHead.objects.values_list("size", flat=True).first() or 0
    key = f"todos:{actor.pk}:{today.isoformat()}:{size}"
    found: list[Todo] | None = cache.get(key)
    if found is None:
        seat = seat_of(actor)
        found = gather(seat, today) if seat is not None else []
        cache.set(key, found, CACHE_SECONDS)
    return found


def team_of(actor: Staff) -> list[Staff]:
    """A head's team: the active staff of the head's own unit and the units under it (a team lead of
    the 综合执法队 sees the team; a town's head, the whole town), the head excepted."""
    if not permissions.has_role(actor, Role.HEAD) or actor.organisation is None:
        return []
    return list(
        Staff.objects.filter(
            is_active=True, is_system=False, organisation__path__startswith=actor.organisation.path
        )
        .exclude(pk=actor.pk)
        .order_by("full_name")
    )


def for_team(actor: Staff, today: datetime.date) -> list[tuple[Staff, list[Todo]]]:
    return [(person, items) for person in team_of(actor) if (items := for_actor(person, today))]


def towns_overdue(actor: Staff, today: datetime.date) -> list[tuple[Organisation, list[Todo]]]:
    """A supervisor's view: each town below them with its items past due, whoever holds them."""
    root = permissions.scope_root(actor)
    if root is None or not permissions.has_role(actor, Role.SUPERVISOR):
        return []
    towns = Organisation.objects.filter(path__startswith=root.path, kind__in=TOWN_KINDS).order_by("path")
    everyone = frozenset(Role)
    found = []
    for town in towns:
        items = [todo for todo in gather(Seat((town.pk,), everyone, None), today) if todo.overdue(today)]
        found.append((town, items))
    return found


def counts(actor: Staff, today: datetime.date) -> dict[str, int]:
    """The actor's items per sidebar section."""
    found: dict[str, int] = {}
    for todo in for_actor(actor, today):
        section = _KINDS[todo.kind].section
        found[section] = found.get(section, 0) + 1
    return found
