"""The login page's two throttles.

django-axes locks a username *at one address* after settings.AXES_FAILURE_LIMIT wrong passwords, so
someone guessing a clerk's password from elsewhere cannot lock the clerk out at their own desk. This
module adds the other half: one address that fails many logins, whatever the usernames (a password
sprayed across the staff list), is refused for a while. Both read the visitor's address the same way
(core.access.client_address: REMOTE_ADDR, or behind the reverse proxy the header named by
FAZHI_CLIENT_ADDRESS_HEADER, which only the proxy may set). Counts live in the cache: per process on
the embedded setup, shared through Redis on a district's servers.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import render

from fazhi.core.access import client_address, public_page

WINDOW_SECONDS = 30 * 60


def _key(address: str) -> str:
    return f"login-failures:{address}"


def count_failure(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **_: Any
) -> None:
    if request is None:
        return
    key = _key(client_address(request))
    if cache.add(key, 1, WINDOW_SECONDS):
        return
    try:
        cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, WINDOW_SECONDS)


def address_refused(request: HttpRequest) -> bool:
    failures: int = cache.get(_key(client_address(request)), 0)
    return failures >= settings.LOGIN_ADDRESS_FAILURE_LIMIT


def _throttled(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.method == "POST" and address_refused(request):
            return render(request, "registration/address_locked.html", status=429)
        return view(request, *args, **kwargs)

    return wrapper


login_page: Callable[..., HttpResponse] = public_page(_throttled(auth_views.LoginView.as_view()))  # type: ignore[assignment]
