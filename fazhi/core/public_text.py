"""The one gate of text that reaches the public. Every public surface (publications and their proofs,
public comments, the annual report's page and .docx, the portal's lookups, the 执法主体 pages, and
`manage.py mask_text`) passes its text through `for_public`, which masks it with what the town knows:
the names of every natural person in its registers (parties, visitors, petitioners, their legal
representatives, staff, and what other apps register here: volunteers, commenters), the names of the
organisation tree as places, and the configured name rule (settings.DISCLOSURE_NAME_RULE)."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.conf import settings

from fazhi.core import masking, permissions
from fazhi.core.models import Organisation, Party, PartyKind, Staff

# Another app's register of natural persons: the names it holds for an organisation's subtree (None:
# every organisation). Filled from each app's AppConfig.ready.
PeopleSource = Callable[[Organisation | None], Iterable[str]]
_sources: dict[str, PeopleSource] = {}


def register_people(key: str, source: PeopleSource) -> None:
    _sources[key] = source


def name_rule() -> masking.NameRule:
    return masking.NameRule(settings.DISCLOSURE_NAME_RULE)


def _within(organisation: Organisation | None, field: str) -> dict[str, str]:
    return {f"{field}__path__startswith": organisation.path} if organisation else {}


def _town_of(organisation: Organisation | None) -> Organisation | None:
    """Names are those the whole town knows: a village or department reads its town's registers."""
    if organisation is None:
        return None
    return permissions.town_of(organisation) or organisation


def people_of(organisation: Organisation | None) -> set[str]:
    """Every natural person's name the registers hold for the organisation's town (None: everywhere)."""
    town = _town_of(organisation)
    parties = Party.objects.filter(**_within(town, "organisation"))
    names = set(parties.filter(kind=PartyKind.PERSON).values_list("name", flat=True))
    names |= set(parties.exclude(legal_representative="").values_list("legal_representative", flat=True))
    staff = Staff.objects.filter(is_system=False, **_within(town, "organisation"))
    names |= set(staff.exclude(full_name="").values_list("full_name", flat=True))
    for source in _sources.values():
        names |= set(source(town))
    return {name.strip() for name in names if name.strip()}


def places() -> set[str]:
    """The names of the organisation tree: places and bodies, never persons."""
    return set(Organisation.objects.values_list("name", flat=True))


def known_for(organisation: Organisation | None, **extra: Iterable[str]) -> masking.Known:
    """What the scan is told for a text of this organisation, with `extra` (shown_names,
    private_values, allowed_numbers, allowed_addresses) from the record the text belongs to."""
    known = masking.Known.of(people=people_of(organisation), places=places())
    return known.adding(**extra) if extra else known


def for_public(text: str, known: masking.Known, review: masking.Review | None = None) -> str:
    """The text exactly as the public may read it: every ID, phone, bank-card number and house number
    replaced, every natural person's name by the configured rule except the names that may be shown."""
    return applied(text, findings(text, known, review))


def applied(text: str, found: list[masking.Finding]) -> str:
    """The text with what `findings` found replaced as `for_public` replaces it: for a caller that has
    the findings already (the publisher's review shows them), so the text is not scanned twice."""
    return masking.redact(text, found, rule=name_rule())


def findings(text: str, known: masking.Known, review: masking.Review | None = None) -> list[masking.Finding]:
    """What `for_public` would change in the text, for the publisher's review."""
    return masking.findings_after_review(text, known, review or masking.Review())


def masked(text: str, organisation: Organisation | None) -> str:
    """A text of the organisation with nothing that may be shown beyond what the town knows."""
    return for_public(text, known_for(organisation))
