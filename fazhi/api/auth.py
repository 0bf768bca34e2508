"""API authentication: a personal token (Authorization: Bearer …) or the browser session with CSRF."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils import timezone
from ninja.security import HttpBearer, SessionAuth

from fazhi.core.models import ApiToken, Staff
from fazhi.ledger.record import sha256_hex


class PersonalToken(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Staff | None:
        api_token = (
            ApiToken.objects.select_related("staff")
            .filter(
                token_sha256=sha256_hex(token),
                revoked_at__isnull=True,
                expires_at__gt=timezone.now(),
                staff__is_active=True,
            )
            .first()
        )
        if api_token is None:
            return None
        ApiToken.objects.filter(pk=api_token.pk).update(last_used_at=timezone.now())
        request.user = api_token.staff
        return api_token.staff


class StaffSession(SessionAuth):
    def authenticate(self, request: HttpRequest, key: str | None) -> Staff | None:
        user = super().authenticate(request, key)
        return user if isinstance(user, Staff) and user.is_active else None
