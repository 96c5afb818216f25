"""Browser tests: Playwright driving Debian's Chromium against pytest-django's live server.

The browser is Debian's `chromium` (scripts/system-packages installs it), never a
browser that Playwright would download. One browser per test process (each xdist worker
has its own), a fresh context (cookies, storage) per test. A failing test leaves a
full-page screenshot in test-artifacts/ (git-ignored; CI keeps the folder).

Sessions are made as the portal's login would leave them: the Django test client logs
in (after the second factor, tests/second_factor.py) and the browser gets its session
cookie. The login page itself is tested with the real form.
"""

import contextlib
import os
import re
import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from .helpers import WIDE

CHROMIUM = os.environ.get("CHROMIUM", shutil.which("chromium") or "/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


@pytest.fixture(scope="module")
def browser():
    """Chromium for one test module. Playwright's sync API keeps an event loop running
    in the test's thread while it is open: the ORM calls the tests make beside it are
    still synchronous (DJANGO_ALLOW_ASYNC_UNSAFE), and the loop is closed again before
    the worker's next, non-browser module."""
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"No Chromium at {CHROMIUM}: run scripts/system-packages (as root).")
    before = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True)
            yield browser
            browser.close()
    finally:
        if before is None:
            del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = before


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call":
        item.browser_failed = report.failed
    return report


@pytest.fixture
def context(request, browser, live_server):
    context = browser.new_context(
        base_url=live_server.url, viewport=WIDE, locale="de-DE", timezone_id="Europe/Berlin"
    )
    # Generous: two test processes and Chromium share two cores.
    context.set_default_timeout(30_000)
    yield context
    if getattr(request.node, "browser_failed", False):
        ARTIFACTS.mkdir(exist_ok=True)
        name = re.sub(r"[^A-Za-z0-9_.-]+", "_", request.node.nodeid)
        for number, page in enumerate(context.pages):
            # A page that cannot be photographed must not hide the failure itself.
            with contextlib.suppress(Exception):
                page.screenshot(path=ARTIFACTS / f"{name}-{number}.png", full_page=True)
    context.close()


@pytest.fixture
def page(context):
    return context.new_page()


@pytest.fixture
def log_in(context, live_server):
    """log_in(user): give the browser the session of `user` after both login steps."""

    def log_in(user):
        client = Client()
        client.force_login(user)
        cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
        context.clear_cookies()
        context.add_cookies(
            [{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_server.url}]
        )

    return log_in
