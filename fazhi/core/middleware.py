"""Maps domain errors raised while serving a page to a Chinese error page (the API maps its own), and
makes every error under /api/ JSON."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from fazhi.core import error_pages
from fazhi.core.errors import DomainError


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
            {"title": titles.get(exception.status_code, "无法办理"), "error": exception},
            status=exception.status_code,
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
        answer = JsonResponse(
            {
                "message": error_pages.MESSAGES.get(response.status_code, error_pages.OTHER),
                "citation": "",
                "extra": {},
            },
            status=response.status_code,
            json_dumps_params={"ensure_ascii": False},
        )
        for header in ("Allow", "WWW-Authenticate", "Retry-After"):
            if header in response:
                answer[header] = response[header]
        return answer
