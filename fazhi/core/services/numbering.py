"""文号 series, and the numbers issued and voided from them."""

from __future__ import annotations

import re

from django.db import models, transaction

from fazhi.core import numbering, permissions
from fazhi.core.errors import InvalidInput
from fazhi.core.events import CoreEvent
from fazhi.core.models import (
    IssuedNumber,
    NumberSeries,
    Organisation,
    Staff,
)
from fazhi.core.services.common import require_admin_over
from fazhi.core.services.organisations import ORGAN_CODE_PATTERN
from fazhi.ledger import record as ledger


@transaction.atomic(durable=True)
def create_number_series(
    actor: Staff, *, organisation: Organisation, key: str, code: str, name: str
) -> NumberSeries:
    require_admin_over(actor, organisation)
    code = code.strip()
    errors: dict[str, str] = {}
    if not ORGAN_CODE_PATTERN.match(code):
        errors["code"] = "机关代字只能由汉字、字母和数字组成，最多20个字符。"
    elif NumberSeries.objects.filter(code=code).exists():
        errors["code"] = "机关代字“%(c)s”已被使用。" % {"c": code}
    if not re.fullmatch(r"[a-z0-9\-]{2,40}", key):
        errors["key"] = "用途标识为2至40位小写字母、数字或连字符。"
    elif NumberSeries.objects.filter(organisation=organisation, key=key).exists():
        errors["key"] = "本单位已有用途为“%(k)s”的文号系列。" % {"k": key}
    if errors:
        raise InvalidInput("文号系列信息有误。", field_errors=errors)
    series = NumberSeries.objects.create(
        organisation=organisation, key=key, code=code, name=name.strip() or code
    )
    ledger.record(
        actor,
        CoreEvent.NUMBER_SERIES_CREATED,
        series,
        {"key": key, "code": code, "name": series.name},
        organisation=organisation,
    )
    return series


def issue_number(actor: Staff, series: NumberSeries, *, year: int, subject: models.Model) -> IssuedNumber:
    """Allocate a 文号 for a document inside the calling service's transaction."""
    permissions.require_visible(actor, series.organisation)
    issued = numbering.allocate(actor, series, year=year, subject=subject)
    ledger.record(
        actor,
        CoreEvent.NUMBER_ISSUED,
        issued,
        {"text": issued.text, "subject": {"type": issued.subject_type, "id": issued.subject_id}},
        organisation=series.organisation,
    )
    return issued


@transaction.atomic(durable=True)
def void_number(actor: Staff, issued: IssuedNumber, *, reason: str) -> IssuedNumber:
    require_admin_over(actor, issued.series.organisation)
    if issued.voided_reason:
        raise InvalidInput("该文号已作废。")
    issued.voided_reason = reason
    issued.save(update_fields=["voided_reason"])
    ledger.record(
        actor,
        CoreEvent.NUMBER_VOIDED,
        issued,
        {"text": issued.text, "reason": issued.voided_reason},
        organisation=issued.series.organisation,
    )
    return issued
