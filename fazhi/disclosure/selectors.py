"""Reads of publications: the staff queue and the public list, which sees only the snapshot."""

from __future__ import annotations

import datetime

from django.db.models import Q, QuerySet

from fazhi.core import permissions
from fazhi.core.errors import NotFoundOrHidden
from fazhi.core.models import Staff
from fazhi.disclosure.events import DisclosureEvent
from fazhi.disclosure.models import Publication, PublicationStatus
from fazhi.enforcement.models import PenaltyDecision
from fazhi.ledger.models import Event


def decisions_awaiting_publication(actor: Staff) -> QuerySet[PenaltyDecision]:
    """Decisions of the actor's towns with no publication yet, the oldest first."""
    visible = permissions.visible(actor, PenaltyDecision.objects.all(), org_field="case__organisation")
    return (
        visible.filter(publication__isnull=True)
        .select_related("number", "case__party")
        .order_by("decided_on", "id")
    )


def publications_for(actor: Staff, *, status: str = "") -> QuerySet[Publication]:
    publications = permissions.visible(actor, Publication.objects.all())
    return publications.filter(status=status) if status else publications


def access_publication(actor: Staff, publication_id: object) -> Publication:
    try:
        number = int(str(publication_id))
    except ValueError:
        raise NotFoundOrHidden() from None
    publication = publications_for(actor).select_related("decision__case").filter(pk=number).first()
    if publication is None:
        raise NotFoundOrHidden()
    return publication


def access_decision_for_publication(actor: Staff, decision_id: object) -> PenaltyDecision:
    try:
        number = int(str(decision_id))
    except ValueError:
        raise NotFoundOrHidden() from None
    decision = decisions_awaiting_publication(actor).filter(pk=number).first()
    if decision is None:
        raise NotFoundOrHidden()
    return decision


# --------------------------------------------------------------------------------------- the public


def public_list(*, today: datetime.date, query: str = "") -> QuerySet[Publication]:
    """What anyone may see: published and within its disclosure period. Only snapshot columns."""
    publications = Publication.objects.filter(status=PublicationStatus.PUBLISHED, visible_until__gte=today)
    text = query.strip()
    if text:
        publications = publications.filter(
            Q(party_name__icontains=text)
            | Q(decision_number__icontains=text)
            | Q(violation_type__icontains=text)
        )
    return publications.only(
        "id", "party_name", "decision_number", "violation_type", "decided_on", "authority", "penalty_content"
    ).order_by("-decided_on", "-id")


def public_publication(publication_id: object) -> Publication:
    """A publication by its public address: published, withdrawn or expired (the page says which);
    drafts and withheld decisions do not exist for the public."""
    try:
        number = int(str(publication_id))
    except ValueError:
        raise NotFoundOrHidden() from None
    publication = Publication.objects.filter(
        pk=number, status__in=[PublicationStatus.PUBLISHED, PublicationStatus.WITHDRAWN]
    ).first()
    if publication is None:
        raise NotFoundOrHidden()
    return publication


def publication_event(publication: Publication) -> Event | None:
    """The ledger event that published this content, whose entry carries its fingerprint."""
    return (
        Event.objects.filter(
            action=DisclosureEvent.PUBLISHED,
            subject_type=publication._meta.label_lower,
            subject_id=str(publication.pk),
        )
        .order_by("sequence")
        .first()
    )
