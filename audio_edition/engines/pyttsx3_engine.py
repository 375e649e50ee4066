"""The default engine: espeak-ng through pyttsx3.

Only ever initialised inside a worker process: espeak keeps global state and
initialises once per process (DESIGN.md §3).
"""

from __future__ import annotations

import ctypes
import ctypes.util
from dataclasses import dataclass
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any

from audio_edition.models import Voice

SAMPLE_RATE = 22050
"""pyttsx3's espeak driver always writes 22050 Hz headers."""
LIBRARY = "libespeak-ng.so.1"


@cache
def _espeak_version() -> str | None:
    """Version of libespeak-ng, read without initialising it; ``None`` if missing."""
    try:
        lib = ctypes.CDLL(ctypes.util.find_library("espeak-ng") or LIBRARY)
    except OSError:
        return None
    lib.espeak_Info.restype = ctypes.c_char_p
    lib.espeak_Info.argtypes = [ctypes.c_void_p]
    raw = lib.espeak_Info(None)
    return raw.decode() if raw else "unknown"


@dataclass
class Pyttsx3Speaker:
    """One pyttsx3 engine, configured for a voice."""

    engine: Any
    sample_rate: int = SAMPLE_RATE

    def speak(self, text: str, path: Path) -> None:
        # One save_to_file per runAndWait: queued saves are dropped but the last.
        self.engine.save_to_file(text, str(path))
        self.engine.runAndWait()


class Pyttsx3Engine:
    """espeak-ng via pyttsx3 (needs the libespeak-ng shared library)."""

    name = "pyttsx3"
    sample_rate = SAMPLE_RATE

    def unavailable(self) -> str | None:
        if _espeak_version() is None:
            return (
                "the pyttsx3 engine needs libespeak-ng: install it with "
                "'apt-get install espeak-ng' (or run 'make setup')"
            )
        return None

    def version(self) -> str:
        return f"pyttsx3-{metadata.version('pyttsx3')}+espeak-ng-{_espeak_version()}"

    def open(self, voice: Voice) -> Pyttsx3Speaker:
        import pyttsx3

        engine = pyttsx3.init("espeak")
        engine.setProperty("voice", voice.voice_id)
        engine.setProperty("rate", voice.rate)
        engine.setProperty("volume", voice.volume)
        return Pyttsx3Speaker(engine)
