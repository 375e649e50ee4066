"""One article's episode, once it is spoken: layout, version, mastering, side files."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

from audio_edition.audio.stitch import article_layout, layout_key, stitch, timeline
from audio_edition.audio.tags import TagInfo
from audio_edition.models import Clip, Cue, Episode, Script
from audio_edition.publish.layout import side_file
from audio_edition.release import (
    Disclosure,
    master_release,
    part_starts,
    publish_release,
    published,
    release_path,
)
from audio_edition.renderer import Renderer
from audio_edition.site.pages import article_path
from audio_edition.synthesis import Plan
from audio_edition.timing import timing_json, transcript_json, webvtt
from audio_edition.words import shifted


def finish_article(r: Renderer, work: Plan, clips: list[Clip]) -> tuple[Episode, bool]:
    """Stitching, loudness, encoding, tags and timing files for one spoken article.

    Returns the episode and whether it was encoded (false: its unchanged MP3 was kept).
    """
    article = work.script.article
    slug, out = article.slug, r.out
    # Layout: clips and pauses; cues from frame counts. The MP3's name carries the
    # audio's version: unchanged audio keeps its published file, changed audio a new URL.
    items = list(article_layout(clips, article, r.voice.pauses))
    cues, frames = timeline(items)
    base, info, settings = f"articles/{slug}/{slug}", tag_info(r, work.script), r.config.audio
    url = r.config.publication.base_url + article_path(slug).removesuffix("index.html")
    sealed, sign = r.seal(article.title, url, article.language)
    relative = release_path(base, _audio_key(items, r.disclosure), settings, info, (), sealed)
    release = published(out, relative)
    encoded = release is None
    if release is None:
        # Stitch the PCM on disk, metering it on the way; master to the podcast loudness
        # norm with one CBR encode; splice the disclosure in; tag: title, byline,
        # publication, date, cover, the full text; sign (Content Credentials), last.
        track = stitch(items, out.scratch(f"{slug}.raw.wav"), r.sample_rate)
        release = master_release(out, track.wav, relative, settings, info,
                                 track.loudness_lufs, r.disclosure, sign)  # fmt: skip
        track.wav.unlink()
    if r.disclosure is not None:
        cues, frames = _with_disclosure(cues, r.disclosure, release.scratch or out.root / relative)
    episode = Episode(
        slug=slug,
        title=article.title,
        mp3=out.root / release.relative,
        duration=frames / r.sample_rate,
        sample_rate=r.sample_rate,
        cues=cues,
        loudness=release.loudness,
    )
    # Publish: the side files, named with the MP3's version, then the MP3 (docs/publishing.md).
    rate, mp3 = r.sample_rate, release.relative
    files = {
        "timing": out.write_json(
            side_file(mp3, "timing"),
            timing_json(episode, article.language, r.voice, r.signing is not None),
        ),
        "vtt": out.write_text(side_file(mp3, "vtt"), webvtt(cues, rate)),
        "transcript": out.write_json(side_file(mp3, "transcript"), transcript_json(cues, rate)),
    }
    if slug in r.pictures:  # the episode's own artwork, also in its MP3's tags
        copy = out.scratch(f"{slug}.published.cover.jpg")  # the scratch one may serve again
        shutil.copyfile(r.pictures[slug], copy)
        files["cover"] = out.publish(copy, side_file(mp3, "cover"))
    files["mp3"] = publish_release(out, release)
    return replace(episode, mp3=files["mp3"], files=files), encoded


def _audio_key(items: list[Clip | int], disclosure: Disclosure | None) -> bytes:
    """What the article's audio is made of: its layout, and the disclosure and where."""
    key = layout_key(items)
    if disclosure is not None:
        where = "end" if disclosure.at_end else "start"
        key += f"disclosure {disclosure.mp3.name} {where}".encode()
    return key


def _with_disclosure(
    cues: tuple[Cue, ...], disclosure: Disclosure, mp3: Path
) -> tuple[tuple[Cue, ...], int]:
    """The article's cues and the disclosure's, where the MP3 spliced them; its length."""
    starts, samples = part_starts(mp3)
    own = tuple(shifted(cue, starts["text"]) for cue in cues)
    said = tuple(shifted(cue, starts["disclosure"]) for cue in disclosure.cues)
    return (own + said if disclosure.at_end else said + own), samples


def tag_info(r: Renderer, script: Script) -> TagInfo:
    article = script.article
    return TagInfo(
        title=article.title,
        artist=article.author,
        album=r.config.publication.title,
        date=article.date.date().isoformat(),
        language=article.language,
        text=article.text,
        cover=r.pictures.get(article.slug, r.cover),
    )
