"""A fake engine with exactly predictable output, for tests and dry runs.

Every word lasts ``60 / rate`` seconds of a pure tone; the tone's period (a
whole number of samples) depends on the text, so each sentence is recognisable.

Tests make it fail like a real engine through ``AUDIO_EDITION_FAKE_FAULTS``,
e.g. ``hang:Zebulon;crash:Quixote;crash-once:Yarrow``: a text containing the
word hangs, kills its worker, or kills only the first worker that tries it.
"""

from __future__ import annotations

import math
import os
import struct
import time
import wave
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from audio_edition.engines.base import Resolved, Words
from audio_edition.models import EngineSettings, Voice, WordTiming
from audio_edition.schema import setting

SAMPLE_RATE = 22050
WORKER_MB = 50
"""Memory of one worker, in MB (measured: 28 MB resident)."""
FAULTS_VARIABLE = "AUDIO_EDITION_FAKE_FAULTS"


def tone_period(text: str) -> int:
    """Period in samples (30..89) of the tone that speaks ``text``."""
    return 30 + zlib.crc32(text.encode("utf-8")) % 60


def word_frames(rate: int) -> int:
    """Exact number of samples each word lasts at ``rate`` words per minute."""
    return round(SAMPLE_RATE * 60 / rate)


def tone_frames(text: str, rate: int) -> int:
    """Exact number of samples the fake engine writes for ``text``."""
    return max(1, len(text.split())) * word_frames(rate)


@dataclass(frozen=True)
class FakeSettings(EngineSettings):
    """The ``[fake]`` table of a voice profile."""

    rate: int = setting(600, low=60, high=6000)
    """Words per minute: every word lasts exactly ``60 / rate`` seconds."""
    volume: float = setting(1.0, low=0.0, high=1.0)
    """Amplitude of the tone, from silence (0.0) to half of full scale (1.0)."""
    words: bool = setting(True)
    """Whether it reports word timings (each word is one tone length)."""

    def words_per_minute(self) -> float:
        return float(self.rate)


@dataclass
class FakeSpeaker:
    """Writes tones; behaves like a real engine, including its failure modes."""

    settings: FakeSettings

    def speak(self, text: str, path: Path) -> Words:
        _faults(text, path)
        period = tone_period(text)
        amplitude = 32767 * 0.5 * self.settings.volume
        cycle = [round(amplitude * math.cos(2 * math.pi * i / period)) for i in range(period)]
        table = struct.pack(f"<{period}h", *cycle)
        frames = tone_frames(text, self.settings.rate)
        pcm = table * (frames // period) + table[: 2 * (frames % period)]
        with wave.open(str(path), "wb") as wav:
            wav.setnchannels(1)
            wav.setsampwidth(2)
            wav.setframerate(SAMPLE_RATE)
            wav.writeframes(pcm)
        if not self.settings.words:
            return None
        step = word_frames(self.settings.rate)
        return tuple(WordTiming(i * step, (i + 1) * step) for i in range(len(text.split())))


def _faults(text: str, path: Path) -> None:
    for rule in filter(None, os.environ.get(FAULTS_VARIABLE, "").split(";")):
        kind, _, word = rule.partition(":")
        if not word or word not in text:
            continue
        if kind == "hang":
            time.sleep(3600)
        marker = path.parent / f".crashed-{zlib.crc32(text.encode())}"
        if kind == "crash" or (kind == "crash-once" and not marker.exists()):
            marker.touch()
            os._exit(3)


class FakeEngine:
    """The fake engine: always available."""

    name = "fake"
    settings = FakeSettings

    def unavailable(self) -> str | None:
        return None

    def resolve(self, settings: EngineSettings, language: str, profile: Path) -> Resolved:
        assert isinstance(settings, FakeSettings)
        identity: dict[str, Any] = {"engine": self.name, "version": "fake-2", "language": language}
        identity |= {"rate": settings.rate, "volume": settings.volume, "words": settings.words}
        return Resolved(settings, SAMPLE_RATE, identity, "tones", word_timings=settings.words,
                        worker_mb=WORKER_MB)  # fmt: skip

    def open(self, voice: Voice, threads: int) -> FakeSpeaker:
        assert isinstance(voice.settings, FakeSettings)
        return FakeSpeaker(voice.settings)
