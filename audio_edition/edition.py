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
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from num2words import num2words

from audio_edition.audio.stitch import article_layout, silence, stitch
from audio_edition.audio.tags import TagInfo
from audio_edition.cache import ClipCache
from audio_edition.config import EditionConfig
from audio_edition.models import (
    Article,
    Block,
    Chapter,
    Clip,
    Episode,
    Pauses,
    Script,
    Sentence,
    Track,
)
from audio_edition.publish import Output
from audio_edition.release import Release, prepare_release, publish_release
from audio_edition.synthesis import plan, synthesize
from audio_edition.text.lexicon import Lexicon
from audio_edition.text.normalize import spoken_form
from audio_edition.timing import chapters_json, timing_json, transcript_json, webvtt

if TYPE_CHECKING:
    from audio_edition.build import Renderer

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")  # fmt: skip
EDITION_PAGE = "index.html"


def edition_slug(date: dt.date) -> str:
    """Identity of an edition episode."""
    return f"edition-{date.isoformat()}"


def edition_title(publication: str, date: dt.date) -> str:
    """``The Harbour Gazette: Friday 27 November 2026``."""
    return f"{publication}: {_written_date(date)}"


def article_page(slug: str) -> str:
    """The article's page, relative to the output folder."""
    return f"articles/{slug}/index.html"


@dataclass(frozen=True)
class Layout:
    """The edition's clips and silences in order, and what each clip belongs to."""

    items: list[Clip | int]
    """Clips and silent frame counts, as ``stitch`` takes them."""
    owners: list[str]
    """Per clip (so per cue): the article's slug, or empty for intro/announcements/outro."""
    chapter_cues: list[int]
    """Index of each article's announcement among the clips (its chapter's start)."""


def render_edition(
    r: Renderer, cache: ClipCache, lexicon: Lexicon, scripts: Sequence[Script], hint_db: float = 0.0
) -> Episode | None:
    """Render the edition episode from the articles' scripts (already synthesized)."""
    if not scripts:
        return None
    config, out = r.config, r.out
    slug, date = edition_slug(config.date), config.date
    # Speech: the intro, the announcements and the outro are new; the articles are cached.
    speech = edition_script(config, scripts, lexicon)
    spoken = synthesize(plan(speech, cache), r.pool, r.sample_rate)
    articles = [synthesize(plan(s, cache), r.pool, r.sample_rate) for s in scripts]
    # Stitch: one timeline; chapters from the announcements' frame positions.
    layout = edition_layout(spoken, articles, scripts, r.voice.pauses)
    track = stitch(layout.items, out.scratch(f"{slug}.raw.wav"), r.sample_rate)
    chapters = _chapters(track, layout, scripts, config.publication.base_url)
    # Master once, tag with chapters; an unchanged edition keeps its published file.
    base = f"editions/{date.isoformat()}/{slug}"
    info = _tag_info(r, speech, scripts)
    release = prepare_release(out, track.wav, base, config.audio, info, chapters, hint_db)
    track.wav.unlink()
    episode = Episode(slug, speech.article.title, out.root / release.relative,
                      track.frames / track.sample_rate, track.sample_rate, track.cues,
                      release.loudness, chapters=chapters)  # fmt: skip
    # Publish: side files first, the MP3 last.
    return _publish(out, base, episode, layout, release, config.publication.language)


def _publish(
    out: Output, base: str, episode: Episode, layout: Layout, release: Release, language: str
) -> Episode:
    """Timing, captions, transcript and chapters, then the MP3; each replaced atomically."""
    cues, rate = episode.cues, episode.sample_rate
    files = {
        "timing": out.write_json(f"{base}.timing.json", _timing(episode, layout, language)),
        "vtt": out.write_text(f"{base}.vtt", webvtt(cues, rate)),
        "transcript": out.write_json(f"{base}.transcript.json", transcript_json(cues, rate)),
        "chapters": out.write_json(f"{base}.chapters.json", chapters_json(episode.chapters)),
        "mp3": publish_release(out, release),
    }
    return replace(episode, mp3=files["mp3"], files=files)


def edition_script(config: EditionConfig, scripts: Sequence[Script], lexicon: Lexicon) -> Script:
    """What the edition says of its own: intro, one announcement per article, outro."""
    title, language, date = config.publication.title, config.publication.language, config.date
    when, said = _written_date(date), _spoken_date(date)
    parts = [(f"{title}, {when}.", f"{title}, {said}.")]
    for number, script in enumerate(scripts, start=1):
        line = _announcement(number, len(scripts), script.article.section)
        parts.append((line, line))
    thanks = "Thank you for listening."
    parts.append(
        (f"That was {title} for {when}. {thanks}", f"That was {title} for {said}. {thanks}")
    )
    text = "\n\n".join(written for written, _ in parts)
    article = Article(edition_slug(date), edition_title(title, date), "", config.publication.author,
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


def edition_layout(
    spoken: Sequence[Clip],
    articles: Sequence[Sequence[Clip]],
    scripts: Sequence[Script],
    pauses: Pauses,
) -> Layout:
    """Intro, then each article's announcement and clips with the voice's pauses, then outro."""
    rate = spoken[0].sample_rate
    layout = Layout([spoken[0], silence(pauses.after_headline_ms, rate)], [""], [])
    for announcement, clips, script in zip(spoken[1:-1], articles, scripts, strict=True):
        layout.chapter_cues.append(len(layout.owners))
        layout.items.extend([announcement, silence(pauses.sentence_ms, rate)])
        layout.owners.append("")
        for item in article_layout(clips, script.article, pauses):
            layout.items.append(item)
            if not isinstance(item, int):
                layout.owners.append(script.article.slug)
    layout.items.append(spoken[-1])
    layout.owners.append("")
    return layout


def _chapters(
    track: Track, layout: Layout, scripts: Sequence[Script], base_url: str
) -> tuple[Chapter, ...]:
    rate = track.sample_rate
    starts = [track.cues[i].start_frame for i in layout.chapter_cues]
    ends = [*starts[1:], track.cues[-1].start_frame]  # the last ends where the outro starts
    return tuple(
        Chapter(s.article.title, start / rate, end / rate, base_url + article_page(s.article.slug))
        for s, start, end in zip(scripts, starts, ends, strict=True)
    )


def _timing(episode: Episode, layout: Layout, language: str) -> dict[str, Any]:
    """The article timing format, each sentence naming its article, plus the chapters."""
    timing = timing_json(episode, language)
    for sentence, owner in zip(timing["sentences"], layout.owners, strict=True):
        sentence["article"] = owner
    timing["chapters"] = chapters_json(episode.chapters)["chapters"]
    return timing


def _tag_info(r: Renderer, speech: Script, scripts: Sequence[Script]) -> TagInfo:
    publication = r.config.publication
    said = [s.text for s in speech.sentences]
    text = "\n\n".join([said[0], *(s.article.text for s in scripts), said[-1]])
    return TagInfo(speech.article.title, publication.author, publication.title,
                   r.config.date.isoformat(), publication.language, text, r.cover)  # fmt: skip


def _announcement(number: int, total: int, section: str) -> str:
    """``First, from the Business desk.``, then ``Next, …``, and ``Finally, …``."""
    lead = "Next"
    if total == 1:
        lead = "Today's story"
    elif number in (1, total):
        lead = "First" if number == 1 else "Finally"
    return f"{lead}, from the {section} desk." if section else f"{lead}."


def _written_date(date: dt.date) -> str:
    return f"{WEEKDAYS[date.weekday()]} {date.day} {MONTHS[date.month - 1]} {date.year}"


def _spoken_date(date: dt.date) -> str:
    """``Friday the twenty-seventh of November 2026``."""
    day = num2words(date.day, to="ordinal", lang="en")
    return f"{WEEKDAYS[date.weekday()]} the {day} of {MONTHS[date.month - 1]} {date.year}"
