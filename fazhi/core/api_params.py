"""What every app's endpoints read from a request the same way: the authenticated staff member, and a
report year."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils import timezone

from fazhi.core.errors import InvalidInput
from fazhi.core.models import Staff


def actor(request: HttpRequest) -> Staff:
    """The staff member the API's auth (token or session) let in; every router requires it."""
    user = request.auth  # type: ignore[attr-defined]
    assert isinstance(user, Staff)
    return user


def year(value: int | None) -> int:
    """The year asked for, this year when none; one outside 2000–2100 is refused rather than crashing
    the date arithmetic."""
    if value is None:
        return timezone.localdate().year
    if not 2000 <= value <= 2100:
        raise InvalidInput("年度应在2000至2100之间。", field_errors={"year": "年度应在2000至2100之间。"})
    return value
