"""Reads of enforcement data, narrowed to what the actor may see."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import QuerySet
from django.urls import reverse

from fazhi.core import permissions
from fazhi.core import selectors as core_selectors
from fazhi.core.errors import NotFoundOrHidden
from fazhi.core.models import Party, Role, Staff
from fazhi.core.party_links import PartyLink
from fazhi.enforcement.models import Case, DelegatedPower, DeviceAssignment, RecordingDevice
from fazhi.enforcement.rules import STAGE_LABELS, Stage


def list_cases_for(actor: Staff, *, stage: str = "") -> QuerySet[Case]:
    cases = permissions.visible(actor, Case.objects.select_related("party", "filing_number"))
    return cases.filter(stage=stage) if stage else cases


def access_case(actor: Staff, case_id: object) -> Case:
    try:
        number = int(str(case_id))
    except ValueError:
        raise NotFoundOrHidden() from None
    case = (
        Case.objects.select_related("organisation", "party", "power", "filing_number")
        .filter(pk=number)
        .first()
    )
    if case is None or not permissions.can_see(actor, case.organisation):
        raise NotFoundOrHidden()
    return case


def party_case_links(actor: Staff, party: Party) -> list[PartyLink]:
    """The party's cases for its page (一户一档)."""
    return [
        PartyLink(
            title=str(case),
            url=reverse("enforcement:case-detail", args=[case.pk]),
            detail="%(title)s · %(stage)s" % {"title": case.title, "stage": STAGE_LABELS[Stage(case.stage)]},
        )
        for case in list_cases_for(actor).filter(party=party)
    ]


def powers_of(actor: Staff) -> QuerySet[DelegatedPower]:
    return permissions.visible(actor, DelegatedPower.objects.all()).order_by("code")


def team_of(actor: Staff) -> QuerySet[Staff]:
    """Officers and auxiliary staff of the actor's town, for choosing investigators."""
    return (
        permissions.visible(actor, Staff.objects.filter(is_active=True, is_system=False))
        .filter(role_grants__role__in=[Role.OFFICER, Role.AUXILIARY])
        .distinct()
        .order_by("full_name")
    )


def access_party_for_case(actor: Staff, party_id: object) -> Party:
    return core_selectors.access_party(actor, party_id)


def town_staff(actor: Staff) -> QuerySet[Staff]:
    """Active staff of the actor's town, e.g. to choose a hearing chair."""
    return permissions.visible(actor, Staff.objects.filter(is_active=True, is_system=False)).order_by(
        "full_name"
    )


def access_power(actor: Staff, power_id: object) -> DelegatedPower:
    try:
        number = int(str(power_id))
    except ValueError:
        raise NotFoundOrHidden() from None
    power = powers_of(actor).filter(pk=number).first()
    if power is None:
        raise NotFoundOrHidden()
    return power


@dataclass(frozen=True)
class DeviceCoverage:
    staff: Staff
    device: RecordingDevice | None


def devices_of(actor: Staff) -> QuerySet[RecordingDevice]:
    return permissions.visible(actor, RecordingDevice.objects.all()).prefetch_related("assignments__staff")


def device_coverage(actor: Staff, day: datetime.date) -> list[DeviceCoverage]:
    """Every officer and auxiliary of the town with the device they carry that day, or none: the town
    shows that everyone who enforces records (国办发〔2018〕118号)."""
    carried = {
        assignment.staff_id: assignment.device
        for assignment in DeviceAssignment.objects.select_related("device").filter(
            device__in=devices_of(actor), valid_from__lte=day
        )
        if assignment.covers(day)
    }
    return [DeviceCoverage(staff=person, device=carried.get(person.pk)) for person in team_of(actor)]


def access_device(actor: Staff, device_id: object) -> RecordingDevice:
    try:
        number = int(str(device_id))
    except ValueError:
        raise NotFoundOrHidden() from None
    device = devices_of(actor).filter(pk=number).first()
    if device is None:
        raise NotFoundOrHidden()
    return device
