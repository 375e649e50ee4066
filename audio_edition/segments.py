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

from audio_edition.audio.master import master_all
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


def master_segment(r: Renderer, cache: ClipCache, items: list[Clip | int]) -> Part:
    """Stitch and master one segment, or take it from the cache when its PCM was done before."""
    return master_segments(r, cache, [items])[0]


def master_segments(r: Renderer, cache: ClipCache, layouts: list[list[Clip | int]]) -> list[Part]:
    """Stitch each segment and master those not in the cache yet, together: one gain for
    them all (they are heard in one episode), one ffmpeg run to encode them, one to
    measure them."""
    tracks = [stitch(items, r.out.scratch(f"segment-{id(layouts)}-{n}.wav"), r.sample_rate)
              for n, items in enumerate(layouts)]  # fmt: skip
    mp3s = [cache.root / "segments" / f"{_digest(r, track.wav)}.mp3" for track in tracks]
    # Two announcements may say the same words ("Next, from the Business desk."): one file.
    firsts = {mp3: n for n, mp3 in reversed(list(enumerate(mp3s)))}
    missing = [n for mp3, n in sorted(firsts.items(), key=lambda kv: kv[1])
               if not cache.hit(mp3)]  # fmt: skip
    if missing:
        fresh = [r.out.scratch(mp3s[n].name) for n in missing]
        done = master_all([tracks[n].wav for n in missing], fresh, r.config.audio)
        mp3s[0].parent.mkdir(parents=True, exist_ok=True)
        for n, scratch, mastered in zip(missing, fresh, done, strict=True):
            remember_loudness(scratch, mastered.loudness, mastered.gain_db)
            place(scratch, mp3s[n])  # the cache may be on another file system
            seal(mp3s[n])
    for track in tracks:
        track.wav.unlink()
    pairs = zip(mp3s, tracks, strict=True)
    return [Part(mp3, track.cues, "", recall_loudness(mp3)) for mp3, track in pairs]


def _digest(r: Renderer, wav: Path) -> str:
    """A segment's cache name: the digest of its PCM and of the mastering settings."""
    with wav.open("rb") as pcm:
        digest = hashlib.file_digest(pcm, "sha256")
    digest.update(json.dumps([VERSION_FORMAT, asdict(r.config.audio)]).encode())
    return digest.hexdigest()
