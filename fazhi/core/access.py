"""Every URL declares who may open it: @staff_required(...) or @public_page. A project test walks
the URL resolver and fails on any view that declares neither."""

from __future__ import annotations

import time
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase

from fazhi.core import permissions
from fazhi.core.errors import PermissionDenied
from fazhi.core.models import Staff
from fazhi.core.roles import Role
from fazhi.core.rules import Step

ViewFunc = TypeVar("ViewFunc", bound=Callable[..., HttpResponseBase])
ACCESS_ATTRIBUTE = "fazhi_access"
STEP_ATTRIBUTE = "fazhi_step"


def staff_required(*roles: Role) -> Callable[[ViewFunc], ViewFunc]:
    """Logged-in staff with a visible scope; with roles, at least one of them."""

    def decorator(view: ViewFunc) -> ViewFunc:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            user = request.user
            if not user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            assert isinstance(user, Staff)
            if permissions.scope_root(user) is None:
                raise PermissionDenied("您的账号未分配到可查看的单位，请联系管理员。")
            if roles:
                permissions.require_role(user, *roles)
            return view(request, *args, **kwargs)

        setattr(wrapper, ACCESS_ATTRIBUTE, ("staff", tuple(roles)))
        return wrapper  # type: ignore[return-value]

    return decorator


def step_required(step: Step[Any]) -> Callable[[ViewFunc], ViewFunc]:
    """The page of one step: who may open it is what the app's step table says may take the step."""

    def decorator(view: ViewFunc) -> ViewFunc:
        guarded = staff_required(*step.roles)(view)
        setattr(guarded, STEP_ATTRIBUTE, step)
        return guarded

    return decorator


def public_page(view: ViewFunc) -> ViewFunc:
    """Open to anyone, logged in or not. Such a view shows nothing a town has not published."""
    setattr(view, ACCESS_ATTRIBUTE, ("public", ()))
    return view


def request_staff(request: HttpRequest) -> Staff:
    user = request.user
    assert isinstance(user, Staff), "staff_required guarantees a logged-in Staff"
    return user


def client_address(request: HttpRequest) -> str:
    """The visitor's address. Behind the district's own reverse proxy every request comes from the
    proxy, so the proxy's header that carries the visitor's address is named in settings."""
    header = settings.CLIENT_ADDRESS_HEADER
    forwarded = request.META.get(header, "") if header else ""
    return forwarded.split(",")[0].strip() or request.META.get("REMOTE_ADDR", "")


def rate_limited(view: ViewFunc) -> ViewFunc:
    """At most settings.PUBLIC_PAGES_PER_MINUTE requests a minute from one address to the decorated
    public page; past that a short 429 in Chinese, cheap to serve, instead of a database query. The
    counts live in the cache: per process on the embedded setup, shared through Redis on a district's
    servers."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        key = "rate:%(view)s:%(ip)s:%(minute)d" % {
            "view": view.__name__,
            "ip": client_address(request),
            "minute": int(time.time() // 60),
        }
        # One round trip to the cache in the usual case: the key exists for the rest of the minute.
        try:
            count = cache.incr(key)
        except ValueError:  # the minute's first request (or the key was evicted)
            count = 1 if cache.add(key, 1, timeout=61) else cache.incr(key)
        if count > settings.PUBLIC_PAGES_PER_MINUTE:
            response = HttpResponse(
                "访问过于频繁，请一分钟后再试。\n", status=429, content_type="text/plain; charset=utf-8"
            )
            response["Retry-After"] = "60"
            return response
        return view(request, *args, **kwargs)

    if hasattr(view, ACCESS_ATTRIBUTE):
        setattr(wrapper, ACCESS_ATTRIBUTE, getattr(view, ACCESS_ATTRIBUTE))
    return wrapper  # type: ignore[return-value]
