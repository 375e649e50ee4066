"""Synthesized clips, stored by content: hash(engine, engine version, voice, spoken text).

A clip is written under a temporary name and moved into place, so two renders
at once never see half a file; the worst case is that both synthesize it.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from audio_edition.models import Voice


class ClipCache:
    """Content-addressed WAV files under one folder."""

    def __init__(self, root: Path, engine_version: str, voice: Voice) -> None:
        self.root = root
        self._salt = json.dumps(
            [engine_version, voice.engine, voice.voice_id, voice.language, voice.rate, voice.volume]
        )

    def path_for(self, spoken: str) -> Path:
        """Where the clip speaking ``spoken`` lives (whether or not it exists yet)."""
        digest = hashlib.sha256(f"{self._salt}\n{spoken}".encode()).hexdigest()
        return self.root / digest[:2] / f"{digest}.wav"

    def hit(self, path: Path) -> bool:
        """Whether the clip exists; marks it as recently used."""
        try:
            os.utime(path)
        except FileNotFoundError:
            return False
        return True

    def prepare(self, path: Path) -> None:
        """Create the folder a new clip goes into."""
        path.parent.mkdir(parents=True, exist_ok=True)
