"""Reads of learning records, scoped to what the actor may see: the lists, per-person hours against
the yearly target, and the year's counts for the annual report."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q, QuerySet, Sum

from fazhi.core import permissions
from fazhi.core.errors import NotFoundOrHidden
from fazhi.core.models import Organisation, Staff
from fazhi.core.roles import Role
from fazhi.core.selectors import int_id
from fazhi.learning import rules
from fazhi.learning.models import StudyKind, StudySession, Training, TrainingKind


def sessions_for(actor: Staff, *, year: int | None = None, kind: str = "") -> QuerySet[StudySession]:
    sessions = permissions.visible(actor, StudySession.objects.all())
    if year:
        sessions = sessions.filter(held_on__year=year)
    if kind in StudyKind.values:
        sessions = sessions.filter(kind=kind)
    return sessions.annotate(attendance=Count("attendees")).order_by("-held_on", "-id")


def trainings_for(actor: Staff, *, year: int | None = None, kind: str = "") -> QuerySet[Training]:
    trainings = permissions.visible(actor, Training.objects.all())
    if year:
        trainings = trainings.filter(held_on__year=year)
    if kind in TrainingKind.values:
        trainings = trainings.filter(kind=kind)
    return trainings.annotate(attendance=Count("attendees")).order_by("-held_on", "-id")


def access_session(actor: Staff, session_id: object) -> StudySession:
    session = sessions_for(actor).filter(pk=int_id(session_id)).first()
    if session is None:
        raise NotFoundOrHidden()
    return session


def access_training(actor: Staff, training_id: object) -> Training:
    training = trainings_for(actor).filter(pk=int_id(training_id)).first()
    if training is None:
        raise NotFoundOrHidden()
    return training


def staff_of(actor: Staff) -> QuerySet[Staff]:
    """The town's people, to choose attendees from."""
    return permissions.visible(actor, Staff.objects.filter(is_active=True, is_system=False)).order_by(
        "full_name"
    )


@dataclass(frozen=True)
class PersonHours:
    person: Staff
    hours: Decimal
    target: Decimal

    @property
    def shortfall(self) -> Decimal:
        return max(Decimal(0), self.target - self.hours)

    @property
    def below_target(self) -> bool:
        return self.hours < self.target


def hours_by_officer(organisation: Organisation, *, year: int) -> list[PersonHours]:
    """Each officer's (执法人员, 辅助执法人员) training hours in the year, the furthest behind first."""
    target = rules.yearly_hours_target()
    officers = (
        Staff.objects.filter(
            is_active=True,
            organisation__path__startswith=organisation.path,
            role_grants__role__in=[Role.OFFICER, Role.AUXILIARY],
        )
        .distinct()
        .annotate(
            hours=Sum("trainings__hours", filter=Q(trainings__held_on__year=year)),
        )
    )
    rows = [PersonHours(person, person.hours or Decimal(0), target) for person in officers]
    return sorted(rows, key=lambda row: (row.hours, row.person.full_name))
