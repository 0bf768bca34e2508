"""Whole-page caching of the public portal. Every citizen sees the same page, so one rendering serves
everyone for a minute, until the day changes or a publication is published or withdrawn
(core.services.public_content_changed). A request that carries a session or a flash message, a staff
member's, is rendered for that person alone and never stored."""

from __future__ import annotations

import hashlib
from functools import wraps
from typing import Any

from django.conf import settings
from django.core.cache import cache, caches
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.utils import timezone
from django.utils.cache import patch_cache_control

from fazhi.core.access import ACCESS_ATTRIBUTE, ViewFunc
from fazhi.core.public_version import content_version

PUBLIC_PAGE_SECONDS = 60
LOCAL_ALIAS = "public_pages"


def _personal(request: HttpRequest) -> bool:
    return settings.SESSION_COOKIE_NAME in request.COOKIES or "messages" in request.COOKIES


def cached_public_page(view: ViewFunc) -> ViewFunc:
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.method not in ("GET", "HEAD") or _personal(request):
            response = view(request, *args, **kwargs)
            patch_cache_control(response, private=True, no_cache=True)
            return response
        key = "public-page:%(v)d:%(d)s:%(p)s" % {
            "v": content_version(),
            "d": timezone.localdate().isoformat(),
            "p": hashlib.sha256(request.get_full_path().encode()).hexdigest(),
        }
        # This process's memory first, then the shared cache (Redis on a district's servers): a page
        # read from memory costs no round trip, and the key's version still retires it at once.
        local = caches[LOCAL_ALIAS]
        stored = local.get(key)
        if stored is None:
            stored = cache.get(key)
            if stored is not None:
                local.set(key, stored, PUBLIC_PAGE_SECONDS)
        if stored is not None:
            status, content_type, content = stored
            response = HttpResponse(content, status=status, content_type=content_type)
        else:
            response = view(request, *args, **kwargs)
            if response.status_code == 200 and not response.cookies and isinstance(response, HttpResponse):
                stored = (response.status_code, response["Content-Type"], response.content)
                cache.set(key, stored, PUBLIC_PAGE_SECONDS)
                local.set(key, stored, PUBLIC_PAGE_SECONDS)
        patch_cache_control(response, public=True, max_age=PUBLIC_PAGE_SECONDS)
        return response

    if hasattr(view, ACCESS_ATTRIBUTE):
        setattr(wrapper, ACCESS_ATTRIBUTE, getattr(view, ACCESS_ATTRIBUTE))
    return wrapper  # type: ignore[return-value]
