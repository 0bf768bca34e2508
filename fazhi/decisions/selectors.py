"""Reads of major decisions: the staff's lists and file, the steps with what blocks each, the portal's
open consultations with their approved comments (masked), and the year's counts."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from fazhi.core import permissions
from fazhi.core.errors import NotFoundOrHidden
from fazhi.core.models import Organisation, Staff
from fazhi.core.selectors import int_id
from fazhi.decisions.models import (
    CatalogueItem,
    CommentPeriod,
    DecisionStatus,
    MajorDecision,
    Moderation,
    PublicComment,
)
from fazhi.disclosure import masking


def catalogue_for(actor: Staff, *, year: int) -> QuerySet[CatalogueItem]:
    return permissions.visible(actor, CatalogueItem.objects.filter(year=year)).select_related("department")


def decisions_for(actor: Staff) -> QuerySet[MajorDecision]:
    return permissions.visible(actor, MajorDecision.objects.select_related("catalogue_item")).order_by("-id")


def access_decision(actor: Staff, decision_id: object) -> MajorDecision:
    decision = decisions_for(actor).filter(pk=int_id(decision_id)).first()
    if decision is None:
        raise NotFoundOrHidden()
    return decision


def access_catalogue_item(actor: Staff, item_id: object) -> CatalogueItem:
    item = permissions.visible(actor, CatalogueItem.objects.all()).filter(pk=int_id(item_id)).first()
    if item is None:
        raise NotFoundOrHidden()
    return item


def access_comment(actor: Staff, comment_id: object) -> PublicComment:
    comment = (
        PublicComment.objects.select_related("period__decision__organisation")
        .filter(pk=int_id(comment_id))
        .first()
    )
    if comment is None or not permissions.can_see(actor, comment.period.decision.organisation):
        raise NotFoundOrHidden()
    return comment


# ------------------------------------------------------------------------------------------ the public


def shown_text(text: str) -> str:
    """A comment as the portal shows it: ID, phone and account numbers replaced (the template escapes
    any markup)."""
    return masking.redact(text, masking.scan(text))


@dataclass(frozen=True)
class PublicCommentView:
    text: str
    submitted_on: datetime.date
    answer: str
    reason: str


def public_consultations(*, today: datetime.date) -> QuerySet[CommentPeriod]:
    """Drafts open for comment now, and those closed, newest first."""
    return (
        CommentPeriod.objects.filter(opens_on__lte=today)
        .select_related("decision__catalogue_item", "decision__organisation")
        .annotate(shown=Count("comments", filter=Q(comments__moderation=Moderation.APPROVED)))
        .order_by("-opens_on", "-id")
    )


def public_consultation(
    period_id: object, *, today: datetime.date
) -> tuple[CommentPeriod, list[PublicCommentView]]:
    period = public_consultations(today=today).filter(pk=int_id(period_id)).first()
    if period is None:
        raise NotFoundOrHidden()
    comments = [
        PublicCommentView(
            text=shown_text(comment.text),
            submitted_on=comment.submitted_at.date(),
            answer=comment.get_answer_display() if comment.answer else "",
            reason=comment.answer_reason,
        )
        for comment in period.comments.filter(moderation=Moderation.APPROVED).order_by("submitted_at", "id")
    ]
    return period, comments


def published_catalogue(*, year: int) -> QuerySet[CatalogueItem]:
    return (
        CatalogueItem.objects.filter(year=year, published_at__isnull=False)
        .select_related("organisation", "department")
        .order_by("organisation__path", "id")
    )


@dataclass(frozen=True)
class YearCounts:
    catalogue_items: int
    decided: int
    with_public_comment: int
    comments: int


def counts_for_year(organisation: Organisation, *, year: int) -> YearCounts:
    decisions = MajorDecision.objects.filter(
        organisation__path__startswith=organisation.path, catalogue_item__year=year
    )
    return YearCounts(
        catalogue_items=CatalogueItem.objects.filter(
            organisation__path__startswith=organisation.path, year=year
        ).count(),
        decided=decisions.exclude(status=DecisionStatus.PREPARING).count(),
        with_public_comment=decisions.filter(comment_period__isnull=False).count(),
        comments=PublicComment.objects.filter(period__decision__in=decisions).count(),
    )
