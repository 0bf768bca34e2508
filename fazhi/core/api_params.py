"""What every app's endpoints read from a request the same way: the authenticated staff member, a report
year, and the query parameters whose range is part of the OpenAPI document — a value outside it is a 422
with the field's Chinese message, never an overflow in the database."""

from __future__ import annotations

from typing import Annotated, TypeVar

from django.db.models import Model, QuerySet
from django.http import HttpRequest
from django.utils import timezone

from fazhi.core.api_input import Between
from fazhi.core.calendar import FIRST_YEAR, LAST_YEAR
from fazhi.core.models import Staff

PAGE_MAX = 100
# Far beyond any town's records, far below the database's 64-bit limit.
OFFSET_MAX = 10**9

Year = Annotated[int, Between(FIRST_YEAR, LAST_YEAR, f"年度应在{FIRST_YEAR}至{LAST_YEAR}之间。")]
Month = Annotated[int, Between(1, 12, "月份应在1至12之间。")]
Limit = Annotated[int, Between(1, PAGE_MAX, f"每页条数应在1至{PAGE_MAX}之间。")]
Offset = Annotated[int, Between(0, OFFSET_MAX, f"跳过的条数应在0至{OFFSET_MAX}之间。")]

Row = TypeVar("Row", bound=Model)


def actor(request: HttpRequest) -> Staff:
    """The staff member the API's auth (token or session) let in; every router requires it."""
    user = request.auth  # type: ignore[attr-defined]
    assert isinstance(user, Staff)
    return user


def year(value: int | None) -> int:
    """The year asked for (a `Year`, already in range), this year when none."""
    return timezone.localdate().year if value is None else value


def page(rows: QuerySet[Row], limit: int, offset: int) -> QuerySet[Row]:
    """One page of a list endpoint, `limit` and `offset` already in range (Limit, Offset)."""
    return rows[offset : offset + limit]
