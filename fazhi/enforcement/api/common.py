"""The router the case endpoints are added to, and the case as the API shows it."""

from __future__ import annotations

import datetime

from ninja import Router, Schema

from fazhi.enforcement.models import Case
from fazhi.enforcement.rules import STAGE_LABELS, Stage

router = Router(tags=["行政执法"])


class CaseOut(Schema):
    id: int
    number: str | None
    title: str
    procedure: str
    stage: str
    stage_label: str
    party_id: int | None
    received_on: datetime.date
    act_on: datetime.date
    filed_on: datetime.date | None
    decision_due: datetime.date | None

    @staticmethod
    def resolve_number(obj: Case) -> str | None:
        return obj.filing_number.text if obj.filing_number else None

    @staticmethod
    def resolve_stage_label(obj: Case) -> str:
        return STAGE_LABELS[Stage(obj.stage)]
