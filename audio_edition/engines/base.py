"""The engine protocol: how a voice is spoken inside one worker process."""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from audio_edition.models import Voice


class Speaker(Protocol):
    """One initialised engine inside one worker process."""

    sample_rate: int
    """Sample rate of the WAV files it writes."""

    def speak(self, text: str, path: Path) -> None:
        """Write ``text`` spoken as a mono 16-bit WAV at ``path`` (may return early)."""


class Engine(Protocol):
    """A speech engine: says why it is unavailable, and opens speakers in workers."""

    name: str
    """Name used in voice profiles."""
    sample_rate: int
    """Sample rate of the clips it writes."""

    def unavailable(self) -> str | None:
        """Why this engine cannot run here and how to fix it, or ``None``."""

    def version(self) -> str:
        """Engine and library versions: part of every cache key."""

    def check_voice(self, voice: Voice) -> str | None:
        """Why this engine cannot speak ``voice`` (e.g. an unknown voice id), or ``None``."""

    def open(self, voice: Voice) -> Speaker:
        """Initialise the engine for ``voice`` (called once inside each worker)."""
