"""Every read of core data that a page or the API needs, already narrowed to what the actor may see.
Access functions raise the same NotFoundOrHidden for "no such record" and "not yours"."""

from __future__ import annotations

import datetime
import re
import sys

from django.db import connection
from django.db.models import Prefetch, Q, QuerySet
from django.urls import reverse

from fazhi.core import permissions, validators
from fazhi.core.errors import InvalidInput, NotFoundOrHidden, Remedy
from fazhi.core.masking import Known, redact
from fazhi.core.masking.numbers import addresses_in
from fazhi.core.models import (
    TOWN_KINDS,
    ApiToken,
    Attachment,
    EnforcementCredential,
    HolidayOverride,
    HolidayYear,
    IdType,
    IssuedNumber,
    Notification,
    NumberSeries,
    Organisation,
    OrganisationKind,
    Party,
    Staff,
    StaffRole,
)
from fazhi.core.party_links import PartyLink
from fazhi.core.roles import Role


def int_id(raw: object) -> int:
    """A record's id as a URL or a form gives it; anything else is the same 404 as a hidden record."""
    try:
        value = int(str(raw))
    except ValueError:
        raise NotFoundOrHidden() from None
    if value <= 0 or value > 2**62:
        raise NotFoundOrHidden()
    return value


# ------------------------------------------------------------------------------------------ organisations


def list_organisations_for(actor: Staff, *, search: str = "", kind: str = "") -> QuerySet[Organisation]:
    organisations = permissions.visible(actor, Organisation.objects.all(), org_field="").select_related(
        "parent"
    )
    if search:
        organisations = organisations.filter(Q(name__contains=search) | Q(division_code__startswith=search))
    if kind:
        organisations = organisations.filter(kind=kind)
    return organisations.order_by("path")


def organisation_named(text: str) -> Organisation:
    """An organisation by its 区划码 or its name, for the command line; a name shared by several
    organisations must be given as a 区划码."""
    wanted = text.strip()
    found = list(Organisation.objects.filter(Q(division_code=wanted) | Q(name=wanted)).order_by("path")[:5])
    if not found:
        raise InvalidInput("没有区划码或名称为“%(t)s”的组织机构。" % {"t": wanted})
    if len(found) > 1:
        raise InvalidInput(
            "名称“%(t)s”对应多个组织机构，请改用区划码：%(c)s。"
            % {
                "t": wanted,
                "c": "、".join(f"{org.name} {org.division_code or '（无区划码）'}" for org in found),
            }
        )
    return found[0]


def departments_of(actor: Staff) -> QuerySet[Organisation]:
    """The actor's town and the units under it, for choosing a handling department."""
    town = permissions.scope_root(actor)
    if town is None:
        return Organisation.objects.none()
    return Organisation.objects.filter(path__startswith=town.path).order_by("path")


def access_organisation(actor: Staff, organisation_id: object) -> Organisation:
    organisation = Organisation.objects.select_related("parent").filter(pk=int_id(organisation_id)).first()
    if organisation is None or not permissions.can_see(actor, organisation):
        raise NotFoundOrHidden()
    return organisation


# ---------------------------------------------------------------------------------------------- staff


def list_staff_for(
    actor: Staff, *, search: str = "", role: str = "", active: bool | None = True
) -> QuerySet[Staff]:
    staff = permissions.visible(actor, Staff.objects.filter(is_system=False)).select_related("organisation")
    if search:
        staff = staff.filter(Q(full_name__contains=search) | Q(username__icontains=search))
    if role:
        staff = staff.filter(role_grants__role=role)
    if active is not None:
        staff = staff.filter(is_active=active)
    return staff.prefetch_related(Prefetch("role_grants", queryset=StaffRole.objects.order_by("role")))


def tokens_for(actor: Staff) -> QuerySet[ApiToken]:
    """The actor's own API tokens; for an administrator also those of the staff of their town (or, for a
    supervisor's administrator, the units they see), newest first."""
    own = Q(staff=actor)
    if actor.is_superuser or permissions.has_role(actor, Role.ADMIN):
        staff = permissions.visible(actor, Staff.objects.filter(is_system=False)).values("pk")
        own |= Q(staff__in=staff)
    return ApiToken.objects.filter(own).select_related("staff").order_by("-created_at", "-id")


def access_staff(actor: Staff, staff_id: object) -> Staff:
    staff = Staff.objects.select_related("organisation").filter(pk=int_id(staff_id), is_system=False).first()
    if staff is None or staff.organisation is None or not permissions.can_see(actor, staff.organisation):
        raise NotFoundOrHidden()
    return staff


def credentials_of(staff: Staff) -> QuerySet[EnforcementCredential]:
    return staff.credentials.all()


def access_credential(actor: Staff, credential_id: object) -> EnforcementCredential:
    credential = (
        EnforcementCredential.objects.select_related("staff__organisation")
        .filter(pk=int_id(credential_id))
        .first()
    )
    if credential is None or credential.staff.organisation is None:
        raise NotFoundOrHidden()
    if not permissions.can_see(actor, credential.staff.organisation):
        raise NotFoundOrHidden()
    return credential


def credentials_expiring_for(
    actor: Staff, *, today: datetime.date, within_days: int = 60
) -> QuerySet[EnforcementCredential]:
    """Valid credentials that lapse within the window, for the home page's reminder."""
    return permissions.visible(
        actor, EnforcementCredential.objects.select_related("staff"), org_field="staff__organisation"
    ).filter(
        revoked_on__isnull=True,
        valid_from__lte=today,
        valid_to__gte=today,
        valid_to__lte=today + datetime.timedelta(days=within_days),
    )


# -------------------------------------------------------------------------------------------- parties


def _name_starts_with(text: str) -> Q:
    """name LIKE 'text%'. SQLite's LIKE ignores the case of ASCII letters, so no ordinary index serves
    it there; for text without ASCII letters the rows it matches are exactly those whose name lies in
    the code-point range [text, text with its last character advanced by one), which SQLite's (binary,
    code-point ordered) comparison finds through the (organisation, name) index. PostgreSQL serves the
    LIKE itself from the varchar_pattern_ops index on name; a range there would follow the database's
    collation, which need not be code-point order, so it gets no range."""
    condition = Q(name__startswith=text)
    last = ord(text[-1])
    if (
        connection.vendor == "sqlite"
        and not any(char.isascii() and char.isalpha() for char in text)
        and last < sys.maxunicode
    ):
        following = 0xE000 if last == 0xD7FF else last + 1  # skip the surrogates, never in a str here
        condition &= Q(name__gte=text, name__lt=text[:-1] + chr(following))
    return condition


# A substring matching at most this many names is looked up in the SQLite trigram table; one matching
# more is common enough that walking the newest parties finds a page of them at once.
FTS_CANDIDATE_CAP = 2000


def _name_contains(text: str) -> Q:
    """name LIKE '%text%' (two or more characters). PostgreSQL serves three or more from the trigram
    index (migration 0003). SQLite's FTS5 trigram table answers which rows hold a rare substring of three
    or more; LIKE stays in the condition so that the rows are exactly those LIKE matches. Two characters
    (老马, 超市) make no trigram: LIKE walks the visible parties, newest first, until a page is found."""
    condition = Q(name__contains=text)
    if len(text) < 3 or connection.vendor != "sqlite" or not _sqlite_has_name_index():
        return condition
    phrase = '"' + text.replace('"', '""') + '"'
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT rowid FROM core_party_name_fts WHERE core_party_name_fts MATCH %s LIMIT %s",
            [phrase, FTS_CANDIDATE_CAP + 1],
        )
        candidates = [row[0] for row in cursor.fetchall()]
    if len(candidates) > FTS_CANDIDATE_CAP:
        return condition
    return condition & Q(pk__in=candidates)


def _sqlite_has_name_index() -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'core_party_name_fts'")
        return cursor.fetchone() is not None


def search_parties_for(actor: Staff, *, query: str = "", kind: str = "") -> QuerySet[Party]:
    """Parties the actor may see, newest first. A query that looks like an identifier matches it
    exactly (each identifier column has its own index); one character matches the start of the name, two
    or more anywhere in it (see docs/performance.md)."""
    # By the visible organisations' ids (SQLite's name-prefix search uses the indexes that lead with
    # organisation_id; see permissions.visible_by_id).
    parties = permissions.visible_by_id(actor, Party.objects.all())
    if kind:
        parties = parties.filter(kind=kind)
    text = query.strip()
    if text:
        identifier = validators.normalise_identifier(text)
        if len(identifier) >= 15 and identifier.isalnum() and identifier.isascii():
            parties = parties.filter(
                Q(id_number=identifier) | Q(uscc=identifier) | Q(business_registration_no=identifier)
            )
        elif len(text) >= 2:
            parties = parties.filter(_name_contains(text))
        else:
            parties = parties.filter(_name_starts_with(text))
    # Every column the list shows (the placeholder's row shows the 工商注册号): a deferred column would
    # cost one query per row.
    return parties.only(*PARTY_LIST_COLUMNS)


PARTY_LIST_COLUMNS = (
    "id",
    "kind",
    "name",
    "id_type",
    "id_number",
    "uscc",
    "business_registration_no",
    "organisation_id",
    "created_at",
)


def access_party(actor: Staff, party_id: object) -> Party:
    party = Party.objects.select_related("organisation", "created_by").filter(pk=int_id(party_id)).first()
    if party is None or not permissions.can_see(actor, party.organisation):
        raise NotFoundOrHidden()
    return party


def attachments_of(subject_type: str, subject_id: object) -> QuerySet[Attachment]:
    return Attachment.objects.filter(subject_type=subject_type, subject_id=str(subject_id)).select_related(
        "blob", "uploaded_by"
    )


def party_attachment_links(actor: Staff, party: Party) -> list[PartyLink]:
    if not permissions.can_see(actor, party.organisation):
        return []
    return [
        PartyLink(
            title=attachment.original_name,
            url=reverse("core:file-download", args=[attachment.pk]),
            detail=f"{attachment.uploaded_at:%Y-%m-%d} {attachment.uploaded_by} · SHA-256 {attachment.blob.sha256[:12]}…",
            proof_url=reverse("ledger:file-proof", args=[attachment.pk]),
        )
        for attachment in attachments_of("core.party", party.pk)
    ]


def access_attachment(actor: Staff, attachment_id: object) -> Attachment:
    attachment = (
        Attachment.objects.select_related("blob", "organisation").filter(pk=int_id(attachment_id)).first()
    )
    if attachment is None or not permissions.can_see(actor, attachment.organisation):
        raise NotFoundOrHidden()
    return attachment


# ------------------------------------------------------------------------------------------ numbering


def list_number_series_for(actor: Staff) -> QuerySet[NumberSeries]:
    return permissions.visible(actor, NumberSeries.objects.select_related("organisation")).order_by("code")


def access_number_series(actor: Staff, series_id: object) -> NumberSeries:
    series = NumberSeries.objects.select_related("organisation").filter(pk=int_id(series_id)).first()
    if series is None or not permissions.can_see(actor, series.organisation):
        raise NotFoundOrHidden()
    return series


def issued_numbers_of(series: NumberSeries, *, year: int | None = None) -> QuerySet[IssuedNumber]:
    issued = series.issued.select_related("issued_by")
    return issued.filter(year=year) if year else issued


def access_issued_number(actor: Staff, issued_id: object) -> IssuedNumber:
    issued = IssuedNumber.objects.select_related("series__organisation").filter(pk=int_id(issued_id)).first()
    if issued is None or not permissions.can_see(actor, issued.series.organisation):
        raise NotFoundOrHidden()
    return issued


# ------------------------------------------------------------------------------------------- calendar


def holiday_overrides_in(year: int) -> QuerySet[HolidayOverride]:
    return HolidayOverride.objects.filter(day__year=year)


def holiday_years() -> QuerySet[HolidayYear]:
    return HolidayYear.objects.all()


def unread_notifications(actor: Staff) -> QuerySet[Notification]:
    return Notification.objects.filter(recipient=actor, read_at__isnull=True)


def access_notification(actor: Staff, notification_id: object) -> Notification:
    """One of the actor's own messages; another person's is not found."""
    try:
        number = int(str(notification_id))
    except ValueError:
        raise NotFoundOrHidden() from None
    found = Notification.objects.filter(recipient=actor, pk=number).first()
    if found is None:
        raise NotFoundOrHidden()
    return found


def notifications_of(actor: Staff, *, unread: bool = False) -> QuerySet[Notification]:
    """The actor's own messages, newest first; nobody reads another person's, nor whether they were read."""
    found = Notification.objects.filter(recipient=actor)
    return found.filter(read_at__isnull=True) if unread else found.order_by("-day", "-id")


def official_name(organisation: Organisation, above: list[Organisation]) -> str:
    """The full name a document carries: the cities and districts above, then the organisation, then
    人民政府 or 办事处, since under art. 24 the 乡镇人民政府 or 街道办事处 itself exercises the power."""
    suffix = {
        OrganisationKind.STREET: "办事处",
        OrganisationKind.TOWN: "人民政府",
        OrganisationKind.DISTRICT: "人民政府",
        OrganisationKind.CITY: "人民政府",
    }.get(OrganisationKind(organisation.kind), "")
    prefix = "".join(
        org.name
        for org in above
        if org.kind in (OrganisationKind.CITY, OrganisationKind.DISTRICT)
        and not organisation.name.startswith(org.name)
    )
    name = organisation.name
    return prefix + name + ("" if name.endswith(("人民政府", "办事处")) else suffix)


def official_name_of(organisation: Organisation) -> str:
    above = list(
        Organisation.objects.filter(pk__in=organisation.ancestor_ids())
        .exclude(pk=organisation.pk)
        .order_by("path")
    )
    return official_name(organisation, above)


def party_facts(party: Party) -> str:
    """What tells parties of one name apart, fit to be seen over a shoulder: the type, the last four
    characters of the identifier (never the whole number) and the address down to the road or village."""
    credit_code = "" if party.uscc == validators.INDIVIDUAL_BUSINESS_PLACEHOLDER else party.uscc
    facts = [party.get_kind_display()]
    if credit_code:
        facts.append("信用代码 ****" + credit_code[-4:])
    elif party.business_registration_no:
        facts.append("注册号 ****" + party.business_registration_no[-4:])
    elif party.id_number:
        label = "身份证" if party.id_type == IdType.RESIDENT_ID else party.get_id_type_display()
        facts.append("%(l)s ****%(t)s" % {"l": label, "t": party.id_number[-4:]})
    if party.address:
        facts.append(redact(party.address, addresses_in(party.address, Known())))
    return "，".join(facts)


PICKER_ROWS = 20


def party_candidates(actor: Staff, query: str) -> list[Party]:
    """The acting town's parties a typed name (or identifier) finds, for the party picker: a record
    names a party of its own town only."""
    town = permissions.acting_town(actor)
    if not query.strip():
        return []
    found = search_parties_for(actor, query=query).filter(organisation=town)
    return list(found.only(*PARTY_LIST_COLUMNS, "address")[:PICKER_ROWS])


def parties_named(town: Organisation, name: str) -> list[Party]:
    """The town's parties of exactly this name: the candidates a form lists when none was chosen."""
    return list(Party.objects.filter(organisation=town, name=re.sub(r"\s+", " ", name).strip())[:PICKER_ROWS])


def find_party(actor: Staff, text: str, *, field: str = "party", where: str = "当事人") -> Party:
    """A party typed as its number in Fazhi, or its 证件号码 / 统一社会信用代码, as a form field names it;
    `where` is the field's label, which the refusal names."""
    value = text.strip()
    matches: list[Party] = []
    if value.isdigit() and len(value) < 15:
        try:
            matches = [access_party(actor, value)]
        except NotFoundOrHidden:
            matches = []
    elif value:
        matches = list(search_parties_for(actor, query=value)[:2])
    if len(matches) != 1:
        raise InvalidInput(
            "未找到当事人“%(t)s”：请填写当事人编号、证件号码或统一社会信用代码；尚未登记的，请先登记。"
            % {"t": value},
            field_errors={field: "%(w)s：未找到该当事人“%(t)s”。" % {"w": where, "t": value}},
            remedy=Remedy("core:party-create", "登记当事人"),
        )
    return matches[0]


def public_towns() -> QuerySet[Organisation]:
    """The towns, for the portal's lists (执法主体, the progress lookup): public facts, no login."""
    return Organisation.objects.filter(kind__in=TOWN_KINDS).select_related("parent").order_by("path")
