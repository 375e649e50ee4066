"""ID3 tags with mutagen: title, artist, album, date, cover, full text, chapters.

Saved as ID3v2.3 with a CTOC (top-level, ordered) over one CHAP per chapter:
without the CTOC several podcast apps show no chapters (docs/architecture.md, "Audio").
The CHAP frames themselves are written in time order too (``ChapterOrderID3``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mutagen.id3 import (
    APIC,
    CHAP,
    CTOC,
    ID3,
    TALB,
    TDRC,
    TIT2,
    TLAN,
    TPE1,
    USLT,
    CTOCFlags,
    Frame,
)
from mutagen.id3._tags import save_frame

from audio_edition.models import Chapter

ISO639_2 = {"en": "eng", "fr": "fra", "nl": "nld", "de": "deu", "es": "spa", "it": "ita"}


class ChapterOrderID3(ID3):
    """ID3 tags whose CHAP frames are saved in time order, after the other frames.

    mutagen saves frames ordered by their size (quodlibet/mutagen#506), which
    scrambles the chapters for every reader that takes them in file order rather
    than through the CTOC (``ffprobe -show_chapters``, and the apps built on it)."""

    def _write(self, config: Any) -> bytearray:
        tags: Any = self  # mutagen is untyped
        chapters = sorted(tags.getall("CHAP"), key=lambda frame: frame.start_time)
        tags.delall("CHAP")
        try:
            data: bytearray = getattr(super(), "_write")(config)  # noqa: B009
        finally:
            for frame in chapters:
                tags.add(frame)
        return data + b"".join(save_frame(frame, config=config) for frame in chapters)


def open_tags(mp3: Path | None = None) -> Any:
    """The ID3 tags of ``mp3`` (new, empty ones without it), chapters kept in order."""
    make: Any = ChapterOrderID3
    return make(mp3) if mp3 is not None else make()


@dataclass(frozen=True)
class TagInfo:
    """What the tags say about one episode."""

    title: str
    """Episode title (TIT2)."""
    artist: str
    """Author or newsroom (TPE1)."""
    album: str
    """The publication (TALB)."""
    date: str
    """ISO date (TDRC)."""
    language: str
    """BCP 47 language of the text."""
    text: str
    """The full text read (USLT)."""
    cover: Path
    """JPEG or PNG front cover (APIC type 3)."""


def tag_mp3(
    mp3: Path, info: TagInfo, chapters: tuple[Chapter, ...] = (), extra: Iterable[Frame] = ()
) -> None:
    """Write the tags (and chapters, if any, and ``extra`` frames) into ``mp3`` as ID3v2.3."""
    tags = open_tags()
    for frame in extra:
        tags.add(frame)
    lang = ISO639_2.get(info.language.split("-")[0].lower(), "und")
    tags.add(TIT2(encoding=3, text=info.title))
    tags.add(TPE1(encoding=3, text=info.artist))
    tags.add(TALB(encoding=3, text=info.album))
    tags.add(TDRC(encoding=3, text=info.date))
    tags.add(TLAN(encoding=3, text=lang))
    tags.add(USLT(encoding=3, lang=lang, desc="", text=info.text))
    mime = "image/png" if info.cover.suffix.lower() == ".png" else "image/jpeg"
    tags.add(APIC(encoding=3, mime=mime, type=3, desc="Cover", data=info.cover.read_bytes()))
    if chapters:
        _add_chapters(tags, chapters)
    tags.save(str(mp3), v2_version=3)


def _add_chapters(tags: ID3, chapters: tuple[Chapter, ...]) -> None:
    ids = [f"chp{i}" for i in range(len(chapters))]
    tags.add(
        CTOC(
            element_id="toc",
            flags=CTOCFlags.TOP_LEVEL | CTOCFlags.ORDERED,
            child_element_ids=ids,
            sub_frames=[TIT2(encoding=3, text="Chapters")],
        )
    )
    for element_id, chapter in zip(ids, chapters, strict=True):
        tags.add(
            CHAP(
                element_id=element_id,
                start_time=round(chapter.start * 1000),
                end_time=round(chapter.end * 1000),
                sub_frames=[TIT2(encoding=3, text=chapter.title)],
            )
        )
