"""Article pages with the player, the edition page, and the player's static files.

Each article page shows the article from ``Article.blocks`` with every spoken
sentence's original words wrapped in ``<span data-sentence="i">`` (the player
highlights them); the text between sentences is kept as written. The edition
page shows every article the same way, each in a chapter item carrying
``data-article`` (its slug) and ``data-start`` (where it starts in the edition
episode), so that one player plays the edition episode and highlights the
chapter and the sentence being read; and it links to the other editions the
output folder holds (from its catalog, see docs/architecture.md, "Publishing").
Every string from an article reaches HTML through Jinja2 with autoescaping on.
File names of the audio and timing files are always taken from ``Episode.files``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from collections.abc import Sequence
from dataclasses import dataclass, replace
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import quote

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape

from audio_edition.catalog import CATALOG, open_catalog
from audio_edition.config import EditionConfig
from audio_edition.faults import reached
from audio_edition.models import Article, Block, Edition, Episode, FeedEntry, Published, Sentence
from audio_edition.publish import Output
from audio_edition.site.feeds import specs_for
from audio_edition.text.languages import Language, language_for
from audio_edition.text.normalize import base_language
from audio_edition.words import has_words

STATIC_FILES = ("player.js", "player.css", "site.css")
"""Files of ``site/static/`` copied to ``out/static/``."""


@dataclass(frozen=True)
class Segment:
    """A run of article text: one sentence's words, or the text between sentences."""

    text: str
    """The text exactly as written."""
    sentence: int | None
    """Index of the sentence it belongs to, or ``None`` for text between sentences."""


@dataclass(frozen=True)
class BlockView:
    """One block of the article as the template renders it."""

    kind: str
    """``headline``, ``summary`` or ``paragraph``."""
    segments: tuple[Segment, ...]
    """The block's text, cut at sentence boundaries."""


@dataclass(frozen=True)
class Audio:
    """What the player needs for one episode, as URLs relative to the page."""

    src: str
    """The MP3."""
    timing: str
    """The timing JSON."""
    vtt: str
    """The WebVTT captions."""
    transcript: str
    """The Podcasting 2.0 JSON transcript."""
    duration: float
    """Duration in seconds."""
    words: bool = False
    """Whether the timing JSON times words (the player then highlights them)."""

    @property
    def duration_label(self) -> str:
        """Duration as the player shows it (``m:ss``)."""
        return clock(self.duration)


@dataclass(frozen=True)
class Item:
    """One article on the edition page."""

    article: Article
    """The article."""
    href: str
    """Link to its page, relative to the edition page."""
    audio: Audio
    """Its own episode's audio, relative to the edition page."""
    blocks: tuple[BlockView, ...]
    """Its text, cut at its sentences (their indices are the article's own)."""
    start: float | None
    """Where its chapter starts in the edition episode, in seconds (``None``: no such episode)."""


@dataclass(frozen=True)
class Link:
    """A link: its text and its URL relative to the page."""

    text: str
    """What the reader sees."""
    href: str
    """Where it goes."""
    lang: str = ""
    """The language of what it links to (a BCP 47 tag), where it differs from the page's."""


@dataclass(frozen=True)
class OtherEdition:
    """Another edition of this output folder, as the edition page lists it."""

    date: dt.date
    """The edition's date."""
    mp3: str
    """Its episode's MP3, relative to the edition page."""
    duration: float
    """Its duration in seconds."""
    articles: tuple[Link, ...]
    """The pages of the articles last published with it."""


def clock(seconds: float) -> str:
    """``m:ss`` (or ``h:mm:ss``), as the player formats times."""
    whole = max(0, int(seconds))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}:{minutes:02d}:{secs:02d}"
    return f"{minutes}:{secs:02d}"


def article_path(slug: str) -> str:
    """Where an article's page is written, relative to the output folder."""
    return f"articles/{slug}/index.html"


def segments(text: str, block: Block, sentences: Sequence[Sentence]) -> tuple[Segment, ...]:
    """Cut one block of ``text`` into sentence runs and the text between them."""
    out: list[Segment] = []
    cursor = block.start
    for sentence in sorted(sentences, key=lambda s: s.start):
        start, end = max(sentence.start, cursor), min(sentence.end, block.end)
        if start >= end:
            continue
        if start > cursor:
            out.append(Segment(text[cursor:start], None))
        out.append(Segment(text[start:end], sentence.index))
        cursor = end
    if cursor < block.end:
        out.append(Segment(text[cursor : block.end], None))
    return tuple(out)


def block_views(article: Article, sentences: Sequence[Sentence]) -> list[BlockView]:
    """Every block of the article, each cut at its sentences."""
    return [
        BlockView(block.kind, segments(article.text, block, sentences)) for block in article.blocks
    ]


def environment() -> Environment:
    """The Jinja2 environment: package templates, autoescaping always on."""
    env = Environment(
        loader=PackageLoader("audio_edition.site", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["clock"] = clock
    return env


def _words(language: Language) -> dict[str, Any]:
    """What the templates say in the page's language: ``t(key, **values)`` (values
    escaped unless they are markup already), ``day(date)``, and the player's ``labels``."""

    def text(key: str, **values: object) -> Markup:
        return Markup(escape(language.strings[key])).format(**values)

    labels = language.player_labels()
    return {
        "t": text,
        "day": language.phrases.written_date,
        "labels": json.dumps(labels, ensure_ascii=False, sort_keys=True) if labels else "",
    }


def _href(target: Path, page_dir: Path) -> str:
    """URL of ``target`` relative to the folder of the page that links to it."""
    return quote(Path(os.path.relpath(target, page_dir)).as_posix())


def _audio(episode: Episode, page_dir: Path) -> Audio:
    """The episode's files as seen from ``page_dir`` (names always from ``Episode.files``)."""
    files = episode.files
    return Audio(
        src=_href(files["mp3"], page_dir),
        timing=_href(files["timing"], page_dir),
        vtt=_href(files["vtt"], page_dir),
        transcript=_href(files["transcript"], page_dir),
        duration=round(episode.duration, 3),
        words=has_words(episode.cues),
    )


def _static(out: Output) -> dict[str, str]:
    """Copy the player's files to ``out/static/``; return a version tag per file."""
    versions: dict[str, str] = {}
    folder = resources.files("audio_edition.site") / "static"
    for name in STATIC_FILES:
        text = (folder / name).read_text(encoding="utf-8")
        out.write_text(f"static/{name}", text)
        versions[name] = hashlib.sha256(text.encode()).hexdigest()[:10]
    return versions


def _cover(root: Path) -> Path | None:
    """The edition's cover image, as ``render`` published it."""
    for name in ("cover.png", "cover.jpg"):
        if (root / name).is_file():
            return root / name
    return None


def write_pages(out: Output, config: EditionConfig, editions: Sequence[Edition]) -> list[Path]:
    """Write every article page, each language's edition page and the player's static files.

    Each of ``editions`` (one per language) has its page: the publication's own at
    ``index.html``, another language's at ``<language>/index.html``; it plays its edition
    episode chapter by chapter, or without one (it failed) links to each article's page.
    """
    env = environment()
    own = base_language(config.publication.language)
    others = other_editions(out.root, config.date)
    languages = [
        Link(language_for(e.language or own).text("language_name"),
             config.for_language(e.language).prefix, e.language or own)
        for e in editions
    ]  # fmt: skip
    versions = _static(out)  # once for every language's pages
    written = [out.root / "static" / name for name in STATIC_FILES]
    for edition in editions:
        local = config.for_language(edition.language)
        shared = {**_shared(local, edition.published), "versions": versions}
        for item in edition.published:
            written.append(_write_article(out, env, shared, item))
            reached("pages")
        also = (
            [link for link in languages if link.href != local.prefix] if len(editions) > 1 else []
        )
        written.append(_write_edition(out, env, {**shared, "languages": also}, edition, others,
                                      local.prefix + "index.html"))  # fmt: skip
    return written


def _shared(config: EditionConfig, published: Sequence[Published]) -> dict[str, Any]:
    """What every page of one language's edition says."""
    sections = [p.article.section for p in published if p.article.section]
    language = language_for(config.publication.language)
    return {
        **_words(language),
        "publication": config.publication,
        "edition_date": config.date,
        "base_url": config.publication.base_url,
        "feeds": specs_for(
            config.publication.title,
            sections if config.feed.sections else (),
            config.edition_language,
            language,
        ),
        "languages": [],
        "synthetic": _synthetic(config),
    }


def _synthetic(config: EditionConfig) -> dict[str, str]:
    """The "Read by a synthetic voice" label, where it links, and what it means."""
    strings = language_for(config.publication.language).strings
    about = [strings["synthetic_about"]]
    if config.credentials.configured:
        about.append(strings["credentials_about"])
    href = config.disclosure.about_url or "#synthetic-voice"
    return {"label": strings["read_by_synthetic"], "href": href, "about": " ".join(about)}


def _links(out: Output, page_dir: Path) -> dict[str, str | None]:
    """Links every page has, relative to its folder."""
    cover = _cover(out.root)
    return {
        "home": _href(out.root, page_dir) + "/",
        "static": _href(out.root / "static", page_dir) + "/",
        "artwork": _href(cover, page_dir) if cover else None,
    }


def _write_article(
    out: Output, env: Environment, shared: dict[str, object], published: Published
) -> Path:
    """Write ``articles/<slug>/index.html``: the article, each sentence wrapped, and its player."""
    article = published.article
    relative = article_path(article.slug)
    page_dir = (out.root / relative).parent
    sentences = [cue.sentence for cue in published.episode.cues]
    html = env.get_template("article.html").render(
        **shared,
        **_links(out, page_dir),
        article=article,
        blocks=block_views(article, sentences),
        audio=_audio(published.episode, page_dir),
    )
    return out.write_text(relative, html)


def _write_edition(
    out: Output,
    env: Environment,
    shared: dict[str, Any],
    edition: Edition,
    others: Sequence[OtherEdition],
    page: str,
) -> Path:
    """Write the edition page ``page``: every article as a chapter of the edition episode,
    its player, the feed links, the other languages' editions and the other editions."""
    published, whole = edition.published, edition.episode
    page_dir = (out.root / page).parent
    starts: list[float | None] = [None] * len(published)
    if whole is not None:  # one chapter per article, in the same order (edition.py)
        starts = [round(c.start, 3) for c in whole.chapters]
    items = [
        Item(
            p.article,
            _href((out.root / article_path(p.article.slug)).parent, page_dir) + "/",
            _audio(p.episode, page_dir),
            tuple(block_views(p.article, [cue.sentence for cue in p.episode.cues])),
            start,
        )
        for p, start in zip(published, starts, strict=True)
    ]
    html = env.get_template("edition.html").render(
        **shared,
        **_links(out, page_dir),
        items=items,
        edition=_audio(whole, page_dir) if whole else None,
        total=whole.duration if whole else sum(p.episode.duration for p in published),
        others=[_moved(o, _href(out.root, page_dir) + "/") for o in others],
    )
    return out.write_text(page, html)


def _moved(other: OtherEdition, root: str) -> OtherEdition:
    """``other`` with its links made relative to a page in another folder (``root``: the
    output folder from there, ``./`` or ``../``)."""
    if root == "./":
        return other
    articles = tuple(Link(a.text, root + a.href) for a in other.articles)
    return replace(other, mp3=root + other.mp3, articles=articles)


def other_editions(root: Path, current: dt.date) -> list[OtherEdition]:
    """Every other edition the catalog of ``root`` lists and whose MP3 is in the folder,
    newest first, each with the article pages last published with it that exist."""
    if not (root / CATALOG).is_file():
        return []
    with open_catalog(root, create=False) as catalog:
        entries = catalog.entries()
    pages: dict[dt.date, list[FeedEntry]] = {}
    for entry in sorted(entries, key=lambda e: (e.published, e.slug)):
        if entry.kind == "article" and (root / entry.page).is_file():
            pages.setdefault(entry.edition, []).append(entry)
    others = [
        OtherEdition(
            e.edition,
            _href(root / e.mp3, root),
            e.duration,
            tuple(_page_link(a, root) for a in pages.get(e.edition, [])),
        )
        for e in entries
        if e.kind == "edition" and e.edition != current and (root / e.mp3).is_file()
    ]
    return sorted(others, key=lambda o: o.date, reverse=True)


def _page_link(entry: FeedEntry, root: Path) -> Link:
    """A link to the folder of an episode's page (``articles/<slug>/``), from the edition page."""
    return Link(entry.title, _href((root / entry.page).parent, root) + "/")
