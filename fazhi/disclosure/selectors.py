"""Reads of publications: the staff queue and the public list, which sees only the snapshot."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property

from django.db.models import Q, QuerySet
from django.utils import timezone

from fazhi.core import calendar, masking, permissions, public_text
from fazhi.core import rules as core_rules
from fazhi.core import selectors as core_selectors
from fazhi.core.errors import InvalidInput, NotFoundOrHidden
from fazhi.core.models import EnforcementCredential, Organisation, Party, PartyKind, Staff
from fazhi.core.selectors import int_id
from fazhi.disclosure import rules, shuanggongshi
from fazhi.disclosure.events import DisclosureEvent
from fazhi.disclosure.models import (
    CreditExport,
    ExportScope,
    FindingReview,
    InspectionItem,
    Publication,
    PublicationStatus,
    ReviewAction,
)
from fazhi.enforcement import rules as enforcement_rules
from fazhi.enforcement.models import Case, DelegatedPower, PenaltyDecision, RemedyProceeding
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
    number = int_id(publication_id)
    publication = publications_for(actor).select_related("decision__case").filter(pk=number).first()
    if publication is None:
        raise NotFoundOrHidden()
    return publication


def access_case_decision_for_publication(actor: Staff, case_id: object) -> PenaltyDecision:
    """The case's decision, for a first draft of its publication: the actor's town's, decided, and not
    yet drafted."""
    number = int_id(case_id)
    decision = decisions_awaiting_publication(actor).filter(case_id=number).first()
    if decision is None:
        visible = permissions.visible(actor, PenaltyDecision.objects.all(), org_field="case__organisation")
        if visible.filter(case_id=number).exists():
            raise InvalidInput("本案的处罚决定已生成公示稿，请读取或修改该公示稿。")
        raise NotFoundOrHidden("案件不存在、无权查看，或尚未作出行政处罚决定。")
    return decision


def access_case_publication(actor: Staff, case_id: object) -> Publication:
    publication = (
        publications_for(actor)
        .select_related("decision__case")
        .filter(decision__case_id=int_id(case_id))
        .first()
    )
    if publication is None:
        raise NotFoundOrHidden("本案尚无公示稿，或无权查看。")
    return publication


def access_decision_for_publication(actor: Staff, decision_id: object) -> PenaltyDecision:
    number = int_id(decision_id)
    decision = decisions_awaiting_publication(actor).filter(pk=number).first()
    if decision is None:
        raise NotFoundOrHidden()
    return decision


# --------------------------------------------------------------------------------------- the public


def public_list(
    *, today: datetime.date, query: str = "", organisation: Organisation | None = None
) -> QuerySet[Publication]:
    """What anyone may see: published and within its disclosure period. Only snapshot columns."""
    publications = Publication.objects.filter(status=PublicationStatus.PUBLISHED, visible_until__gte=today)
    if organisation is not None:
        publications = publications.filter(organisation=organisation)
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
    number = int_id(publication_id)
    publication = Publication.objects.filter(
        pk=number, status__in=[PublicationStatus.PUBLISHED, PublicationStatus.WITHDRAWN]
    ).first()
    if publication is None:
        raise NotFoundOrHidden()
    return publication


def publication_event(publication: Publication) -> Event | None:
    """The ledger event that put this content on the portal, whose entry carries its fingerprint: the
    system's latest POSTED event (a publication re-checked by repost_published is posted again), not
    the head's PUBLISHED one, so that the public proof names no staff member."""
    return (
        Event.objects.filter(
            action=DisclosureEvent.POSTED,
            subject_type=publication._meta.label_lower,
            subject_id=str(publication.pk),
        )
        .order_by("sequence")
        .last()
    )


# ------------------------------------------------------------------------------ withdrawal and export


@dataclass(frozen=True)
class WithdrawalDue:
    publication: Publication
    remedy: RemedyProceeding
    due: datetime.date


def publications_to_withdraw(actor: Staff) -> list[WithdrawalDue]:
    """Published decisions that a 复议 or court has changed, revoked, or found unlawful or void: each
    must come down within 3 working days of the outcome (DOMAIN §5.4), the most urgent first."""
    towns = permissions.visible(actor, Organisation.objects.all(), org_field="")
    return _withdrawals(Q(case__decision__publication__organisation__in=towns))


def withdrawals_in(town_ids: tuple[int, ...]) -> list[WithdrawalDue]:
    """The same, for the towns of a 待办."""
    return _withdrawals(Q(case__decision__publication__organisation_id__in=town_ids))


def _withdrawals(towns: Q) -> list[WithdrawalDue]:
    remedies = (
        RemedyProceeding.objects.filter(
            towns,
            result__in=enforcement_rules.ANNULLING_RESULTS,
            case__decision__publication__status=PublicationStatus.PUBLISHED,
        )
        .select_related("case__decision__publication")
        .order_by("ended_on", "id")
    )
    found = [
        WithdrawalDue(
            publication=remedy.case.decision.publication,
            remedy=remedy,
            due=rules.WITHDRAW.due(remedy.ended_on).due,
        )
        for remedy in remedies
        if remedy.ended_on is not None
    ]
    return sorted(found, key=lambda item: item.due)


def withdrawal_due(publication: Publication) -> WithdrawalDue | None:
    """The outcome that requires this published decision to come down, with its deadline, if any."""
    if publication.status != PublicationStatus.PUBLISHED:
        return None
    remedy = (
        RemedyProceeding.objects.filter(
            case__decision__publication=publication, result__in=enforcement_rules.ANNULLING_RESULTS
        )
        .exclude(ended_on__isnull=True)
        .order_by("ended_on", "id")
        .first()
    )
    if remedy is None or remedy.ended_on is None:
        return None
    return WithdrawalDue(publication=publication, remedy=remedy, due=rules.WITHDRAW.due(remedy.ended_on).due)


def withdrawal_reason(due: WithdrawalDue) -> str:
    """The public reason, as the outcome gives it, for the head to confirm or reword."""
    return "经%(k)s，原行政处罚决定被%(r)s（%(d)s）" % {
        "k": due.remedy.get_kind_display(),
        "r": due.remedy.get_result_display(),
        "d": due.remedy.ended_on.isoformat() if due.remedy.ended_on else "",
    }


def last_credit_export(organisation: Organisation) -> CreditExport | None:
    return CreditExport.objects.filter(organisation=organisation).order_by("-created_at", "-id").first()


def credit_exports_for(actor: Staff) -> QuerySet[CreditExport]:
    return permissions.visible(actor, CreditExport.objects.all()).select_related("organisation", "created_by")


def credit_export_candidates(
    organisation: Organisation,
    *,
    scope: str,
    since: datetime.date | None,
    today: datetime.date,
    previous: CreditExport | None,
) -> QuerySet[Publication]:
    """The publications of the organisation and the towns under it that are on the portal today, in
    the scope asked for: all, published since a day, or new since the previous export together with
    what that export held back."""
    publications = Publication.objects.filter(
        organisation__path__startswith=organisation.path,
        status=PublicationStatus.PUBLISHED,
        visible_until__gte=today,
    )
    if scope == ExportScope.SINCE_DATE and since is not None:
        start = timezone.make_aware(datetime.datetime.combine(since, datetime.time.min))
        publications = publications.filter(published_at__gte=start)
    elif scope == ExportScope.SINCE_LAST and previous is not None:
        publications = publications.filter(
            Q(published_at__gt=previous.created_at) | Q(pk__in=previous.held_back_ids)
        )
    return publications.select_related(
        "organisation", "decision__case__party", "decision__case__service"
    ).order_by("decided_on", "id")


# -------------------------------------------------------------------------------------------- timeliness


@dataclass(frozen=True)
class MonthTimeliness:
    month: str
    decisions: int
    on_time: int
    late: int
    pending: int
    overdue: int

    @property
    def settled(self) -> int:
        """Decisions whose clock has settled: published, or overdue and still unpublished."""
        return self.on_time + self.late + self.overdue

    @property
    def share(self) -> float | None:
        """The share published within 7 working days of the settled ones; None while none has."""
        return self.on_time / self.settled if self.settled else None


TIMELINESS_STATES = ("on_time", "late", "pending", "overdue")


def still_due(today: datetime.date) -> Q:
    """A decision not yet published whose 7 working days are still running: neither in time nor late.
    A prepared draft keeps its deadline; a decision not yet prepared has the calendar's, which runs on
    or after `today` exactly for the decisions made on or after calendar.working_day_before(today, 7)."""
    return Q(publication__published_at__isnull=True) & (
        Q(publication__due_on__gte=today)
        | Q(publication__isnull=True, decided_on__gte=calendar.working_day_before(today, rules.PUBLISH.days))
    )


def timeliness_states(
    decisions: QuerySet[PenaltyDecision], today: datetime.date
) -> Iterator[tuple[int, datetime.date, str]]:
    """Each decision's (id, decision day, state): published on time or late against the deadline its
    publication keeps, or not yet out and pending (still_due) or overdue. The one reading of the rule
    for the disclosure page's table, the dashboard's chart and the rows behind both."""
    pending = set(decisions.filter(still_due(today)).values_list("pk", flat=True))
    for pk, decided_on, published_at, due in decisions.values_list(
        "pk", "decided_on", "publication__published_at", "publication__due_on"
    ):
        if published_at is not None:
            yield pk, decided_on, "on_time" if timezone.localdate(published_at) <= due else "late"
        else:
            yield pk, decided_on, "pending" if pk in pending else "overdue"


def timeliness_by_month(
    organisation: Organisation, *, year: int, today: datetime.date
) -> list[MonthTimeliness]:
    """国办发〔2018〕118号: decisions of the organisation and its towns made in the year, per month of the
    decision, by whether their publication came within 7 working days of the decision. A decision
    lawfully not published (a minor) is not counted; one whose deadline is still ahead and that is not
    yet out is pending."""
    decisions = PenaltyDecision.objects.filter(
        case__organisation__path__startswith=organisation.path, decided_on__year=year
    ).exclude(publication__status=PublicationStatus.NOT_PUBLISHED)
    months: dict[int, list[int]] = {month: [0, 0, 0, 0, 0] for month in range(1, 13)}
    for _pk, decided_on, state in timeliness_states(decisions, today):
        counts = months[decided_on.month]
        counts[0] += 1
        counts[1 + TIMELINESS_STATES.index(state)] += 1
    return [MonthTimeliness(f"{year}-{month:02d}", *counts) for month, counts in months.items()]


def access_credit_export(actor: Staff, export_id: object) -> CreditExport:
    number = int_id(export_id)
    export = credit_exports_for(actor).filter(pk=number).first()
    if export is None:
        raise NotFoundOrHidden()
    return export


def held_back_rows(export: CreditExport) -> list[shuanggongshi.Row]:
    """The records an export held back, checked again now: what is still wrong with each."""
    publications = Publication.objects.filter(pk__in=export.held_back_ids).select_related(
        "organisation", "decision__case__party", "decision__case__service"
    )
    return [
        shuanggongshi.build_row(publication, fulfil_by=payment_due(publication))
        for publication in publications.order_by("decided_on", "id")
    ]


def payment_due(publication: Publication) -> datetime.date | None:
    """The 处罚有效期 of the 双公示 record: the day the fine must be paid by, once served."""
    service = getattr(publication.decision.case, "service", None)
    return service.payment_due if service else None


# ------------------------------------------------------------------------------ who enforces what (事前公开)


def public_authorities() -> QuerySet[Organisation]:
    """The towns that enforce, for the portal's 执法主体 list."""
    return core_selectors.public_towns()


@dataclass(frozen=True)
class PublicOfficer:
    name: str
    credential_number: str
    category: str
    issuer: str
    valid_to: datetime.date


@dataclass(frozen=True)
class PublicPower:
    code: str
    name: str
    category: str
    legal_basis: str


@dataclass(frozen=True)
class PublicInspection:
    name: str
    subjects: str
    basis: str
    department: str
    method: str
    frequency: str


@dataclass(frozen=True)
class PublicAuthority:
    organisation: Organisation
    officers: list[PublicOfficer]
    powers: list[PublicPower]
    inspections: list[PublicInspection]


def public_authority(organisation_id: object, *, today: datetime.date) -> PublicAuthority:
    """执法主体: the town, its officers whose 执法证 is valid today (name, number, category; nothing
    else about them), and the powers it exercises with their legal basis (国办发〔2018〕118号)."""
    number = int_id(organisation_id)
    organisation = public_authorities().filter(pk=number).first()
    if organisation is None:
        raise NotFoundOrHidden()
    credentials = (
        EnforcementCredential.objects.filter(
            staff__organisation__path__startswith=organisation.path,
            staff__is_active=True,
            valid_from__lte=today,
            valid_to__gte=today,
            revoked_on__isnull=True,
        )
        .select_related("staff")
        .order_by("number")
    )
    officers = [
        PublicOfficer(
            name=credential.staff.full_name,
            credential_number=credential.number,
            category=credential.category,
            issuer=credential.issuer,
            valid_to=credential.valid_to,
        )
        for credential in credentials
    ]
    # The officers' names and 执法证号 are public (国办发〔2018〕118号); every text typed by staff
    # passes the public-text gate.
    known = public_text.known_for(
        organisation,
        shown_names=[officer.name for officer in officers],
        allowed_numbers=[officer.credential_number for officer in officers],
    )

    def shown(text: str) -> str:
        return public_text.for_public(text, known)

    powers = [
        PublicPower(power.code, shown(power.name), shown(power.category), shown(power.legal_basis))
        for power in DelegatedPower.objects.filter(organisation=organisation, active=True).order_by("code")
    ]
    inspections = [
        PublicInspection(*(shown(getattr(item, field)) for field in PUBLIC_INSPECTION_FIELDS))
        for item in InspectionItem.objects.filter(organisation=organisation).order_by("id")
    ]
    return PublicAuthority(
        organisation=organisation, officers=officers, powers=powers, inspections=inspections
    )


PUBLIC_INSPECTION_FIELDS = ("name", "subjects", "basis", "department", "method", "frequency")


def inspection_items_for(actor: Staff) -> QuerySet[InspectionItem]:
    return permissions.visible(actor, InspectionItem.objects.all()).order_by("id")


# ------------------------------------------------------------------------------ what the scan finds


def case_parts(decision: PenaltyDecision) -> tuple[Case, Party, list[str]]:
    """The decision's case, its party and the names of its officers (which the portal shows)."""
    case = decision.case
    core_rules.check_record_exists(
        case.party is not None, message="决定没有当事人，无从公示。", citation="行政处罚法 第五十九条"
    )
    assert case.party is not None
    officers = [officer.staff.full_name for officer in case.officers.select_related("staff")]
    return case, case.party, officers


def known_for(publication: Publication, party: Party, officers: list[str]) -> masking.Known:
    """What the one public-text gate is told for this publication. A natural person's address, phone
    and ID number are private wherever typed, and the person's name follows the name rule like every
    other natural person's; a penalised organisation's name, registered address, codes and legal
    representative are what the 双公示 standard publishes; the officers' names and 执法证号 are public."""
    person = party.kind == PartyKind.PERSON
    credentials = publication.decision.case.officers.values_list("credential_number", flat=True)
    return public_text.known_for(
        publication.organisation,
        shown_names=[*officers, *([] if person else [party.name, party.legal_representative])],
        private_values=[party.id_number, party.address, party.phone] if person else [party.id_number],
        allowed_numbers=[party.uscc, party.business_registration_no, *credentials],
        allowed_addresses=[] if person else [party.address],
    )


def review_of(publication: Publication, field: str) -> masking.Review:
    """The publisher's decisions on the field's text: the latest on each span stands."""
    latest: dict[str, FindingReview] = {}
    for review in publication.reviews.filter(field=field).order_by("id"):
        latest[review.text] = review
    return masking.Review(
        hidden=frozenset(text for text, review in latest.items() if review.action == ReviewAction.HIDE),
        released=frozenset(text for text, review in latest.items() if review.action == ReviewAction.RELEASE),
        reasons={
            text: review.reason for text, review in latest.items() if review.action == ReviewAction.RELEASE
        },
    )


@dataclass(frozen=True)
class FieldReview:
    """One free-text field of a draft as the publisher checks it: the text, what the gate changes in it
    (after the publisher's decisions), what is still to be settled, and what was released."""

    field: str
    label: str
    text: str
    findings: list[masking.Finding]
    open: list[masking.Finding]
    released: dict[str, str]

    def masked(self) -> str:
        """The field as the public will read it: its findings replaced by the one public-text gate."""
        return public_text.applied(self.text, self.findings)

    def segments(self) -> list[tuple[str, masking.Finding | None]]:
        """The text cut at the findings, for the page that highlights them."""
        pieces: list[tuple[str, masking.Finding | None]] = []
        position = 0
        for finding in self.findings:
            if finding.start > position:
                pieces.append((self.text[position : finding.start], None))
            pieces.append((finding.text, finding))
            position = finding.end
        if position < len(self.text):
            pieces.append((self.text[position:], None))
        return pieces


def field_reviews(publication: Publication) -> list[FieldReview]:
    _case, party, officers = case_parts(publication.decision)
    known = known_for(publication, party, officers)
    reviews = []
    for field, label in rules.FREE_TEXT_LABELS.items():
        text = getattr(publication, field)
        review = review_of(publication, field)
        found = public_text.findings(text, known, review)
        reviews.append(
            FieldReview(
                field=field,
                label=label,
                text=text,
                findings=found,
                open=[f for f in found if f.blocking and f.text not in review.hidden],
                released=review.reasons,
            )
        )
    return reviews


def masked_fields(publication: Publication, reviews: list[FieldReview] | None = None) -> dict[str, str]:
    """The free text as the public will read it, through the one public-text gate; from the review
    already made of it where the caller has one (a draft's page, the publish step), else scanned now."""
    return {review.field: review.masked() for review in reviews or field_reviews(publication)}


class PublicationRowFacts:
    """disclosure.rules.PublicationFacts, read from the publication (the scan runs when asked for)."""

    def __init__(self, publication: Publication) -> None:
        self.publication = publication

    @property
    def status(self) -> str:
        return self.publication.status

    @property
    def status_label(self) -> str:
        return self.publication.get_status_display()

    @cached_property
    def reviews(self) -> list[FieldReview]:
        return field_reviews(self.publication) if self.publication.status == PublicationStatus.DRAFT else []

    @property
    def open_findings(self) -> dict[str, list[masking.Finding]]:
        return {review.field: review.open for review in self.reviews if review.open}
