"""A request body larger than anything the software accepts is refused from its declared length, before
any of it is read; and every response carries the browser policies."""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from conftest import World
from fazhi.ledger.models import Event
from fazhi.testing.api import token_client


class Unreadable(io.RawIOBase):
    """A request body that fails the test if anything reads it."""

    def read(self, size: int = -1) -> bytes:
        raise AssertionError("the body was read")

    def readline(self, size: int | None = -1) -> bytes:
        raise AssertionError("the body was read")


def _post(client: Client, path: str, content_type: str, length: int, method: str = "POST") -> Any:
    environ: dict[str, Any] = {
        "CONTENT_TYPE": content_type,
        "CONTENT_LENGTH": str(length),
        "wsgi.input": Unreadable(),
    }
    return client.generic(method, path, b"", **environ)


def test_an_oversized_api_body_is_a_json_413_before_it_is_read(world: World) -> None:
    api = token_client(world, world.admin)
    events = Event.objects.count()
    response = _post(api, "/api/v1/parties", "application/json", 6 * 1024**2)
    assert response.status_code == 413
    assert "请求内容过大" in response.json()["message"]
    assert Event.objects.count() == events


def test_an_oversized_form_with_files_is_refused_before_it_is_read(world: World, settings: Any) -> None:
    client = Client()
    client.force_login(world.admin)
    response = _post(client, "/parties/new/", "multipart/form-data; boundary=x", 217 * 1024**2)
    assert response.status_code == 413
    assert "请求内容过大：不能超过 216 MB" in response.content.decode()


def test_an_upload_piece_larger_than_a_piece_is_refused_before_it_is_read(world: World) -> None:
    response = _post(
        token_client(world, world.officer),
        "/api/v1/uploads/abc?offset=0",
        "application/octet-stream",
        4 * 1024**2 + 1,
        "PUT",
    )
    assert response.status_code == 413


@pytest.mark.parametrize(
    ("headers", "status"), [({"HTTP_TRANSFER_ENCODING": "chunked"}, 411), ({"CONTENT_LENGTH": "lots"}, 400)]
)
def test_a_body_without_a_usable_length_is_refused(
    world: World, headers: dict[str, Any], status: int
) -> None:
    response = token_client(world, world.admin).generic(
        "POST", "/api/v1/parties", b"{}", content_type="application/json", **headers
    )
    assert response.status_code == status
    assert response["Content-Type"].startswith("application/json")


@pytest.mark.parametrize("path", ["/login/", "/gongshi/", "/api/v1/openapi.json", "/no-such-page/"])
def test_every_response_runs_only_our_own_scripts_and_asks_for_no_device(db: None, path: str) -> None:
    response = Client().get(path)
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy.split("script-src", 1)[1].split(";")[0]
    assert "frame-ancestors 'none'" in policy
    assert "camera=()" in response["Permissions-Policy"]


def test_no_template_carries_inline_script() -> None:
    # The policy would block it; a `javascript:` link or an inline handler would silently stop working.
    root = Path(__file__).resolve().parents[3]
    offending = []
    for template in [*root.glob("templates/**/*.html"), *root.glob("fazhi/**/templates/**/*.html")]:
        text = template.read_text(encoding="utf-8")
        if re.search(r"<script(?![^>]*\bsrc=)|javascript:|\son[a-z]+=\"", text):
            offending.append(str(template.relative_to(root)))
    assert offending == []
