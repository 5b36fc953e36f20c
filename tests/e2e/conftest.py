"""Browser tests: Playwright driving Debian's Chromium (/usr/bin/chromium), never a download.

Without Chromium the tests are skipped and the run says so in a banner; under CI (CI=true) a
missing browser is a failure instead, because CI installs it.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from payung.budgets.rates import reference_rates_load
from payung.regions.services import regions_load
from tests.builders import COMMAND_LINE

CHROMIUM = os.environ.get("PAYUNG_CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "e2e"
# Playwright's sync API runs an event loop in the test thread; the ORM calls made by fixtures
# in that thread are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
_skipped: list[str] = []


def _chromium_missing() -> bool:
    return not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM))


@pytest.fixture(scope="session")
def browser():
    if _chromium_missing():
        message = f"Chromium not found at {CHROMIUM}: apt-get install -y chromium"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        _skipped.append(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="id-ID", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture(autouse=True)
def reference_data(request):
    """What the data migrations load (the regions, the reference contribution rates), back in
    place for each browser test: a transactional test's flush empties those tables too."""
    if "transactional_db" not in request.fixturenames and "live_server" not in request.fixturenames:
        return
    request.getfixturevalue("transactional_db")
    regions_load(actor=COMMAND_LINE)
    reference_rates_load()


@pytest.fixture
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


def pytest_terminal_summary(terminalreporter):
    if _skipped:
        bar = "!" * 78
        terminalreporter.write_line(bar, red=True, bold=True)
        terminalreporter.write_line(f"BROWSER TESTS SKIPPED: {_skipped[0]}", red=True, bold=True)
        terminalreporter.write_line(bar, red=True, bold=True)
