"""Playwright driving Debian's Chromium headless (never a downloaded browser), plus axe-core."""

import os
import shutil
import time

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
WIDTHS = [360, 1280]
LANGUAGES = ["nl", "ar"]


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not os.path.exists(CHROMIUM):
        pytest.fail(f"Chromium not found at {CHROMIUM}: install Debian's chromium package.")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def new_page(browser):
    """A fresh page (own cookies) at a given width: new_page(width=360)."""
    contexts = []

    def make(width: int = 1280):
        context = browser.new_context(
            viewport={"width": width, "height": 900},
            locale="nl-BE",
            # axe-core is injected as a script; our CSP rightly forbids that.
            bypass_csp=True,
        )
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def assert_accessible():
    """Run axe-core with the WCAG 2.2 AA rules on the page and fail on any violation."""
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()

    def check(page) -> None:
        results = axe.run(
            page,
            options={
                "runOnly": {"type": "tag", "values": WCAG_22_AA},
                "resultTypes": ["violations"],
            },
        )
        violations = results.response["violations"]
        assert not violations, f"{page.url}\n{results.generate_report()}"

    return check


def log_in(page, live_server, lang: str, email: str) -> None:
    """The real login of a demo user, with the demo TOTP code when the account has TOTP."""
    from allauth.mfa.totp.internal.auth import (
        format_hotp_value,
        hotp_value,
        yield_hotp_counters_from_time,
    )

    from doorverwijzing.demo import DEMO_TOTP_SECRET
    from partners.demo import DEMO_PASSWORD

    page.goto(f"{live_server.url}/{lang}/account/login/")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.locator("form.hvhk-form button[type=submit]").click()
    page.wait_for_load_state()
    if "/account/2fa/authenticate/" in page.url:
        # A code read in the last moments of its 30-second window can reach the server in
        # the next one (no tolerance, as in production): wait for a fresh window then.
        left = 30 - time.time() % 30
        if left < 3:
            time.sleep(left + 0.2)
        counter = next(iter(yield_hotp_counters_from_time()))
        page.fill("input[name=code]", format_hotp_value(hotp_value(DEMO_TOTP_SECRET, counter)))
        page.locator("input[name=code]").press("Enter")
        page.wait_for_load_state()
    assert "/account/" not in page.url, page.url
