"""Word highlighting in Chromium: with ``highlight="word"`` and a timing JSON that times words,
the word being read is lit inside its sentence; where the timing has no words (for the episode
or for one sentence), or without the attribute, the sentence alone is."""

from __future__ import annotations

import json
import shutil
import wave
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser

from audio_edition.site.serve import RunningServer, start

from .conftest import Tab, new_tab
from .test_player import wait_playing_past

pytestmark = pytest.mark.slow

STATIC = Path(__file__).resolve().parents[2] / "audio_edition" / "site" / "static"
PLAYER = "document.querySelector('audio-edition-player')"
HEADLINE = "Harbour lights return"
LAMPS = 'The "old" lamps were lit again at dusk.'
CROWDS = "Crowds cheered from the quay."
TEXT = f"{HEADLINE}\n\n{LAMPS} {CROWDS}"
DURATION = 6.5
STATE = """() => {
  const p = document.querySelector('audio-edition-player');
  const s = document.querySelector('[data-sentence][aria-current="true"]');
  const w = [...document.querySelectorAll('[data-word].aep-current')];
  const of = (e) => +e.closest('[data-sentence]').dataset.sentence;
  return {t: p.audio.currentTime, sentence: s ? of(s) : -1,
          word: w.map((e) => e.textContent).join(''), inWord: w.every((e) => of(e) === of(s))};
}"""


def _words(sentence: str, at: int, start: float, step: float) -> list[dict[str, Any]]:
    """Each word of ``sentence`` (which starts at ``at`` in TEXT), ``step`` seconds long."""
    out, cursor = [], 0
    for i, token in enumerate(sentence.split()):
        core = token.strip('".,')
        begin = sentence.index(core, cursor)
        cursor = begin + len(core)
        span = [at + begin, at + cursor]
        out.append({"start": round(start + i * step, 3), "end": round(start + (i + 1) * step, 3),
                    "span": span})  # fmt: skip
    return out


def timing(words: bool) -> dict[str, Any]:
    """A hand-written timing JSON: the headline and LAMPS timed word by word (when ``words``),
    CROWDS never."""
    lamps_at, crowds_at = TEXT.index(LAMPS), TEXT.index(CROWDS)
    sentences: list[dict[str, Any]] = [
        {"index": 0, "paragraph": 0, "start": 0.0, "end": 1.5, "text": HEADLINE,
         "span": [0, len(HEADLINE)], "words": _words(HEADLINE, 0, 0.1, 0.45)},
        {"index": 1, "paragraph": 1, "start": 2.0, "end": 4.6, "text": LAMPS,
         "span": [lamps_at, lamps_at + len(LAMPS)], "words": _words(LAMPS, lamps_at, 2.0, 0.3)},
        {"index": 2, "paragraph": 1, "start": 5.0, "end": 6.2, "text": CROWDS,
         "span": [crowds_at, crowds_at + len(CROWDS)]},
    ]  # fmt: skip
    for sentence in sentences:
        sentence["spoken"] = sentence["text"]
        if not words:
            sentence.pop("words", None)
    head = {"version": 1, "slug": "lights", "title": HEADLINE, "language": "en"}
    return head | {"audio": "lights.wav", "duration": DURATION, "words": words,
                   "sentences": sentences}  # fmt: skip


def page(timing_file: str, highlight: str) -> str:
    """The article as a publisher writes it: curly quotes, inline markup, the embed snippet."""
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Lights</title><link rel="icon" href="data:,">
<link rel="stylesheet" href="static/player.css"><script src="static/player.js" defer></script>
</head><body><article id="story"><h1>Harbour <em>lights</em> return</h1>
<audio-edition-player timing="{timing_file}" text="#story"{highlight}></audio-edition-player>
<p>The \u201cold\u201d <a href="#lamps">lamps were</a> lit
   again at dusk. Crowds cheered from the quay.</p></article>
<script>window.__before = document.querySelector("#story > p").textContent;</script>
</body></html>"""


@pytest.fixture(scope="module")
def lights(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningServer]:
    """A site with one silent WAV, two timing files and three pages."""
    root = tmp_path_factory.mktemp("lights")
    shutil.copytree(STATIC, root / "static")
    with wave.open(str(root / "lights.wav"), "wb") as sink:
        sink.setnchannels(1)
        sink.setsampwidth(2)
        sink.setframerate(8000)
        sink.writeframes(b"\0\0" * int(8000 * DURATION))
    for words in (True, False):
        name = "words" if words else "flat"
        (root / f"{name}.timing.json").write_text(json.dumps(timing(words)), encoding="utf-8")
    word = ' highlight="word"'
    for name, timing_file, highlight in (("words.html", "words.timing.json", word),
                                         ("flat.html", "flat.timing.json", word),
                                         ("plain.html", "words.timing.json", "")):  # fmt: skip
        (root / name).write_text(page(timing_file, highlight), encoding="utf-8")
    server = start(root)
    yield server
    server.stop()


@pytest.fixture
def reader(browser: Browser, lights: RunningServer) -> Iterator[Tab]:
    """A fresh page on that site."""
    yield from new_tab(browser, lights.url)


def at(tab: Tab, seconds: float) -> dict[str, Any]:
    """Seek the paused player to ``seconds``; what is lit then."""
    tab.page.evaluate(f"{PLAYER}.seek({seconds})")
    result: dict[str, Any] = tab.page.evaluate(STATE)
    return result


def expected_word(t: float, margin: float = 0.08) -> str | None:
    """The word lit at ``t`` per the timing JSON; ``None`` near a word's start."""
    data = timing(True)
    for sentence in data["sentences"]:
        for word in sentence.get("words", []):
            if abs(t - word["start"]) < margin:
                return None
    lit = ""
    for sentence in data["sentences"]:
        if sentence["start"] <= t:
            started = [w for w in sentence.get("words", []) if w["start"] <= t]
            lit = TEXT[slice(*started[-1]["span"])] if started else ""
    return lit


def test_the_word_lit_is_the_word_read_at_that_time(reader: Tab) -> None:
    page = reader.open("words.html")
    assert page.locator("[data-word]").count() == 0  # words are wrapped only once needed
    seen = {t: at(reader, t) for t in (0.3, 0.7, 1.2, 1.8, 2.1, 2.45, 2.75, 3.3, 4.25, 4.8, 5.5)}
    assert {t: (s["sentence"], s["word"]) for t, s in seen.items()} == {
        0.3: (0, "Harbour"), 0.7: (0, "lights"), 1.2: (0, "return"), 1.8: (0, "return"),
        2.1: (1, "The"), 2.45: (1, "old"), 2.75: (1, "lamps"), 3.3: (1, "lit"),
        4.25: (1, "dusk"), 4.8: (1, "dusk"), 5.5: (2, ""),  # no words for this sentence
    }  # fmt: skip
    assert all(s["inWord"] for s in seen.values())
    assert page.evaluate("document.querySelector('#story > p').textContent === window.__before")
    inside = "[...document.querySelectorAll('[data-word]')]" + (
        ".every((w) => w.parentElement.closest('[data-sentence]'))"
    )
    assert page.evaluate(inside)
    assert not reader.warnings, reader.warnings


def test_the_word_highlight_follows_playback(reader: Tab) -> None:
    page = reader.open("words.html")
    page.click(".aep-play")
    wait_playing_past(reader, 0.05)
    checked = 0
    for _ in range(60):
        now: dict[str, Any] = page.evaluate(STATE)
        want = expected_word(now["t"])
        if want is not None:
            assert now["word"] == want, now
            checked += 1
        if now["t"] > 4.5:
            break
        page.wait_for_timeout(97)
    assert checked >= 10, "too few samples away from word boundaries"
    assert not reader.warnings, reader.warnings


@pytest.mark.parametrize("name", ["flat.html", "plain.html"])
def test_without_word_timings_or_the_attribute_the_sentence_alone_is_lit(
    reader: Tab, name: str
) -> None:
    page = reader.open(name)
    for t, sentence in ((0.7, 0), (2.75, 1), (5.5, 2)):
        now = at(reader, t)
        assert (now["sentence"], now["word"]) == (sentence, "")
    assert page.locator("[data-word]").count() == 0
    assert not reader.warnings, reader.warnings
