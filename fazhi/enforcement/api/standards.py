"""The town's 较大数额 standard for the hearing right (art. 63)."""

from __future__ import annotations

import datetime
from typing import Annotated

from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Schema, Status

from fazhi.core import api_params, permissions
from fazhi.core.api_input import Required
from fazhi.enforcement import selectors, services
from fazhi.enforcement.api.common import router
from fazhi.enforcement.models import LargeAmountStandard


class LargeAmountIn(Schema):
    person_fen: int = Field(gt=0)
    organisation_fen: int = Field(gt=0)
    source: Annotated[str, Required("请写明标准的依据（文件名称及条款）。", max_length=200)]
    in_force_from: datetime.date


class LargeAmountOut(Schema):
    person_fen: int
    organisation_fen: int
    source: str
    in_force_from: datetime.date | None = None


class LargeAmountListOut(Schema):
    in_force: LargeAmountOut
    recorded: list[LargeAmountOut]


@router.get(
    "/large-amount-standards", response=LargeAmountListOut, summary="听证较大数额标准（现行及历次登记）"
)
def list_standards(request: HttpRequest) -> dict[str, object]:
    """The standard in force today (or the stated default where the town recorded none) and every one
    the town recorded, the latest first."""
    town = permissions.acting_town(api_params.actor(request))
    return {
        "in_force": selectors.large_amount_standard(town, timezone.localdate()),
        "recorded": list(selectors.large_amount_standards(town)),
    }


@router.post("/large-amount-standards", response={201: LargeAmountOut}, summary="登记听证较大数额标准")
def record_standard(request: HttpRequest, payload: LargeAmountIn) -> Status[LargeAmountStandard]:
    return Status(201, services.record_large_amount_standard(api_params.actor(request), **payload.dict()))
