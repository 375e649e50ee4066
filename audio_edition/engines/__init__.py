"""Speech engines. Built-ins are listed here; others register through the
``audio_edition.engines`` entry-point group (an ``Engine`` class)."""

from __future__ import annotations

from importlib.metadata import entry_points

from audio_edition.engines.base import Engine, Resolved, Speaker
from audio_edition.engines.fake import FakeEngine
from audio_edition.engines.piper_engine import PiperEngine
from audio_edition.engines.pyttsx3_engine import Pyttsx3Engine
from audio_edition.errors import ConfigError

BUILTIN: dict[str, type[Engine]] = {
    "pyttsx3": Pyttsx3Engine,
    "piper": PiperEngine,
    "fake": FakeEngine,
}

__all__ = ["Engine", "Resolved", "Speaker", "get_engine", "known_engines"]


def _known() -> dict[str, type[Engine]]:
    known: dict[str, type[Engine]] = dict(BUILTIN)
    for point in entry_points(group="audio_edition.engines"):
        known.setdefault(point.name, point.load())
    return known


def known_engines() -> list[str]:
    """Names of every engine, built-in or registered."""
    return sorted(_known())


def get_engine(name: str, where: str = "Engine") -> Engine:
    """The engine called ``name``, or a ConfigError (prefixed ``where``) saying why it
    cannot be used and how to fix that."""
    known = _known()
    if name not in known:
        raise ConfigError(f"{where}: unknown engine '{name}' (known: {', '.join(sorted(known))})")
    engine = known[name]()
    reason = engine.unavailable()
    if reason:
        raise ConfigError(f"{where}: engine '{name}' is unavailable: {reason}")
    return engine
