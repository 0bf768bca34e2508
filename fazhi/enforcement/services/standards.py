"""The town's 较大数额 standard for the hearing right (art. 63): the province's or sector's thresholds, as
the town records them, with their source and the day they took effect."""

from __future__ import annotations

import datetime

from django.db import transaction

from fazhi.core import permissions
from fazhi.core.errors import InvalidInput
from fazhi.core.models import Staff
from fazhi.enforcement import rules
from fazhi.enforcement.events import EnforcementEvent
from fazhi.enforcement.models import LargeAmountStandard
from fazhi.ledger import record as ledger


@transaction.atomic(durable=True)
def record_large_amount_standard(
    actor: Staff, *, person_fen: int, organisation_fen: int, source: str, in_force_from: datetime.date
) -> LargeAmountStandard:
    """A new standard takes effect from its day; notices served before it keep the one then in force."""
    permissions.require_step(actor, rules.STEPS["set_large_amount"])
    town = permissions.acting_town(actor)
    errors: dict[str, str] = {}
    if not source.strip():
        errors["source"] = "请写明标准的依据（文件名称及条款）。"
    if person_fen <= 0:
        errors["person_fen"] = "请填写大于零的金额。"
    if organisation_fen <= 0:
        errors["organisation_fen"] = "请填写大于零的金额。"
    if errors:
        raise InvalidInput(
            "较大数额标准有误，请按提示修改。", field_errors=errors, citation=f"{rules.LAW} 第六十三条"
        )
    standard = LargeAmountStandard.objects.create(
        organisation=town,
        person_fen=person_fen,
        organisation_fen=organisation_fen,
        source=source.strip(),
        in_force_from=in_force_from,
        recorded_by=actor,
    )
    ledger.record(
        actor,
        EnforcementEvent.LARGE_AMOUNT_RECORDED,
        standard,
        {
            "person_fen": person_fen,
            "organisation_fen": organisation_fen,
            "source": standard.source,
            "in_force_from": in_force_from.isoformat(),
        },
        organisation=town,
    )
    return standard
