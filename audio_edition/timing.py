"""The one timeline, written out: timing JSON (for the player), WebVTT, and the
Podcasting 2.0 transcript and chapters JSON. Times come from sample counts."""

from __future__ import annotations

from typing import Any

from audio_edition.models import Chapter, Cue, Episode, Voice, Word
from audio_edition.words import has_words

TIMING_VERSION = 1


def seconds(frames: int, sample_rate: int) -> float:
    """Frames to seconds, rounded to the millisecond for publishing."""
    return round(frames / sample_rate, 3)


def timing_json(
    episode: Episode, language: str, voice: Voice | None = None, signed: bool = False
) -> dict[str, Any]:
    """Everything the player needs: duration, each sentence's time and span and, where
    the engine timed words, each written word's; which voice read it; and whether its MP3
    was published with Content Credentials (docs/player.md, "Timing JSON")."""
    said_by: dict[str, Any] = {} if voice is None else {"voice": _voice(voice)}
    if signed:
        said_by["credentials"] = "c2pa"
    return {
        "version": TIMING_VERSION,
        "slug": episode.slug,
        "title": episode.title,
        "language": language,
        **said_by,
        "audio": episode.mp3.name,
        "duration": round(episode.duration, 3),
        "words": has_words(episode.cues),
        "sentences": [_sentence(cue, episode.sample_rate) for cue in episode.cues],
    }


def _voice(voice: Voice) -> dict[str, str]:
    """The synthetic voice that read the episode: profile, engine, language."""
    return {"name": voice.name, "engine": voice.engine, "language": voice.language}


def _sentence(cue: Cue, rate: int) -> dict[str, Any]:
    sentence = {
        "index": cue.sentence.index,
        "paragraph": cue.sentence.paragraph,
        "start": seconds(cue.start_frame, rate),
        "end": seconds(cue.end_frame, rate),
        "text": cue.sentence.text,
        "span": [cue.sentence.start, cue.sentence.end],
        "spoken": cue.sentence.spoken,
    }
    if cue.words is not None:
        sentence["words"] = [_word(word, rate) for word in cue.words]
    if cue.sentence.kind != "text":  # the disclosure: no page text to highlight
        sentence["kind"] = cue.sentence.kind
    return sentence


def _word(word: Word, rate: int) -> dict[str, Any]:
    start, end = seconds(word.start_frame, rate), seconds(word.end_frame, rate)
    return {"start": start, "end": end, "span": [word.start, word.end]}


def transcript_json(cues: tuple[Cue, ...], sample_rate: int) -> dict[str, Any]:
    """Podcasting 2.0 JSON transcript: one segment per sentence."""
    return {
        "version": "1.0.0",
        "segments": [
            {
                "startTime": seconds(c.start_frame, sample_rate),
                "endTime": seconds(c.end_frame, sample_rate),
                "body": c.sentence.text,
            }
            for c in cues
        ],
    }


def chapters_json(chapters: tuple[Chapter, ...]) -> dict[str, Any]:
    """Podcasting 2.0 JSON chapters (times to the millisecond, like the ID3 CHAP frames)."""
    return {
        "version": "1.2.0",
        "chapters": [
            {"startTime": round(c.start, 3), "endTime": round(c.end, 3), "title": c.title} | _url(c)
            for c in chapters
        ],
    }


def _url(chapter: Chapter) -> dict[str, str]:
    return {"url": chapter.url} if chapter.url else {}


def webvtt(cues: tuple[Cue, ...], sample_rate: int) -> str:
    """WebVTT captions: one cue per sentence, text escaped."""
    lines = ["WEBVTT", ""]
    for number, cue in enumerate(cues, start=1):
        start = _stamp(cue.start_frame, sample_rate)
        end = _stamp(cue.end_frame, sample_rate)
        lines += [str(number), f"{start} --> {end}", _vtt_text(cue.sentence.text), ""]
    return "\n".join(lines)


def _stamp(frames: int, sample_rate: int) -> str:
    millis = round(frames * 1000 / sample_rate)
    hours, rest = divmod(millis, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    return f"{hours:02d}:{minutes:02d}:{rest // 1000:02d}.{rest % 1000:03d}"


def _vtt_text(text: str) -> str:
    flat = " ".join(text.split())
    return flat.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
