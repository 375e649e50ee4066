"""Voice profiles: ``<name>.toml`` files naming an engine, a language and the engine's
own table of settings, read into a checked ``Voice`` (docs/architecture.md, "Voices").

    engine = "piper"
    language = "en-US"

    [piper]
    model = "en_US-joe-medium"   # an installed voice, or a path to an .onnx file

    [pauses]
    sentence_ms = 300
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from audio_edition.engines import get_engine, known_engines
from audio_edition.errors import ConfigError
from audio_edition.models import Pauses, Voice
from audio_edition.schema import read_table, setting
from audio_edition.valid import language_tag

BUILTIN_PACKAGE = "audio_edition.voices_builtin"
"""The built-in profiles (the repository's ``voices/`` folder, shipped in the package)."""
MOVED = {"voice", "rate", "volume"}
"""Top-level keys of the first profile format, now in the engine's table."""


@dataclass(frozen=True)
class PauseSettings:
    """The ``[pauses]`` table: silences in milliseconds."""

    after_headline_ms: int = setting(700, low=0, high=5000)
    """After the headline and the summary."""
    sentence_ms: int = setting(300, low=0, high=5000)
    """Between two sentences of a paragraph."""
    paragraph_ms: int = setting(650, low=0, high=5000)
    """Between paragraphs."""


def builtin_profiles() -> list[Path]:
    """Every built-in profile file, by name."""
    folder = resources.files(BUILTIN_PACKAGE)
    return sorted(Path(str(p)) for p in folder.iterdir() if p.name.endswith(".toml"))


@dataclass(frozen=True)
class ProfileEntry:
    """A voice profile as ``voices list`` shows it."""

    path: Path
    """The profile file."""
    voice: Voice | None
    """The checked voice, or ``None`` if it cannot be used here."""
    problem: str = ""
    """Why it cannot be used (one line), or ''."""


def list_profiles(edition_root: Path | None) -> list[ProfileEntry]:
    """Every built-in profile and the edition's own (``<edition>/voices/*.toml``), checked."""
    paths = builtin_profiles()
    if edition_root is not None:
        paths += sorted((edition_root / "voices").glob("*.toml"))
    entries = []
    for path in paths:
        try:
            entries.append(ProfileEntry(path, read_profile(path)))
        except ConfigError as exc:
            entries.append(ProfileEntry(path, None, exc.message))
    return entries


def find_voice(name: str, edition_root: Path | None) -> Path:
    """Locate a profile: a path, ``<edition>/voices/<name>.toml``, or a built-in."""
    candidates = [Path(name), *(p for p in builtin_profiles() if p.stem == name)]
    if edition_root is not None:
        candidates[:0] = [edition_root / name, edition_root / "voices" / f"{name}.toml"]
    for path in candidates:
        if path.is_file():
            return path
    known = ", ".join(p.stem for p in builtin_profiles())
    raise ConfigError(
        f"Config value 'edition.voice': no voice profile '{name}' (built-in: {known})"
    )


def load_voice(name: str, edition_root: Path | None) -> Voice:
    """Find, read and check a voice profile; its engine resolves the model and settings."""
    return read_profile(find_voice(name, edition_root))


def read_profile(path: Path) -> Voice:
    """Read and check one profile file: every problem on one line naming the file."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: not a readable TOML voice profile ({exc})") from exc
    problems: list[str] = []
    engine_name, language = _head(data, problems)
    pauses = read_table(PauseSettings, data.get("pauses", {}), "pauses", problems)
    settings = None
    if engine_name:
        engine = get_engine(engine_name, where=f"{path}: Config value 'engine'")
        settings = read_table(engine.settings, data.get(engine_name, {}), engine_name, problems)
        _unknown_top(data, engine_name, problems)
    if problems or settings is None or pauses is None:
        raise ConfigError(f"{path}: " + "; ".join(problems or ["Config value 'engine': missing"]))
    resolved = engine.resolve(settings, language, path)
    return Voice(
        name=path.stem,
        engine=engine_name,
        language=language,
        settings=resolved.settings,
        pauses=Pauses(pauses.after_headline_ms, pauses.sentence_ms, pauses.paragraph_ms),
        sample_rate=resolved.sample_rate,
        identity=resolved.identity_key(),
        word_timings=resolved.word_timings,
        profile=path,
        describe=resolved.describe,
        worker_mb=resolved.worker_mb,
    )


def _head(data: dict[str, Any], problems: list[str]) -> tuple[str, str]:
    engine, language = data.get("engine"), data.get("language")
    if not isinstance(engine, str) or not engine:
        known = ", ".join(known_engines())
        problems.append(f"Config value 'engine': missing or not a string (one of: {known})")
        engine = ""
    if not isinstance(language, str) or language_tag(language):
        problems.append(f"Config value 'language': {language!r} is not a language tag like en-GB")
        language = ""
    return engine, language


def _unknown_top(data: dict[str, Any], engine: str, problems: list[str]) -> None:
    for key in data:
        if key in MOVED:
            problems.append(f"Config value '{key}': moved into the [{engine}] table")
        elif key not in {"engine", "language", "pauses", engine}:
            problems.append(f"Config value '{key}': unknown key")
