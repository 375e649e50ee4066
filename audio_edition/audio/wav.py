"""Mono 16-bit WAV files: waiting for them, validating them, streaming them."""

from __future__ import annotations

import time
import wave
from pathlib import Path

HEADER_BYTES = 44
SAMPLE_WIDTH = 2


class ClipInvalid(Exception):
    """A clip is missing, truncated or implausible."""


def wait_complete(path: Path, timeout: float = 10.0) -> None:
    """Wait until ``path`` holds a whole WAV: its header's frame count matches its size.

    The engine may return before the file is fully written (DESIGN.md §3).
    """
    deadline = time.monotonic() + timeout
    while True:
        if _is_complete(path):
            return
        if time.monotonic() > deadline:
            raise ClipInvalid(f"{path.name} was not complete after {timeout:.0f} s")
        time.sleep(0.005)


def _is_complete(path: Path) -> bool:
    try:
        size = path.stat().st_size
        if size < HEADER_BYTES:
            return False
        with wave.open(str(path), "rb") as wav:
            expected = wav.getnframes() * wav.getsampwidth() * wav.getnchannels()
            return size >= HEADER_BYTES + expected
    except (OSError, EOFError, wave.Error):
        return False


def validate(path: Path, words: int, sample_rate: int) -> int:
    """Check format and plausible length; return the number of frames."""
    with wave.open(str(path), "rb") as wav:
        fmt = (wav.getnchannels(), wav.getsampwidth(), wav.getframerate())
        frames = wav.getnframes()
    if fmt != (1, SAMPLE_WIDTH, sample_rate):
        raise ClipInvalid(f"{path.name}: format {fmt}, expected mono 16-bit {sample_rate} Hz")
    if path.stat().st_size != HEADER_BYTES + SAMPLE_WIDTH * frames:
        raise ClipInvalid(f"{path.name}: not a plain 44-byte-header WAV of {frames} frames")
    seconds = frames / sample_rate
    low, high = 0.03 * words, 3.0 + 2.0 * words
    if frames == 0 or not low <= seconds <= high:
        raise ClipInvalid(f"{path.name}: {seconds:.2f} s is implausible for {words} words")
    return frames


def frame_count(path: Path) -> int:
    """Number of frames in a clip ``validate`` accepted (a canonical 44-byte header), from
    its size alone: a render reads thousands of them."""
    return (path.stat().st_size - HEADER_BYTES) // SAMPLE_WIDTH
