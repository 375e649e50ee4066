"""Word timings published: the timing JSON says whether the engine timed words and gives each
written word's time and span; the edition episode moves them with their article; article
pages turn word highlighting on only where there are words."""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from conftest import Rendered
from podcast_checks import small_edition

from audio_edition import build, edition
from audio_edition.cli import main
from audio_edition.models import Clip, Cue, Episode, Loudness, Sentence, Word, WordTiming
from audio_edition.timing import TIMING_VERSION, timing_json

RATE = 22050
PLAYER = re.compile(r"<audio-edition-player ([^>]*)>")


def _episode(cues: tuple[Cue, ...]) -> Episode:
    return Episode("tide", "Tide", Path("tide-1.mp3"), 2.0, RATE, cues, Loudness(-16.0, None))


def test_timing_json_gives_each_written_words_time_and_span() -> None:
    text = "High tide at noon. Boats wait."
    first = Sentence(0, 0, 0, 18, text[:18], "High tide at twelve noon.")
    second = Sentence(1, 0, 19, 30, text[19:], "Boats wait.")
    words = (Word(0, 4, 110, 2205), Word(5, 9, 2205, 4410), Word(10, 12, 4410, 6615),
             Word(13, 17, 6615, 13230))  # fmt: skip
    data = timing_json(_episode((Cue(first, 0, 13230, words), Cue(second, 19845, 26460))), "en")
    assert data["version"] == TIMING_VERSION and data["words"] is True
    timed, untimed = data["sentences"]
    assert timed["words"] == [
        {"start": 0.005, "end": 0.1, "span": [0, 4]},
        {"start": 0.1, "end": 0.2, "span": [5, 9]},
        {"start": 0.2, "end": 0.3, "span": [10, 12]},
        {"start": 0.3, "end": 0.6, "span": [13, 17]},
    ]
    assert [text[a:b] for a, b in (w["span"] for w in timed["words"])] == ["High", "tide", "at",
                                                                           "noon"]  # fmt: skip
    assert "words" not in untimed
    assert set(untimed) == {"index", "paragraph", "start", "end", "text", "span", "spoken"}


def test_timing_json_says_when_the_engine_timed_no_words() -> None:
    sentence = Sentence(0, 0, 0, 5, "Calm.", "Calm.")
    data = timing_json(_episode((Cue(sentence, 0, 100),)), "en")
    assert data["words"] is False and "words" not in data["sentences"][0]


def assert_words_fit(data: dict[str, Any]) -> None:
    """Every sentence's words in order, inside its time and its span."""
    for sentence in data["sentences"]:
        words = sentence.get("words", [])
        starts = [w["start"] for w in words]
        assert starts == sorted(starts), sentence["text"]
        for word in words:
            assert sentence["start"] <= word["start"] <= word["end"] <= sentence["end"]
            assert sentence["span"][0] <= word["span"][0] < word["span"][1] <= sentence["span"][1]


def _evenly(clip: Clip) -> Clip:
    """What an engine that times words gives: here, the clip shared evenly between them."""
    n = len(clip.sentence.spoken.split())
    words = tuple(WordTiming(clip.frames * i // n, clip.frames * (i + 1) // n) for i in range(n))
    return replace(clip, words=words)


def _timed(synthesize: Callable[..., list[Clip]]) -> Callable[..., list[Clip]]:
    def speak(*args: Any, **kwargs: Any) -> list[Clip]:
        return [_evenly(clip) for clip in synthesize(*args, **kwargs)]

    return speak


def _render(edition_dir: Path, out: Path, cache: Path) -> None:
    result = CliRunner().invoke(
        main, ["render", str(edition_dir), "--out", str(out), "-q", "--cache-dir", str(cache)]
    )
    assert result.exit_code == 0, result.output


def _json(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def _player(page: Path) -> dict[str, str]:
    found = PLAYER.search(page.read_text(encoding="utf-8"))
    assert found, f"no player on {page}"
    return dict(re.findall(r'([a-z-]+)="([^"]*)"', html.unescape(found.group(1))))


def test_render_publishes_word_timings_where_the_engine_gives_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(build, "synthesize", _timed(build.synthesize))
    monkeypatch.setattr(edition, "synthesize", _timed(edition.synthesize))
    source = small_edition(tmp_path / "e")
    _render(source, tmp_path / "out", tmp_path / "cache")
    article = next((tmp_path / "out" / "articles").glob("*/*.timing.json"))
    data = _json(article)
    text = [s for s in data["sentences"] if s.get("kind") != "disclosure"]  # in no page text
    assert data["words"] is True and all(s.get("words") for s in text)
    assert_words_fit(data)
    assert _player(article.parent / "index.html")["highlight"] == "word"
    day = dt.date(2026, 11, 27).isoformat()
    whole = _json(tmp_path / "out" / "editions" / day / f"edition-{day}.timing.json")
    assert whole["words"] is True
    mine = [s for s in whole["sentences"] if s["article"] == data["slug"]]
    assert [s["text"] for s in mine] == [s["text"] for s in text]
    for own, there in zip(text, mine, strict=True):
        offset = there["start"] - own["start"]  # where the article starts in the edition
        for a, b in zip(own["words"], there["words"], strict=True):
            assert b["span"] == a["span"]
            assert b["start"] == pytest.approx(a["start"] + offset, abs=0.0015)


def test_pages_highlight_words_only_where_the_timing_has_them(tmp_path: Path) -> None:
    source = small_edition(tmp_path / "e")
    _render(source, tmp_path / "out", tmp_path / "cache")
    for timing in (tmp_path / "out" / "articles").glob("*/*.timing.json"):
        data, player = _json(timing), _player(timing.parent / "index.html")
        assert ("highlight" in player) == data["words"]
        assert data["words"] == any("words" in s for s in data["sentences"])


@pytest.mark.slow
def test_real_voice_pages_and_words_agree(rendered_real: Rendered) -> None:
    for episode in rendered_real.summary.episodes:
        data = _json(episode.files["timing"])
        player = _player(episode.files["timing"].parent / "index.html")
        assert ("highlight" in player) == data["words"]
        assert_words_fit(data)
