"""Django's error handlers (fazhi.urls): the Chinese error page. Under /api/ the answer is then turned
into the API's JSON (core.middleware.ApiErrorsAsJson), so a script never has to parse an HTML page."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string

TITLES = {400: "请求无效", 403: "无权操作", 404: "未找到", 500: "系统错误"}
# The words of each error, for pages and for the API's JSON alike.
MESSAGES = {
    400: "请求无效。",
    401: "未登录或令牌无效。",
    403: "无权进行此操作。",
    404: "记录不存在或无权查看。",
    405: "此地址不接受该请求方法。",
    413: "请求内容过大。",
    500: "系统出现错误，请稍后再试；问题持续时请联系管理员。",
}
OTHER = "请求未能办理。"


class _Shown:
    """What core/error.html shows: a message and, where there is one, the article."""

    def __init__(self, message: str) -> None:
        self.message = message
        self.citation = ""


def _answer(request: HttpRequest, status: int) -> HttpResponse:
    title, message = TITLES[status], MESSAGES[status]
    if status == 500:
        # No request context: whatever failed may fail again in a context processor.
        html = render_to_string("core/error_plain.html", {"title": title, "message": message})
        return HttpResponse(html, status=500)
    return render(request, "core/error.html", {"title": title, "error": _Shown(message)}, status=status)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _answer(request, 400)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _answer(request, 403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _answer(request, 404)


def server_error(request: HttpRequest) -> HttpResponse:
    return _answer(request, 500)
