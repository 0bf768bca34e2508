"""A page read while its session is ended elsewhere (signing out in another tab, or the sidebar's 待办
counts still loading as one clicks 退出登录) is answered; a write in that case still fails."""

from __future__ import annotations

import pytest
from django.contrib.sessions.exceptions import SessionInterrupted
from django.contrib.sessions.models import Session
from django.http import HttpResponse
from django.test import Client, RequestFactory

from conftest import World
from fazhi.core.middleware import SessionKeepingReads


def _ended_while_running(world: World, method: str) -> tuple[SessionKeepingReads, object]:
    client = Client()
    client.force_login(world.officer)
    key = client.cookies["sessionid"].value
    request = getattr(RequestFactory(), method.lower())("/nav/counts/")
    request.COOKIES["sessionid"] = key
    middleware = SessionKeepingReads(lambda request: HttpResponse("ok"))
    middleware.process_request(request)
    assert request.session["_auth_user_id"] == str(world.officer.pk)
    Session.objects.filter(session_key=key).delete()  # signed out meanwhile
    return middleware, request


def test_a_read_whose_session_ended_meanwhile_is_answered(world: World) -> None:
    middleware, request = _ended_while_running(world, "GET")
    response = middleware.process_response(request, HttpResponse("ok"))  # type: ignore[arg-type]
    assert response.status_code == 200
    assert not Session.objects.exists()


def test_a_write_whose_session_ended_meanwhile_still_fails(world: World) -> None:
    middleware, request = _ended_while_running(world, "POST")
    with pytest.raises(SessionInterrupted):
        middleware.process_response(request, HttpResponse("ok"))  # type: ignore[arg-type]
