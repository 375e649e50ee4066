"""The edition page in Chromium: it plays the edition episode, shows its duration, highlights
the article being read (its chapter) and the sentence inside it, jumps from chapter to chapter,
and links to the other editions of the output folder."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import Rendered, copy_edition
from playwright.sync_api import Browser

from audio_edition.build import render
from audio_edition.models import Episode
from audio_edition.site.pages import clock
from audio_edition.site.serve import RunningServer, start

from .conftest import Tab, new_tab
from .test_player import letters

pytestmark = pytest.mark.slow

PLAYER = "document.querySelector('audio-edition-player')"
NOW = f"""() => {{ const p = {PLAYER}, a = p.audio;
  const lit = [...document.querySelectorAll('#chapters [data-sentence][aria-current="true"]')];
  return {{t: a.currentTime, paused: a.paused, src: a.currentSrc || a.src, chapter: p.chapter,
          marked: [...document.querySelectorAll('#chapters > [aria-current="true"]')]
            .map((li) => li.dataset.article),
          sentence: lit.length ? +lit[0].dataset.sentence : -1,
          article: lit.length ? lit[0].closest('[data-article]').dataset.article : '',
          words: lit.map((e) => e.textContent).join(''),
          now: p.querySelector('.aep-now').textContent}}; }}"""


def edition(rendered: Rendered) -> Episode:
    """The edition episode the render published."""
    whole = rendered.summary.edition
    assert whole is not None
    return whole


def edition_timing(rendered: Rendered) -> dict[str, Any]:
    """The edition episode's timing JSON."""
    data: dict[str, Any] = json.loads(edition(rendered).files["timing"].read_text("utf-8"))
    return data


def now(tab: Tab) -> dict[str, Any]:
    """Where the player is, the chapter and the sentence marked, read in one go."""
    result: dict[str, Any] = tab.page.evaluate(NOW)
    return result


def test_edition_page_plays_the_edition_and_highlights_article_and_sentence(
    tab: Tab, rendered_fake: Rendered
) -> None:
    whole, data = edition(rendered_fake), edition_timing(rendered_fake)
    episodes = rendered_fake.summary.episodes
    requests: list[str] = []
    tab.page.on("request", lambda r: requests.append(r.url))
    page = tab.open("")
    # The edition's duration, not the first article's, before any audio loads.
    shown = page.text_content("audio-edition-player .aep-time")
    assert shown == f"0:00 / {clock(data['duration'])}"
    assert page.text_content(".edition-duration") == clock(whole.duration)
    assert clock(data["duration"]) != clock(episodes[0].duration)
    assert str(now(tab)["src"]).endswith("/" + whole.mp3.name)
    assert page.get_attribute(".aep-play", "aria-label") == "Play"
    # In the second article: its chapter and, inside it, the sentence read are highlighted.
    second = episodes[1].slug
    target = next(s for s in data["sentences"] if s["article"] == second and s["index"] == 3)
    page.click(".aep-play")
    page.wait_for_function(f"() => {PLAYER}.audio.currentTime > 0.2")
    page.evaluate(f"{PLAYER}.seek({target['start'] + 0.05})")
    page.wait_for_function(
        f"() => {PLAYER}.audio.currentTime > {target['start'] + 0.15} && !{PLAYER}.audio.paused"
    )
    state = now(tab)
    assert state["marked"] == [second]
    assert (state["article"], state["sentence"]) == (second, 3), state
    assert letters(state["words"]) == letters(target["text"])
    assert state["now"] == f"2/{len(episodes)} · {episodes[1].title}"
    mp3s = [url for url in requests if url.endswith(".mp3")]
    assert mp3s and all(url.endswith("/" + whole.mp3.name) for url in mp3s), mp3s
    assert not tab.warnings, tab.warnings


def test_the_edition_plays_on_into_the_next_article(tab: Tab, rendered_fake: Rendered) -> None:
    chapters = edition(rendered_fake).chapters
    slugs = [e.slug for e in rendered_fake.summary.episodes]
    page = tab.open("")
    page.click(".aep-play")
    page.wait_for_function(f"() => {PLAYER}.audio.currentTime > 0.2")
    page.evaluate(f"{PLAYER}.seek({chapters[2].start - 0.5})")
    assert now(tab)["marked"] == [slugs[1]]
    page.wait_for_function(f"() => {PLAYER}.chapter === 2", timeout=5_000)
    state = now(tab)
    assert state["marked"] == [slugs[2]] and state["paused"] is False
    assert state["t"] >= chapters[2].start - 0.06  # a chapter begins 50 ms early, for rounding


def test_chapter_buttons_next_and_previous(
    tab: Tab, rendered_fake: Rendered, screenshots: Path
) -> None:
    chapters = edition(rendered_fake).chapters
    slugs = [e.slug for e in rendered_fake.summary.episodes]
    page = tab.open("")
    assert page.locator(".aep-prev").is_visible() and page.locator(".aep-next").is_visible()
    page.locator(".chapter-play").nth(3).click()
    page.wait_for_function(
        f"() => {PLAYER}.audio.currentTime > {chapters[3].start + 0.2} && !{PLAYER}.audio.paused"
    )
    assert now(tab)["marked"] == [slugs[3]]
    page.click(".aep-next")
    assert now(tab)["t"] == pytest.approx(chapters[4].start, abs=0.3)
    assert now(tab)["marked"] == [slugs[4]]
    page.click(".aep-prev")  # within 3 s of its start: the article before
    assert now(tab)["t"] == pytest.approx(chapters[3].start, abs=0.3)
    page.evaluate(f"{PLAYER}.seek({chapters[-1].start + 0.1})")
    assert page.locator(".aep-next").is_disabled()
    page.click(".aep-play")
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(screenshots / "edition.png"))
    assert (screenshots / "edition.png").stat().st_size > 10_000


@pytest.fixture(scope="module")
def two_days(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[RunningServer, Path]]:
    """One output folder with two editions (fake engine): 26 November with every article,
    then 27 November without the fish market and the NATO visit."""
    base = tmp_path_factory.mktemp("two-days")
    folder = copy_edition(base / "edition")
    config = folder / "edition.toml"
    text = config.read_text(encoding="utf-8")
    config.write_text(re.sub(r'^date = "[^"]*"', 'date = "2026-11-26"', text, flags=re.M))
    out, cache = base / "out", base / "cache"
    assert not render(folder, out, cache_dir=cache).failures
    for name in ("fish-market.md", "nato-visit.md"):
        (folder / "articles" / name).unlink()
    config.write_text(text)  # 27 November
    assert not render(folder, out, cache_dir=cache).failures
    server = start(out, "127.0.0.1", 0)
    yield server, out
    server.stop()


@pytest.fixture
def archive(browser: Browser, two_days: tuple[RunningServer, Path]) -> Iterator[Tab]:
    """A fresh page on the two-edition site."""
    yield from new_tab(browser, two_days[0].url)


def test_other_editions_are_reachable_from_the_edition_page(
    archive: Tab, two_days: tuple[RunningServer, Path]
) -> None:
    page = archive.open("")
    others = page.locator("#other-editions")
    assert others.is_visible()
    assert page.get_attribute('.byline a[href="#other-editions"]', "href") == "#other-editions"
    dates = others.locator("time").all_text_contents()
    assert dates == ["Thursday 26 November 2026"]  # not today's
    listen = others.get_by_role("link", name=re.compile(r"^Listen \(MP3, \d+:\d\d\)$"))
    href = listen.get_attribute("href")
    assert href and href.startswith("editions/2026-11-26/") and href.endswith(".mp3")
    answer = page.request.get(archive.base + href)
    assert answer.status == 200 and answer.headers["content-type"] == "audio/mpeg"
    titles = others.locator(".other-articles a").all_text_contents()
    assert sorted(titles) == [
        "Allied Warships to Dock in Aldermouth for NATO Exercise",
        "Fish Prices Climb as Cold Snap Keeps Boats Ashore",
    ]
    others.get_by_role("link", name=titles[0]).click()
    page.wait_for_url(re.compile(r"/articles/[a-z-]+/$"))
    page.evaluate(f"{PLAYER}.ready.then(() => true)")
    assert page.text_content("h1") == titles[0]
    assert page.text_content(".aep-now") == titles[0]
    assert not archive.warnings, archive.warnings
