"""Every write to core data — organisations, staff and their 执法证, parties, stored files, the holiday
calendar, number series, API tokens, notifications — each one transaction with its ledger event.
Callers use `services.<name>`; each module holds one subject."""

from fazhi.core.services.calendar import confirm_holiday_year, save_holiday_override
from fazhi.core.services.common import SYSTEM_USERNAME, public_content_changed, system_actor
from fazhi.core.services.files import attach_file, record_attachment
from fazhi.core.services.notifications import (
    forget_old_form_tokens,
    mark_all_notifications_read,
    mark_notification_read,
    notify,
)
from fazhi.core.services.numbering import create_number_series, issue_number, void_number
from fazhi.core.services.organisations import (
    ALLOWED_CHILD_KINDS,
    DIVISION_CODE_PATTERN,
    ORGAN_CODE_PATTERN,
    create_organisation,
    update_organisation,
)
from fazhi.core.services.parties import PartyInput, PartyResult, register_party, update_party
from fazhi.core.services.party_choice import PartyChoice, parties_for, party_for
from fazhi.core.services.staff import (
    PHONE_PATTERN,
    add_credential,
    create_staff,
    deactivate_staff,
    issue_api_token,
    revoke_api_token,
    revoke_credential,
    update_staff,
)

__all__ = [
    "ALLOWED_CHILD_KINDS",
    "DIVISION_CODE_PATTERN",
    "ORGAN_CODE_PATTERN",
    "PHONE_PATTERN",
    "SYSTEM_USERNAME",
    "PartyChoice",
    "PartyInput",
    "PartyResult",
    "add_credential",
    "attach_file",
    "confirm_holiday_year",
    "create_number_series",
    "create_organisation",
    "create_staff",
    "deactivate_staff",
    "forget_old_form_tokens",
    "issue_api_token",
    "issue_number",
    "mark_all_notifications_read",
    "mark_notification_read",
    "notify",
    "parties_for",
    "party_for",
    "public_content_changed",
    "record_attachment",
    "register_party",
    "revoke_api_token",
    "revoke_credential",
    "save_holiday_override",
    "system_actor",
    "update_organisation",
    "update_party",
    "update_staff",
    "void_number",
]
