"""Mastering: bring the stitched PCM to the podcast loudness norm and encode it once.

One ffmpeg pass applies a gain and the limiter and encodes; the MP3 is then
measured, and only if it misses the target by more than ``TOLERANCE_LU`` is it
encoded again, from the same PCM, with the gain corrected by the miss. The
limiter and the encoder each take a little loudness away (together about 0.7 LU
on espeak's bright voice), and one voice reads every article at about the same
level, so the caller passes the gain an earlier episode ended with: usually one
encode is all it takes, and the PCM need not be measured at all. Without such a
hint the PCM is measured first. The true peak is not measured here: the limiter
holds the samples 0.5 dB under the ceiling, and ``audio-edition check`` measures
every MP3.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from audio_edition.audio.encode import encode_mp3
from audio_edition.audio.loudness import (
    SILENCE_LUFS,
    clamp_gain,
    correction_filter,
    gain_to,
    measure,
)
from audio_edition.config import AudioSettings
from audio_edition.models import Loudness

log = logging.getLogger(__name__)
TOLERANCE_LU = 0.4
ATTEMPTS = 3


@dataclass(frozen=True)
class Mastered:
    """The result of mastering one episode."""

    loudness: Loudness
    """Measured on the final MP3."""
    gain_db: float
    """The gain it was encoded with: the next episode's hint."""


def master(
    raw: Path, mp3: Path, settings: AudioSettings, gain_hint: float | None = None
) -> Mastered:
    """Write ``mp3`` from the PCM in ``raw`` at the target loudness."""
    target = settings.loudness_lufs
    gain = gain_hint if gain_hint is not None else gain_to(target, measure(raw, true_peak=False))
    for _ in range(ATTEMPTS):
        encode_mp3(raw, mp3, settings, correction_filter(gain, settings.true_peak_dbtp))
        result = measure(mp3, true_peak=False)
        level = result.integrated_lufs
        log.debug("%s: encoded at %+.2f dB: %.2f LUFS", mp3.name, gain, level)
        if abs(target - level) <= TOLERANCE_LU or level <= SILENCE_LUFS:
            break
        gain = clamp_gain(gain + target - level)
    return Mastered(result, gain)
