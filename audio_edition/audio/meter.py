"""Integrated loudness (ITU-R BS.1770, EBU R 128) of PCM in memory, with numpy.

Mastering needs the raw loudness of an article before it encodes it. Rather than
an ffmpeg pass over the stitched article, the clips are metered from the cache as
the article is laid out: each clip's samples are cut on the article's 100 ms grid,
and each sub-block's K-weighted energy is read off its spectrum (Parseval: the
energy of the filtered block is its spectrum's energy weighted by the filter's
response). Four sub-blocks make a gating block, 75 % overlapped, as the standard
defines (docs/architecture.md, "Audio"). Agrees with ffmpeg's ``ebur128`` filter to
about 0.05 LU on speech, at a fraction of its cost.
"""

from __future__ import annotations

import math
import wave
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path

import numpy as np

SUB_BLOCK_S = 0.1
"""Sub-block length; four make a 400 ms gating block."""
ABSOLUTE_GATE_LUFS = -70.0
RELATIVE_GATE_LU = -10.0
CHUNK_FRAMES = 1 << 20
"""A long WAV is metered in pieces of this many frames: memory stays bounded."""


def _coefficients(rate: int) -> list[tuple[tuple[float, ...], tuple[float, ...]]]:
    """The two K-weighting biquads at ``rate`` (high shelf, then high pass), from the
    standard's analogue parameters as ffmpeg's ``ebur128`` filter derives them."""
    f0, gain, q = 1681.974450955533, 3.999843853973347, 0.7071752369554196
    k = math.tan(math.pi * f0 / rate)
    vh = 10 ** (gain / 20)
    vb = vh**0.4996667741545416
    a0 = 1 + k / q + k * k
    shelf_b = (
        (vh + vb * k / q + k * k) / a0,
        2 * (k * k - vh) / a0,
        (vh - vb * k / q + k * k) / a0,
    )
    shelf_a = (1.0, 2 * (k * k - 1) / a0, (1 - k / q + k * k) / a0)
    f0, q = 38.13547087602444, 0.5003270373238773
    k = math.tan(math.pi * f0 / rate)
    a0 = 1 + k / q + k * k
    high_a = (1.0, 2 * (k * k - 1) / a0, (1 - k / q + k * k) / a0)
    return [(shelf_b, shelf_a), ((1.0, -2.0, 1.0), high_a)]


@cache
def _weights(size: int, rate: int) -> np.ndarray:
    """Per rfft bin of a ``size``-sample block: the K filter's power response, scaled so
    that the weighted sum of the squared spectrum is the filtered block's energy."""
    z = np.exp(-2j * np.pi * np.arange(size // 2 + 1) / size)
    response = np.ones(size // 2 + 1, dtype=complex)
    for b, a in _coefficients(rate):
        response *= (b[0] + b[1] * z + b[2] * z * z) / (a[0] + a[1] * z + a[2] * z * z)
    scale = np.full(size // 2 + 1, 2.0 / size)
    scale[0] = 1.0 / size
    if size % 2 == 0:
        scale[-1] = 1.0 / size
    weights: np.ndarray = np.abs(response) ** 2 * scale
    return weights


class Meter:
    """Integrated loudness of pieces of PCM laid out on one timeline (gaps are silence)."""

    def __init__(self, sample_rate: int) -> None:
        self.rate = sample_rate
        self.sub = round(sample_rate * SUB_BLOCK_S)
        self.energy = np.zeros(0)

    def add(self, start: int, samples: np.ndarray) -> None:
        """Add a piece (float samples, full scale 1.0) that starts at frame ``start``."""
        if not len(samples):
            return
        first, lead = divmod(start, self.sub)
        count = -(-(lead + len(samples)) // self.sub)
        blocks = np.zeros(count * self.sub)
        blocks[lead : lead + len(samples)] = samples
        spectra = np.fft.rfft(blocks.reshape(count, self.sub), axis=1)
        energy = (spectra.real**2 + spectra.imag**2) @ _weights(self.sub, self.rate)
        if first + count > len(self.energy):
            grown = np.zeros(max(first + count, 2 * len(self.energy)))
            grown[: len(self.energy)] = self.energy
            self.energy = grown
        self.energy[first : first + count] += energy

    def integrated_lufs(self) -> float:
        """The gated integrated loudness of everything added (-70 LUFS for silence)."""
        if len(self.energy) < 4:
            return ABSOLUTE_GATE_LUFS
        blocks = np.convolve(self.energy, np.ones(4), mode="valid") / (4 * self.sub)
        loud = blocks[_lufs(blocks) > ABSOLUTE_GATE_LUFS]
        if not loud.size:
            return ABSOLUTE_GATE_LUFS
        gated = loud[_lufs(loud) > _lufs(np.array([loud.mean()]))[0] + RELATIVE_GATE_LU]
        return max(float(_lufs(np.array([gated.mean()]))[0]), ABSOLUTE_GATE_LUFS)


def _lufs(energy: np.ndarray) -> np.ndarray:
    with np.errstate(divide="ignore"):
        levels: np.ndarray = -0.691 + 10 * np.log10(energy)
    return levels


def wav_pieces(path: Path, start: int = 0) -> Iterator[tuple[int, np.ndarray]]:
    """A mono 16-bit WAV's samples in pieces, each with the frame it starts at."""
    with wave.open(str(path), "rb") as wav:
        position = start
        while frames := wav.readframes(CHUNK_FRAMES):
            samples = np.frombuffer(frames, dtype="<i2") / 32768.0
            yield position, samples
            position += len(samples)


def loudness_of(pieces: Iterable[tuple[int, np.ndarray]], sample_rate: int) -> float:
    """Integrated loudness (LUFS) of ``pieces`` laid out on one timeline."""
    meter = Meter(sample_rate)
    for start, samples in pieces:
        meter.add(start, samples)
    return meter.integrated_lufs()
