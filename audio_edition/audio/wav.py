"""Mono 16-bit WAV files: waiting for them, validating them, streaming them."""

from __future__ import annotations

import errno
import os
import sys
import threading
import time
import wave
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from audio_edition.errors import DEBUG_VARIABLE

HEADER_BYTES = 44
ROOM = 256 << 10
"""Free bytes below which a clip being written is taken as never to be complete."""
DISK_FULL_EXIT = 75
"""Exit status of a worker that ended itself because its disk filled up (EX_TEMPFAIL)."""
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

    The engine may return before the file is fully written. On a
    full file system the file never will be (the engine's write failed, and it does
    not say so): that raises ``OSError`` (ENOSPC) at once instead of waiting.
    """
    deadline = time.monotonic() + timeout
    while True:
        if _is_complete(path):
            return
        fail_if_full(path.parent)
        if time.monotonic() > deadline:
            raise ClipInvalid(f"{path.name} was not complete after {timeout:.0f} s")
        time.sleep(0.005)


def fail_if_full(folder: Path) -> None:
    """Raise ENOSPC if ``folder``'s file system has no room left for a clip."""
    status = os.statvfs(folder)
    if status.f_bavail * status.f_frsize < ROOM:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(folder))


@contextmanager
def exit_if_full(folder: Path) -> Iterator[None]:
    """While the engine writes a clip into ``folder``, end this (worker) process at once
    if the file system fills up: an engine that writes its own file may swallow its
    write error and never return (pyttsx3's espeak driver did, before we wrote its
    clips ourselves). The parent sees the worker exit, retries the clip in a fresh one,
    which finds the disk full before it speaks, and the render stops. An error an engine
    swallowed is printed only under ``--debug``: the render reports it in one line."""
    done = threading.Event()
    if not os.environ.get(DEBUG_VARIABLE):
        sys.unraisablehook = _quiet

    def watch() -> None:
        while not done.wait(0.05):
            try:
                fail_if_full(folder)
            except OSError as exc:
                if exc.errno == errno.ENOSPC:
                    os._exit(DISK_FULL_EXIT)

    threading.Thread(target=watch, name="room", daemon=True).start()
    try:
        yield
    finally:
        done.set()


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


def _quiet(unraisable: sys.UnraisableHookArgs) -> None:
    """Swallow an error an engine's callback raised and the engine ignored."""
