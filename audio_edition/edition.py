"""The edition episode: every article of the edition in one MP3, one chapter per article.

Layout, silences from the voice's pauses::

    intro · after-headline pause · for each article: its announcement, a
    sentence pause, the article exactly as in its own episode
    (``article_layout``: headline, summary, paragraphs, closing pause) · outro

It is built from the same cached clips as the articles: only the intro, the
announcements and the outro are new speech. Chapter starts are frame counts
(the announcement's first sample), so they are exact to the sample, and each
article's sentences sit at the same offsets from their chapter's start as in
the article's own timeline.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
from collections.abc import Sequence
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

from audio_edition.audio.master import master_all
from audio_edition.audio.splice import Mp3Stream, plan_splice, read_stream, write_splice
from audio_edition.audio.stitch import silence, stitch
from audio_edition.audio.tags import TagInfo, tag_mp3
from audio_edition.cache import ClipCache, seal
from audio_edition.config import AudioSettings, EditionConfig
from audio_edition.models import (
    Article,
    Block,
    Chapter,
    Clip,
    Cue,
    Episode,
    Loudness,
    Published,
    Script,
    Sentence,
    Voice,
)
from audio_edition.publish import Output
from audio_edition.publish.layout import side_file
from audio_edition.publish.output import place
from audio_edition.release import (
    VERSION_FORMAT,
    Release,
    loudness_frame,
    publish_release,
    published,
    recall_loudness,
    release_path,
    remember_loudness,
)
from audio_edition.renderer import Renderer
from audio_edition.site.pages import article_path
from audio_edition.synthesis import plan, synthesize
from audio_edition.text.languages import language_for
from audio_edition.text.lexicon import Lexicon
from audio_edition.text.normalize import spoken_form
from audio_edition.timing import chapters_json, timing_json, transcript_json, webvtt
from audio_edition.words import shifted

EDITION_PAGE = "index.html"
"""The edition page, under the edition's ``EditionConfig.prefix``."""


def edition_slug(date: dt.date, language: str = "") -> str:
    """Identity of an edition episode: ``edition-2026-11-27``, or for the edition of
    another language than the publication's, ``edition-2026-11-27-fr``."""
    return f"edition-{date.isoformat()}" + (f"-{language}" if language else "")


def edition_title(publication: str, date: dt.date, language: str = "en") -> str:
    """``The Harbour Gazette: Friday 27 November 2026`` (the date in ``language``)."""
    return f"{publication}: {language_for(language).phrases.written_date(date)}"


@dataclass(frozen=True)
class Part:
    """One piece of the edition: its own lines (intro, announcement, outro) or an article."""

    mp3: Path
    """The finished MP3 spliced in: a segment of the edition's own, or the article's episode."""
    cues: tuple[Cue, ...]
    """Its sentences, timed from the part's own start."""
    owner: str
    """The article's slug, or empty for the edition's own lines."""
    loudness: Loudness
    """Measured on that MP3."""


@dataclass(frozen=True)
class Lines:
    """The edition's own lines (intro, announcements, outro), mastered, ready to splice."""

    slugs: tuple[str, ...]
    """The articles they announce, in order."""
    speech: Script
    """What they say."""
    segments: tuple[Part, ...]
    """Intro and first announcement; each further announcement; the outro."""


def edition_lines(
    r: Renderer, cache: ClipCache, lexicon: Lexicon, scripts: Sequence[Script]
) -> Lines:
    """Speak and master the edition's own lines for these articles (cached when unchanged)."""
    speech = edition_script(r.config, scripts, lexicon)
    clips = synthesize(plan(speech, cache), r.pool)
    layouts = _segment_layouts(clips, r.voice)
    segments = tuple(_segments(r, cache, layouts))
    return Lines(tuple(s.article.slug for s in scripts), speech, segments)


def render_edition(
    r: Renderer,
    cache: ClipCache,
    lexicon: Lexicon,
    published: Sequence[Published],
    lines: Lines | None = None,
) -> Episode | None:
    """The edition episode: the articles' own MP3s spliced between the edition's lines.

    Nothing is synthesized or encoded twice: only the intro, the announcements and
    the outro are new speech, mastered as short segments (``lines``, made while the
    articles were being mastered, or made now if an article failed meanwhile); each
    article's frames are copied unchanged, so its audio is bit-identical to its own
    episode.
    """
    if not published:
        return None
    config, out = r.config, r.out
    slug, date = edition_slug(config.date, config.edition_language), config.date
    scripts = [Script(p.article, tuple(c.sentence for c in p.episode.cues)) for p in published]
    if lines is None or lines.slugs != tuple(p.article.slug for p in published):
        lines = edition_lines(r, cache, lexicon, scripts)
    speech, segments = lines.speech, lines.segments
    # Parts: the edition's own lines around each article's own MP3.
    articles = [Part(p.episode.mp3, p.episode.cues, p.article.slug, p.episode.loudness)
                for p in published]  # fmt: skip
    parts = [segments[0], *(x for pair in zip(articles, segments[1:], strict=True) for x in pair)]
    # Splice: frames end to end; every part starts at a known sample.
    streams = [read_stream(part.mp3) for part in parts]
    layout = plan_splice(streams)
    cues, owners = _timeline(parts, layout.starts)
    chapters = _chapters(cues, owners, scripts, config.publication.base_url, r.sample_rate)
    base = f"editions/{date.isoformat()}/{slug}"
    info = _tag_info(r, speech, scripts)
    loudness = _combined(parts, streams)
    release = _release(out, base, streams, info, chapters, config.audio, loudness)
    episode = Episode(slug, speech.article.title, out.root / release.relative,
                      layout.samples / r.sample_rate, r.sample_rate, cues, release.loudness,
                      chapters=chapters)  # fmt: skip
    # Publish: side files first, the MP3 last.
    return _publish(out, episode, owners, release, config.publication.language)


def _segment_layouts(lines: Sequence[Clip], voice: Voice) -> list[list[Clip | int]]:
    """Intro and first announcement; each further announcement; the outro."""
    pauses, rate = voice.pauses, lines[0].sample_rate
    after, between = silence(pauses.after_headline_ms, rate), silence(pauses.sentence_ms, rate)
    first: list[Clip | int] = [lines[0], after, lines[1], between]
    middle: list[list[Clip | int]] = [[line, between] for line in lines[2:-1]]
    return [first, *middle, [lines[-1], after]]


def _segments(r: Renderer, cache: ClipCache, layouts: list[list[Clip | int]]) -> list[Part]:
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
    return [Part(mp3, track.cues, "", recall_loudness(mp3)[0]) for mp3, track in pairs]


def _digest(r: Renderer, wav: Path) -> str:
    """A segment's cache name: the digest of its PCM and of the mastering settings."""
    with wav.open("rb") as pcm:
        digest = hashlib.file_digest(pcm, "sha256")
    digest.update(json.dumps([VERSION_FORMAT, asdict(r.config.audio)]).encode())
    return digest.hexdigest()


def _timeline(parts: Sequence[Part], starts: Sequence[int]) -> tuple[tuple[Cue, ...], list[str]]:
    """Every part's cues moved to where the part starts; and whose each cue is."""
    cues: list[Cue] = []
    owners: list[str] = []
    for part, start in zip(parts, starts, strict=True):
        for cue in part.cues:  # sentences keep their index in their own article
            cues.append(shifted(cue, start))  # its words too
            owners.append(part.owner)
    return tuple(cues), owners


def _chapters(
    cues: Sequence[Cue], owners: list[str], scripts: Sequence[Script], base_url: str, rate: int
) -> tuple[Chapter, ...]:
    """One chapter per article, from its announcement to the next one (or the outro)."""
    firsts = [owners.index(s.article.slug) for s in scripts]
    starts = [cues[first - 1].start_frame for first in firsts]  # the announcement before it
    ends = [*starts[1:], cues[-1].start_frame]
    return tuple(
        Chapter(s.article.title, start / rate, end / rate, base_url + article_path(s.article.slug))
        for s, start, end in zip(scripts, starts, ends, strict=True)
    )


def _combined(parts: Sequence[Part], streams: Sequence[Mp3Stream]) -> Loudness:
    """The whole from its parts: loudness is energy-weighted by length; the peak is the
    highest (the splice leaves every part's samples exactly as they were)."""
    weights = [s.audio_samples for s in streams]
    energy = sum(
        w * 10 ** (p.loudness.integrated_lufs / 10) for w, p in zip(weights, parts, strict=True)
    )
    integrated = 10 * math.log10(energy / sum(weights))
    peaks = [p.loudness.true_peak_dbtp for p in parts]
    peak = None if None in peaks else max(p for p in peaks if p is not None)
    return Loudness(round(integrated, 2), peak)


def _release(
    out: Output,
    base: str,
    streams: Sequence[Mp3Stream],
    info: TagInfo,
    chapters: tuple[Chapter, ...],
    settings: AudioSettings,
    loudness: Loudness,
) -> Release:
    """Splice and tag ``<base>-<version>.mp3``, unless that version is published already."""
    parts = hashlib.sha256()  # every part's file name carries its content's digest
    for stream in streams:
        parts.update(f"{stream.path.name} {stream.frame_count}\n".encode())
    relative = release_path(base, parts.digest(), settings, info, chapters)
    if (done := published(out, relative)) is not None:
        return done
    mp3 = out.scratch(Path(relative).name)
    write_splice(list(streams), mp3)
    tag_mp3(mp3, info, chapters, extra=[loudness_frame(loudness)])
    return Release(relative, mp3, loudness, None)


def _publish(
    out: Output, episode: Episode, owners: list[str], release: Release, language: str
) -> Episode:
    """Timing, captions, transcript and chapters, named with the MP3's version, then the MP3."""
    cues, rate, mp3 = episode.cues, episode.sample_rate, release.relative
    files = {
        "timing": out.write_json(side_file(mp3, "timing"), _timing(episode, owners, language)),
        "vtt": out.write_text(side_file(mp3, "vtt"), webvtt(cues, rate)),
        "transcript": out.write_json(side_file(mp3, "transcript"), transcript_json(cues, rate)),
        "chapters": out.write_json(side_file(mp3, "chapters"), chapters_json(episode.chapters)),
        "mp3": publish_release(out, release),
    }
    return replace(episode, mp3=files["mp3"], files=files)


def edition_script(config: EditionConfig, scripts: Sequence[Script], lexicon: Lexicon) -> Script:
    """What the edition says of its own: intro, one announcement per article, outro, in the
    publication's language (its ``Phrases``, docs/languages.md)."""
    title, language, date = config.publication.title, config.publication.language, config.date
    phrases = language_for(language).phrases
    parts = [phrases.intro_line(title, date)]
    for number, script in enumerate(scripts, start=1):
        line = phrases.announcement(number, len(scripts), script.article.section)
        parts.append((line, line))
    parts.append(phrases.outro_line(title, date))
    text = "\n\n".join(written for written, _ in parts)
    headline = edition_title(title, date, language)
    article = Article(edition_slug(date, config.edition_language), headline, "",
                      config.publication.author,
                      "", language, dt.datetime.combine(date, dt.time(6), tzinfo=dt.UTC), text,
                      (), config.root / "edition.toml")  # fmt: skip
    return _one_sentence_per_part(article, parts, lexicon)


def _one_sentence_per_part(
    article: Article, parts: list[tuple[str, str]], lexicon: Lexicon
) -> Script:
    """Each part one block and one sentence, spans into the joined text, spoken forms as given."""
    blocks, sentences, start = [], [], 0
    for index, (written, spoken) in enumerate(parts):
        blocks.append(Block("paragraph", start, start + len(written)))
        said = spoken_form(spoken, article.language, lexicon).text
        sentences.append(Sentence(index, index, start, start + len(written), written, said))
        start += len(written) + 2
    return Script(replace(article, blocks=tuple(blocks)), tuple(sentences))


def _timing(episode: Episode, owners: list[str], language: str) -> dict[str, Any]:
    """The article timing format, each sentence naming its article, plus the chapters."""
    timing = timing_json(episode, language)
    for sentence, owner in zip(timing["sentences"], owners, strict=True):
        sentence["article"] = owner
    timing["chapters"] = chapters_json(episode.chapters)["chapters"]
    return timing


def _tag_info(r: Renderer, speech: Script, scripts: Sequence[Script]) -> TagInfo:
    publication = r.config.publication
    said = [s.text for s in speech.sentences]
    text = "\n\n".join([said[0], *(s.article.text for s in scripts), said[-1]])
    return TagInfo(speech.article.title, publication.author, publication.title,
                   r.config.date.isoformat(), publication.language, text, r.cover)  # fmt: skip
