"""Finding where a sentence's audio begins in a decoded MP3."""

from __future__ import annotations

import wave
from pathlib import Path

import numpy as np

SAMPLE_RATE = 22050
ONE_MS = SAMPLE_RATE // 1000  # 22 samples
SEARCH = SAMPLE_RATE // 20  # look 50 ms either side


def read_wav(path: Path) -> np.ndarray:
    """Samples of a mono 16-bit WAV as floats."""
    with wave.open(str(path), "rb") as wav:
        return np.frombuffer(wav.readframes(wav.getnframes()), dtype="<i2").astype(np.float64)


def best_lag(signal: np.ndarray, reference: np.ndarray, expected: int) -> int:
    """Offset from ``expected`` at which ``reference`` best matches ``signal`` (normalized
    cross-correlation over +-50 ms, computed with FFTs)."""
    start = max(0, expected - SEARCH)
    window = signal[start : expected + SEARCH + len(reference)]
    n = len(window) + len(reference)
    spectrum = np.fft.rfft(window, n) * np.conj(np.fft.rfft(reference, n))
    scores = np.fft.irfft(spectrum, n)[: len(window) - len(reference) + 1]
    energy = np.convolve(window**2, np.ones(len(reference)), "valid")
    normalized = scores / np.sqrt(np.maximum(energy, 1e-9))
    return int(np.argmax(normalized)) + start - expected


def onset(signal: np.ndarray, expected: int, level: float) -> int:
    """Offset from ``expected`` of the first sample louder than ``level``
    (searching from 50 ms before)."""
    start = max(0, expected - SEARCH)
    loud = np.flatnonzero(np.abs(signal[start : expected + SEARCH]) > level)
    assert loud.size, "no audio near the expected start"
    return int(loud[0]) + start - expected
