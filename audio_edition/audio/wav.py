"""Mono 16-bit WAV files: waiting for them, validating them, streaming them."""

from __future__ import annotations

import time
import wave
from pathlib import Path

HEADER_BYTES = 44
SAMPLE_WIDTH = 2
SECONDS_PER_WORD = 2.0
"""Upper bound of a plausible clip, per word (a slow voice takes about 1.5 s)."""
SECONDS_PER_CHARACTER = 1.5
"""Upper bound per character: a voice that spells takes up to about 1.1 s a letter (espeak-ng
naming Thai letters at 170 words a minute), so a long token is never taken for a broken clip."""


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


def validate(path: Path, words: int, sample_rate: int, characters: int = 0) -> int:
    """Check format and plausible length; return the number of frames.

    ``words`` and ``characters`` are those of the text spoken: the length may be what
    reading its words takes, or spelling its characters out, whichever is longer.
    """
    with wave.open(str(path), "rb") as wav:
        fmt = (wav.getnchannels(), wav.getsampwidth(), wav.getframerate())
        frames = wav.getnframes()
    if fmt != (1, SAMPLE_WIDTH, sample_rate):
        raise ClipInvalid(f"{path.name}: format {fmt}, expected mono 16-bit {sample_rate} Hz")
    if path.stat().st_size != HEADER_BYTES + SAMPLE_WIDTH * frames:
        raise ClipInvalid(f"{path.name}: not a plain 44-byte-header WAV of {frames} frames")
    seconds = frames / sample_rate
    low = 0.03 * words
    high = 3.0 + max(SECONDS_PER_WORD * words, SECONDS_PER_CHARACTER * characters)
    if frames == 0 or not low <= seconds <= high:
        what = f"{words} words" + (f" ({characters} characters)" if characters else "")
        raise ClipInvalid(f"{path.name}: {seconds:.2f} s is implausible for {what}")
    return frames


def frame_count(path: Path) -> int:
    """Number of frames in a clip ``validate`` accepted (a canonical 44-byte header), from
    its size alone: a render reads thousands of them."""
    return (path.stat().st_size - HEADER_BYTES) // SAMPLE_WIDTH
