"""Every page on a small phone, a large phone and a desktop: no horizontal scrolling, every
control of the player within the screen and at least 44 x 44 CSS px; a screenshot of each."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser

from audio_edition.site.serve import RunningServer

from .conftest import Tab, new_tab

pytestmark = pytest.mark.slow

SCREENS = [(320, 640), (390, 844), (1280, 900)]
PAGES = {"edition": "", "article": "articles/storm-warning/"}
MIN_TARGET = 44
PLAYER = "document.querySelector('audio-edition-player')"
CONTROLS = """() => [...document.querySelectorAll(`audio-edition-player button,
    audio-edition-player a, audio-edition-player [role=slider], .chapter-play`)]
  .filter((el) => el.getClientRects().length)
  .map((el) => { const r = el.getBoundingClientRect();
    return {name: el.getAttribute('aria-label') || el.textContent.trim(), left: r.left,
            right: r.right, width: r.width, height: r.height}; })"""

ON_SCREEN = """() => { const el = document.querySelector('[data-sentence][aria-current="true"]');
  if (!el) return false; const r = el.getBoundingClientRect();
  return r.top >= 0 && r.bottom <= innerHeight; }"""


@pytest.fixture(params=SCREENS, ids=[f"{w}x{h}" for w, h in SCREENS])
def screen_tab(
    request: pytest.FixtureRequest, browser: Browser, site: RunningServer
) -> Iterator[Tab]:
    """A fresh page of the fake-engine site on a screen of each size."""
    width, height = request.param
    yield from new_tab(browser, site.url, width, height)


def fits(tab: Tab) -> dict[str, Any]:
    """How wide the document is against the window."""
    result: dict[str, Any] = tab.page.evaluate(
        "() => ({scroll: document.scrollingElement.scrollWidth, inner: innerWidth})"
    )
    return result


@pytest.mark.parametrize("name", PAGES)
def test_page_fits_the_screen_and_controls_are_big_enough(
    screen_tab: Tab, name: str, screenshots: Path
) -> None:
    screen_tab.page.emulate_media(reduced_motion="reduce")
    page = screen_tab.open(PAGES[name])
    size = page.viewport_size
    assert size is not None
    shot = screenshots / f"{name}-{size['width']}x{size['height']}.png"
    page.screenshot(path=str(shot))
    assert shot.stat().st_size > 5_000
    width = fits(screen_tab)
    assert width["scroll"] <= width["inner"], width
    controls: list[dict[str, Any]] = page.evaluate(CONTROLS)
    names = {c["name"] for c in controls}
    assert {"Play", "Back 15 seconds", "Forward 15 seconds", "Seek", "Download MP3"} <= names
    assert any(n.startswith("Playback speed") for n in names)
    assert any(n.startswith("Copy link at") for n in names)
    for control in controls:
        assert control["left"] >= 0 and control["right"] <= width["inner"], control
        assert control["width"] >= MIN_TARGET and control["height"] >= MIN_TARGET, control
    # Playing, in the middle of the page: still no sideways scrolling, the player's title shown.
    page.click(".aep-play")
    page.wait_for_function(f"() => {PLAYER}.audio.currentTime > 0.2")
    page.evaluate(f"{PLAYER}.seek({PLAYER}.duration / 2)")
    page.wait_for_function(ON_SCREEN, timeout=5_000)  # the sentence read, scrolled to
    page.click(".aep-play")
    assert fits(screen_tab)["scroll"] <= width["inner"]
    assert page.locator(".aep-now").is_visible()
    page.screenshot(path=str(screenshots / f"{name}-{size['width']}x{size['height']}-playing.png"))
    assert not screen_tab.warnings, screen_tab.warnings
