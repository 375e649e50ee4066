"""Mastering: bring the stitched PCM to the podcast loudness norm and encode it once.

The raw loudness is known before anything runs (metered from the clips, or from
the PCM, in numpy: ``audio/meter.py``). The limiter that holds the true peak takes
loudness away too (about 2 LU of espeak-ng's bright voice at -16 LUFS), so a short
ffmpeg run tries it on a sample of the PCM at two gains (``loudness.calibrate``) and
the gain that lands on the target is read off between them. Then one ffmpeg pass
applies the gain and the true-peak limiter (oversampled) and encodes; the MP3 is
measured, loudness and true peak, and only if it misses the loudness target by more
than ``TOLERANCE_LU`` is it encoded again, from the same PCM, the gain corrected by
the miss over the slope the trial measured. Each episode depends on its own PCM only:
no article waits for another, and the same clips master to the same bytes.

The limiter holds the true peak ``HEADROOM_DB`` under the ceiling, but the MP3
encoder adds overshoot of its own (up to about 0.6 dB on espeak's sibilants):
an MP3 whose true peak still lands over the norm is encoded again with the
limiter lowered by the excess, so every MP3 is at most -1 dBTP.
"""

from __future__ import annotations

import logging
import math
import wave
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from audio_edition.audio.encode import encode_each
from audio_edition.audio.loudness import (
    SILENCE_LUFS,
    calibrate,
    clamp_gain,
    correction_filter,
    measure_each,
)
from audio_edition.audio.meter import loudness_of, wav_pieces
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
ENCODER_LOSS_LU = 0.3
"""What LAME takes from the PCM's loudness, aimed above to make up for it: measured 0.2 LU
on espeak-ng's speech, 0.4-0.5 on the test engine's tones (64 kbps at 22,050 Hz). Without
it the tones' first encode missed the tolerance and every article was encoded twice."""


@dataclass(frozen=True)
class Mastered:
    """The result of mastering one episode."""

    loudness: Loudness
    """Measured on the final MP3."""
    gain_db: float
    """The gain it was encoded with."""


def master(
    raw: Path, mp3: Path, settings: AudioSettings, raw_lufs: float | None = None
) -> Mastered:
    """Write ``mp3`` from the PCM in ``raw`` at the target loudness, its true peak in
    bounds; ``raw_lufs``: the PCM's loudness, if it was metered already."""
    return master_all([raw], [mp3], settings, raw_lufs)[0]


def master_all(
    raws: Sequence[Path], mp3s: Sequence[Path], settings: AudioSettings,
    raw_lufs: float | None = None,
) -> list[Mastered]:  # fmt: skip
    """``master`` for pieces heard one after the other (the edition's own lines): one
    gain for all, found for them together, so they sound alike; one ffmpeg run encodes
    them all and one measures them all."""
    target, rate = settings.loudness_lufs, _sample_rate(raws[0])
    allowed = min(settings.true_peak_dbtp + HEADROOM_DB, PEAK_NORM_DBTP) - METER_MARGIN_DB
    limits = [settings.true_peak_dbtp - HEADROOM_DB] * len(raws)
    lengths = [_frames(raw) for raw in raws]
    if raw_lufs is None:
        raw_lufs = loudness_of(_laid_out(raws, lengths), rate)
    trial = calibrate(raws, sum(lengths), raw_lufs, target, limits[0], rate)
    gain, slope = trial.gain_for(target + ENCODER_LOSS_LU)
    results: list[Mastered | None] = [None] * len(raws)
    todo = list(range(len(raws)))
    for _ in range(ATTEMPTS):
        encode_each([(raws[i], mp3s[i], correction_filter(gain, limits[i], rate)) for i in todo],
                    settings)  # fmt: skip
        for i, found in zip(todo, measure_each([mp3s[i] for i in todo], rate), strict=True):
            results[i] = Mastered(found, gain)
        done = [r for r in results if r is not None]
        level = _combined([r.loudness for r in done], lengths)
        log.debug("%s: %+.2f dB: %.2f LUFS", mp3s[0].name, gain, level)
        over = [i for i, r in enumerate(done) if (r.loudness.true_peak_dbtp or 0.0) > allowed]
        loud = abs(target - level) <= TOLERANCE_LU or level <= SILENCE_LUFS
        if loud and not over:
            break
        for i in over:  # the encoder overshot: lower the limiter by as much, and a bit
            limits[i] -= (done[i].loudness.true_peak_dbtp or 0.0) - allowed + METER_MARGIN_DB
        todo = over if loud else list(range(len(raws)))
        if not loud:
            gain = clamp_gain(gain + (target - level) / slope)
    return [r for r in results if r is not None]


def _combined(levels: Sequence[Loudness], lengths: Sequence[int]) -> float:
    """The loudness of pieces heard one after the other: energy-weighted by length."""
    if len(levels) == 1:
        return levels[0].integrated_lufs
    energy = sum(n * 10 ** (x.integrated_lufs / 10) for x, n in zip(levels, lengths, strict=True))
    return max(10 * math.log10(max(energy / sum(lengths), 1e-12)), SILENCE_LUFS)


def _laid_out(raws: Sequence[Path], lengths: Sequence[int]) -> Iterator[tuple[int, np.ndarray]]:
    """The pieces' samples on one timeline, one after the other."""
    start = 0
    for raw, length in zip(raws, lengths, strict=True):
        yield from wav_pieces(raw, start)
        start += length


def _sample_rate(wav: Path) -> int:
    with wave.open(str(wav), "rb") as reader:
        return reader.getframerate()


def _frames(wav: Path) -> int:
    with wave.open(str(wav), "rb") as reader:
        return reader.getnframes()
