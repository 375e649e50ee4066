"""Join clips and silences into one PCM file on disk, streaming; cues from frame counts.

Never pydub's ``+``/``append``: it copies everything and cross-fades
(docs/architecture.md, "Audio").
"""

from __future__ import annotations

import hashlib
import wave
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

import numpy as np

from audio_edition.audio.meter import Meter
from audio_edition.errors import AudioError
from audio_edition.models import Article, Clip, Cue, Pauses, Track
from audio_edition.words import clip_words

BLOCK_FRAMES = 1 << 16
"""Frames copied at a time: memory stays bounded whatever the length."""
MAX_WAV_BYTES = (1 << 32) - 1 - 44
"""A WAV's sizes are 32-bit: its data may not exceed 4 GiB (``bounds.py`` refuses such
articles long before; this is the last guard)."""


def silence(ms: int, sample_rate: int) -> int:
    """Frames of a pause of ``ms`` milliseconds."""
    return round(ms * sample_rate / 1000)


def article_layout(clips: Iterable[Clip], article: Article, pauses: Pauses) -> Iterator[Clip | int]:
    """The article's clips with the pause each boundary calls for (ints are silent frames)."""
    previous: Clip | None = None
    for clip in clips:
        if previous is not None:
            yield silence(_pause_ms(previous, clip, article, pauses), clip.sample_rate)
        yield clip
        previous = clip
    if previous is not None:
        yield silence(pauses.paragraph_ms, previous.sample_rate)


def _pause_ms(before: Clip, after: Clip, article: Article, pauses: Pauses) -> int:
    if before.sentence.paragraph == after.sentence.paragraph:
        return pauses.sentence_ms
    if article.blocks[before.sentence.paragraph].kind != "paragraph":
        return pauses.after_headline_ms
    return pauses.paragraph_ms


def timeline(items: Sequence[Clip | int]) -> tuple[tuple[Cue, ...], int]:
    """Each clip's place (and its words', where the engine timed them), and the total
    length, in frames (nothing is read or written)."""
    cues: list[Cue] = []
    position = 0
    for item in items:
        if isinstance(item, int):
            position += item
        else:
            words = clip_words(item, position) if item.sentence.kind == "text" else None
            cues.append(Cue(item.sentence, position, position + item.frames, words))
            position += item.frames
    return tuple(cues), position


def layout_key(items: Sequence[Clip | int]) -> bytes:
    """Digest of a layout: its clips (content-addressed file names and lengths) and
    silences; equal keys stitch to equal PCM, so the PCM need not be made to compare."""
    digest = hashlib.sha256()
    for item in items:
        if isinstance(item, int):
            digest.update(f"silence {item}\n".encode())
        else:
            names = " ".join(path.name for path in item.paths)
            digest.update(f"clip {names} {item.frames}\n".encode())
    return digest.digest()


def stitch(items: Sequence[Clip | int], out: Path, sample_rate: int) -> Track:
    """Write clips and silences, in order, into one mono 16-bit WAV at ``out``; the
    clips are metered on the way (``audio/meter.py``), so the track's loudness is known
    without another pass over it."""
    cues, frames = timeline(items)
    if frames * 2 > MAX_WAV_BYTES:
        hours = frames / sample_rate / 3600
        raise AudioError(f"{out.name}: {hours:.1f} hours of audio exceed a WAV file's 4 GiB")
    meter, position = Meter(sample_rate), 0
    with wave.open(str(out), "wb") as sink:
        sink.setnchannels(1)
        sink.setsampwidth(2)
        sink.setframerate(sample_rate)
        for item in items:
            if isinstance(item, int):
                _write_silence(sink, item)
                position += item
                continue
            written = 0
            for path in item.paths:
                written += _copy(path, sink, sample_rate, meter, position + written)
            if written != item.frames:
                raise ValueError(f"{item.paths[0].name} changed while it was being read")
            position += written
    return Track(out, sample_rate, frames, cues, meter.integrated_lufs())


def _write_silence(sink: wave.Wave_write, frames: int) -> None:
    while frames > 0:
        step = min(frames, BLOCK_FRAMES)
        sink.writeframesraw(b"\0\0" * step)
        frames -= step


def _copy(path: Path, sink: wave.Wave_write, sample_rate: int, meter: Meter, start: int) -> int:
    with wave.open(str(path), "rb") as source:
        if source.getframerate() != sample_rate:
            raise ValueError(f"{path}: {source.getframerate()} Hz, expected {sample_rate} Hz")
        frames = source.getnframes()
        for offset in range(0, frames, BLOCK_FRAMES):
            block = source.readframes(BLOCK_FRAMES)
            sink.writeframesraw(block)
            meter.add(start + offset, np.frombuffer(block, dtype="<i2") / 32768.0)
    return frames
