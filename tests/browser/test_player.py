"""The article player in Chromium: duration, playback, highlight, seeking, speed, keyboard."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from conftest import Rendered

from audio_edition.site.pages import clock

from .conftest import Tab

pytestmark = pytest.mark.slow

SLUG = "storm-warning"
PAGE = f"articles/{SLUG}/"
PLAYER = "document.querySelector('audio-edition-player')"
STATE = f"""() => {{
  const p = {PLAYER}, els = [...document.querySelectorAll('[data-sentence][aria-current="true"]')];
  return {{t: p.audio.currentTime, paused: p.audio.paused, rate: p.audio.playbackRate,
          shown: p.querySelector('.aep-time').textContent,
          current: els.length ? +els[0].dataset.sentence : -1,
          others: els.filter((e) => e.dataset.sentence !== els[0].dataset.sentence).length,
          marked: els.length ? els[0].className : '',
          words: els.map((e) => e.textContent).join('')}};
}}"""


def timing(rendered: Rendered, slug: str = SLUG) -> dict[str, Any]:
    """The timing JSON the render published for ``slug``."""
    episode = next(e for e in rendered.summary.episodes if e.slug == slug)
    data: dict[str, Any] = json.loads(episode.files["timing"].read_text(encoding="utf-8"))
    return data


def letters(text: str) -> str:
    """Letters and digits only: the words, whatever the whitespace, quotes or markup."""
    return "".join(c for c in text if c.isalnum())


def state(tab: Tab) -> dict[str, Any]:
    """Player time, play state and the highlighted sentence, read in one go."""
    result: dict[str, Any] = tab.page.evaluate(STATE)
    return result


def wait_playing_past(tab: Tab, seconds: float) -> None:
    """Wait until the player is playing beyond ``seconds``."""
    tab.page.wait_for_function(
        f"() => {PLAYER}.audio.currentTime > {seconds} && !{PLAYER}.audio.paused",
        timeout=10_000,
    )


def expected_sentence(data: dict[str, Any], t: float, margin: float = 0.12) -> int | None:
    """The sentence whose [start, end) holds ``t`` (the one just read, in a pause);
    ``None`` when ``t`` is too close to a boundary to tell."""
    sentences = data["sentences"]
    for s in sentences:
        if min(abs(t - s["start"]), abs(t - s["end"])) < margin:
            return None
    inside = [s["index"] for s in sentences if s["start"] <= t < s["end"]]
    if inside:
        return int(inside[0])
    before = [s["index"] for s in sentences if s["start"] <= t]
    return int(before[-1]) if before else -1


def assert_highlight_follows(tab: Tab, data: dict[str, Any], samples: int = 5) -> int:
    """Poll the page: the highlighted sentence is the one being read. Returns samples checked."""
    checked = 0
    texts = {s["index"]: s["text"] for s in data["sentences"]}
    for _ in range(samples * 3):
        now = state(tab)
        want = expected_sentence(data, now["t"])
        if want is not None:
            assert now["current"] == want, now
            assert "aep-current" in now["marked"].split()
            assert now["others"] == 0
            assert letters(now["words"]) == letters(texts[want])
            checked += 1
        if checked == samples:
            break
        tab.page.wait_for_timeout(230)
    assert checked >= samples // 2, "too few samples away from sentence boundaries"
    return checked


def test_duration_shows_before_any_audio_loads(tab: Tab, rendered_fake: Rendered) -> None:
    requests: list[str] = []
    tab.page.on("request", lambda r: requests.append(r.url))
    page = tab.open(PAGE)
    expected = f"0:00 / {clock(timing(rendered_fake)['duration'])}"
    assert page.text_content("audio-edition-player .aep-time") == expected
    assert page.evaluate(f"{PLAYER}.audio.readyState") == 0
    assert [url for url in requests if url.endswith(".mp3")] == []
    assert page.locator('[aria-current="true"]').count() == 0  # nothing lit before play
    slider = page.locator(".aep-seek")
    assert slider.get_attribute("role") == "slider"
    assert slider.get_attribute("aria-valuetext") == expected.replace(" / ", " of ")
    for name in ("Play", "Back 15 seconds", "Forward 15 seconds", "Playback speed 1×"):
        assert page.locator(f'audio-edition-player button[aria-label="{name}"]').count() == 1


def test_play_advances_time_and_highlights_the_sentence_read(
    tab: Tab, rendered_fake: Rendered
) -> None:
    requests: list[str] = []
    tab.page.on("request", lambda r: requests.append(r.url))
    page = tab.open(PAGE)
    page.click(".aep-play")
    wait_playing_past(tab, 1.5)
    assert state(tab)["shown"] != "0:00 / " + clock(timing(rendered_fake)["duration"])
    assert_highlight_follows(tab, timing(rendered_fake))
    assert all(url.startswith(tab.base) for url in requests), requests
    assert not tab.warnings, tab.warnings


def test_media_session_describes_the_article(tab: Tab, rendered_fake: Rendered) -> None:
    page = tab.open(PAGE)
    page.click(".aep-play")
    wait_playing_past(tab, 0.2)
    session = page.evaluate(
        """() => { const m = navigator.mediaSession.metadata;
        return {title: m.title, artist: m.artist, album: m.album,
                art: m.artwork.map((a) => a.src), state: navigator.mediaSession.playbackState}; }"""
    )
    assert session["title"] == timing(rendered_fake)["title"]
    assert session["artist"] and session["album"] == "The Harbour Gazette"
    assert session["art"] == [tab.base + "cover.png"]
    assert session["state"] == "playing"


def test_clicking_a_later_sentence_plays_from_its_start(tab: Tab, rendered_fake: Rendered) -> None:
    data = timing(rendered_fake)
    target = data["sentences"][-3]
    page = tab.open(PAGE)
    page.click(f'[data-sentence="{target["index"]}"]')
    now = state(tab)
    assert abs(now["t"] - target["start"]) < 0.25, (now, target)
    wait_playing_past(tab, target["start"] + 0.3)
    assert state(tab)["current"] == target["index"]


def test_speed_button_and_keyboard(tab: Tab) -> None:
    page = tab.open(PAGE)
    speed = page.locator(".aep-speed")
    speed.click()
    assert state(tab)["rate"] == 1.25 and speed.text_content() == "1.25×"
    for _ in range(4):  # 1.5, 1.75, 2, then round to the slowest
        speed.click()
    assert state(tab)["rate"] == 0.75
    speed.click()
    assert state(tab)["rate"] == 1
    page.focus(".aep-play")
    page.keyboard.press("Space")
    wait_playing_past(tab, 0.1)
    start = state(tab)["t"]
    page.keyboard.press("ArrowRight")
    assert state(tab)["t"] == pytest.approx(start + 5, abs=0.4)
    page.keyboard.press("Shift+ArrowRight")
    assert state(tab)["t"] == pytest.approx(start + 20, abs=0.6)
    page.keyboard.press("ArrowLeft")
    assert state(tab)["t"] == pytest.approx(start + 15, abs=0.8)
    page.focus(".aep-seek")
    page.keyboard.press("Space")
    assert state(tab)["paused"] is True
    page.keyboard.press("Space")
    assert state(tab)["paused"] is False


def test_highlight_scrolls_only_when_the_sentence_is_off_screen(
    tab: Tab, rendered_fake: Rendered
) -> None:
    last = timing(rendered_fake)["sentences"][-1]
    page = tab.page
    page.emulate_media(reduced_motion="reduce")
    tab.open(PAGE)
    page.click('[data-sentence="2"]')  # on screen: the page stays where it is
    wait_playing_past(tab, timing(rendered_fake)["sentences"][2]["start"] + 0.3)
    assert page.evaluate("window.scrollY") == 0
    page.evaluate(f"{PLAYER}.seek({last['start'] + 0.1})")
    page.wait_for_function(
        f"""() => {{ const r = document.querySelector('[data-sentence="{last["index"]}"]')
            .getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight; }}""",
        timeout=3_000,
    )
    assert page.evaluate("window.scrollY") > 0


def test_seek_bar_and_skip_buttons(tab: Tab, rendered_fake: Rendered) -> None:
    duration = timing(rendered_fake)["duration"]
    page = tab.open(PAGE)
    bar = page.locator(".aep-seek")
    box = bar.bounding_box()
    assert box is not None
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    middle = state(tab)["t"]
    assert middle == pytest.approx(duration / 2, abs=1.0)
    assert bar.get_attribute("aria-valuenow") == str(round(middle))
    page.click(".aep-back")
    assert state(tab)["t"] == pytest.approx(middle - 15, abs=0.1)
    page.click(".aep-fwd")
    page.click(".aep-fwd")
    assert state(tab)["t"] == pytest.approx(middle + 15, abs=0.1)
    assert state(tab)["paused"] is True


def test_position_is_offered_on_return(tab: Tab) -> None:
    page = tab.open(PAGE)
    page.click(".aep-play")
    wait_playing_past(tab, 0.1)
    page.evaluate(f"{PLAYER}.seek(12)")
    page.click(".aep-play")  # pause: the position is saved
    assert state(tab)["paused"] is True
    tab.open(PAGE)
    resume = page.locator(".aep-resume")
    assert resume.is_visible() and resume.text_content() == "Resume from 0:12"
    resume.click()
    wait_playing_past(tab, 12)
    assert state(tab)["t"] == pytest.approx(12, abs=0.5)


def test_screenshot_of_the_article_page(tab: Tab, screenshots: Path) -> None:
    page = tab.open(PAGE)
    page.click('[data-sentence="2"]')
    wait_playing_past(tab, 0.5)
    page.click(".aep-play")
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(screenshots / "article.png"))
    assert (screenshots / "article.png").stat().st_size > 10_000


def test_player_names_what_plays_and_offers_the_mp3(tab: Tab, rendered_fake: Rendered) -> None:
    data = timing(rendered_fake)
    page = tab.open(PAGE)
    assert page.text_content("audio-edition-player .aep-now") == data["title"]
    download = page.get_by_role("link", name="Download MP3")
    assert download.is_visible() and download.get_attribute("download") is not None
    href = page.evaluate(f"{PLAYER}.querySelector('.aep-dl').href")
    assert href == tab.base + PAGE + data["audio"]
    answer = page.request.get(href)
    assert answer.status == 200 and answer.headers["content-type"] == "audio/mpeg"


def test_copy_link_at_this_time_and_open_it(tab: Tab, rendered_fake: Rendered) -> None:
    data = timing(rendered_fake)
    tab.page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=tab.base)
    page = tab.open(PAGE)
    page.evaluate(f"{PLAYER}.seek(12.4)")
    copy = page.get_by_role("button", name="Copy link at 0:12")
    copy.click()
    link = tab.base + PAGE + "#t=12"
    assert page.evaluate("navigator.clipboard.readText()") == link
    assert page.text_content(".aep-msg") == "Link to 0:12 copied"
    # Opened afresh, the page's player is at 0:12, the sentence read there lit and shown.
    page.goto("about:blank")
    tab.open(PAGE + "#t=12")
    now = state(tab)
    assert now["t"] == pytest.approx(12, abs=0.05) and now["paused"] is True
    assert now["shown"].startswith("0:12 / ")
    assert now["current"] == expected_sentence(data, 12, margin=0)
    assert page.locator(".aep-resume").is_hidden()
    page.click(".aep-play")
    wait_playing_past(tab, 12.2)
    assert state(tab)["t"] < 14
    # Where the clipboard cannot be written (a page served over plain HTTP), the link is shown.
    page.evaluate("Object.defineProperty(navigator, 'clipboard', {value: undefined})")
    page.evaluate(f"{PLAYER}.pause(), {PLAYER}.seek(30)")
    page.click(".aep-copy")
    assert page.text_content(".aep-msg") == tab.base + PAGE + "#t=30"
    assert not tab.warnings, tab.warnings


def test_chosen_speed_is_remembered_on_every_page(tab: Tab) -> None:
    requests: list[str] = []
    tab.page.on("request", lambda r: requests.append(r.url))
    page = tab.open(PAGE)
    page.click(".aep-speed")
    page.click(".aep-speed")
    assert state(tab)["rate"] == 1.5
    tab.open("")  # the edition page
    assert page.text_content(".aep-speed") == "1.5×"
    page.click(".aep-play")
    wait_playing_past(tab, 0.2)
    assert state(tab)["rate"] == 1.5
    keys = page.evaluate("Object.keys(localStorage)")
    assert keys and all(key.startswith("audio-edition:") for key in keys), keys
    assert all(url.startswith(tab.base) for url in requests), requests


FOCUSED = """() => { const el = document.activeElement, s = getComputedStyle(el);
  return {name: el.getAttribute('aria-label') || el.textContent.trim(),
          control: !!el.closest('audio-edition-player, .chapter-play'),
          style: s.outlineStyle, width: parseFloat(s.outlineWidth), color: s.outlineColor}; }"""


@pytest.mark.parametrize("path", [PAGE, ""])
def test_every_control_shows_a_focus_ring(tab: Tab, path: str) -> None:
    page = tab.open(path)
    visible = set(
        page.evaluate(
            """() => [...document.querySelectorAll(`audio-edition-player button,
              audio-edition-player a, audio-edition-player [tabindex], .chapter-play`)]
              .filter((el) => el.getClientRects().length && !el.disabled)
              .map((el) => el.getAttribute('aria-label') || el.textContent.trim())"""
        )
    )
    assert {"Play", "Seek", "Download MP3", "Copy link at 0:00"} <= visible
    ringed: set[str] = set()
    for _ in range(60):
        page.keyboard.press("Tab")
        focused: dict[str, Any] = page.evaluate(FOCUSED)
        if focused["control"]:
            assert focused["style"] == "solid" and focused["width"] >= 2, focused
            assert focused["color"] == "rgb(179, 38, 30)", focused  # the accent
            ringed.add(focused["name"])
        if ringed >= visible:
            break
    assert ringed >= visible, visible - ringed
