"""What every phase of a case shares: the number series' keys, the running clock, the move from stage to
stage under enforcement.rules.TRANSITIONS, and the check that a person works for the case's town."""

from __future__ import annotations

import datetime

from fazhi.core.errors import NotFoundOrHidden
from fazhi.core.models import Organisation, Staff
from fazhi.enforcement import rules
from fazhi.enforcement.models import Case
from fazhi.enforcement.rules import Procedure, Stage

FILING_SERIES_KEY = "case-filing"
DECISION_SERIES_KEY = "penalty-decision"
SUMMARY_SERIES_KEY = "summary-decision"


def set_clock(case: Case, key: str, due: datetime.date | None) -> None:
    case.clock_key = key if due else ""
    case.clock_due = due


def move(case: Case, target: Stage) -> rules.Transition:
    transition = rules.require_transition(Procedure(case.procedure), Stage(case.stage), target)
    case.stage = target
    return transition


def require_town_staff(person: Staff, town: Organisation) -> None:
    if person.organisation is None or not person.organisation.path.startswith(town.path):
        raise NotFoundOrHidden()
