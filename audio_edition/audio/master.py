"""Mastering: bring the stitched PCM to the podcast loudness norm and encode it once.

One ffmpeg pass applies the gain and the limiter and encodes. The limiter and
the encoder each take a little loudness away (together about 0.7 LU on
espeak's bright voice), so the caller passes the correction an earlier episode
needed (the render's first article); the MP3 is then measured, and only if it
still misses the target by more than ``TOLERANCE_LU`` is it encoded again, from
the same PCM. Its true peak is not measured here: the limiter holds the samples
0.5 dB under the ceiling, and ``audio-edition check`` measures every MP3.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from audio_edition.audio.encode import encode_mp3
from audio_edition.audio.loudness import correction_filter, gain_to, measure
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
    correction_db: float
    """Extra gain that made up for the limiter and encoder: a hint for the next episode."""


def master(raw: Path, mp3: Path, settings: AudioSettings, hint_db: float = 0.0) -> Mastered:
    """Write ``mp3`` from the PCM in ``raw`` at the target loudness."""
    base = gain_to(settings.loudness_lufs, measure(raw, true_peak=False))
    correction = hint_db
    for _ in range(ATTEMPTS):
        audio_filter = correction_filter(base + correction, settings.true_peak_dbtp)
        encode_mp3(raw, mp3, settings, audio_filter)
        result = measure(mp3, true_peak=False)  # the limiter sees to the peak
        miss = settings.loudness_lufs - result.integrated_lufs
        level = result.integrated_lufs
        log.debug("%s: encoded at %+.2f dB: %.2f LUFS", mp3.name, base + correction, level)
        if abs(miss) <= TOLERANCE_LU or base == 0.0:
            break
        correction += miss
    return Mastered(result, correction)
