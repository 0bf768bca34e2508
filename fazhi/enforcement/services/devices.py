"""执法记录仪: the town's recording devices and who carries each (国办发〔2018〕118号)."""

from __future__ import annotations

import datetime

from django.db import transaction

from fazhi.core import permissions
from fazhi.core.errors import InvalidInput, NotFoundOrHidden
from fazhi.core.models import Staff
from fazhi.core.roles import Role
from fazhi.enforcement import rules
from fazhi.enforcement.events import EnforcementEvent
from fazhi.enforcement.models import DeviceAssignment, RecordingDevice
from fazhi.enforcement.services.common import require_town_staff
from fazhi.ledger import record as ledger


@transaction.atomic(durable=True)
def add_device(actor: Staff, *, number: str, model_name: str = "") -> RecordingDevice:
    permissions.require_step(actor, rules.STEPS["manage_devices"])
    town = permissions.acting_town(actor)
    if RecordingDevice.objects.filter(organisation=town, number=number).exists():
        raise InvalidInput(
            "设备编号“%(n)s”已登记。" % {"n": number}, field_errors={"number": "该编号已登记。"}
        )
    device = RecordingDevice.objects.create(organisation=town, number=number, model_name=model_name)
    ledger.record(
        actor,
        EnforcementEvent.DEVICE_ADDED,
        device,
        {"number": device.number, "model": device.model_name},
        organisation=town,
    )
    return device


@transaction.atomic(durable=True)
def assign_device(
    actor: Staff, device: RecordingDevice, *, staff: Staff, valid_from: datetime.date
) -> DeviceAssignment:
    """配发: one carrier at a time; handing a device to someone else ends the previous assignment."""
    permissions.require_step(actor, rules.STEPS["manage_devices"])
    town = permissions.acting_town(actor)
    if device.organisation_id != town.pk:
        raise NotFoundOrHidden()
    require_town_staff(staff, town)
    if not device.active:
        raise InvalidInput("该设备已停用，不能配发。", field_errors={"device": "设备已停用。"})
    if not permissions.has_role(staff, Role.OFFICER, Role.AUXILIARY):
        raise InvalidInput(
            "执法记录仪配发给执法人员或辅助执法人员。",
            field_errors={"staff": "请选择执法人员或辅助执法人员。"},
        )
    current = device.assignments.select_for_update().filter(valid_to__isnull=True).first()
    if current is not None:
        if valid_from <= current.valid_from:
            raise InvalidInput(
                "该设备自 %(d)s 起由 %(who)s 使用，新的配发日期应晚于此日。"
                % {"d": current.valid_from.isoformat(), "who": current.staff.full_name},
                field_errors={"valid_from": "日期应晚于上一次配发。"},
            )
        current.valid_to = valid_from - datetime.timedelta(days=1)
        current.save(update_fields=["valid_to"])
    assignment = DeviceAssignment.objects.create(device=device, staff=staff, valid_from=valid_from)
    ledger.record(
        actor,
        EnforcementEvent.DEVICE_ASSIGNED,
        device,
        {
            "staff": staff.pk,
            "valid_from": valid_from.isoformat(),
            "previous": current.pk if current else None,
        },
        organisation=town,
    )
    return assignment


@transaction.atomic(durable=True)
def return_device(actor: Staff, device: RecordingDevice, *, valid_to: datetime.date) -> DeviceAssignment:
    permissions.require_step(actor, rules.STEPS["manage_devices"])
    town = permissions.acting_town(actor)
    if device.organisation_id != town.pk:
        raise NotFoundOrHidden()
    current = device.assignments.select_for_update().filter(valid_to__isnull=True).first()
    if current is None:
        raise InvalidInput("该设备当前未配发。", field_errors={"device": "设备未配发。"})
    if valid_to < current.valid_from:
        raise InvalidInput(
            "收回日期不能早于配发日期 %(d)s。" % {"d": current.valid_from.isoformat()},
            field_errors={"valid_to": "不能早于配发日期。"},
        )
    current.valid_to = valid_to
    current.save(update_fields=["valid_to"])
    ledger.record(
        actor,
        EnforcementEvent.DEVICE_RETURNED,
        device,
        {"staff": current.staff_id, "valid_to": valid_to.isoformat()},
        organisation=town,
    )
    return current
