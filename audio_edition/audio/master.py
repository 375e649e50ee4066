"""Mastering: bring the stitched PCM to the podcast loudness norm and encode it once.

One ffmpeg pass applies a gain and a true-peak limiter (oversampled) and
encodes; the MP3 is then measured, loudness and true peak, and only if it misses
the loudness target by more than ``TOLERANCE_LU`` is it encoded again, from the
same PCM, with the gain corrected by the miss. The limiter and the encoder each
take a little loudness away (together about 0.7 LU on espeak's bright voice), and
one voice reads every article at about the same level, so the caller passes the
gain an earlier episode ended with: usually one encode is all it takes, and the
PCM need not be measured at all. Without such a hint the PCM is measured first.

The limiter holds the true peak ``HEADROOM_DB`` under the ceiling, but the MP3
encoder adds overshoot of its own (up to about 0.6 dB on espeak's sibilants):
an MP3 whose true peak still lands over the norm is encoded again with the
limiter lowered by the excess, so every MP3 is at most -1 dBTP.
"""

from __future__ import annotations

import logging
import wave
from dataclasses import dataclass
from pathlib import Path

from audio_edition.audio.encode import encode_mp3
from audio_edition.audio.loudness import (
    SILENCE_LUFS,
    clamp_gain,
    correction_filter,
    gain_to,
    measure,
    measure_mastered,
)
from audio_edition.config import AudioSettings
from audio_edition.models import Loudness

log = logging.getLogger(__name__)
TOLERANCE_LU = 0.4
ATTEMPTS = 3
HEADROOM_DB = 0.5
"""The limiter holds the true peak this far under the ceiling: room for the encoder."""
PEAK_NORM_DBTP = -1.0
"""Podcast norm: every MP3's true peak at most -1 dBTP."""
METER_MARGIN_DB = 0.2
"""Kept below the norm: meters differ a little (ffmpeg's ebur128 reads at 192 kHz)."""


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
    """Write ``mp3`` from the PCM in ``raw`` at the target loudness, its true peak in bounds."""
    target, rate = settings.loudness_lufs, _sample_rate(raw)
    allowed = min(settings.true_peak_dbtp + HEADROOM_DB, PEAK_NORM_DBTP) - METER_MARGIN_DB
    limit = settings.true_peak_dbtp - HEADROOM_DB
    gain = gain_hint if gain_hint is not None else gain_to(target, measure(raw, true_peak=False))
    for _ in range(ATTEMPTS):
        encode_mp3(raw, mp3, settings, correction_filter(gain, limit, rate))
        result = measure_mastered(mp3, rate)
        level, peak = result.integrated_lufs, result.true_peak_dbtp
        assert peak is not None  # measure_mastered always reads it
        log.debug("%s: %+.2f dB, limit %.2f: %.2f LUFS, %.2f dBTP", mp3.name, gain, limit, level,
                  peak)  # fmt: skip
        loud = abs(target - level) <= TOLERANCE_LU or level <= SILENCE_LUFS
        if loud and peak <= allowed:
            break
        if not loud:
            gain = clamp_gain(gain + target - level)
        if peak > allowed:  # the encoder overshot: lower the limiter by as much, and a bit
            limit -= peak - allowed + METER_MARGIN_DB
    return Mastered(result, gain)


def _sample_rate(wav: Path) -> int:
    with wave.open(str(wav), "rb") as reader:
        return reader.getframerate()
