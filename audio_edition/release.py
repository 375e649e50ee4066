"""Versioned, immutable MP3 files: the enclosures the feed points at.

A published URL always serves the same bytes: podcast apps resume downloads
with Range requests and CDNs cache audio for good. So the file name carries a
version derived from everything that decides the audio (the stitched PCM, the
mastering settings, the tags and chapters), e.g.
``articles/<slug>/<slug>-<version>.mp3``. Unchanged audio keeps its published
file untouched (mastering is skipped); changed audio gets a new name, so apps fetch it again under
the same GUID. The loudness measured when it was mastered travels in the file
(an ID3 ``TXXX`` frame, like ReplayGain tags), so reuse runs no ffmpeg at all.

Where the episode says that its voice is synthetic, the disclosure (a short segment,
mastered once and cached) and the article's own audio are spliced frame by frame, and a
second ``TXXX`` frame records where each lies, so that the edition episode can splice the
article's own frames without it (``text_stream``). The MP3 is signed (Content
Credentials, ``audio/credentials.py``) last, after every tag; the version covers what the
manifest says and who signs it, so a published version is never signed again.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from mutagen.id3 import ID3, TXXX, ID3NoHeaderError

from audio_edition.audio.loudness import measure
from audio_edition.audio.master import master
from audio_edition.audio.splice import Mp3Stream, plan_splice, portion, read_stream, write_splice
from audio_edition.audio.tags import TagInfo, open_tags, tag_mp3
from audio_edition.config import AudioSettings
from audio_edition.faults import reached
from audio_edition.models import Chapter, Cue, Loudness
from audio_edition.publish import Output
from audio_edition.publish.layout import VERSION_LENGTH

VERSION_FORMAT = 5
"""Bumped when mastering or tagging changes what the same inputs produce (2: the
limiter holds the true peak, oversampled, and the MP3 is verified under -1 dBTP;
3: the gain is found from each episode's own PCM, no longer from a hint; 4: the spoken
disclosure and Content Credentials; 5: the gain makes up for the encoder's loss, the
limiter oversamples twice rather than four times)."""
LOUDNESS_TAG = "audio-edition loudness"
"""Description of the TXXX frame holding the measured loudness."""
PARTS_TAG = "audio-edition parts"
"""Description of the TXXX frame recording the parts spliced into an article's MP3."""
Sign = Callable[[Path], None]
"""Signs a finished, tagged MP3 in place."""


@dataclass(frozen=True)
class Release:
    """An MP3 ready to publish, or found already published."""

    relative: str
    """Where it is published, relative to the output folder (the version in its name)."""
    scratch: Path | None
    """The new, tagged MP3 to publish; ``None`` when this version is published already."""
    loudness: Loudness
    """Measured on the MP3."""


@dataclass(frozen=True)
class Disclosure:
    """The spoken disclosure spliced into an article's MP3."""

    mp3: Path
    """Its mastered segment (in the clip cache, named by its content's digest)."""
    at_end: bool
    """After the article (else before it)."""
    cues: tuple[Cue, ...]
    """Its sentence (of kind ``disclosure``), timed from the segment's start."""


def release_path(
    base: str,
    audio_key: bytes,
    settings: AudioSettings,
    info: TagInfo,
    chapters: tuple[Chapter, ...] = (),
    sealed: str = "",
) -> str:
    """``<base>-<version>.mp3``: the version digests the audio (``audio_key``, a digest
    of what it is made of), the mastering settings, the tags, the chapters and ``sealed``
    (what the Content Credentials say and who signs them; empty: unsigned)."""
    digest = hashlib.sha256(audio_key)
    digest.update(recipe(settings, info, chapters))
    digest.update(sealed.encode("utf-8"))
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
    return Release(relative, None, recall_loudness(path))


def master_release(
    out: Output,
    wav: Path,
    relative: str,
    settings: AudioSettings,
    info: TagInfo,
    raw_lufs: float | None = None,
    disclosure: Disclosure | None = None,
    sign: Sign | None = None,
) -> Release:
    """Master ``wav`` (``raw_lufs`` loud, if known) into a new, tagged MP3 to publish at
    ``relative``: the ``disclosure`` spliced before or after it, then tagged, then signed."""
    mp3 = out.scratch(Path(relative).name)
    own = mp3.with_name(mp3.name + ".own.mp3") if disclosure else mp3
    mastered = master(wav, own, settings, raw_lufs)
    reached("mastering")
    loudness, extra = mastered.loudness, []
    if disclosure is not None:
        order = [own, disclosure.mp3] if disclosure.at_end else [disclosure.mp3, own]
        streams = [read_stream(path) for path in order]
        write_splice(streams, mp3)
        levels = [mastered.loudness if p == own else recall_loudness(p) for p in order]
        loudness = combined_loudness(levels, streams)
        extra.append(parts_frame(streams, ["text" if p == own else "disclosure" for p in order]))
        own.unlink()
    tag_mp3(mp3, info, extra=[loudness_frame(loudness, mastered.gain_db), *extra])
    if sign is not None:
        sign(mp3)  # last: the hard binding covers every tag
    return Release(relative, mp3, loudness)


def combined_loudness(levels: Sequence[Loudness], streams: Sequence[Mp3Stream]) -> Loudness:
    """The whole from its spliced parts: loudness is energy-weighted by length; the peak
    is the highest (the splice leaves every part's samples exactly as they were)."""
    weights = [s.audio_samples for s in streams]
    energy = sum(w * 10 ** (p.integrated_lufs / 10) for w, p in zip(weights, levels, strict=True))
    integrated = 10 * math.log10(energy / sum(weights))
    peaks = [p.true_peak_dbtp for p in levels]
    peak = None if None in peaks else max(p for p in peaks if p is not None)
    return Loudness(round(integrated, 2), peak)


def parts_frame(streams: Sequence[Mp3Stream], kinds: Sequence[str]) -> TXXX:
    """A tag frame recording each spliced part: its kind, frames, bytes, delay, padding."""
    parts = [[kind, s.frame_count, s.body[1], s.delay, s.padding]
             for kind, s in zip(kinds, streams, strict=True)]  # fmt: skip
    return TXXX(encoding=3, desc=PARTS_TAG, text=[json.dumps(parts)])


def parts_of(mp3: Path) -> tuple[list[str], list[Mp3Stream]]:
    """The kinds and frames of the parts spliced into ``mp3`` (one ``text`` part, the
    whole file, where it records none)."""
    whole = read_stream(mp3)
    frames = ID3(mp3).getall(f"TXXX:{PARTS_TAG}")
    if not frames:
        return ["text"], [whole]
    kinds, streams, skip = [], [], 0
    for kind, count, size, delay, padding in json.loads(str(frames[0].text[0])):
        kinds.append(str(kind))
        streams.append(portion(whole, skip, int(size), int(count), int(delay), int(padding)))
        skip += int(size)
    return kinds, streams


def part_starts(mp3: Path) -> tuple[dict[str, int], int]:
    """Where each kind of part starts in ``mp3``'s decoded samples, and how many it has."""
    kinds, streams = parts_of(mp3)
    plan = plan_splice(streams)
    return dict(zip(kinds, plan.starts, strict=True)), plan.samples


def text_stream(mp3: Path) -> tuple[Mp3Stream, int]:
    """The article's own frames in its MP3 (the disclosure left out), and where they start."""
    kinds, streams = parts_of(mp3)
    index = kinds.index("text")
    return streams[index], plan_splice(streams).starts[index]


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


def recall_loudness(mp3: Path) -> Loudness:
    """The loudness recorded when ``mp3`` was mastered (measured again if the tag is
    missing). The tag also records the gain it was encoded with, for people reading it."""
    frames = ID3(mp3).getall(f"TXXX:{LOUDNESS_TAG}")
    try:
        values = {k: float(v) for k, v in (p.split("=") for p in str(frames[0].text[0]).split())}
        integrated = values["integrated"]
    except (IndexError, KeyError, ValueError):
        return measure(mp3, true_peak=False)
    return Loudness(integrated, values.get("peak"))
