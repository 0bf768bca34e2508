"""A reviewer's journey through a real browser: open a party's page, read its history, download the
proof bundle of one event and the offline verifier, and check the bundle with nothing but those two."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from playwright.sync_api import expect

from fazhi.core import services
from fazhi.core.models import IdType, PartyKind
from tests.conftest import log_in, watch_for_problems


@pytest.mark.browser
def test_reviewer_downloads_a_proof_and_checks_it_offline(
    transactional_db, world, live_server, open_chromium_page, tmp_path
):
    party = services.register_party(
        world.officer,
        services.PartyInput(
            kind=PartyKind.PERSON, name="刘某", id_type=IdType.PASSPORT, id_number="E7654321"
        ),
    ).party
    page = open_chromium_page()
    problems = watch_for_problems(page)
    log_in(page, live_server.url, "town-admin")

    page.goto(f"{live_server.url}/parties/{party.pk}/")
    history = page.get_by_role("region", name="操作记录（全过程留痕）")
    entry = history.get_by_role("listitem").filter(has_text="张执法 · 登记当事人")
    expect(entry).to_have_count(1)

    with page.expect_download() as bundle_download:
        entry.get_by_role("link", name="证明").click()
    bundle_path = tmp_path / bundle_download.value.suggested_filename
    bundle_download.value.save_as(bundle_path)
    with page.expect_download() as verifier_download:
        history.get_by_role("link", name="离线校验程序").click()
    verifier_path = tmp_path / "verify.py"
    verifier_download.value.save_as(verifier_path)

    bundle = json.loads(bundle_path.read_text(encoding="utf-8"))
    assert json.loads(bundle["event"]["entry"])["action"] == "core.party.registered"
    result = subprocess.run(
        [sys.executable, "-I", str(verifier_path), str(bundle_path)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "通过 OK    包含证明有效 inclusion proof verifies" in result.stdout
    assert problems == []
