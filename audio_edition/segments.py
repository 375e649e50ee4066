"""Short spoken segments of our own (the edition's lines, the disclosure), mastered once.

A segment is stitched from its clips and pauses, mastered to the podcast loudness as
an MP3 of its own, and kept in the clip cache (``segments/<digest>.mp3``) under the
digest of its PCM and of the mastering settings, checked like every cached file: a
re-render takes it from there instead of encoding it again (docs/architecture.md,
"Cache"). Segments are spliced between whole episodes' frames (``audio/splice.py``).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass
from pathlib import Path

from audio_edition.audio.master import master
from audio_edition.audio.splice import Mp3Stream
from audio_edition.audio.stitch import stitch
from audio_edition.cache import ClipCache, seal
from audio_edition.models import Clip, Cue, Loudness
from audio_edition.publish.output import place
from audio_edition.release import VERSION_FORMAT, recall_loudness, remember_loudness
from audio_edition.renderer import Renderer


@dataclass(frozen=True)
class Part:
    """One piece of a spliced episode: a segment of our own or an article's audio."""

    mp3: Path
    """The finished MP3 spliced in: a segment, or the article's episode."""
    cues: tuple[Cue, ...]
    """Its sentences, timed from the part's own start."""
    owner: str
    """The article's slug, or empty for the edition's own lines."""
    loudness: Loudness
    """Measured on that MP3."""
    stream: Mp3Stream | None = None
    """The frames spliced, where they are only some of ``mp3``'s (an article's own
    audio without its disclosure); ``None``: all of them."""


def master_segment(
    r: Renderer, cache: ClipCache, items: list[Clip | int], hint_db: float | None
) -> Part:
    """Stitch and master one segment, or take it from the cache when its PCM was done before."""
    scratch = r.out.scratch(f"segment-{id(items)}.wav")
    track = stitch(items, scratch, r.sample_rate)
    with scratch.open("rb") as pcm:
        digest = hashlib.file_digest(pcm, "sha256")
    digest.update(json.dumps([VERSION_FORMAT, asdict(r.config.audio)]).encode())
    mp3 = cache.root / "segments" / f"{digest.hexdigest()}.mp3"
    if not cache.hit(mp3):
        mp3.parent.mkdir(parents=True, exist_ok=True)
        fresh = r.out.scratch(mp3.name)
        mastered = master(scratch, fresh, r.config.audio, hint_db)
        remember_loudness(fresh, mastered.loudness, mastered.gain_db)
        place(fresh, mp3)  # the cache may be on another file system
        seal(mp3)
    scratch.unlink()
    return Part(mp3, track.cues, "", recall_loudness(mp3)[0])
