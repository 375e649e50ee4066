"""Synthesized clips, stored by content: hash(the voice's identity, spoken text).

A clip is written under a temporary name and moved into place, so two renders
at once never see half a file; the worst case is that both synthesize it. Each
use touches the clip's modification time, which ``prune`` reads as "last used".
The lexicon needs no place in the key: its effect is in the spoken text.
"""

from __future__ import annotations

import hashlib
import os
import time
from dataclasses import dataclass
from pathlib import Path

from audio_edition.models import Voice


class ClipCache:
    """Content-addressed WAV files under one folder."""

    def __init__(self, root: Path, voice: Voice) -> None:
        self.root = root
        self._salt = voice.identity

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

    @property
    def _hint_file(self) -> Path:
        return self.root / f"loudness-gain-{hashlib.sha256(self._salt.encode()).hexdigest()[:16]}"

    def loudness_hint(self) -> float | None:
        """The gain this voice's first article was encoded with last time (``None`` if
        unknown): a render starts from it, so an article is usually encoded once."""
        try:
            return float(self._hint_file.read_text())
        except (OSError, ValueError):
            return None

    def remember_hint(self, gain_db: float) -> None:
        """Keep the gain for the next render (atomically replaced)."""
        self.root.mkdir(parents=True, exist_ok=True)
        scratch = self._hint_file.with_suffix(f".{os.getpid()}.tmp")
        scratch.write_text(f"{gain_db:.2f}\n")
        os.replace(scratch, self._hint_file)

    def prepare(self, path: Path) -> None:
        """Create the folder a new clip goes into."""
        path.parent.mkdir(parents=True, exist_ok=True)


@dataclass(frozen=True)
class CacheStats:
    """What a clip cache holds."""

    clips: int
    """Number of clips."""
    size: int
    """Bytes on disk."""
    oldest: float | None
    """Last use of the least recently used clip (epoch seconds)."""


def _clips(root: Path) -> list[tuple[float, int, Path]]:
    found = []
    for path in root.glob("??/*.wav"):
        try:
            status = path.stat()
        except FileNotFoundError:  # pruned or replaced meanwhile
            continue
        found.append((status.st_mtime, status.st_size, path))
    return sorted(found)


def cache_stats(root: Path) -> CacheStats:
    """Count the clips in a cache folder."""
    clips = _clips(root)
    return CacheStats(len(clips), sum(size for _, size, _ in clips), clips[0][0] if clips else None)


def prune(root: Path, max_size: int, keep_recent_s: float = 3600.0) -> CacheStats:
    """Delete least recently used clips until the cache is at most ``max_size`` bytes.

    Clips used in the last ``keep_recent_s`` seconds are kept, so a render that is
    running meanwhile never loses a clip it has just planned to use. Returns what
    was removed.
    """
    clips = _clips(root)
    total = sum(size for _, size, _ in clips)
    recent = time.time() - keep_recent_s
    removed, freed = 0, 0
    for used, size, path in clips:
        if total - freed <= max_size or used > recent:
            break
        path.unlink(missing_ok=True)
        removed, freed = removed + 1, freed + size
    return CacheStats(removed, freed, None)
