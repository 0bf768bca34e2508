"""Reads of enforcement data, narrowed to what the actor may see."""

from __future__ import annotations

from django.db.models import QuerySet

from fazhi.core import permissions
from fazhi.core.errors import NotFoundOrHidden
from fazhi.core.models import Party, Staff
from fazhi.core.party_links import PartyLink
from fazhi.enforcement.models import Case
from fazhi.enforcement.rules import STAGE_LABELS, Stage


def list_cases_for(actor: Staff, *, stage: str = "") -> QuerySet[Case]:
    cases = permissions.visible(actor, Case.objects.select_related("party", "filing_number"))
    return cases.filter(stage=stage) if stage else cases


def access_case(actor: Staff, case_id: object) -> Case:
    try:
        number = int(str(case_id))
    except ValueError:
        raise NotFoundOrHidden() from None
    case = (
        Case.objects.select_related("organisation", "party", "power", "filing_number")
        .filter(pk=number)
        .first()
    )
    if case is None or not permissions.can_see(actor, case.organisation):
        raise NotFoundOrHidden()
    return case


def party_case_links(actor: Staff, party: Party) -> list[PartyLink]:
    """The party's cases for its page (一户一档). Case pages are not built yet, so the entries carry
    no link."""
    return [
        PartyLink(
            title=str(case),
            url="",
            detail="%(title)s · %(stage)s" % {"title": case.title, "stage": STAGE_LABELS[Stage(case.stage)]},
        )
        for case in list_cases_for(actor).filter(party=party)
    ]
