"""What every phase of a case shares: the number series' keys, the running clock, the move from stage to
stage under enforcement.rules.TRANSITIONS, and the check that a person works for the case's town."""

from __future__ import annotations

import datetime

from django.utils import timezone

from fazhi.core import locking, permissions
from fazhi.core.errors import NotFoundOrHidden
from fazhi.core.models import Organisation, Staff
from fazhi.core.roles import Role
from fazhi.enforcement import rules, selectors
from fazhi.enforcement.models import Case
from fazhi.enforcement.rules import Procedure, Stage

FILING_SERIES_KEY = "case-filing"
DECISION_SERIES_KEY = "penalty-decision"
SUMMARY_SERIES_KEY = "summary-decision"


def set_clock(case: Case, key: str, due: datetime.date | None) -> None:
    case.clock_key = key if due else ""
    case.clock_due = due


def set_clock_before_decision(case: Case) -> None:
    """Before the decision the running clock is the seven working days of the earliest unhandled
    先行登记保存 (art. 56), unless the decision period ends sooner; with none, the decision period."""
    due = (
        case.preservations.filter(handled_on__isnull=True)
        .order_by("decision_due")
        .values_list("decision_due", flat=True)
        .first()
    )
    if due is not None and (case.decision_due is None or due <= case.decision_due):
        set_clock(case, rules.PRESERVATION_DECISION.key, due)
    else:
        set_clock(case, rules.DECISION.key, case.decision_due)


def move(case: Case, target: Stage) -> rules.Transition:
    transition = rules.require_transition(Procedure(case.procedure), Stage(case.stage), target)
    case.stage = target
    return transition


def require_town_staff(person: Staff, town: Organisation) -> None:
    if person.organisation is None or not person.organisation.path.startswith(town.path):
        raise NotFoundOrHidden()


def take_judged(
    actor: Staff, case: Case, step: str, *, today: datetime.date | None = None
) -> tuple[Case, selectors.CaseRowFacts]:
    """The town's own case, locked for the transaction, once the step table (enforcement.rules.STEPS)
    lets this actor take `step` on it: the actor's role, where the case is, and the step's gates, as
    they stand on `today` (the day the step is taken); with the facts the gates read."""
    day = today or timezone.localdate()
    return locking.take_judged(
        actor, case, rules.STEPS[step], lambda locked: selectors.CaseRowFacts(locked, today=day)
    )


def take(actor: Staff, case: Case, step: str, *, today: datetime.date | None = None) -> Case:
    """take_judged, for a step that needs only the case."""
    return take_judged(actor, case, step, today=today)[0]


def credential_on(person: Staff, day: datetime.date) -> str:
    """The number of the person's 执法证 valid that day, or "" where none is."""
    valid = [credential for credential in person.credentials.all() if credential.is_valid_on(day)]
    return valid[0].number if valid else ""


def as_investigator(
    person: Staff, day: datetime.date, *, recused: bool = False, acting: bool = True
) -> rules.Investigator:
    """The person as art. 42 counts them on that day."""
    return rules.Investigator(
        name=person.full_name,
        is_auxiliary=not permissions.has_role(person, Role.OFFICER),
        has_valid_credential=any(credential.is_valid_on(day) for credential in person.credentials.all()),
        recused=recused,
        acting=acting,
    )


def as_case_investigators(
    case: Case, people: list[Staff], day: datetime.date, *, assigning: bool = False
) -> list[rules.Investigator]:
    """The people named for an act of investigation in the case, as arts. 42 and 43 count them: one
    withdrawn after recusal is recused; where the case has officers, only they act in it, unless they
    are being assigned to it now."""
    assigned = list(case.officers.all())
    withdrawn = {officer.staff_id for officer in assigned if officer.withdrawn_on is not None}
    acting = {officer.staff_id for officer in assigned if officer.withdrawn_on is None}
    return [
        as_investigator(
            person,
            day,
            recused=person.pk in withdrawn,
            acting=assigning or not assigned or person.pk in acting,
        )
        for person in dict.fromkeys(people)
    ]
