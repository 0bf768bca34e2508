"""矛调中心's 待办: a matter no unit holds, to dispatch (分流交办) at the centre, and a matter a unit holds,
to close (办结) — each against the closure target the matter keeps from the day of the visit
(人民调解工作若干规定 art. 33). The handling units are not people in the system, so a matter is the
centre staff's, by the roles of the step; the unit in charge is named in why."""

from __future__ import annotations

import datetime
from collections.abc import Iterator

from django.template.defaultfilters import truncatechars
from django.urls import reverse

from fazhi.core import todos
from fazhi.core.todos import Seat, Todo, TodoKind
from fazhi.mediation import rules, selectors
from fazhi.mediation.models import Dispatch, Dispute

DISPATCH = TodoKind("dispute_dispatch", "矛调事项待分流交办", "mediation")
CLOSE = TodoKind("dispute_close", "矛调事项待办结", "mediation")
KINDS = (DISPATCH, CLOSE)

IN_HAND_WHY = "由%(unit)s承办（交办期限 %(due)s），%(roles)s"


def _basis() -> str:
    period = rules.closure_period()
    return "自接待之日起%(n)d日（%(c)s）" % {"n": period.days, "c": period.citation}


def _title(dispute: Dispute) -> str:
    return "%(d)s %(c)s：%(s)s" % {
        "d": dispute.received_on.isoformat(),
        "c": dispute.category,
        "s": truncatechars(dispute.summary, 20),
    }


def _why(step: str, dispatch: Dispatch | None) -> str:
    roles = todos.why_role(rules.STEPS[step].roles)
    if dispatch is None:
        return roles
    return IN_HAND_WHY % {"unit": dispatch.unit.name, "due": dispatch.due_on.isoformat(), "roles": roles}


def dispute_todos(seat: Seat, today: datetime.date) -> Iterator[Todo]:
    dispatch, close = rules.STEPS["dispatch"], rules.STEPS["close"]
    if not (seat.holds(dispatch.roles) or seat.holds(close.roles)):
        return
    basis = _basis()
    for facts, in_hand in selectors.open_with_dispatch(seat.town_ids):
        # One item a matter: closing a matter no unit holds is possible, but dispatching it is owed first.
        kind, step = (CLOSE, close) if facts.in_hand else (DISPATCH, dispatch)
        if not seat.holds(step.roles) or not step.applies(facts) or step.blocked_by(facts) is not None:
            continue
        dispute = facts.dispute
        yield Todo(
            kind=kind.code,
            title=_title(dispute),
            record_type="dispute",
            record_id=dispute.pk,
            step=step.name,
            step_label=step.label,
            why=_why(step.name, in_hand),
            due_on=dispute.due_on,
            due_basis=basis,
            url=reverse(f"mediation:{step.name}", args=[dispute.pk]),
            town_id=dispute.organisation_id,
        )
