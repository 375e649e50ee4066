"""Loudness measurement (EBU R 128) and the filter that corrects it.

Measured with ffmpeg's meter, streaming, so memory stays bounded. Corrected
with a gain followed by a look-ahead limiter whose delay is compensated, so
timings do not move; the limiter only acts on peaks above the ceiling.
"""

from __future__ import annotations

import re
from pathlib import Path

from audio_edition.audio.ffmpeg import run_ffmpeg
from audio_edition.errors import AudioError
from audio_edition.models import Loudness

_INTEGRATED = re.compile(r"Integrated loudness:\s+I:\s+(-?[\d.]+|-inf) LUFS")
_PEAK = re.compile(r"True peak:\s+Peak:\s+(-?[\d.]+|-inf) dBFS")
MAX_GAIN_DB = 30.0
SILENCE_LUFS = -70.0


def measure(path: Path, true_peak: bool = True) -> Loudness:
    """Integrated loudness and (unless skipped, which is faster) true peak of a file."""
    meter = "ebur128=framelog=verbose" + (":peak=true" if true_peak else "")
    log = run_ffmpeg("-i", str(path), "-af", meter, "-f", "null", "-")
    integrated = _INTEGRATED.findall(log)
    peak = _PEAK.findall(log)
    if not integrated or (true_peak and not peak):
        raise AudioError(f"{path.name}: could not measure loudness")
    return Loudness(max(float(integrated[-1]), SILENCE_LUFS), float(peak[-1]) if peak else None)


def gain_to(target_lufs: float, measured: Loudness) -> float:
    """Gain in dB that brings ``measured`` to the target, within sane bounds."""
    if measured.integrated_lufs <= SILENCE_LUFS:
        return 0.0
    return clamp_gain(target_lufs - measured.integrated_lufs)


def clamp_gain(gain_db: float) -> float:
    """A gain within sane bounds."""
    return max(-MAX_GAIN_DB, min(MAX_GAIN_DB, gain_db))


def correction_filter(gain_db: float, true_peak_dbtp: float) -> str:
    """ffmpeg filter: the gain, then a sample-peak limiter 0.5 dB under the true-peak ceiling."""
    limit = 10 ** ((true_peak_dbtp - 0.5) / 20)
    return (
        f"volume={gain_db:.2f}dB:precision=double,"
        f"alimiter=limit={limit:.4f}:level=false:latency=true:attack=5:release=60"
    )
