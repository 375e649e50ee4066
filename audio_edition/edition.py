"""The edition episode: every article of the edition in one MP3, one chapter per article.

Layout, silences from the voice's pauses::

    intro · after-headline pause · [disclosure · sentence pause] · for each article:
    its announcement, a sentence pause, the article exactly as in its own episode
    (``article_layout``: headline, summary, paragraphs, closing pause; without the
    disclosure its own MP3 holds) · outro [· sentence pause · disclosure]

It is built from the same cached clips as the articles: only the intro, the
announcements and the outro are new speech. Chapter starts are frame counts
(the announcement's first sample), so they are exact to the sample, and each
article's sentences sit at the same offsets from their chapter's start as in
the article's own timeline.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from audio_edition.audio.splice import Mp3Stream, plan_splice, read_stream, write_splice
from audio_edition.audio.stitch import silence
from audio_edition.audio.tags import TagInfo, tag_mp3
from audio_edition.cache import ClipCache
from audio_edition.config import AudioSettings, EditionConfig
from audio_edition.disclosure import disclosure_text
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
    SentenceKind,
    Voice,
)
from audio_edition.publish import Output
from audio_edition.publish.layout import side_file
from audio_edition.release import (
    Release,
    Sign,
    combined_loudness,
    loudness_frame,
    publish_release,
    published,
    release_path,
    text_stream,
)
from audio_edition.renderer import Renderer
from audio_edition.segments import Part, master_segments
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
    layouts = _segment_layouts(clips, r.voice, r.config.disclosure.position == "end")
    segments = tuple(master_segments(r, cache, layouts))
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
    articles = [_article_part(p) for p in published]
    parts = [segments[0], *(x for pair in zip(articles, segments[1:], strict=True) for x in pair)]
    # Splice: frames end to end; every part starts at a known sample.
    streams = [part.stream or read_stream(part.mp3) for part in parts]
    layout = plan_splice(streams)
    cues, owners = _timeline(parts, layout.starts)
    chapters = _chapters(cues, owners, scripts, config.publication.base_url, r.sample_rate)
    base = f"editions/{date.isoformat()}/{slug}"
    info = _tag_info(r, speech, scripts)
    loudness = combined_loudness([part.loudness for part in parts], streams)
    sealed = r.seal(speech.article.title, config.publication.base_url + config.prefix,
                    speech.article.language)  # fmt: skip
    release = _release(out, base, streams, (info, chapters), config.audio, loudness, sealed)
    episode = Episode(slug, speech.article.title, out.root / release.relative,
                      layout.samples / r.sample_rate, r.sample_rate, cues, release.loudness,
                      chapters=chapters)  # fmt: skip
    # Publish: side files first, the MP3 last.
    read = (config.publication.language, r.voice, r.signing is not None)
    return _publish(out, episode, owners, release, read)


def _segment_layouts(lines: Sequence[Clip], voice: Voice, at_end: bool) -> list[list[Clip | int]]:
    """Intro (and the disclosure) and first announcement; each further announcement; the
    outro (and the disclosure, when it is said at the end)."""
    pauses, rate = voice.pauses, lines[0].sample_rate
    after, between = silence(pauses.after_headline_ms, rate), silence(pauses.sentence_ms, rate)
    said = [line for line in lines if line.sentence.kind == "disclosure"]
    own = [line for line in lines if line.sentence.kind != "disclosure"]
    before = [x for d in said if not at_end for x in (d, between)]
    first: list[Clip | int] = [own[0], after, *before, own[1], between]
    middle: list[list[Clip | int]] = [[line, between] for line in own[2:-1]]
    last: list[Clip | int] = [own[-1], *(x for d in said if at_end for x in (between, d)), after]
    return [first, *middle, last]


def _article_part(p: Published) -> Part:
    """An article's own audio in its MP3, without its disclosure (the edition says it once)."""
    stream, start = text_stream(p.episode.mp3)
    cues = tuple(shifted(c, -start) for c in p.episode.cues if c.sentence.kind == "text")
    return Part(p.episode.mp3, cues, p.article.slug, p.episode.loudness, stream)


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
    outro = len(owners) - owners[::-1].index(scripts[-1].article.slug)  # after the last article
    ends = [*starts[1:], cues[outro].start_frame]
    return tuple(
        Chapter(s.article.title, start / rate, end / rate, base_url + article_path(s.article.slug))
        for s, start, end in zip(scripts, starts, ends, strict=True)
    )


def _release(
    out: Output,
    base: str,
    streams: Sequence[Mp3Stream],
    tags: tuple[TagInfo, tuple[Chapter, ...]],
    settings: AudioSettings,
    loudness: Loudness,
    sealed: tuple[str, Sign | None],
) -> Release:
    """Splice, tag and sign ``<base>-<version>.mp3``, unless that version is published."""
    info, chapters = tags
    parts = hashlib.sha256()  # every part's file name carries its content's digest
    for stream in streams:
        parts.update(f"{stream.path.name} {stream.frame_count}\n".encode())
    relative = release_path(base, parts.digest(), settings, info, chapters, sealed[0])
    if (done := published(out, relative)) is not None:
        return done
    mp3 = out.scratch(Path(relative).name)
    write_splice(list(streams), mp3)
    tag_mp3(mp3, info, chapters, extra=[loudness_frame(loudness)])
    if sealed[1] is not None:
        sealed[1](mp3)  # last: the hard binding covers every tag
    return Release(relative, mp3, loudness)


def _publish(
    out: Output,
    episode: Episode,
    owners: list[str],
    release: Release,
    read: tuple[str, Voice, bool],
) -> Episode:
    """Timing, captions, transcript and chapters, named with the MP3's version, then the MP3."""
    cues, rate, mp3 = episode.cues, episode.sample_rate, release.relative
    files = {
        "timing": out.write_json(side_file(mp3, "timing"), _timing(episode, owners, *read)),
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
    notice = disclosure_text(config, language)  # said once, after the intro or the outro
    if notice is not None:
        parts.insert(len(parts) if config.disclosure.position == "end" else 1, (notice, notice))
    text = "\n\n".join(written for written, _ in parts)
    headline = edition_title(title, date, language)
    article = Article(edition_slug(date, config.edition_language), headline, "",
                      config.publication.author,
                      "", language, dt.datetime.combine(date, dt.time(6), tzinfo=dt.UTC), text,
                      (), config.root / "edition.toml")  # fmt: skip
    return _one_sentence_per_part(article, parts, lexicon, notice)


def _one_sentence_per_part(
    article: Article, parts: list[tuple[str, str]], lexicon: Lexicon, notice: str | None
) -> Script:
    """Each part one block and one sentence, spans into the joined text, spoken forms as
    given; the disclosure (``notice``) a sentence of its kind."""
    blocks, sentences, start = [], [], 0
    for index, (written, spoken) in enumerate(parts):
        blocks.append(Block("paragraph", start, start + len(written)))
        said = spoken_form(spoken, article.language, lexicon).text
        kind: SentenceKind = "disclosure" if written == notice else "text"
        sentences.append(Sentence(index, index, start, start + len(written), written, said, kind))
        start += len(written) + 2
    return Script(replace(article, blocks=tuple(blocks)), tuple(sentences))


def _timing(
    episode: Episode, owners: list[str], language: str, voice: Voice, signed: bool
) -> dict[str, Any]:
    """The article timing format, each sentence naming its article, plus the chapters."""
    timing = timing_json(episode, language, voice, signed)
    for sentence, owner in zip(timing["sentences"], owners, strict=True):
        sentence["article"] = owner
    timing["chapters"] = chapters_json(episode.chapters)["chapters"]
    return timing


def _tag_info(r: Renderer, speech: Script, scripts: Sequence[Script]) -> TagInfo:
    publication = r.config.publication
    own = [s.text for s in speech.sentences if s.kind == "text"]
    notice = [s.text for s in speech.sentences if s.kind == "disclosure"]
    at_end = r.config.disclosure.position == "end"
    text = "\n\n".join([own[0], *([] if at_end else notice), *(s.article.text for s in scripts),
                         own[-1], *(notice if at_end else [])])  # fmt: skip
    return TagInfo(speech.article.title, publication.author, publication.title,
                   r.config.date.isoformat(), publication.language, text, r.cover)  # fmt: skip
