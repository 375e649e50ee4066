"""Loudness measurement (EBU R 128) and the filter that corrects it.

Measured with ffmpeg's meter, streaming, so memory stays bounded. Corrected
with a gain followed by a look-ahead limiter on the oversampled signal (true
peak), whose delay is compensated, so timings do not move; the limiter only
acts on peaks above the ceiling.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from audio_edition.audio.ffmpeg import run_ffmpeg
from audio_edition.errors import AudioError
from audio_edition.models import Loudness

_INTEGRATED = re.compile(r"Integrated loudness:\s+I:\s+(-?[\d.]+|-inf) LUFS")
_PEAK = re.compile(r"True peak:\s+Peak:\s+(-?[\d.]+|-inf) dBFS")
_INTEGRATED_ANY = re.compile(r"I:\s+(-?[\d.]+|-inf) LUFS")
_PEAK_DB = re.compile(r"Peak level dB:\s+(-?[\d.]+|-inf)")
MAX_GAIN_DB = 30.0
OVERSAMPLE = 4
"""The meter reads the true peak on four samples for each one, as BS.1770 defines it."""
LIMITER_OVERSAMPLE = 2
"""The limiter sees two samples for each one, so that most peaks between samples are held
too, at half the cost of four (measured: 0.9 s against 1.7 s of CPU for 10 minutes of
speech). What it misses (a fraction of a dB) the true-peak headroom takes, and an MP3
whose measured true peak still lands over the norm is encoded again (``audio/master.py``)."""
SILENCE_LUFS = -70.0
MIN_SLOPE = 0.2
"""The output moves at least this much per dB of gain, however hard the limiter works."""
SAMPLE_S, SAMPLE_MAX_S = 4, 20
"""The limiter's loss is tried on a sample: 4 seconds in every 20, at most about 20 in all
(4 in every 36 of a 3-minute article)."""
TRIAL_FROM_DB, TRIAL_STEP_DB = 1.0, 2.0
"""The two gains tried: the one the raw loudness calls for, plus 1 dB and plus 3 dB
(the limiter takes about 2 LU of espeak-ng's speech at -16 LUFS)."""


def measure(path: Path, true_peak: bool = True) -> Loudness:
    """Integrated loudness and (unless skipped, which is faster) true peak of a file."""
    meter = "ebur128=framelog=verbose" + (":peak=true" if true_peak else "")
    log = run_ffmpeg("-i", str(path), "-af", meter, "-f", "null", "-")
    integrated = _INTEGRATED.findall(log)
    peak = _PEAK.findall(log)
    if not integrated or (true_peak and not peak):
        raise AudioError(f"{path.name}: could not measure loudness")
    return Loudness(max(float(integrated[-1]), SILENCE_LUFS), float(peak[-1]) if peak else None)


def measure_each(paths: Sequence[Path], sample_rate: int) -> list[Loudness]:
    """Integrated loudness and true peak of each encoded episode, in one ffmpeg process.

    The peak is read on the decoded signal oversampled ``OVERSAMPLE`` times, as
    BS.1770 defines the true peak: half the cost of ``measure``'s meter (which
    oversamples to 192 kHz) and within 0.1 dB of it on speech.
    """
    up = f"aresample={sample_rate * OVERSAMPLE}{resampler()}"
    chains = [
        f"[{i}:a]ebur128@m{i}=framelog=verbose,{up},"
        f"astats@p{i}=measure_perchannel=none:measure_overall=Peak_level[o{i}]"
        for i in range(len(paths))
    ]
    log = run_ffmpeg(*_inputs(paths), "-filter_complex", ";".join(chains), *_nulls(len(paths)))
    found = []
    for i, path in enumerate(paths):
        integrated, peak = _summary(log, f"ebur128@m{i}"), _named(log, f"astats@p{i}", _PEAK_DB)
        if integrated is None or peak is None:
            raise AudioError(f"{path.name}: could not measure loudness")
        found.append(Loudness(integrated, peak))
    return found


@dataclass(frozen=True)
class Calibration:
    """How loud a recording is, and how much of its loudness the limiter takes away."""

    integrated_lufs: float
    """Integrated loudness of the whole recording, as it is."""
    gains_db: tuple[float, float]
    """The two gains tried on a sample of it."""
    losses_db: tuple[float, float]
    """What the limiter took from the sample's loudness at each gain (LU)."""

    def gain_for(self, target_lufs: float) -> tuple[float, float]:
        """The gain predicted to bring the whole to ``target_lufs`` through the limiter,
        and how far the output moves per dB of gain there (the limiter takes a share)."""
        if self.integrated_lufs <= SILENCE_LUFS:
            return 0.0, 1.0
        (g1, g2), (l1, l2) = self.gains_db, self.losses_db
        share = min(max((l2 - l1) / (g2 - g1), 0.0), 1.0 - MIN_SLOPE)  # lost per dB of gain
        gain = (target_lufs - self.integrated_lufs + l1 - share * g1) / (1.0 - share)
        return clamp_gain(gain), 1.0 - share


def calibrate(
    paths: Sequence[Path],
    frames: int,
    raw_lufs: float,
    target_lufs: float,
    limit_dbtp: float,
    rate: int,
) -> Calibration:
    """What the limiter of ``correction_filter`` takes from ``paths`` (one after the other,
    ``raw_lufs`` loud as they are) at two gains about the one ``target_lufs`` calls for,
    tried on a sample of ``frames`` (their length): ``SAMPLE_S`` seconds in every so many,
    ``SAMPLE_MAX_S`` seconds in all. One short ffmpeg
    run, no encoding (a tenth of an encode's cost), after which the encode usually lands
    within the tolerance at once: no article waits for another's measurement
    (docs/architecture.md, "Audio")."""
    base = clamp_gain(target_lufs - raw_lufs)
    gains = (base + TRIAL_FROM_DB, base + TRIAL_FROM_DB + TRIAL_STEP_DB)
    if raw_lufs <= SILENCE_LUFS:
        return Calibration(raw_lufs, gains, (0.0, 0.0))
    every = max(5 * SAMPLE_S, round(frames / rate * SAMPLE_S / SAMPLE_MAX_S))
    sample = f"aselect='lt(mod(t\\,{every})\\,{SAMPLE_S})',asetpts=N/SR/TB"
    trials = ";".join(
        f"[t{i}]{_limited(gain, limit_dbtp, rate)},ebur128@t{i}=framelog=verbose[o{i}]"
        for i, gain in enumerate(gains)
    )
    log = run_ffmpeg(*_inputs(paths), "-filter_complex", (
        f"{_joined(len(paths))}{sample},ebur128@part=framelog=verbose,asplit=2[t0][t1];{trials}"
    ), *_nulls(2))  # fmt: skip
    part, low, high = (_summary(log, f"ebur128@{n}") for n in ("part", "t0", "t1"))
    if part is None or low is None or high is None or part <= SILENCE_LUFS:
        return Calibration(raw_lufs, gains, (0.0, 0.0))  # the encodes find the gain instead
    return Calibration(raw_lufs, gains, (part + gains[0] - low, part + gains[1] - high))


def _joined(count: int) -> str:
    """Filter graph head: the inputs one after the other."""
    if count == 1:
        return "[0:a]"
    return "".join(f"[{i}:a]" for i in range(count)) + f"concat=n={count}:v=0:a=1,"


def _inputs(paths: Sequence[Path]) -> list[str]:
    return [arg for path in paths for arg in ("-i", str(path))]


def _nulls(count: int) -> list[str]:
    return [arg for i in range(count) for arg in ("-map", f"[o{i}]", "-f", "null", "-")]


def _summary(log: str, name: str) -> float | None:
    """Integrated loudness the ebur128 filter named ``name`` reported last (LUFS)."""
    parts = log.split(f"[{name} @ ")
    found = _INTEGRATED_ANY.findall(parts[-1]) if len(parts) > 1 else []
    return max(float(found[0]), SILENCE_LUFS) if found else None


def _named(log: str, name: str, pattern: re.Pattern[str]) -> float | None:
    """The last value ``pattern`` finds on a line of the filter named ``name``."""
    found = re.findall(rf"\[{re.escape(name)} @ [^\]]*\] {pattern.pattern}", log)
    return float(found[-1]) if found else None


def clamp_gain(gain_db: float) -> float:
    """A gain within sane bounds."""
    return max(-MAX_GAIN_DB, min(MAX_GAIN_DB, gain_db))


def correction_filter(gain_db: float, limit_dbtp: float, sample_rate: int) -> str:
    """ffmpeg filter: the gain, then a true-peak limiter at ``limit_dbtp``.

    The limiter runs on the signal oversampled ``LIMITER_OVERSAMPLE`` times, where the
    peaks between samples are samples too (at the original rate it would hold only the
    sample peaks). ffmpeg's resampler and the limiter (``latency=true``) both
    compensate their delay: every sample stays where it was, and the length too
    (tests/test_timing_exact.py).
    """
    return _limited(gain_db, limit_dbtp, sample_rate)


def _limited(gain_db: float, limit_dbtp: float, sample_rate: int) -> str:
    limit = 10 ** (limit_dbtp / 20)
    return (
        f"volume={gain_db:.2f}dB:precision=double,"
        f"aresample={sample_rate * LIMITER_OVERSAMPLE}{resampler()},"
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
