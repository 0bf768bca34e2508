"""公示's 待办: a penalty decision to draft for publication, a draft to check for private data or to
publish, all within the 7 working days from the decision the draft keeps (国办发〔2018〕118号), and a
publication a 复议 or court has annulled, to come down within 3 working days (行政处罚法 art. 48)."""

from __future__ import annotations

import datetime
from collections.abc import Iterator

from django.urls import reverse

from fazhi.core import todos
from fazhi.core.todos import Seat, Todo, TodoKind
from fazhi.disclosure import rules, selectors
from fazhi.disclosure.models import Publication, PublicationStatus
from fazhi.enforcement.models import PenaltyDecision

PREPARE = TodoKind("publication_prepare", "处罚决定待生成公示稿", "disclosure")
REVIEW = TodoKind("publication_review", "公示稿待核对个人信息", "disclosure")
PUBLISH = TodoKind("publication_publish", "公示稿待发布", "disclosure")
WITHDRAW = TodoKind("publication_withdraw", "公示待撤回", "disclosure")
KINDS = (PREPARE, REVIEW, PUBLISH, WITHDRAW)

PUBLISH_BASIS = "自处罚决定作出之日起%(n)d个工作日（%(c)s）" % {
    "n": rules.PUBLISH.days,
    "c": rules.PUBLISH.citation,
}
WITHDRAW_BASIS = "自复议决定或裁判作出之日起%(n)d个工作日（%(c)s）" % {
    "n": rules.WITHDRAW.days,
    "c": rules.WITHDRAW.citation,
}


def _todo(
    kind: TodoKind,
    step: str,
    *,
    title: str,
    record_id: int,
    url: str,
    due_on: datetime.date,
    due_basis: str,
    town_id: int,
) -> Todo:
    return Todo(
        kind=kind.code,
        title=title,
        record_type="publication",
        record_id=record_id,
        step=step,
        step_label=rules.STEPS[step].label,
        why=todos.why_role(rules.STEPS[step].roles),
        url=url,
        due_on=due_on,
        due_basis=due_basis,
        town_id=town_id,
    )


def _to_prepare(seat: Seat) -> Iterator[Todo]:
    """A decision not yet drafted: prepared by the roles of the table's `prepare` (a registration step,
    taken from the queue, so the query asks what its gate asks: no publication yet)."""
    if not seat.holds(rules.STEPS["prepare"].roles):
        return
    decisions = PenaltyDecision.objects.filter(
        case__organisation_id__in=seat.town_ids, publication__isnull=True
    ).select_related("number", "case__party")
    for decision in decisions.order_by("decided_on", "id"):
        yield _todo(
            PREPARE,
            "prepare",
            title="%(n)s %(p)s" % {"n": decision.number.text, "p": decision.case.party or ""},
            record_id=decision.pk,
            url=reverse("disclosure:prepare", args=[decision.pk]),
            due_on=rules.PUBLISH.due(decision.decided_on).due,
            due_basis=PUBLISH_BASIS,
            town_id=decision.case.organisation_id,
        )


def _drafts(seat: Seat) -> Iterator[Todo]:
    """A draft is published by the head once nothing private is left unsettled; while something is, it
    waits for a preparer to mark it hidden (or the head to release it), the step the page then offers."""
    publish, review = rules.STEPS["publish"], rules.STEPS["review"]
    if not (seat.holds(publish.roles) or seat.holds(review.roles)):
        return
    drafts = Publication.objects.filter(organisation_id__in=seat.town_ids, status=PublicationStatus.DRAFT)
    for publication in drafts.select_related("decision__case__party").order_by("due_on", "id"):
        facts = selectors.PublicationRowFacts(publication)
        if not publish.applies(facts):
            continue
        kind, step = (PUBLISH, publish) if publish.blocked_by(facts) is None else (REVIEW, review)
        if not seat.holds(step.roles):
            continue
        yield _todo(
            kind,
            step.name,
            title="%(n)s %(p)s" % {"n": publication.decision_number, "p": publication.party_name},
            record_id=publication.pk,
            url=reverse("disclosure:publication", args=[publication.pk]),
            due_on=publication.due_on,
            due_basis=PUBLISH_BASIS,
            town_id=publication.organisation_id,
        )


def _to_withdraw(seat: Seat) -> Iterator[Todo]:
    withdraw = rules.STEPS["withdraw"]
    if not seat.holds(withdraw.roles):
        return
    for due in selectors.withdrawals_in(seat.town_ids):
        publication = due.publication
        facts = selectors.PublicationRowFacts(publication)
        if not withdraw.applies(facts) or withdraw.blocked_by(facts) is not None:
            continue
        yield _todo(
            WITHDRAW,
            "withdraw",
            title="%(n)s %(p)s" % {"n": publication.decision_number, "p": publication.party_name},
            record_id=publication.pk,
            url=reverse("disclosure:publication", args=[publication.pk]),
            due_on=due.due,
            due_basis=WITHDRAW_BASIS,
            town_id=publication.organisation_id,
        )


def publication_todos(seat: Seat, today: datetime.date) -> Iterator[Todo]:
    yield from _to_prepare(seat)
    yield from _drafts(seat)
    yield from _to_withdraw(seat)
