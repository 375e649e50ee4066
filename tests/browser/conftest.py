"""Browser fixtures: one Chromium (Debian's) per session, the preview server on a free port,
and the folder screenshots go to (never inside the repository)."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from conftest import Rendered
from playwright.sync_api import Browser, ConsoleMessage, Page, sync_playwright

from audio_edition.site.serve import RunningServer, start

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--autoplay-policy=no-user-gesture-required",
]
SCREENSHOTS_VARIABLE = "AUDIO_EDITION_SCREENSHOTS"
"""Names a folder to keep the screenshots in; without it they go to a pytest temporary folder."""

pytestmark = pytest.mark.slow
log = logging.getLogger(__name__)
_taken: list[Path] = []  # the screenshot folder, once made: named in the terminal summary


@dataclass
class Tab:
    """A page in a fresh browser context, with what its console said."""

    page: Page
    """The Playwright page."""
    base: str
    """URL of the served output folder, ending with ``/``."""
    warnings: list[str] = field(default_factory=list)
    """Console warnings and errors, in order."""

    def open(self, path: str) -> Page:
        """Go to ``path`` under the served folder and wait for the player to be ready."""
        self.page.goto(self.base + path)
        self.page.wait_for_function(
            "() => document.querySelector('audio-edition-player')?.ready !== undefined"
        )
        self.page.evaluate("document.querySelector('audio-edition-player').ready.then(() => true)")
        return self.page


@pytest.fixture(scope="session")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Browser]:
    """Debian's Chromium, headless, driven by Playwright (never ``playwright install``);
    its own folders (crash reports, sound settings) in a temporary folder, not the home."""
    if not CHROMIUM.is_file():
        pytest.skip(f"{CHROMIUM} is absent: install Debian's chromium (make test-system)")
    config = tmp_path_factory.mktemp("chromium-config")
    env = {**os.environ, "XDG_CONFIG_HOME": str(config)}
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True, env=env
        )
        yield launched
        launched.close()


def _serve(folder: Path) -> Iterator[RunningServer]:
    server = start(folder, "127.0.0.1", 0)
    yield server
    server.stop()


@pytest.fixture(scope="session")
def site(rendered_fake: Rendered) -> Iterator[RunningServer]:
    """The sample edition (fake engine) served on a free port."""
    yield from _serve(rendered_fake.out)


@pytest.fixture(scope="session")
def real_site(rendered_real: Rendered) -> Iterator[RunningServer]:
    """The sample edition (espeak-ng) served on a free port."""
    yield from _serve(rendered_real.out)


def new_tab(browser: Browser, base: str, width: int = 1100, height: int = 900) -> Iterator[Tab]:
    """A page in its own context (its own localStorage), recording console warnings."""
    context = browser.new_context(viewport={"width": width, "height": height})
    tab = Tab(context.new_page(), base)

    def record(message: ConsoleMessage) -> None:
        if message.type in ("warning", "error"):
            tab.warnings.append(message.text)

    tab.page.on("console", record)
    tab.page.on("pageerror", lambda error: tab.warnings.append(f"pageerror: {error}"))
    yield tab
    context.close()


@pytest.fixture
def tab(browser: Browser, site: RunningServer) -> Iterator[Tab]:
    """A fresh page on the fake-engine site."""
    yield from new_tab(browser, site.url)


@pytest.fixture(scope="session")
def screenshots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where screenshots go: the folder ``$AUDIO_EDITION_SCREENSHOTS`` names, else a pytest
    temporary folder; either way never the repository. The path is logged and printed at the
    end of the run."""
    named = os.environ.get(SCREENSHOTS_VARIABLE)
    folder = Path(named).resolve() if named else tmp_path_factory.mktemp("screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    log.info("screenshots: %s", folder)
    _taken.append(folder)
    return folder


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Say where the screenshots are."""
    for folder in _taken:
        names = ", ".join(sorted(p.name for p in folder.glob("*.png")))
        terminalreporter.write_line(f"screenshots in {folder}: {names}")
