"""Versioned, immutable MP3 files: the enclosures the feed points at.

A published URL always serves the same bytes: podcast apps resume downloads
with Range requests and CDNs cache audio for good. So the file name carries a
version derived from everything that decides the audio (the stitched PCM, the
mastering settings, the tags and chapters), e.g.
``articles/<slug>/<slug>-<version>.mp3``. Unchanged audio keeps its published
file untouched (mastering is skipped); changed audio gets a new name, so apps fetch it again under
the same GUID. The loudness measured when it was mastered travels in the file
(an ID3 ``TXXX`` frame, like ReplayGain tags), so reuse runs no ffmpeg at all.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass
from pathlib import Path

from mutagen.id3 import ID3, TXXX, ID3NoHeaderError

from audio_edition.audio.loudness import measure
from audio_edition.audio.master import master
from audio_edition.audio.tags import TagInfo, open_tags, tag_mp3
from audio_edition.config import AudioSettings
from audio_edition.faults import reached
from audio_edition.models import Chapter, Loudness
from audio_edition.publish import Output
from audio_edition.publish.layout import VERSION_LENGTH

VERSION_FORMAT = 3
"""Bumped when mastering or tagging changes what the same inputs produce (2: the
limiter holds the true peak, oversampled, and the MP3 is verified under -1 dBTP;
3: the gain is found from each episode's own PCM, no longer from a hint)."""
LOUDNESS_TAG = "audio-edition loudness"
"""Description of the TXXX frame holding the measured loudness."""


@dataclass(frozen=True)
class Release:
    """An MP3 ready to publish, or found already published."""

    relative: str
    """Where it is published, relative to the output folder (the version in its name)."""
    scratch: Path | None
    """The new, tagged MP3 to publish; ``None`` when this version is published already."""
    loudness: Loudness
    """Measured on the MP3."""
    gain_db: float | None
    """The gain it was encoded with; ``None`` if unknown."""


def release_path(
    base: str,
    audio_key: bytes,
    settings: AudioSettings,
    info: TagInfo,
    chapters: tuple[Chapter, ...] = (),
) -> str:
    """``<base>-<version>.mp3``: the version digests the audio (``audio_key``, a digest
    of what it is made of), the mastering settings, the tags and the chapters."""
    digest = hashlib.sha256(audio_key)
    digest.update(recipe(settings, info, chapters))
    return f"{base}-{digest.hexdigest()[:VERSION_LENGTH]}.mp3"


def recipe(settings: AudioSettings, info: TagInfo, chapters: tuple[Chapter, ...]) -> bytes:
    """Everything besides the audio that decides an MP3's bytes (the cover by content)."""
    tags = {**asdict(info), "cover": hashlib.sha256(info.cover.read_bytes()).hexdigest()}
    items = [VERSION_FORMAT, asdict(settings), tags, [asdict(c) for c in chapters]]
    return json.dumps(items, sort_keys=True, default=str).encode("utf-8")


def published(out: Output, relative: str) -> Release | None:
    """The release at ``relative`` if that version is published already."""
    path = out.root / relative
    if not path.is_file():
        return None
    return Release(relative, None, *recall_loudness(path))


def master_release(
    out: Output,
    wav: Path,
    relative: str,
    settings: AudioSettings,
    info: TagInfo,
    raw_lufs: float | None = None,
) -> Release:
    """Master ``wav`` (``raw_lufs`` loud, if known) into a new, tagged MP3 to publish at
    ``relative``."""
    mp3 = out.scratch(Path(relative).name)
    mastered = master(wav, mp3, settings, raw_lufs)
    reached("mastering")
    tag_mp3(mp3, info, extra=[loudness_frame(mastered.loudness, mastered.gain_db)])
    return Release(relative, mp3, mastered.loudness, mastered.gain_db)


def publish_release(out: Output, release: Release) -> Path:
    """Move a new MP3 into place (atomically); return the published path."""
    if release.scratch is None:
        return out.root / release.relative
    return out.publish(release.scratch, release.relative)


def loudness_frame(loudness: Loudness, gain_db: float | None = None) -> TXXX:
    """A tag frame recording the loudness measured on an MP3 and the gain it was
    encoded with, so a later render reuses both without running ffmpeg."""
    values = {"integrated": loudness.integrated_lufs, "gain": gain_db}
    values["peak"] = loudness.true_peak_dbtp
    text = " ".join(f"{k}={v:.2f}" for k, v in values.items() if v is not None)
    return TXXX(encoding=3, desc=LOUDNESS_TAG, text=[text])


def remember_loudness(mp3: Path, loudness: Loudness, gain_db: float | None = None) -> None:
    """Add the loudness frame to ``mp3``'s tags (creating a tag if it has none)."""
    try:
        tags = open_tags(mp3)
    except ID3NoHeaderError:
        tags = open_tags()
    tags.add(loudness_frame(loudness, gain_db))
    tags.save(mp3, v2_version=3)


def recall_loudness(mp3: Path) -> tuple[Loudness, float | None]:
    """The loudness and gain recorded when ``mp3`` was mastered (the loudness is
    measured again, and the gain unknown, if the tag is missing)."""
    frames = ID3(mp3).getall(f"TXXX:{LOUDNESS_TAG}")
    try:
        values = {k: float(v) for k, v in (p.split("=") for p in str(frames[0].text[0]).split())}
        integrated = values["integrated"]
    except (IndexError, KeyError, ValueError):
        return measure(mp3, true_peak=False), None
    return Loudness(integrated, values.get("peak")), values.get("gain")
