"""Every write of the prevention team and its activity log: a member added, a member's service ended, an
activity or publicity event recorded. Each one transaction with its ledger event; nothing is written
when the input is refused."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from fazhi.core import permissions
from fazhi.core.errors import InvalidInput, NotFoundOrHidden
from fazhi.core.models import Organisation, OrganisationKind, Staff
from fazhi.ledger import record as ledger
from fazhi.ledger.record import sha256_hex
from fazhi.prevention import rules
from fazhi.prevention.events import PreventionEvent
from fazhi.prevention.models import ActivityChannel, CommunityVolunteer, PreventionActivity

VILLAGE_KINDS = (OrganisationKind.VILLAGE, OrganisationKind.COMMUNITY)
PHONE_CHARACTERS = frozenset("0123456789+()- ")
# A typing slip (an extra zero or two) rather than a real event; PositiveIntegerField would take it.
LARGEST_COUNT = 1_000_000
UNKNOWN_CHANNEL = "请选择活动渠道（现场活动、短信、微信群和朋友圈、卡口点位、广播或其他）。"


def _check_phone(phone: str, errors: dict[str, str]) -> None:
    if phone and (not set(phone) <= PHONE_CHARACTERS or not 5 <= len(phone) <= 20):
        errors["phone"] = "联系电话格式不正确。"


@transaction.atomic(durable=True)
def add_volunteer(
    actor: Staff,
    *,
    name: str,
    role: str,
    village: Organisation | None,
    joined_on: datetime.date,
    phone: str = "",
) -> CommunityVolunteer:
    """A member of the town's team, in one of its villages or communities; the same name in the same
    village is registered once while serving."""
    permissions.require_step(actor, rules.STEPS["add_volunteer"])
    town = permissions.acting_town(actor)
    errors: dict[str, str] = {}
    if village is None or village.kind not in VILLAGE_KINDS or not village.path.startswith(town.path):
        errors["village"] = "请选择本镇（街道）的村（社区）。"
    if joined_on > timezone.localdate():
        errors["joined_on"] = "加入日期不能晚于今天。"
    _check_phone(phone, errors)
    if (
        "village" not in errors
        and CommunityVolunteer.objects.filter(
            organisation=town, village=village, name=name, left_on__isnull=True
        ).exists()
    ):
        assert village is not None
        errors["name"] = "%(v)s已有在册队员“%(n)s”，请勿重复登记。" % {"v": village.name, "n": name}
    if errors:
        raise InvalidInput("队员信息有误。", field_errors=errors)
    assert village is not None
    volunteer = CommunityVolunteer.objects.create(
        organisation=town,
        name=name,
        phone=phone,
        role=role,
        village=village,
        joined_on=joined_on,
        added_by=actor,
    )
    payload: dict[str, object] = {
        "name": name,
        "role": role,
        "village": village.pk,
        "joined_on": joined_on.isoformat(),
    }
    if phone:
        payload["phone_sha256"] = sha256_hex(phone)
    ledger.record(actor, PreventionEvent.VOLUNTEER_ADDED, volunteer, payload, organisation=town)
    return volunteer


@transaction.atomic(durable=True)
def end_service(
    actor: Staff, volunteer: CommunityVolunteer, *, left_on: datetime.date, reason: str
) -> CommunityVolunteer:
    """The member leaves the team; left_on is their last day of service. It cannot precede the day they
    joined, nor an activity they took part in."""
    permissions.require_step(actor, rules.STEPS["end_service"])
    town = permissions.acting_town(actor)
    if volunteer.organisation_id != town.pk:
        raise NotFoundOrHidden()
    volunteer = CommunityVolunteer.objects.select_for_update().get(pk=volunteer.pk)
    if volunteer.left_on is not None:
        raise InvalidInput(
            "%(n)s已于 %(d)s 退出队伍，不能重复办理。"
            % {"n": volunteer.name, "d": volunteer.left_on.isoformat()}
        )
    errors: dict[str, str] = {}
    last_activity = volunteer.activities.order_by("-held_on").values_list("held_on", flat=True).first()
    if left_on < volunteer.joined_on:
        errors["left_on"] = "服务截止日期不能早于加入日期 %(d)s。" % {"d": volunteer.joined_on.isoformat()}
    elif left_on > timezone.localdate():
        errors["left_on"] = "服务截止日期不能晚于今天。"
    elif last_activity is not None and left_on < last_activity:
        errors["left_on"] = "该队员参加了 %(d)s 的活动，服务截止日期不能早于该日。" % {
            "d": last_activity.isoformat()
        }
    if errors:
        raise InvalidInput("退出信息有误。", field_errors=errors)
    volunteer.left_on = left_on
    volunteer.left_reason = reason
    volunteer.save(update_fields=["left_on", "left_reason"])
    ledger.record(
        actor,
        PreventionEvent.SERVICE_ENDED,
        volunteer,
        {"left_on": left_on.isoformat(), "reason": reason},
        organisation=town,
    )
    return volunteer


def _check_count(value: int, field: str, errors: dict[str, str]) -> None:
    if value < 0:
        errors[field] = "数量不能为负数。"
    elif value > LARGEST_COUNT:
        errors[field] = "数量过大（超过 %(n)d），请核对。" % {"n": LARGEST_COUNT}


@transaction.atomic(durable=True)
def record_activity(
    actor: Staff,
    *,
    held_on: datetime.date,
    place: str,
    kind: str,
    description: str,
    materials_handed_out: int,
    people_reached: int,
    volunteers: list[CommunityVolunteer],
    channel: str = ActivityChannel.ON_SITE,
) -> PreventionActivity:
    """An activity that took place: a patrol, a screening, a publicity event, and the channel it reached
    people through (a patrol or a screening is held on site, hence the default; the form and the API ask
    for it). Every member listed must belong to the town and be serving on that day."""
    permissions.require_step(actor, rules.STEPS["record_activity"])
    town = permissions.acting_town(actor)
    # Read afresh and locked, so that a member whose service ends meanwhile cannot be counted in.
    members = list(
        CommunityVolunteer.objects.select_for_update()
        .filter(pk__in={volunteer.pk for volunteer in volunteers})
        .order_by("pk")
    )
    errors: dict[str, str] = {}
    if held_on > timezone.localdate():
        errors["held_on"] = "活动日期不能晚于今天：只登记已经开展的活动。"
    if channel not in ActivityChannel.values:
        errors["channel"] = UNKNOWN_CHANNEL
    _check_count(materials_handed_out, "materials_handed_out", errors)
    _check_count(people_reached, "people_reached", errors)
    if any(member.organisation_id != town.pk for member in members):
        errors["volunteers"] = "参加队员应为本镇（街道）的群防群治队员。"
    elif not_serving := [member.name for member in members if not member.serves_on(held_on)]:
        errors["volunteers"] = "%(names)s 在 %(d)s 不在服务期内。" % {
            "names": "、".join(not_serving),
            "d": held_on.isoformat(),
        }
    if errors:
        raise InvalidInput("活动信息有误。", field_errors=errors)
    activity = PreventionActivity.objects.create(
        organisation=town,
        held_on=held_on,
        place=place,
        kind=kind,
        channel=channel,
        description=description,
        materials_handed_out=materials_handed_out,
        people_reached=people_reached,
        recorded_by=actor,
    )
    activity.volunteers.set(members)
    ledger.record(
        actor,
        PreventionEvent.ACTIVITY_RECORDED,
        activity,
        {
            "kind": kind,
            "channel": channel,
            "held_on": held_on.isoformat(),
            "place": place,
            "materials_handed_out": materials_handed_out,
            "people_reached": people_reached,
            "volunteers": sorted(member.pk for member in members),
        },
        organisation=town,
    )
    return activity
