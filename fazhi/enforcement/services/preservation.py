"""先行登记保存 (art. 56): evidence that may be lost or hard to obtain later, kept by registration with the
head's approval, and a decision on it within seven working days, whose clock runs on the case meanwhile."""

from __future__ import annotations

import dataclasses
import datetime

from django.db import transaction
from django.utils import timezone

from fazhi.core import permissions
from fazhi.core import rules as core_rules
from fazhi.core.errors import InvalidInput, NotFoundOrHidden
from fazhi.core.models import Staff
from fazhi.core.roles import Role
from fazhi.enforcement import rules
from fazhi.enforcement.events import EnforcementEvent
from fazhi.enforcement.models import Case, Preservation, PreservationHandling
from fazhi.enforcement.services.common import (
    as_case_investigators,
    require_town_staff,
    set_clock_before_decision,
    take,
)
from fazhi.ledger import record as ledger
from fazhi.ledger.record import sha256_hex


@dataclasses.dataclass(frozen=True)
class PreservationInput:
    items: str
    reason: str
    approved_by: Staff
    approved_on: datetime.date
    preserved_on: datetime.date
    officers: list[Staff]


def _running_clock(case: Case) -> None:
    set_clock_before_decision(case)
    case.save(update_fields=["clock_key", "clock_due", "updated_at"])


@transaction.atomic(durable=True)
def preserve(actor: Staff, case: Case, data: PreservationInput) -> Preservation:
    """先行登记保存: approved by the head (art. 56), carried out by two of the case's officers (art. 42),
    on or after the approval and the filing; the decision on it is due in seven working days."""
    case = take(actor, case, "preserve")
    errors: dict[str, str] = {}
    if not data.items.strip():
        errors["items"] = "请写明登记保存的物品名称、数量、规格。"
    if not data.reason.strip():
        errors["reason"] = "请写明证据可能灭失或者以后难以取得的情形。"
    if errors:
        raise InvalidInput(
            "先行登记保存信息有误，请按提示修改。", field_errors=errors, citation=rules.PRESERVATION_CITATION
        )
    require_town_staff(data.approved_by, case.organisation)
    rules.check_preservation_approval(approver_is_head=permissions.has_role(data.approved_by, Role.HEAD))
    today = timezone.localdate()
    core_rules.check_dates_in_order(
        data.approved_on,
        what="负责人批准日期",
        after=[(case.filed_on, "立案日期")],
        today=today,
        citation=rules.PRESERVATION_CITATION,
    )
    core_rules.check_dates_in_order(
        data.preserved_on,
        what="登记保存日期",
        after=[(case.filed_on, "立案日期"), (data.approved_on, "负责人批准日期")],
        today=today,
        citation=rules.PRESERVATION_CITATION,
    )
    for person in data.officers:
        require_town_staff(person, case.organisation)
    rules.check_investigators(as_case_investigators(case, data.officers, data.preserved_on))
    preservation = Preservation.objects.create(
        case=case,
        items=data.items.strip(),
        reason=data.reason.strip(),
        approved_by=data.approved_by,
        approved_on=data.approved_on,
        preserved_on=data.preserved_on,
        decision_due=rules.PRESERVATION_DECISION.due(data.preserved_on).due,
        recorded_by=actor,
    )
    preservation.officers.set(list(dict.fromkeys(data.officers)))
    _running_clock(case)
    ledger.record(
        actor,
        EnforcementEvent.PRESERVED,
        case,
        {
            "preservation": preservation.pk,
            "items": preservation.items,
            "reason_sha256": sha256_hex(preservation.reason),
            "approved_by": data.approved_by.pk,
            "approved_on": data.approved_on.isoformat(),
            "preserved_on": data.preserved_on.isoformat(),
            "officers": [person.pk for person in dict.fromkeys(data.officers)],
            "decision_due": preservation.decision_due.isoformat(),
        },
        organisation=case.organisation,
    )
    return preservation


@transaction.atomic(durable=True)
def handle_preservation(
    actor: Staff,
    case: Case,
    preservation: Preservation,
    *,
    handled_on: datetime.date,
    handling: str,
    handling_note: str = "",
    late_reason: str = "",
) -> Preservation:
    """The decision on evidence kept by registration (art. 56): on or after it was kept, not in the
    future; after the seven working days only with the reason written down. The case's clock goes
    back to the decision period once nothing kept waits for a decision."""
    case = take(actor, case, "handle_preservation")
    locked = Preservation.objects.select_for_update().filter(pk=preservation.pk, case=case).first()
    if locked is None:
        raise NotFoundOrHidden()
    preservation = locked
    rules.check_preservation_unhandled(handled_on=preservation.handled_on)
    if handling not in PreservationHandling.values:
        raise InvalidInput(
            "请选择处理决定。",
            field_errors={"handling": "请选择处理决定。"},
            citation=rules.PRESERVATION_CITATION,
        )
    core_rules.check_dates_in_order(
        handled_on,
        what="处理日期",
        after=[(preservation.preserved_on, "登记保存日期")],
        today=timezone.localdate(),
        citation=rules.PRESERVATION_CITATION,
    )
    # Counted again with the calendar as it is now: a holiday entered since moves the due day.
    due = rules.PRESERVATION_DECISION.due(preservation.preserved_on).due
    late = handled_on > due
    if late and not late_reason.strip():
        raise InvalidInput(
            "处理决定晚于期限，请写明理由。",
            field_errors={
                "late_reason": "应当在七个工作日内（至 %(due)s）作出处理决定，请写明逾期理由。"
                % {"due": due.isoformat()}
            },
            citation=rules.PRESERVATION_CITATION,
        )
    preservation.decision_due = due
    preservation.handled_on = handled_on
    preservation.handling = handling
    preservation.handling_note = handling_note.strip()
    preservation.late_reason = late_reason.strip() if late else ""
    preservation.save(
        update_fields=["decision_due", "handled_on", "handling", "handling_note", "late_reason"]
    )
    _running_clock(case)
    ledger.record(
        actor,
        EnforcementEvent.PRESERVATION_HANDLED,
        case,
        {
            "preservation": preservation.pk,
            "handled_on": handled_on.isoformat(),
            "handling": handling,
            "decision_due": due.isoformat(),
            "late": late,
            "note_sha256": sha256_hex(preservation.handling_note + preservation.late_reason),
        },
        organisation=case.organisation,
    )
    return preservation
