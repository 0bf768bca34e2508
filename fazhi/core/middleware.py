"""Maps domain errors raised while serving a page to a Chinese error page (the API maps its own)."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

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
