"""The names of an episode's files, and which of them may go (docs/publishing.md).

An episode is published as one *version*: ``<base>-<version>.mp3`` and, beside
it, ``<base>-<version>.timing.json``, ``.vtt``, ``.transcript.json`` and (the
edition) ``.chapters.json``. The feed and the pages name these files, so what
they reference is always one complete, consistent set, whatever moment a render
is stopped at. ``<base>.timing.json`` is the stable address publishers embed the
player with: a copy of the current version's timing (which names its MP3),
replaced after the feed and the pages. A version is removed only once no feed names
it and its grace period is over: the catalog records when each enclosure was
replaced (``[feed] keep_superseded_hours``).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from pathlib import Path, PurePosixPath
from string import hexdigits

from audio_edition.models import Episode
from audio_edition.publish.output import Output

log = logging.getLogger(__name__)
VERSION_LENGTH = 10
"""Hex digits of the version in file names."""
SIDE_FILES = {
    "timing": ".timing.json",
    "vtt": ".vtt",
    "transcript": ".transcript.json",
    "chapters": ".chapters.json",
    "cover": ".cover.jpg",
}
"""The files published with each MP3, by kind, and how their names end."""
SUFFIXES = (".mp3", *SIDE_FILES.values())


def side_file(mp3: str, kind: str) -> str:
    """The ``kind`` file of the MP3 ``mp3`` (a relative path): same folder, same version."""
    return mp3.removesuffix(".mp3") + SIDE_FILES[kind]


def split(name: str) -> tuple[str, str, str] | None:
    """``(base, version, suffix)`` of a versioned file name, or ``None`` for any other."""
    for suffix in SUFFIXES:
        if name.endswith(suffix):
            base, _, version = name.removesuffix(suffix).rpartition("-")
            if base and len(version) == VERSION_LENGTH and set(version) <= set(hexdigits):
                return base, version, suffix
    return None


def stable_timing(mp3: str) -> str:
    """``<folder>/<base>.timing.json``, the stable timing of the MP3 ``<base>-<version>.mp3``."""
    path = PurePosixPath(mp3)
    found = split(path.name)
    if found is None:
        raise ValueError(f"{mp3} has no version in its name")
    return (path.parent / f"{found[0]}{SIDE_FILES['timing']}").as_posix()


def write_stable(out: Output, episodes: Iterable[Episode]) -> None:
    """Point each episode's stable timing at its current version (each replaced atomically)."""
    for episode in episodes:
        relative = episode.mp3.relative_to(out.root).as_posix()
        out.write_text(stable_timing(relative), episode.files["timing"].read_text("utf-8"))


def sweep(root: Path, keep: Sequence[str]) -> list[str]:
    """Remove the versions of these episodes that are not in ``keep`` (MP3s relative to
    ``root``: each episode's enclosure and those still in their grace period), side
    files included.

    Also removes what a killed render may have published and never recorded."""
    kept: dict[tuple[Path, str], set[str]] = {}
    for mp3 in keep:
        path = root / mp3
        if (found := split(path.name)) is not None:
            kept.setdefault((path.parent, found[0]), set()).add(found[1])
    removed = []
    for (folder, base), versions in kept.items():
        for path in sorted(folder.iterdir()):
            found = split(path.name)
            if found is not None and found[0] == base and found[1] not in versions:
                path.unlink(missing_ok=True)
                removed.append(path.relative_to(root).as_posix())
                log.info("removed %s", removed[-1])
    return removed
