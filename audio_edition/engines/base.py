"""The engine contract: what an engine says about a voice, and how it speaks in a worker.

A voice profile names an engine and gives its table of settings; the engine turns
them into a checked voice (sample rate, cache identity, language), and opens a
speaker for it once inside each worker process (docs/architecture.md, "Voices").
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from audio_edition.models import EngineSettings, SynthesisRequest, Voice, WordTiming

Words = tuple[WordTiming, ...] | None
"""Per-word timings of a clip (one per whitespace-separated word), or ``None``."""


@dataclass(frozen=True)
class Resolved:
    """What an engine found out about a voice's settings."""

    settings: EngineSettings
    """The settings, completed (e.g. a model name resolved to a file)."""
    sample_rate: int
    """Samples per second of the clips."""
    identity: dict[str, Any]
    """Everything that changes the audio: engine version, model digest, settings."""
    describe: str
    """A few words for people about the voice."""
    word_timings: bool = False
    """Whether the speaker reports word timings."""
    worker_mb: int = 200
    """Memory one worker process speaking this voice needs, in MB (an estimate, kept on
    the safe side): the pool starts no more workers than free memory holds."""

    def identity_key(self) -> str:
        """The identity as one canonical string (part of every clip's cache key)."""
        return json.dumps(self.identity, sort_keys=True, default=str)


@dataclass(frozen=True)
class Result:
    """What became of one request, wherever it was spoken."""

    request: SynthesisRequest
    """The request."""
    frames: int
    """Frames in the validated WAV (0 on failure)."""
    error: str | None
    """Why it failed after every attempt, or ``None``."""


class Speaker(Protocol):
    """One initialised engine inside one worker process."""

    def speak(self, text: str, path: Path) -> Words:
        """Write ``text`` spoken as a mono 16-bit WAV at ``path`` (may return before the
        file is complete); return its word timings, if the engine knows them."""


class Engine(Protocol):
    """A speech engine: says why it is unavailable, checks voices, opens speakers."""

    name: str
    """Name used in voice profiles, and the name of the profile's settings table."""

    @property
    def settings(self) -> type[EngineSettings]:
        """The frozen dataclass its settings table is read into (types and ranges)."""

    def unavailable(self) -> str | None:
        """Why this engine cannot run here and how to fix it, or ``None``."""

    def resolve(self, settings: EngineSettings, language: str, profile: Path) -> Resolved:
        """Check ``settings`` for a voice reading ``language`` (raise ConfigError, one
        line naming ``profile`` and the key); paths are relative to ``profile``."""

    def open(self, voice: Voice, threads: int) -> Speaker:
        """Initialise the engine for ``voice`` inside a worker that may use ``threads``."""
