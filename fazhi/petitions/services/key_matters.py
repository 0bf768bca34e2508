"""Key matters (重点信访事项): the leader in charge and the 工作专班, and the contacts made with the
petitioners while a matter is handled. Each one transaction with its ledger event."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from fazhi.core import permissions
from fazhi.core.errors import InvalidInput
from fazhi.core.models import Staff
from fazhi.core.roles import Role
from fazhi.ledger import record as ledger
from fazhi.ledger.record import sha256_hex
from fazhi.petitions import rules, selectors
from fazhi.petitions.events import PetitionEvent
from fazhi.petitions.models import (
    ContactMethod,
    Petition,
    PetitionContact,
    PetitionStatus,
)
from fazhi.petitions.services.common import belongs_to, day_errors, take


@transaction.atomic(durable=True)
def mark_key_matter(actor: Staff, petition: Petition, *, leader: Staff | None, team: list[Staff]) -> Petition:
    """重点信访事项: a matter being handled gets a leader in charge (包案领导, a head of the town) and a
    工作专班 of the town's staff; marking again replaces them."""
    petition = take(actor, petition, "mark_key")
    town = petition.organisation
    errors: dict[str, str] = {}
    if (
        leader is None
        or not leader.is_active
        or leader.organisation is None
        or not belongs_to(leader.organisation, town)
        or not permissions.has_role(leader, Role.HEAD)
    ):
        errors["leader"] = "包案领导应为本镇（街道）的负责人。"
    members = list(dict.fromkeys(team))
    if not members:
        errors["team"] = "请选择工作专班成员。"
    elif any(
        not member.is_active or member.organisation is None or not belongs_to(member.organisation, town)
        for member in members
    ):
        errors["team"] = "工作专班成员应为本镇（街道）的工作人员。"
    if errors:
        raise InvalidInput("重点信访事项的包案领导或工作专班有误。", field_errors=errors)
    assert leader is not None
    petition.is_key = True
    petition.key_leader = leader
    petition.key_marked_on = petition.key_marked_on or timezone.localdate()
    petition.save(update_fields=["is_key", "key_leader", "key_marked_on"])
    petition.key_team.set(members)
    ledger.record(
        actor,
        PetitionEvent.KEY_MARKED,
        petition,
        {"leader": leader.pk, "team": sorted(member.pk for member in members)},
        organisation=town,
    )
    return petition


@transaction.atomic(durable=True)
def record_contact(
    actor: Staff,
    petition: Petition,
    *,
    contacted_on: datetime.date,
    method: str,
    made_by: Staff,
    summary: str,
) -> PetitionContact:
    """与信访人沟通 (约访、电话沟通、走访…) made by the town's staff while the matter was handled: from
    its receipt to its conclusion, not in the future. Recorded by the petition staff or, for a key
    matter, by its leader in charge or a member of its 工作专班."""
    petition = take(actor, petition, "contact")
    rules.check_contact_recorder(**selectors.recorder_facts(actor, petition))
    town = petition.organisation
    errors: dict[str, str] = {}
    day_errors(errors, "contacted_on", contacted_on, not_before=petition.received_on, before_text="收到日期")
    if method not in ContactMethod.values:
        errors["method"] = "请选择沟通方式（约访、电话沟通、走访、书面答复或其他）。"
    if made_by.organisation is None or made_by.is_system or not belongs_to(made_by.organisation, town):
        errors["made_by"] = "沟通人员应为本镇（街道）的工作人员。"
    if not summary.strip():
        errors["summary"] = "请填写沟通情况。"
    if errors:
        raise InvalidInput("与信访人沟通的登记信息有误。", field_errors=errors)
    rules.check_contact_in_handling(
        contacted_on,
        concluded_on=petition.concluded_on,
        declined_notice_on=petition.notice_on if petition.status == PetitionStatus.NOT_ACCEPTED else None,
    )
    contact = PetitionContact.objects.create(
        petition=petition,
        contacted_on=contacted_on,
        method=method,
        made_by=made_by,
        summary=summary.strip(),
        recorded_by=actor,
    )
    ledger.record(
        actor,
        PetitionEvent.CONTACT_RECORDED,
        petition,
        {
            "contact": contact.pk,
            "contacted_on": contacted_on.isoformat(),
            "method": method,
            "made_by": made_by.pk,
            # What the petitioners said stays on the record's page; the ledger holds its fingerprint.
            "summary_sha256": sha256_hex(contact.summary),
        },
        organisation=town,
    )
    return contact
