"""What the petitions' writes share: the town's own petition taken for a step, a person's or a unit's
belonging to the town, and the procedure's dates checked against the step they follow."""

from __future__ import annotations

import datetime

from django.utils import timezone

from fazhi.core import locking
from fazhi.core.models import Organisation, Staff
from fazhi.petitions import rules, selectors
from fazhi.petitions.models import Petition


def take(actor: Staff, petition: Petition, step: str) -> Petition:
    """The town's own petition, locked, once petitions.rules.STEPS lets the actor take `step` on it."""
    return locking.take_step(actor, petition, rules.STEPS[step], selectors.PetitionRowFacts)


def belongs_to(organisation: Organisation, town: Organisation) -> bool:
    return organisation.path.startswith(town.path)


def day_errors(
    errors: dict[str, str], field: str, day: datetime.date, *, not_before: datetime.date, before_text: str
) -> None:
    """A date of the procedure: not before the step it follows, not in the future."""
    if day < not_before:
        errors[field] = "%(what)s不能早于%(before)s %(d)s。" % {
            "what": FIELD_NAMES[field],
            "before": before_text,
            "d": not_before.isoformat(),
        }
    elif day > timezone.localdate():
        errors[field] = "%(what)s不能晚于今天。" % {"what": FIELD_NAMES[field]}


FIELD_NAMES = {
    "decided_on": "受理决定日期",
    "notice_on": "书面告知日期",
    "approved_on": "批准日期",
    "issued_on": "出具日期",
    "served_on": "送达日期",
    "requested_on": "请求日期",
    "answered_on": "答复日期",
    "contacted_on": "沟通日期",
}
