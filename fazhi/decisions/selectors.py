"""Reads of major decisions: the staff's lists and file, the steps with what blocks each, the portal's
open consultations with their approved comments (masked), and the year's counts."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from functools import cached_property

from django.db.models import Count, Q, QuerySet

from fazhi.core import permissions, public_text
from fazhi.core.errors import NotFoundOrHidden
from fazhi.core.models import Organisation, Staff
from fazhi.core.rules import Offer
from fazhi.core.selectors import int_id
from fazhi.decisions import rules
from fazhi.decisions.models import (
    AssessmentKind,
    CatalogueItem,
    CollectiveDiscussion,
    CommentPeriod,
    DecisionArchive,
    DecisionStatus,
    MajorDecision,
    Moderation,
    Outcome,
    PublicComment,
)


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


def readiness(decision: MajorDecision, *, today: datetime.date) -> rules.Readiness:
    """What the file holds for rules.check_discussion_ready."""
    period = getattr(decision, "comment_period", None)
    latest = decision.legality_reviews.order_by("-submitted_on", "-id").first()
    unanswered = (
        period.comments.filter(moderation=Moderation.PENDING).count()
        + period.comments.filter(moderation=Moderation.APPROVED, answer="").count()
        if period
        else 0
    )
    kinds = set(decision.assessments.values_list("kind", flat=True))
    return rules.Readiness(
        legality_passed=bool(latest and latest.passed),
        legality_pending=bool(latest and latest.passed is None),
        comment_period_closed=(period.closes_on < today) if period else None,
        unanswered_comments=unanswered,
        needs_expert=decision.needs_expert,
        has_expert=AssessmentKind.EXPERT in kinds,
        needs_risk=decision.needs_risk,
        has_risk=AssessmentKind.RISK in kinds,
    )


class DecisionRowFacts:
    """decisions.rules.DecisionFacts, read from the decision's rows on the day given."""

    def __init__(self, decision: MajorDecision, *, today: datetime.date) -> None:
        self.decision = decision
        self.today = today

    @property
    def status(self) -> str:
        return self.decision.status

    @property
    def status_label(self) -> str:
        return self.decision.get_status_display()

    @cached_property
    def has_comment_period(self) -> bool:
        return CommentPeriod.objects.filter(decision=self.decision).exists()

    @cached_property
    def legality_pending(self) -> bool:
        return self.decision.legality_reviews.filter(passed__isnull=True).exists()

    @cached_property
    def readiness(self) -> rules.Readiness:
        return readiness(self.decision, today=self.today)

    @cached_property
    def adopted(self) -> bool:
        return CollectiveDiscussion.objects.filter(decision=self.decision, outcome=Outcome.ADOPTED).exists()

    @cached_property
    def archived(self) -> bool:
        return DecisionArchive.objects.filter(decision=self.decision).exists()


def offers_for(actor: Staff, decision: MajorDecision, *, today: datetime.date) -> dict[str, Offer]:
    """The steps of decisions.rules.STEPS the decision's page offers this actor, by name."""
    facts = DecisionRowFacts(decision, today=today)
    return {offer.name: offer for offer in permissions.offers_for(actor, rules.STEPS, facts)}


# ------------------------------------------------------------------------------------------ the public


@dataclass(frozen=True)
class PublicCommentView:
    text: str
    submitted_on: datetime.date
    answer: str
    reason: str


def commenter_names(organisation: Organisation | None) -> list[str]:
    """The names commenters gave (never shown), for the public-text gate's register of persons."""
    comments = PublicComment.objects.exclude(name="")
    if organisation is not None:
        comments = comments.filter(period__decision__organisation__path__startswith=organisation.path)
    return list(comments.values_list("name", flat=True).distinct())


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
) -> tuple[CommentPeriod, str, list[PublicCommentView]]:
    """A consultation as the portal shows it: the period, its draft and the approved comments with their
    answers, every text through the public-text gate."""
    period = public_consultations(today=today).filter(pk=int_id(period_id)).first()
    if period is None:
        raise NotFoundOrHidden()
    # A comment passes the public-text gate with what the town knows (the template escapes markup).
    known = public_text.known_for(period.decision.organisation)
    comments = [
        PublicCommentView(
            text=public_text.for_public(comment.text, known),
            submitted_on=comment.submitted_at.date(),
            answer=comment.get_answer_display() if comment.answer else "",
            reason=public_text.for_public(comment.answer_reason, known),
        )
        for comment in period.comments.filter(moderation=Moderation.APPROVED).order_by("submitted_at", "id")
    ]
    return period, public_text.for_public(period.draft, known), comments


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
