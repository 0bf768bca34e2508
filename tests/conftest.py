"""Browser fixtures: Playwright driving Debian's Chromium (Playwright cannot download its own here)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from pathlib import Path

import pytest
from playwright.sync_api import ConsoleMessage, Locator, Page, Response, expect, sync_playwright

from conftest import PASSWORD

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
]
TIMEOUT_MS = 5_000


@pytest.fixture
def allow_orm_beside_playwright(monkeypatch):
    # Playwright's sync API keeps an asyncio loop in this thread; Django then refuses ORM calls from it.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture
def open_chromium_page(allow_orm_beside_playwright) -> Iterator[Callable[[], Page]]:
    """Opens a page when the test asks, so that a missing Chromium fails the test itself."""
    with ExitStack() as stack:

        def open_page() -> Page:
            if not Path(CHROMIUM).is_file():
                pytest.fail(
                    f"Browser tests need Debian's Chromium at {CHROMIUM}; run `make browser-deps` to install it.",
                    pytrace=False,
                )
            playwright = stack.enter_context(sync_playwright())
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            stack.callback(browser.close)
            context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
            context.set_default_timeout(TIMEOUT_MS)
            return context.new_page()

        yield open_page


def watch_for_problems(page: Page) -> list[str]:
    """Script errors, console errors and failed responses, bar the favicon the browser asks for itself."""
    problems: list[str] = []

    def on_console(message: ConsoleMessage) -> None:
        # A failed response is logged here too; it is recorded below with its address.
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            problems.append(f"console: {message.text}")

    def on_response(response: Response) -> None:
        if response.status >= 400 and not response.url.endswith("/favicon.ico"):
            problems.append(f"{response.status} {response.request.method} {response.url}")

    page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    page.on("console", on_console)
    page.on("response", on_response)
    return problems


def log_in(page: Page, base_url: str, username: str) -> None:
    page.goto(base_url + "/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    expect(page.get_by_role("button", name="退出登录")).to_be_visible()


def choose_party(page: Page, query_box: Locator, query: str, option: str | re.Pattern[str]) -> None:
    """The party picker: type a name or an ID number into its box, then choose the party it lists (each
    option named by the party and what tells it apart)."""
    query_box.fill(query)
    picker = page.locator("[data-party-picker]").filter(has=query_box)
    picker.get_by_label(option).check()
