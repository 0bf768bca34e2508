"""信访's 待办 (信访工作条例): a petition to decide whether to accept, within 15 days of receipt (art. 23);
an accepted one to answer with a 处理意见书, within 60 days of acceptance or the approved extension
(arts. 32, 34); a 复查 or 复核 whose answer is to be recorded, by its due day (arts. 35, 36). The due day is
the one the petition's page shows (selectors.clock_of). A key matter (重点信访事项) is its leader's and
its team's; any other petition is the petition staff's, by the roles of the step."""

from __future__ import annotations

import datetime
from collections.abc import Iterator

from django.template.defaultfilters import truncatechars
from django.urls import reverse

from fazhi.core import todos
from fazhi.core.todos import Seat, Todo, TodoKind
from fazhi.petitions import rules, selectors
from fazhi.petitions.models import Petition

ACCEPT = TodoKind("petition_accept", "信访事项待告知是否受理", "petitions")
OPINION = TodoKind("petition_opinion", "信访事项待出具处理意见书", "petitions")
REVIEW = TodoKind("petition_review", "复查、复核意见待登记", "petitions")
KINDS = (ACCEPT, OPINION, REVIEW)

# The step owed in each open status, with its kind, its page and what its period counts from.
OWED = {
    "accept": (
        ACCEPT,
        "petitions:accept",
        "自收到之日起%(n)d日（%(c)s）" % {"n": rules.ACCEPTANCE_NOTICE.days, "c": rules.ACCEPTANCE_CITATION},
    ),
    "opinion": (
        OPINION,
        "petitions:opinion",
        "自受理之日起%(n)d日，经批准延长的至延长期满（%(c)s）"
        % {"n": rules.HANDLING.days, "c": rules.HANDLING_CITATION},
    ),
    "review_opinion": (
        REVIEW,
        "petitions:review-answer",
        "自收到复查请求之日起%(n)d日（%(c)s）" % {"n": rules.REVIEW_ANSWER.days, "c": rules.REVIEW_CITATION},
    ),
    "re_review_opinion": (
        REVIEW,
        "petitions:re-review-answer",
        "自收到复核请求之日起30日，听证时间不计入（%(c)s）" % {"c": rules.RE_REVIEW_CITATION},
    ),
}
LEADER_WHY = "你是该重点信访事项的包案领导"
TEAM_WHY = "你是该重点信访事项的工作专班成员"
KEY_WHY = "重点信访事项，包案领导%(leader)s"


def _why(seat: Seat, petition: Petition, roles: tuple[str, ...]) -> str | None:
    """None: not the seat's (a key matter of someone else's)."""
    if not petition.is_key:
        return todos.why_role(roles)
    leader = petition.key_leader
    if seat.staff is None:
        return KEY_WHY % {"leader": leader.full_name if leader else ""}
    if leader is not None and leader.pk == seat.staff.pk:
        return LEADER_WHY
    if any(member.pk == seat.staff.pk for member in petition.key_team.all()):
        return TEAM_WHY
    return None


def petition_todos(seat: Seat, today: datetime.date) -> Iterator[Todo]:
    steps = [rules.STEPS[name] for name in OWED if seat.holds(rules.STEPS[name].roles)]
    if not steps:
        return
    for petition in selectors.open_in(seat.town_ids):
        facts = selectors.PetitionRowFacts(petition)
        clock = selectors.clock_of(petition)
        for step in steps:
            if not step.applies(facts) or step.blocked_by(facts) is not None:
                continue
            why = _why(seat, petition, step.roles)
            if why is None:
                continue
            kind, page, basis = OWED[step.name]
            yield Todo(
                kind=kind.code,
                title="%(d)s %(r)s"
                % {"d": petition.received_on.isoformat(), "r": truncatechars(petition.request, 20)},
                record_type="petition",
                record_id=petition.pk,
                step=step.name,
                step_label=step.label,
                why=why,
                due_on=clock.due_on if clock else None,
                due_basis=basis,
                url=reverse(page, args=[petition.pk]),
                town_id=petition.organisation_id,
            )
