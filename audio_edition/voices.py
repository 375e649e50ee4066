"""Voice profiles: ``voices/<name>.toml`` files naming an engine and its settings."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from audio_edition.errors import ConfigError
from audio_edition.models import Pauses, Voice

BUILTIN_VOICES = Path(__file__).resolve().parent.parent / "voices"
"""The profiles shipped in the repository's ``voices/`` folder."""


def find_voice(name: str, edition_root: Path) -> Path:
    """Locate a profile: a path, ``<edition>/voices/<name>.toml`` or a built-in."""
    candidates = [
        edition_root / name,
        edition_root / "voices" / f"{name}.toml",
        BUILTIN_VOICES / f"{name}.toml",
    ]
    for path in candidates:
        if path.is_file():
            return path
    known = ", ".join(sorted(p.stem for p in BUILTIN_VOICES.glob("*.toml")))
    raise ConfigError(
        f"Config value 'edition.voice': no voice profile '{name}' (built-in: {known})"
    )


def load_voice(name: str, edition_root: Path) -> Voice:
    """Read and validate a voice profile."""
    path = find_voice(name, edition_root)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc})") from exc
    try:
        return _voice(path.stem, data)
    except (KeyError, TypeError, ValueError) as exc:
        raise ConfigError(f"{path}: bad voice profile ({exc}); see voices/en-default.toml") from exc


def _voice(name: str, data: dict[str, Any]) -> Voice:
    pauses = Pauses(**{k: int(v) for k, v in data.get("pauses", {}).items()})
    voice = Voice(
        name=name,
        engine=str(data["engine"]),
        language=str(data["language"]),
        voice_id=str(data["voice"]),
        rate=int(data["rate"]),
        volume=float(data["volume"]),
        pauses=pauses,
    )
    if not 0.0 <= voice.volume <= 1.0:
        raise ValueError("volume must be between 0.0 and 1.0")
    if not 40 <= voice.rate <= 900:
        raise ValueError("rate must be between 40 and 900 words per minute")
    if min(pauses.after_headline_ms, pauses.sentence_ms, pauses.paragraph_ms) < 0:
        raise ValueError("pauses cannot be negative")
    return voice
