"""Ledger action names of the core app."""

from enum import StrEnum


class CoreEvent(StrEnum):
    ORGANISATION_CREATED = "core.organisation.created"
    ORGANISATION_UPDATED = "core.organisation.updated"
    STAFF_CREATED = "core.staff.created"
    STAFF_UPDATED = "core.staff.updated"
    STAFF_ROLES_CHANGED = "core.staff.roles_changed"
    STAFF_DEACTIVATED = "core.staff.deactivated"
    CREDENTIAL_ADDED = "core.credential.added"
    CREDENTIAL_REVOKED = "core.credential.revoked"
    PARTY_REGISTERED = "core.party.registered"
    PARTY_UPDATED = "core.party.updated"
    FILE_ATTACHED = "core.file.attached"
    HOLIDAY_OVERRIDE_SAVED = "core.holiday_override.saved"
    HOLIDAY_YEAR_CONFIRMED = "core.holiday_year.confirmed"
    NUMBER_SERIES_CREATED = "core.number_series.created"
    NUMBER_ISSUED = "core.number.issued"
    NUMBER_VOIDED = "core.number.voided"
    API_TOKEN_ISSUED = "core.api_token.issued"  # noqa: S105 (an event name, not a secret)
