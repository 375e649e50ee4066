"""The default engine: espeak-ng through pyttsx3.

Only ever initialised inside a worker process: espeak keeps global state and
initialises once per process (docs/architecture.md, "Voices").
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import threading
import wave
from dataclasses import dataclass, field
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any

from audio_edition.engines.base import Resolved, Words
from audio_edition.errors import ConfigError
from audio_edition.models import EngineSettings, Voice
from audio_edition.schema import setting

SAMPLE_RATE = 22050
"""pyttsx3 initialises espeak-ng at its native 22050 Hz."""
WORKER_MB = 60
"""Memory of one worker, in MB (measured: 33 MB resident with espeak-ng loaded)."""
LIBRARY = "libespeak-ng.so.1"
CLIP_REVISION = "whole-clips"
"""Part of the voice's identity: clips made before the collector below were cut short."""
SPEAK_TIMEOUT = 120.0
"""Seconds espeak-ng may take for one clip before the worker gives up on it."""


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


def _data_folders() -> list[Path]:
    configured = os.environ.get("ESPEAK_DATA_PATH")
    found = [Path(configured) / "espeak-ng-data"] if configured else []
    found += sorted(Path("/usr/lib").glob("*/espeak-ng-data"))
    return [*found, Path("/usr/share/espeak-ng-data"), Path("/usr/local/share/espeak-ng-data")]


@cache
def espeak_voices() -> frozenset[str] | None:
    """Voice identifiers espeak-ng knows (``gmw/en-us``, also ``en-us``), lowercased;
    ``None`` if its data folder cannot be found (then voices are not checked)."""
    for folder in _data_folders():
        root = folder / "lang"
        if root.is_dir():
            files = [p.relative_to(root).as_posix().lower() for p in root.rglob("*") if p.is_file()]
            return frozenset(files + [name.rsplit("/", 1)[-1] for name in files])
    return None


@dataclass(frozen=True)
class EspeakSettings(EngineSettings):
    """The ``[pyttsx3]`` table of a voice profile."""

    voice: str = setting("gmw/en-us")
    """espeak-ng voice identifier (``espeak-ng --voices=en``)."""
    rate: int = setting(170, low=80, high=450)
    """Words per minute."""
    volume: float = setting(1.0, low=0.0, high=1.0)
    """Engine volume."""

    def words_per_minute(self) -> float:
        return float(self.rate)


@dataclass
class _Collector:
    """Gathers the audio espeak-ng hands back, in its own thread, for one clip.

    pyttsx3's espeak driver writes its file when the end-of-message event arrives, before
    it appends the samples delivered with that event, so a clip lost its last stretch of
    speech (up to a second, or all of it), in some worker processes and not in others
    (pyttsx3 issues 334 and 408). We keep pyttsx3's binding, voice and rate settings,
    and take the samples ourselves."""

    chunks: list[bytes] = field(default_factory=list)
    done: threading.Event = field(default_factory=threading.Event)

    def __call__(self, wav: Any, samples: int, events: Any) -> int:
        from pyttsx3.drivers import _espeak

        if samples > 0 and wav:
            self.chunks.append(ctypes.string_at(wav, samples * ctypes.sizeof(ctypes.c_short)))
        index = 0
        while events[index].type != _espeak.EVENT_LIST_TERMINATED:
            if events[index].type == _espeak.EVENT_MSG_TERMINATED:
                self.done.set()
            index += 1
        return 0


@dataclass
class Pyttsx3Speaker:
    """One pyttsx3 engine, configured for a voice."""

    engine: Any
    settings: EspeakSettings

    def speak(self, text: str, path: Path) -> Words:
        from pyttsx3.drivers import _espeak

        self.configure()
        collector = _Collector()
        _espeak.SetSynthCallback(collector)
        status = _espeak.Synth(text.encode("utf-8"), flags=_espeak.ENDPAUSE | _espeak.CHARS_UTF8)
        if status != _espeak.EE_OK:  # then no end-of-message event would ever come
            raise RuntimeError(f"espeak-ng refused the clip (error {status})")
        if not collector.done.wait(SPEAK_TIMEOUT):
            _espeak.Cancel()
            raise RuntimeError(f"espeak-ng did not finish the clip in {SPEAK_TIMEOUT:.0f} s")
        if self.engine.getProperty("rate") != self.settings.rate:  # changed meanwhile
            raise RuntimeError("espeak-ng's speaking rate changed while it spoke the clip")
        with wave.open(str(path), "wb") as out:
            out.setnchannels(1)
            out.setsampwidth(2)
            out.setframerate(SAMPLE_RATE)
            out.writeframes(b"".join(collector.chunks))
        return None  # espeak's word events carry no audio time

    def configure(self) -> None:
        """Set the voice, rate and volume, unless espeak-ng still has them: they were
        seen lost on a Dask worker (clips at espeak's default 200 words a minute)."""
        if self.engine.getProperty("rate") == self.settings.rate:
            return
        self.engine.setProperty("voice", self.settings.voice)
        self.engine.setProperty("rate", self.settings.rate)
        self.engine.setProperty("volume", self.settings.volume)


class Pyttsx3Engine:
    """espeak-ng via pyttsx3 (needs the libespeak-ng shared library)."""

    name = "pyttsx3"
    settings = EspeakSettings

    def unavailable(self) -> str | None:
        if _espeak_version() is None:
            return (
                "the pyttsx3 engine needs libespeak-ng: install it with "
                "'apt-get install espeak-ng' (or run 'make setup')"
            )
        return None

    def resolve(self, settings: EngineSettings, language: str, profile: Path) -> Resolved:
        assert isinstance(settings, EspeakSettings)
        # espeak silently falls back to its default voice for an unknown name.
        known = espeak_voices()
        if known is not None and settings.voice.lower() not in known:
            raise ConfigError(
                f"{profile}: Config value 'pyttsx3.voice': '{settings.voice}' is not an "
                "espeak-ng voice (list them: espeak-ng --voices)"
            )
        version = f"pyttsx3-{metadata.version('pyttsx3')}+espeak-ng-{_espeak_version()}"
        version += f"+{CLIP_REVISION}"
        identity: dict[str, Any] = {"engine": self.name, "version": version, "language": language}
        identity |= {"voice": settings.voice, "rate": settings.rate, "volume": settings.volume}
        describe = f"espeak-ng voice {settings.voice}"
        return Resolved(settings, SAMPLE_RATE, identity, describe, worker_mb=WORKER_MB)

    def open(self, voice: Voice, threads: int) -> Pyttsx3Speaker:
        import pyttsx3

        settings = voice.settings
        assert isinstance(settings, EspeakSettings)
        engine = pyttsx3.init("espeak")
        # A new pyttsx3 engine is "busy" until its first loop and only queues settings
        # until then: run that loop empty, so that the settings apply at once.
        engine.runAndWait()
        speaker = Pyttsx3Speaker(engine, settings)
        speaker.configure()
        return speaker
