"""Browser fixtures: the seeds plus the hostile report served on 127.0.0.1, and headless
Debian Chromium driven by Playwright (never a downloaded browser). Without Chromium or
Playwright the tests fail, saying what to install; scripts/test leaves this folder out,
and says so, on a machine without Chromium (CI installs it)."""

import os
import shutil

import pytest

from khabar.api.local_server import serving

CHROMIUM = os.environ.get("KHABAR_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"


def _missing(what: str):
    pytest.fail(f"{what} is needed for the browser tests (.ci/run installs it; "
                "or run the suite with --ignore=tests/browser)")


@pytest.fixture(scope="session")
def base_url(hostile_db):
    with serving(hostile_db) as url:
        yield url


@pytest.fixture(scope="session")
def chromium():
    if not os.path.exists(CHROMIUM):
        _missing("chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("playwright (pip install playwright; the browser is Debian's chromium)")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield browser
        browser.close()


@pytest.fixture
def page(chromium):
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.set_default_timeout(15000)
    yield tab
    context.close()
