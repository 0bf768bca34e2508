"""Reads of the petitions app: the lists with their deadline warnings, a petition's page, the key
matters board (清仓见底), the year's counts for the annual report and the citizen's progress lookup."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from functools import cached_property

from django.db.models import Count, F, OuterRef, Q, QuerySet, Subquery, Sum
from django.urls import reverse
from django.utils import timezone

from fazhi.core import permissions
from fazhi.core.errors import InvalidInput, NotFoundOrHidden
from fazhi.core.models import Organisation, Party, Staff
from fazhi.core.party_links import PartyLink
from fazhi.core.progress import PublicProgress
from fazhi.core.roles import Role
from fazhi.core.rules import Offer
from fazhi.core.selectors import int_id
from fazhi.petitions import rules
from fazhi.petitions.models import (
    Channel,
    Extension,
    Opinion,
    Petition,
    PetitionContact,
    PetitionStatus,
    Review,
    ReviewLevel,
)

OPEN_STATUSES = (
    PetitionStatus.RECEIVED,
    PetitionStatus.ACCEPTED,
    PetitionStatus.REVIEW,
    PetitionStatus.RE_REVIEW,
)
REVIEW_STATUSES = (PetitionStatus.REVIEW, PetitionStatus.RE_REVIEW)


def _with_review_due(petitions: QuerySet[Petition]) -> QuerySet[Petition]:
    """Each petition with the due date of its unanswered 复查 or 复核 (clock_of reads it)."""
    open_review_due = Review.objects.filter(petition=OuterRef("pk"), answered_on__isnull=True).values(
        "due_on"
    )[:1]
    return petitions.annotate(review_due_on=Subquery(open_review_due))


def petitions_for(actor: Staff) -> QuerySet[Petition]:
    """The petitions the actor may see, each with the due date of its unanswered 复查 or 复核."""
    return permissions.visible(actor, _with_review_due(Petition.objects.all())).order_by(
        "-received_on", "-id"
    )  # newest first by the day received (petition_org_received)


def open_in(town_ids: tuple[int, ...]) -> QuerySet[Petition]:
    """The towns' petitions with a period running, the leader and team of a key matter read with them
    (the 待办)."""
    petitions = Petition.objects.filter(organisation_id__in=town_ids, status__in=OPEN_STATUSES)
    return (
        _with_review_due(petitions).select_related("key_leader").prefetch_related("key_team").order_by("id")
    )


def access_petition(actor: Staff, petition_id: object) -> Petition:
    petition = petitions_for(actor).filter(pk=int_id(petition_id)).first()
    if petition is None:
        raise NotFoundOrHidden()
    return petition


@dataclass(frozen=True)
class Clock:
    """The period running now: its name, its last day and its article."""

    label: str
    due_on: datetime.date
    citation: str


def clock_of(petition: Petition) -> Clock | None:
    """Read from the stored due dates; a petition fetched by petitions_for carries its review's."""
    review_due: datetime.date | None = getattr(petition, "review_due_on", None)
    if petition.status == PetitionStatus.RECEIVED:
        return Clock("告知是否受理", petition.notice_due_on, rules.ACCEPTANCE_CITATION)
    if petition.status == PetitionStatus.ACCEPTED and petition.due_on is not None:
        return Clock("办结", petition.due_on, rules.HANDLING_CITATION)
    if petition.status == PetitionStatus.REVIEW and review_due is not None:
        return Clock("复查意见", review_due, rules.REVIEW_CITATION)
    if petition.status == PetitionStatus.RE_REVIEW and review_due is not None:
        return Clock("复核意见", review_due, rules.RE_REVIEW_CITATION)
    return None


def deadline_state(petition: Petition, today: datetime.date) -> str:
    """overdue, due_soon or open for a running period; late for a matter concluded after its period."""
    clock = clock_of(petition)
    if clock is None:
        late = petition.concluded_on and petition.due_on and petition.concluded_on > petition.due_on
        return "late" if late else ""
    if clock.due_on < today:
        return "overdue"
    if (clock.due_on - today).days <= rules.WARNING_DAYS:
        return "due_soon"
    return "open"


DEADLINE_FILTERS = {
    "open": "办理中",
    "due_soon": "即将到期",
    "overdue": "已超期",
    "key": "重点信访事项",
    "concluded": "已办结",
}


def _due(lookup: str, value: datetime.date) -> Q:
    """The running period's due date compared with `value` (lookup "lt", "gte", "lte")."""
    return (
        Q(status=PetitionStatus.RECEIVED, **{f"notice_due_on__{lookup}": value})
        | Q(status=PetitionStatus.ACCEPTED, **{f"due_on__{lookup}": value})
        | Q(status__in=REVIEW_STATUSES, **{f"review_due_on__{lookup}": value})
    )


def filter_by_deadline(petitions: QuerySet[Petition], state: str, today: datetime.date) -> QuerySet[Petition]:
    open_ = petitions.filter(status__in=OPEN_STATUSES)
    soon = today + datetime.timedelta(days=rules.WARNING_DAYS)
    filters = {
        "open": lambda: open_,
        "due_soon": lambda: open_.filter(_due("gte", today) & _due("lte", soon)),
        "overdue": lambda: open_.filter(_due("lt", today)),
        "key": lambda: petitions.filter(is_key=True),
        "concluded": lambda: petitions.exclude(status__in=OPEN_STATUSES),
    }
    chosen = filters.get(state)
    return chosen() if chosen else petitions


def extension_of(petition: Petition) -> Extension | None:
    return Extension.objects.filter(petition=petition).select_related("approved_by").first()


def opinion_of(petition: Petition) -> Opinion | None:
    return Opinion.objects.filter(petition=petition).select_related("number", "issued_by").first()


def reviews_of(petition: Petition) -> QuerySet[Review]:
    return Review.objects.filter(petition=petition)


def review_request_due(opinion: Opinion) -> datetime.date:
    return rules.REVIEW_REQUEST.due(opinion.served_on).due


def re_review_request_due(review: Review) -> datetime.date | None:
    if review.level != ReviewLevel.REVIEW or review.served_on is None:
        return None
    return rules.RE_REVIEW_REQUEST.due(review.served_on).due


def access_opinion(actor: Staff, petition_id: object) -> Opinion:
    opinion = opinion_of(access_petition(actor, petition_id))
    if opinion is None:
        raise NotFoundOrHidden()
    return opinion


def find_earlier(actor: Staff, tracking_number: str) -> Petition | None:
    """The earlier registration of the same matter, by its tracking number; blank for none."""
    code = tracking_number.strip().upper()
    if not code:
        return None
    earlier = petitions_for(actor).filter(tracking_number=code).first()
    if earlier is None:
        raise InvalidInput("未找到前次登记。", field_errors={"earlier": "未找到该查询码对应的本镇信访事项。"})
    return earlier


def contacts_of(petition: Petition) -> QuerySet[PetitionContact]:
    return (
        PetitionContact.objects.filter(petition=petition)
        .select_related("made_by")
        .order_by("contacted_on", "id")
    )


def in_charge_of(actor: Staff, petition: Petition) -> bool:
    """The key matter's leader in charge (包案领导) or a member of its 工作专班."""
    if not petition.is_key:
        return False
    return petition.key_leader_id == actor.pk or petition.key_team.filter(pk=actor.pk).exists()


def recorder_facts(actor: Staff, petition: Petition) -> dict[str, bool]:
    """What rules.check_contact_recorder reads about the actor and the petition."""
    return {
        "holds_petition_role": permissions.has_role(actor, *rules.STAFF_ROLES),
        "in_charge": in_charge_of(actor, petition),
    }


def may_record_contact(actor: Staff, petition: Petition) -> bool:
    return rules.may_record_contact(**recorder_facts(actor, petition))


def town_staff(actor: Staff) -> QuerySet[Staff]:
    """The staff of the actor's town, for a 工作专班."""
    town = permissions.scope_root(actor)
    if town is None:
        return Staff.objects.none()
    return Staff.objects.filter(organisation__path__startswith=town.path, is_active=True, is_system=False)


def town_heads(actor: Staff) -> QuerySet[Staff]:
    """The town's heads, who may be the leader in charge (包案领导)."""
    return town_staff(actor).filter(role_grants__role=Role.HEAD).distinct()


# ------------------------------------------------------------------------------------ key matters


@dataclass(frozen=True)
class KeyMatterRow:
    petition_id: int
    tracking_number: str
    received_on: datetime.date
    request: str
    leader: str
    team: tuple[str, ...]
    due_on: datetime.date | None
    concluded_on: datetime.date | None
    extended_days: int
    # cleared: concluded within its period; late: concluded after it; open: still running; overdue:
    # still open past its period — all as of the board's day.
    state: str

    @property
    def state_label(self) -> str:
        return {"cleared": "按期办结", "late": "超期办结", "open": "办理中", "overdue": "超期未办结"}[
            self.state
        ]


@dataclass(frozen=True)
class KeyMattersBoard:
    year: int
    as_of: datetime.date
    rows: list[KeyMatterRow]

    @property
    def all_cleared(self) -> bool:
        """Every key matter on the board concluded within its period (60 days and any approved
        extension), none open at the year's end; true too when there were none, so the report checks
        `rows` before saying so."""
        return all(row.state == "cleared" for row in self.rows)


def _key_state(petition: Petition, as_of: datetime.date) -> str:
    if petition.concluded_on is not None and petition.concluded_on <= as_of:
        on_time = petition.due_on is not None and petition.concluded_on <= petition.due_on
        return "cleared" if on_time else "late"
    if petition.due_on is not None and petition.due_on < as_of:
        return "overdue"
    return "open"


def key_matters_board(organisation: Organisation, *, year: int) -> KeyMattersBoard:
    """清仓见底: every key matter in the organisation's subtree received in the year, and those of
    earlier years still open when it began (the backlog to be cleared), as of the year's last day (or
    today, for the current year)."""
    start, as_of = datetime.date(year, 1, 1), min(datetime.date(year, 12, 31), timezone.localdate())
    petitions = (
        Petition.objects.filter(
            Q(received_on__gte=start) | Q(concluded_on__isnull=True) | Q(concluded_on__gte=start),
            organisation__path__startswith=organisation.path,
            received_on__lte=as_of,
            is_key=True,
        )
        .select_related("key_leader", "extension")
        .prefetch_related("key_team")
        .order_by("received_on", "id")
    )
    rows = [
        KeyMatterRow(
            petition_id=petition.pk,
            tracking_number=petition.tracking_number,
            received_on=petition.received_on,
            request=petition.request,
            leader=petition.key_leader.full_name if petition.key_leader else "",
            team=tuple(member.full_name for member in petition.key_team.all()),
            due_on=petition.due_on,
            concluded_on=petition.concluded_on,
            extended_days=petition.extension.days if hasattr(petition, "extension") else 0,
            state=_key_state(petition, as_of),
        )
        for petition in petitions
    ]
    return KeyMattersBoard(year=year, as_of=as_of, rows=rows)


# ---------------------------------------------------------------------------------- the year's counts


@dataclass(frozen=True)
class PetitionCounts:
    """The petitions received in a year, as of its last day; reviews are counted by the day requested."""

    received: int
    persons: int
    accepted: int
    not_accepted: int
    concluded: int
    concluded_on_time: int
    key: int
    key_cleared: int
    reviews_requested: int
    re_reviews_requested: int
    by_channel: dict[str, int]


def counts_for_year(organisation: Organisation, *, year: int) -> PetitionCounts:
    end = datetime.date(year, 12, 31)
    subtree = Q(organisation__path__startswith=organisation.path)
    rows = Petition.objects.filter(subtree, received_on__year=year)
    concluded = Q(concluded_on__isnull=False, concluded_on__lte=end)
    on_time = concluded & Q(concluded_on__lte=F("due_on"))
    totals = rows.aggregate(
        received=Count("id"),
        persons=Sum("person_count"),
        accepted=Count("id", filter=Q(decided_on__lte=end, handling_due_on__isnull=False)),
        not_accepted=Count("id", filter=Q(status=PetitionStatus.NOT_ACCEPTED, decided_on__lte=end)),
        concluded=Count("id", filter=concluded),
        on_time=Count("id", filter=on_time),
        key=Count("id", filter=Q(is_key=True)),
        key_cleared=Count("id", filter=Q(is_key=True) & on_time),
    )
    channels = dict(rows.values_list("channel").annotate(n=Count("id")).values_list("channel", "n"))
    reviews = dict(
        Review.objects.filter(
            petition__organisation__path__startswith=organisation.path, requested_on__year=year
        )
        .values_list("level")
        .annotate(n=Count("id"))
        .values_list("level", "n")
    )
    return PetitionCounts(
        received=totals["received"],
        persons=totals["persons"] or 0,
        accepted=totals["accepted"],
        not_accepted=totals["not_accepted"],
        concluded=totals["concluded"],
        concluded_on_time=totals["on_time"],
        key=totals["key"],
        key_cleared=totals["key_cleared"],
        reviews_requested=reviews.get(ReviewLevel.REVIEW, 0),
        re_reviews_requested=reviews.get(ReviewLevel.RE_REVIEW, 0),
        by_channel={label: channels.get(value, 0) for value, label in Channel.choices},
    )


# ------------------------------------------------------------------------------------- the public


def public_progress(town_id: int, normalised: str) -> PublicProgress | None:
    """The progress of the town's petition with this (upper-case) code, without names, request or
    facts, for core.progress."""
    if len(normalised) != 10:
        return None
    petition = Petition.objects.filter(organisation_id=town_id, tracking_number=normalised).first()
    if petition is None:
        return None
    due_label = "办结期限"
    if petition.status == PetitionStatus.RECEIVED:
        due_on, due_label = petition.notice_due_on, "受理告知期限"
    else:
        due_on = petition.due_on or petition.notice_due_on
    closed_on = (
        petition.notice_on if petition.status == PetitionStatus.NOT_ACCEPTED else petition.concluded_on
    )
    return PublicProgress(
        received_on=petition.received_on,
        category="信访事项（%(c)s）" % {"c": petition.get_channel_display()},
        status=petition.get_status_display(),
        unit="",
        due_on=due_on,
        due_label=due_label,
        closed_on=closed_on,
    )


def party_petition_links(actor: Staff, party: Party) -> list[PartyLink]:
    """The party's petitions, for its page (一户一档)."""
    return [
        PartyLink(
            title="信访事项 %(d)s（%(c)s）"
            % {"d": petition.received_on.isoformat(), "c": petition.get_channel_display()},
            url=reverse("petitions:detail", args=[petition.pk]),
            detail=petition.get_status_display(),
        )
        for petition in petitions_for(actor).filter(petitioners=party)
    ]


class PetitionRowFacts:
    """petitions.rules.PetitionFacts, read from the petition and its extension."""

    def __init__(self, petition: Petition) -> None:
        self.petition = petition

    @property
    def status(self) -> str:
        return self.petition.status

    @property
    def status_label(self) -> str:
        return self.petition.get_status_display()

    @property
    def decided_on(self) -> str:
        return self.petition.decided_on.isoformat() if self.petition.decided_on else ""

    @cached_property
    def extension(self) -> tuple[datetime.date, int] | None:
        extension = Extension.objects.filter(petition=self.petition).first()
        return (extension.approved_on, extension.days) if extension else None


def offers_for(actor: Staff, petition: Petition) -> dict[str, Offer]:
    """The steps of petitions.rules.STEPS the petition's page offers this actor, by name."""
    return {
        offer.name: offer for offer in permissions.offers_for(actor, rules.STEPS, PetitionRowFacts(petition))
    }
