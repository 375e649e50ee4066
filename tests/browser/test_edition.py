"""The edition page in Chromium: play all, auto-advance, next/previous, the chapter list."""

from __future__ import annotations

import pytest
from conftest import Rendered

from audio_edition.site.pages import clock

from .conftest import SCREENSHOTS, Tab

pytestmark = pytest.mark.slow

PLAYER = "document.querySelector('audio-edition-player')"


def playing(tab: Tab) -> dict[str, object]:
    """Which article the playlist is on, its audio and where it is."""
    result: dict[str, object] = tab.page.evaluate(
        f"""() => {{ const p = {PLAYER}, a = p.audio;
        const marked = [...document.querySelectorAll('#chapters [aria-current="true"]')];
        return {{index: p.index, src: a.currentSrc || a.src, t: a.currentTime, paused: a.paused,
                marked: marked.map((li) => li.dataset.timing),
                now: p.querySelector('.aep-now').textContent}}; }}"""
    )
    return result


def test_edition_page_plays_the_next_article_after_the_first_ends(
    tab: Tab, rendered_fake: Rendered
) -> None:
    episodes = rendered_fake.summary.episodes
    page = tab.open("")
    first = f"0:00 / {clock(round(episodes[0].duration, 3))}"  # as the timing JSON has it
    assert page.text_content("audio-edition-player .aep-time") == first
    assert page.get_attribute(".aep-play", "aria-label") == "Play all"
    page.click(".aep-play")
    page.wait_for_function(f"() => {PLAYER}.audio.currentTime > 0.2")
    page.evaluate(f"{PLAYER}.seek({PLAYER}.duration - 0.6)")
    page.wait_for_function(
        f"() => {PLAYER}.index === 1 && {PLAYER}.audio.currentTime > 0.3", timeout=10_000
    )
    now = playing(tab)
    assert str(now["src"]).endswith("/" + episodes[1].files["mp3"].name)
    assert now["paused"] is False
    assert now["marked"] == [f"articles/{episodes[1].slug}/{episodes[1].files['timing'].name}"]
    assert str(now["now"]).startswith(f"2/{len(episodes)} · {episodes[1].title[:20]}")
    assert not tab.warnings, tab.warnings


def test_next_previous_and_chapter_list(tab: Tab, rendered_fake: Rendered) -> None:
    episodes = rendered_fake.summary.episodes
    page = tab.open("")
    assert page.locator(".aep-prev").is_visible() and page.locator(".aep-next").is_visible()
    page.click(".aep-next")
    assert playing(tab)["index"] == 1
    page.click(".aep-prev")
    assert playing(tab)["index"] == 0
    page.locator(".chapter-play").nth(3).click()
    page.wait_for_function(f"() => {PLAYER}.index === 3 && {PLAYER}.audio.currentTime > 0.2")
    assert str(playing(tab)["src"]).endswith("/" + episodes[3].files["mp3"].name)
    expected = f"/ {clock(round(episodes[3].duration, 3))}"
    assert str(page.text_content("audio-edition-player .aep-time")).endswith(expected)
    page.evaluate("window.scrollTo(0, 0)")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "edition.png"))
