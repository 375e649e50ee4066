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

from audio_edition.models import Voice

SAMPLE_RATE = 22050
FAULTS_VARIABLE = "AUDIO_EDITION_FAKE_FAULTS"


def tone_period(text: str) -> int:
    """Period in samples (30..89) of the tone that speaks ``text``."""
    return 30 + zlib.crc32(text.encode("utf-8")) % 60


def tone_frames(text: str, rate: int) -> int:
    """Exact number of samples the fake engine writes for ``text``."""
    words = max(1, len(text.split()))
    return words * round(SAMPLE_RATE * 60 / rate)


@dataclass
class FakeSpeaker:
    """Writes tones; behaves like a real engine, including its failure modes."""

    voice: Voice
    sample_rate: int = SAMPLE_RATE

    def speak(self, text: str, path: Path) -> None:
        _faults(text, path)
        period = tone_period(text)
        amplitude = 32767 * 0.5 * self.voice.volume
        cycle = [round(amplitude * math.cos(2 * math.pi * i / period)) for i in range(period)]
        table = struct.pack(f"<{period}h", *cycle)
        frames = tone_frames(text, self.voice.rate)
        pcm = table * (frames // period) + table[: 2 * (frames % period)]
        with wave.open(str(path), "wb") as wav:
            wav.setnchannels(1)
            wav.setsampwidth(2)
            wav.setframerate(self.sample_rate)
            wav.writeframes(pcm)


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
    sample_rate = SAMPLE_RATE

    def unavailable(self) -> str | None:
        return None

    def version(self) -> str:
        return "fake-1"

    def check_voice(self, voice: Voice) -> str | None:
        return None

    def open(self, voice: Voice) -> FakeSpeaker:
        return FakeSpeaker(voice)
