"""Maps domain errors raised while serving a page to a Chinese error page (the API maps its own), and
makes every error under /api/ JSON."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.contrib.sessions.exceptions import SessionInterrupted
from django.contrib.sessions.middleware import SessionMiddleware
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string

from fazhi.core import error_pages
from fazhi.core.errors import DomainError
from fazhi.core.pages import remedy_link


class DomainErrorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, DomainError) or request.path.startswith("/api/"):
            return None
        titles = {404: "未找到", 403: "无权操作", 422: "无法办理"}
        return render(
            request,
            "core/error.html",
            {
                "title": titles.get(exception.status_code, "无法办理"),
                "error": exception,
                "remedy": remedy_link(request, exception.remedy),
            },
            status=exception.status_code,
        )


def api_error(message: str, status: int) -> JsonResponse:
    """The API's one error shape (fazhi.api.urls answers the same), for what answers before or after
    the API's own handlers."""
    return JsonResponse(
        {"message": message, "citation": "", "extra": {}},
        status=status,
        json_dumps_params={"ensure_ascii": False},
    )


class ApiErrorsAsJson:
    """An error under /api/ that did not come from the API's own handlers — an address that matches no
    route, a method a route does not take, a server error — is answered in the API's one JSON shape."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            response.status_code < 400
            or not request.path.startswith("/api/")
            or response.get("Content-Type", "").startswith("application/json")
        ):
            return response
        answer = api_error(
            error_pages.MESSAGES.get(response.status_code, error_pages.OTHER), response.status_code
        )
        for header in ("Allow", "WWW-Authenticate", "Retry-After"):
            if header in response:
                answer[header] = response[header]
        return answer


class RequestBodyCap:
    """Refuses a request whose body is larger than anything the software accepts, from its declared
    length and before a byte of it is read — before CSRF parses the form, before an upload is spooled to
    disk. The caps: a form with files, settings.REQUEST_MAX_BYTES; a piece of a resumable upload,
    settings.UPLOAD_CHUNK_MAX_BYTES; anything else, settings.DATA_UPLOAD_MAX_MEMORY_SIZE. A body sent
    without a length (chunked) cannot be capped before reading, so it is refused; browsers and the
    upload script always send one. The reverse proxy caps it too (docs/deployment.md)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if "chunked" in request.META.get("HTTP_TRANSFER_ENCODING", "").lower():
            return self._refuse(request, 411, "请求须注明内容长度（Content-Length）。")
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return self._refuse(request, 400, "请求的内容长度无效。")
        cap = self.cap_for(request)
        if length > cap:
            return self._refuse(request, 413, "请求内容过大：不能超过 %(mb)d MB。" % {"mb": cap // 1024**2})
        return self.get_response(request)

    @staticmethod
    def cap_for(request: HttpRequest) -> int:
        content_type = request.META.get("CONTENT_TYPE", "")
        if content_type.startswith("multipart/form-data"):
            return int(settings.REQUEST_MAX_BYTES)
        if content_type.startswith("application/octet-stream"):
            return int(settings.UPLOAD_CHUNK_MAX_BYTES)
        return int(settings.DATA_UPLOAD_MAX_MEMORY_SIZE)

    @staticmethod
    def _refuse(request: HttpRequest, status: int, message: str) -> HttpResponse:
        if request.path.startswith("/api/"):
            return api_error(message, status)
        # Nothing after this middleware has run (no session, no user): a page without the request context.
        html = render_to_string("core/error_plain.html", {"title": "无法办理", "message": message})
        return HttpResponse(html, status=status)


# Everything the pages use is served from here (vendored htmx, Bootstrap, ECharts): no script runs but
# a file of ours, nothing loads from elsewhere, no page may be framed. Inline style attributes stay
# allowed: htmx and ECharts set them.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob:",
        "font-src 'self'",
        "connect-src 'self'",
        "media-src 'self' blob:",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
# No page needs the camera, the microphone or the location through the browser's APIs (a phone's
# camera still takes evidence photos through the file picker).
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "camera",
        "microphone",
        "geolocation",
        "payment",
        "usb",
        "serial",
        "bluetooth",
        "interest-cohort",
    )
)


class BrowserPolicies:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response


class SessionKeepingReads(SessionMiddleware):
    """Django's session middleware, except that a read whose session was ended while it ran (the person
    signed out in another tab, or the sidebar's 待办 counts still loading as they click 退出登录) is
    answered rather than refused: a GET only renews the session's expiry, and there is nothing left to
    renew. A write still fails, as Django has it (SessionInterrupted, 400)."""

    def process_response(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        try:
            return super().process_response(request, response)
        except SessionInterrupted:
            if request.method in ("GET", "HEAD"):
                return response
            raise
