"""Loudness measurement (EBU R 128) and the filter that corrects it.

Measured with ffmpeg's meter, streaming, so memory stays bounded. Corrected
with a gain followed by a look-ahead limiter on the oversampled signal (true
peak), whose delay is compensated, so timings do not move; the limiter only
acts on peaks above the ceiling.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from audio_edition.audio.ffmpeg import run_ffmpeg
from audio_edition.errors import AudioError
from audio_edition.models import Loudness

_INTEGRATED = re.compile(r"Integrated loudness:\s+I:\s+(-?[\d.]+|-inf) LUFS")
_PEAK = re.compile(r"True peak:\s+Peak:\s+(-?[\d.]+|-inf) dBFS")
_OVERSAMPLED_PEAK = re.compile(r"Peak level dB:\s+(-?[\d.]+|-inf)")
MAX_GAIN_DB = 30.0
OVERSAMPLE = 4
"""The limiter sees four samples for each one: peaks between samples are then held too."""
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


def measure_mastered(path: Path, sample_rate: int) -> Loudness:
    """Integrated loudness and true peak of an encoded episode, in one pass.

    The peak is read on the decoded signal oversampled ``OVERSAMPLE`` times, as
    BS.1770 defines the true peak: half the cost of ``measure``'s meter (which
    oversamples to 192 kHz) and within 0.1 dB of it on speech.
    """
    meter = (
        f"ebur128=framelog=verbose,aresample={sample_rate * OVERSAMPLE}{resampler()},"
        "astats=measure_perchannel=none:measure_overall=Peak_level"
    )
    log = run_ffmpeg("-i", str(path), "-af", meter, "-f", "null", "-")
    integrated = _INTEGRATED.findall(log)
    peak = _OVERSAMPLED_PEAK.findall(log)
    if not integrated or not peak:
        raise AudioError(f"{path.name}: could not measure loudness")
    return Loudness(max(float(integrated[-1]), SILENCE_LUFS), float(peak[-1]))


def gain_to(target_lufs: float, measured: Loudness) -> float:
    """Gain in dB that brings ``measured`` to the target, within sane bounds."""
    if measured.integrated_lufs <= SILENCE_LUFS:
        return 0.0
    return clamp_gain(target_lufs - measured.integrated_lufs)


def clamp_gain(gain_db: float) -> float:
    """A gain within sane bounds."""
    return max(-MAX_GAIN_DB, min(MAX_GAIN_DB, gain_db))


def correction_filter(gain_db: float, limit_dbtp: float, sample_rate: int) -> str:
    """ffmpeg filter: the gain, then a true-peak limiter at ``limit_dbtp``.

    The limiter runs on the signal oversampled ``OVERSAMPLE`` times, where the peaks
    between samples are samples too (at the original rate it would hold only the
    sample peaks). ffmpeg's resampler and the limiter (``latency=true``) both
    compensate their delay: every sample stays where it was, and the length too
    (tests/test_timing_exact.py).
    """
    limit = 10 ** (limit_dbtp / 20)
    return (
        f"volume={gain_db:.2f}dB:precision=double,"
        f"aresample={sample_rate * OVERSAMPLE}{resampler()},"
        f"alimiter=limit={limit:.4f}:level=false:latency=true:attack=5:release=60,"
        f"aresample={sample_rate}{resampler()}"
    )


@cache
def resampler() -> str:
    """Options of ``aresample`` for oversampling: the SoX resampler at 16-bit precision
    where ffmpeg has it (flat to 10.5 kHz at 22.05 kHz, and half the cost of ffmpeg's
    own resampler, which rolls off 2 dB there); else ffmpeg's own."""
    probe = "aresample=44100:resampler=soxr:precision=16"
    try:
        run_ffmpeg("-f", "lavfi", "-i", "anullsrc=r=22050:cl=mono", "-t", "0.01",
                   "-af", probe, "-f", "null", "-")  # fmt: skip
    except AudioError:
        return ""
    return ":resampler=soxr:precision=16"
