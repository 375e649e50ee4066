"""Synthesized clips, stored by content: hash(the voice's identity, spoken text).

A clip is written under a temporary name and moved into place, so two renders
at once never see half a file; the worst case is that both synthesize it. Each
use touches the clip's modification time, which ``prune`` reads as "last used".
The lexicon needs no place in the key: its effect is in the spoken text.

Nothing in the cache is trusted blindly (docs/architecture.md, "Cache"): when a
clip is placed, a ``.digest`` file beside it records the digest of its bytes and
of its word timings. A clip is used only while they still match; a damaged one
(truncated, emptied, overwritten) is spoken again, with one warning per render.
A clip without a digest (being placed right now, or left by an older version) is
simply made again. Hashing (SHA-256, which CPUs compute in hardware) costs about
2 ms per minute of audio (22.05 kHz); digests recorded with BLAKE2b by earlier
versions are still read.
"""

from __future__ import annotations

import enum
import hashlib
import json
import logging
import os
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from audio_edition.models import Voice, WordTiming

log = logging.getLogger(__name__)
DIGEST = "sha256"
"""The algorithm new ``.digest`` files record (2.5 times as fast as BLAKE2b where the CPU
has SHA instructions: a render checks every cached clip it uses)."""
ALGORITHMS: dict[str, Callable[[], Any]] = {
    "sha256": hashlib.sha256,
    "blake2b-128": lambda: hashlib.blake2b(digest_size=16),
}
"""The algorithms a ``.digest`` file may name; another is taken as no digest."""
SIDECARS = (".words.json", ".digest")
"""Files kept beside a clip, removed with it."""


class State(enum.Enum):
    """What a cached file is worth."""

    SOUND = "sound"
    """There, and its bytes match the digest written with it."""
    MISSING = "missing"
    """Not there."""
    UNSEALED = "unsealed"
    """There without a digest: being placed now, or made by an older version."""
    DAMAGED = "damaged"
    """There, but its bytes (or its word timings) no longer match its digest."""


def words_path(clip: Path) -> Path:
    """Where a clip's word timings are kept, beside it (written before the clip)."""
    return clip.with_suffix(".words.json")


def digest_path(path: Path) -> Path:
    """Where the digest of a cached file is kept, beside it (written after it)."""
    return path.with_name(path.name.split(".")[0] + ".digest")


def read_words(clip: Path) -> tuple[WordTiming, ...] | None:
    """The word timings kept beside ``clip``, or ``None``."""
    try:
        pairs = json.loads(words_path(clip).read_text())
    except (OSError, ValueError):
        return None
    return tuple(WordTiming(a, b) for a, b in pairs) if isinstance(pairs, list) else None


def _digest(path: Path, algorithm: str) -> str:
    try:
        with path.open("rb") as stream:
            return hashlib.file_digest(stream, ALGORITHMS[algorithm]).hexdigest()
    except FileNotFoundError:
        return "-"


def _record(path: Path, algorithm: str = DIGEST) -> str:
    """One line naming the algorithm and the digests of ``path`` and its word timings."""
    return f"{algorithm} {_digest(path, algorithm)} {_digest(words_path(path), algorithm)}\n"


def seal(path: Path) -> None:
    """Record the digest of ``path`` (just placed in the cache) and of its word timings."""
    target = digest_path(path)
    scratch = target.with_name(f"{target.name}.{os.getpid()}.tmp")
    scratch.write_text(_record(path))
    os.replace(scratch, target)


def state(path: Path) -> State:
    """Whether the cached file ``path`` may be used (reads it whole: clips are small)."""
    if not path.exists():
        return State.MISSING
    try:
        recorded = digest_path(path).read_text()
    except FileNotFoundError:
        return State.UNSEALED
    except (OSError, UnicodeDecodeError):
        return State.DAMAGED
    algorithm = recorded.split(" ", 1)[0]
    if algorithm not in ALGORITHMS:
        return State.UNSEALED
    return State.SOUND if recorded == _record(path, algorithm) else State.DAMAGED


class ClipCache:
    """Content-addressed WAV files under one folder."""

    def __init__(self, root: Path, voice: Voice) -> None:
        self.root = root
        self._salt = voice.identity
        self.damaged: list[Path] = []
        """Damaged clips met by this render (each spoken again)."""

    def path_for(self, spoken: str) -> Path:
        """Where the clip speaking ``spoken`` lives (whether or not it exists yet)."""
        digest = hashlib.sha256(f"{self._salt}\n{spoken}".encode()).hexdigest()
        return self.root / digest[:2] / f"{digest}.wav"

    def hit(self, path: Path) -> bool:
        """Whether the clip is there and sound; marks it as recently used. The first
        damaged clip of a render is one warning; every one is spoken again."""
        found = state(path)
        if found is State.DAMAGED:
            self.note_damaged(path)
        if found is not State.SOUND:
            return False
        os.utime(path)
        return True

    def note_damaged(self, path: Path) -> None:
        """Count a damaged clip or segment, with one warning for the first."""
        if not self.damaged:
            log.warning(
                "%s: a cached clip is damaged (its bytes no longer match their digest); "
                "it is made again. Check the whole cache: audio-edition cache verify "
                "--cache-dir %s",
                path,
                self.root,
            )
        self.damaged.append(path)

    def prepare(self, path: Path) -> None:
        """Create the folder a new clip goes into."""
        path.parent.mkdir(parents=True, exist_ok=True)


@dataclass(frozen=True)
class CacheStats:
    """What a clip cache holds."""

    clips: int
    """Clips and edition segments."""
    size: int
    """Bytes on disk, every file counted."""
    oldest: float | None
    """Last use of the least recently used clip (epoch seconds)."""
    files: int
    """Every file: clips, segments, their digests and word timings, loudness hints,
    temporary files."""


@dataclass(frozen=True)
class Pruned:
    """What ``prune`` did, and why it kept what it kept."""

    removed: int
    """Clips and segments removed (with their side files)."""
    freed: int
    """Bytes freed."""
    kept_fit: int
    """Clips kept because the cache fits in the size asked for with them."""
    kept_recent: int
    """Clips kept although the cache is still too large: used in the last hour, so a
    render running now may need them."""


def _clips(root: Path) -> list[tuple[float, int, Path]]:
    """Each clip or segment: last use, its bytes and its side files' bytes, path; oldest first."""
    found = []
    for path in _cached(root):
        try:
            used = path.stat().st_mtime
        except FileNotFoundError:  # pruned or replaced meanwhile
            continue
        found.append((used, sum(_size(p) for p in (path, *_sidecars(path))), path))
    return sorted(found)


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except FileNotFoundError:
        return 0


def cache_stats(root: Path) -> CacheStats:
    """Count what a cache folder holds."""
    clips = _clips(root)
    everything = [p for p in root.rglob("*") if p.is_file()] if root.is_dir() else []
    return CacheStats(
        len(clips),
        sum(_size(p) for p in everything),
        clips[0][0] if clips else None,
        len(everything),
    )


def prune(root: Path, max_size: int, keep_recent_s: float = 3600.0) -> Pruned:
    """Delete least recently used clips (with their side files) until the clips take at
    most ``max_size`` bytes.

    Clips used in the last ``keep_recent_s`` seconds are kept, so a render that is
    running meanwhile never loses a clip it has just planned to use.
    """
    clips = _clips(root)
    total = sum(size for _, size, _ in clips)
    recent = time.time() - keep_recent_s
    removed = freed = 0
    for used, size, path in clips:
        if total - freed <= max_size or used > recent:
            break
        remove(path)
        removed, freed = removed + 1, freed + size
    kept = clips[removed:]
    over = total - freed > max_size
    recent_kept = sum(1 for used, _, _ in kept if used > recent) if over else 0
    return Pruned(removed, freed, len(kept) - recent_kept, recent_kept)


def _cached(root: Path) -> Iterator[Path]:
    """Every clip and edition segment in the cache."""
    yield from root.glob("??/*.wav")
    yield from root.glob("segments/*.mp3")


def _sidecars(path: Path) -> list[Path]:
    return [path.with_name(path.name.split(".")[0] + suffix) for suffix in SIDECARS]


def remove(path: Path) -> None:
    """Remove a cached file and what is kept beside it."""
    for each in (path, *_sidecars(path)):
        each.unlink(missing_ok=True)


@dataclass(frozen=True)
class Verified:
    """What ``verify`` found."""

    sound: int
    """Files whose bytes match their digest."""
    unsealed: int
    """Files without a digest (an older version made them; they are made again on use)."""
    damaged: tuple[Path, ...]
    """Files that no longer match their digest, now removed."""


def verify(root: Path) -> Verified:
    """Check every clip and segment against its digest; remove the damaged ones (and
    their side files), so that the next render makes them again."""
    counts = {State.SOUND: 0, State.UNSEALED: 0}
    damaged = []
    for path in sorted(_cached(root)):
        found = state(path)
        if found is State.DAMAGED:
            remove(path)
            damaged.append(path)
        elif found in counts:
            counts[found] += 1
    return Verified(counts[State.SOUND], counts[State.UNSEALED], tuple(damaged))
