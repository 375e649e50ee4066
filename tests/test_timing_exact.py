"""The recorded start of every sentence is where its audio begins in the final MP3.

The MP3 is decoded with ffmpeg, as a player would, and each sentence's own clip
is found in it: within 1 ms of its recorded start, with the fake engine
(tones with a sharp onset) and with the real one (espeak-ng speech).
"""

from __future__ import annotations

import json

import numpy as np
import pytest
from audio_checks import ONE_MS, best_lag, onset, read_wav
from conftest import Rendered, decode

from audio_edition.cache import ClipCache
from audio_edition.voices import load_voice


def _clip_cache(rendered: Rendered, voice_name: str) -> ClipCache:
    voice = load_voice(voice_name, rendered.edition)
    return ClipCache(rendered.cache, voice)


def _sentences(rendered: Rendered) -> list[tuple[str, dict]]:
    found = []
    for episode in rendered.summary.episodes:
        timing = json.loads(episode.files["timing"].read_text())
        found += [(episode.slug, s) for s in timing["sentences"]]
    return found


def test_fake_engine_sentence_onsets_within_1ms(rendered_fake: Rendered) -> None:
    cache = _clip_cache(rendered_fake, "test-fake")
    checked = 0
    for episode in rendered_fake.summary.episodes:
        audio = decode(episode.mp3)
        timing = json.loads(episode.files["timing"].read_text())
        # Encoder delay trimmed: as long as the timeline. (ffmpeg's LAME tag leaves
        # up to a few dozen samples of padding at the very end for some lengths.)
        assert 0 <= len(audio) - round(episode.duration * 22050) <= 2 * ONE_MS
        assert abs(timing["duration"] - episode.duration) < 0.0005
        for sentence in timing["sentences"]:
            expected = round(sentence["start"] * 22050)
            clip = read_wav(cache.path_for(sentence["spoken"]))
            # A tone is periodic, so its onset (not a correlation) locates it.
            level = 0.4 * float(abs(clip).max()) * _gain(audio, clip, expected)
            assert abs(onset(audio, expected, level)) <= ONE_MS, sentence["text"]
            checked += 1
    assert checked > 50


def _gain(audio: np.ndarray, clip: np.ndarray, start: int) -> float:
    """How much mastering scaled this clip (peak ratio over its middle)."""
    middle = slice(len(clip) // 4, len(clip) // 2)
    shifted = slice(start + len(clip) // 4, start + len(clip) // 2)
    return float(abs(audio[shifted]).max() / abs(clip[middle]).max())


@pytest.mark.slow
def test_real_engine_sentence_starts_within_1ms(rendered_real: Rendered) -> None:
    cache = _clip_cache(rendered_real, "en-default")
    lags = []
    for episode in rendered_real.summary.episodes:
        audio = decode(episode.mp3)
        timing = json.loads(episode.files["timing"].read_text())
        for sentence in timing["sentences"]:
            path = cache.path_for(sentence["spoken"])
            if not path.exists():  # spoken in several pieces: located by its first
                continue
            expected = round(sentence["start"] * 22050)
            lags.append(best_lag(audio, read_wav(path), expected))
    assert len(lags) > 50
    assert max(abs(lag) for lag in lags) <= ONE_MS, lags
