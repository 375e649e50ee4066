"""Whether the files published with an MP3 belong to it: used by ``audio-edition check``.

A feed item's transcripts and chapters, and its timing JSON, must carry the
enclosure's version in their names, and agree with it: the timing names the MP3
and lasts as long, every transcript has the timing's sentences at the timing's
times, the chapters are the timing's chapters (docs/publishing.md).
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from audio_edition.publish.layout import side_file, split, stable_timing

DURATION_AGREES = 0.15
"""Seconds the timing's duration may differ from the MP3's length (the encoder pads the
last frame: less than three MP3 frames)."""
TIMES_AGREE = 0.0015
"""Seconds a published time may differ from the timing's (both rounded to the ms)."""
Problem = tuple[bool, str]
"""Whether it is an error (else a note), and what was found."""


def belongs(
    enclosure: Path, duration: float, named: Mapping[Path, Sequence[float]]
) -> Iterator[Problem]:
    """Problems with the files an item names beside its ``enclosure`` (each with the start
    times it holds), with its timing JSON and with the stable timing of its episode."""
    version = split(enclosure.name)
    if version is None:
        yield True, f"{enclosure.name}: no version in the enclosure's name"
        return
    for path in named:
        found = split(path.name)
        if path.parent != enclosure.parent or found is None or found[:2] != version[:2]:
            yield True, f"{path.name} is not of the enclosure's version ({enclosure.name})"
    path = enclosure.with_name(side_file(enclosure.name, "timing"))
    if not path.is_file():
        yield True, f"{enclosure.name}: its timing file {path.name} is missing"
        return
    timing = json.loads(path.read_text(encoding="utf-8"))
    yield from _agrees(path, timing, enclosure, duration)
    for other, starts in named.items():
        kind = "chapters" if other.name.endswith(side_file("", "chapters")) else "sentences"
        expected = [float(s.get("startTime", s.get("start", -1))) for s in timing.get(kind, [])]
        if not _same(starts, expected):
            yield True, f"{other.name}: its times are not the {kind} of {path.name}"
    yield from _stable(enclosure, path)


def _agrees(
    path: Path, timing: dict[str, Any], enclosure: Path, duration: float
) -> Iterator[Problem]:
    if timing.get("audio") != enclosure.name:
        yield True, f"{path.name} names {timing.get('audio')!r}, not {enclosure.name}"
    stated = float(timing.get("duration", -1))
    if abs(stated - duration) > DURATION_AGREES:
        yield True, f"{path.name}: lasts {stated:.3f} s, {enclosure.name} {duration:.3f} s"


def _stable(enclosure: Path, timing: Path) -> Iterator[Problem]:
    """The stable timing (what publishers embed) names an MP3 that is there, and is that
    version's timing; after a render stopped before switching it, the previous one."""
    stable = enclosure.with_name(Path(stable_timing(enclosure.name)).name)
    if not stable.is_file():
        return
    named = str(json.loads(stable.read_text(encoding="utf-8")).get("audio", ""))
    own = enclosure.with_name(side_file(named, "timing")) if split(named) else None
    if own is None or not (enclosure.parent / named).is_file() or not own.is_file():
        yield True, f"{stable.name} names {named!r}, which is not published"
    elif own.read_bytes() != stable.read_bytes():
        yield True, f"{stable.name} differs from {own.name}, the timing of the MP3 it names"
    elif named != enclosure.name:
        yield False, f"{stable.name} still names {named} (the next render switches it)"


def _same(starts: Sequence[float], expected: Sequence[float]) -> bool:
    return len(starts) == len(expected) and all(
        abs(a - b) <= TIMES_AGREE for a, b in zip(starts, expected, strict=True)
    )
