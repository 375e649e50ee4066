"""Speech engines. Built-ins are listed here; others register through the
``audio_edition.engines`` entry-point group (an ``Engine`` class)."""

from __future__ import annotations

from importlib.metadata import entry_points

from audio_edition.engines.base import Engine, Speaker
from audio_edition.engines.fake import FakeEngine
from audio_edition.engines.pyttsx3_engine import Pyttsx3Engine
from audio_edition.errors import ConfigError

BUILTIN: dict[str, type[Engine]] = {"pyttsx3": Pyttsx3Engine, "fake": FakeEngine}

__all__ = ["Engine", "Speaker", "get_engine"]


def get_engine(name: str) -> Engine:
    """The engine called ``name``, or a ConfigError saying why it cannot be used."""
    known: dict[str, type[Engine]] = dict(BUILTIN)
    for point in entry_points(group="audio_edition.engines"):
        known.setdefault(point.name, point.load())
    if name not in known:
        raise ConfigError(f"Unknown engine '{name}' (known: {', '.join(sorted(known))})")
    engine = known[name]()
    reason = engine.unavailable()
    if reason:
        raise ConfigError(f"Engine '{name}' is unavailable: {reason}")
    return engine
