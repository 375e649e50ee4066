"""Sources: where an edition's articles come from (docs/architecture.md, "Sources").

A source yields ``Article``s that carry their origin (a file, or the URL of a page,
feed or API). Built-in kinds are listed here: a folder of Markdown files (the
``articles/`` folder when ``edition.toml`` names no ``[[sources]]``), an article page
(``html``), an RSS or Atom feed, a WordPress site's REST API. A bad Markdown file stops
the render before anything is written, as always; a web article or source that cannot
be read is left out with one line naming its URL and the problem, and the rest renders.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from audio_edition.errors import ArticleError, ConfigError, SourceError
from audio_edition.models import Article
from audio_edition.sources.compose import Defaults, Reading
from audio_edition.sources.markdown import FILE_EXTENSIONS as MARKDOWN_EXTENSIONS
from audio_edition.sources.markdown import read_markdown
from audio_edition.sources.settings import SourceSettings

if TYPE_CHECKING:  # the web readers (httpx, trafilatura) load only for a web source
    from audio_edition.sources.fetch import Limits

Reader = Callable[[Path, Defaults], Article]
READERS: dict[str, Reader] = {ext: read_markdown for ext in MARKDOWN_EXTENSIONS}
"""File readers by extension."""
WebReader = Callable[[SourceSettings, Reading], Iterable[Article]]


def web_readers() -> dict[str, WebReader]:
    """Web readers by kind (``SourceSettings.kind``), imported when first asked for."""
    from audio_edition.sources.feeds import read_feed
    from audio_edition.sources.page import read_page
    from audio_edition.sources.wordpress import read_wordpress

    return {
        "html": lambda s, r: [read_page(r.fetcher.get(s.url).body, s.url, r.defaults)],
        "rss": lambda s, r: read_feed(s.url, r),
        "atom": lambda s, r: read_feed(s.url, r),
        "feed": lambda s, r: read_feed(s.url, r),
        "wordpress": lambda s, r: read_wordpress(s.url, r, s.limit),
    }


__all__ = ["READERS", "Defaults", "Gathered", "load_articles", "read_sources", "read_url"]


@dataclass(frozen=True)
class Gathered:
    """An edition's articles from all its sources, and what was left out."""

    articles: tuple[Article, ...]
    """Every article read, ordered by date then origin."""
    skipped: tuple[str, ...]
    """One line per web article or source left out: its URL and the problem."""


def read_sources(
    sources: Iterable[SourceSettings], defaults: Defaults, store: Path | None,
    limits: Limits | None = None,
) -> Gathered:  # fmt: skip
    """Read every source in order, each through its filters. ``store`` keeps fetched
    pages between renders (conditional requests)."""
    sources = list(sources)
    skipped: list[str] = []
    if not any(source.web for source in sources):  # files only: no web client loaded
        articles = [a for s in sources for a in _selected(_files(s, defaults), s)]
        return _gathered(_unique(articles), skipped)
    from audio_edition.sources.fetch import Fetcher

    articles = []
    with Fetcher(store, limits) as fetcher:
        reading = Reading(fetcher, defaults, lambda exc: skipped.append(exc.message))
        for source in sources:
            articles.extend(_selected(_read(source, reading), source))
    return _gathered(_unique(articles, reading.skip), skipped)


def _gathered(kept: list[Article], skipped: list[str]) -> Gathered:
    if not kept:
        raise ConfigError("no articles could be read from the edition's sources"
                          + "".join(f"; {line}" for line in skipped))  # fmt: skip
    return Gathered(tuple(sorted(kept, key=_order)), tuple(skipped))


def read_url(url: str, defaults: Defaults, item: int = 1) -> Article:
    """The article at ``url``: an article page, or the ``item``-th item (from 1) of the
    feed there; ``SourceError`` naming the URL if there is none to read."""
    from audio_edition.sources.feeds import is_feed, read_feed
    from audio_edition.sources.fetch import Fetcher
    from audio_edition.sources.page import read_page

    with Fetcher(None) as fetcher:
        reading = Reading(fetcher, defaults, _raise)
        body = fetcher.get(url).body
        if not is_feed(body):
            return read_page(body, url, defaults)
        for number, article in enumerate(read_feed(url, reading), start=1):
            if number == item:
                return article
    raise SourceError(url, f"the feed has no item {item}", "give a smaller --item")


def _raise(error: SourceError) -> None:
    raise error


def _read(source: SourceSettings, reading: Reading) -> list[Article]:
    if not source.web:
        return _files(source, reading.defaults)
    found: list[Article] = []
    try:  # what was read before a failure (page 2 of the API, say) is kept
        found.extend(web_readers()[source.kind](source, reading))
    except SourceError as exc:
        reading.skip(exc)
    return found


def _files(source: SourceSettings, defaults: Defaults) -> list[Article]:
    assert source.path is not None  # set by read_sources in settings.py
    return load_articles(source.path, defaults)


def _selected(articles: list[Article], source: SourceSettings) -> Iterator[Article]:
    """The articles ``source``'s filters let through: the newest ``limit`` of them."""
    wanted = [a for a in articles if _matches(a, source)]
    newest = sorted(wanted, key=lambda a: a.date, reverse=True)
    yield from newest[: source.limit] if source.limit else newest


def _matches(article: Article, source: SourceSettings) -> bool:
    if source.section and article.section.casefold() != source.section.casefold():
        return False
    if source.language:
        own, wanted = article.language.lower(), source.language.lower()
        if own != wanted and not own.startswith(wanted + "-"):
            return False
    return not (source.since and article.date.date() < source.since)


def load_articles(folder: Path, defaults: Defaults) -> list[Article]:
    """Read every article in ``folder``, ordered by date then file name."""
    if not folder.is_dir():
        raise ConfigError(f"{folder}: no articles folder; put the edition's articles there")
    paths = sorted(p for p in folder.iterdir() if p.suffix.lower() in READERS and p.is_file())
    if not paths:
        known = ", ".join(sorted(READERS))
        raise ConfigError(f"{folder}: no articles found (looked for {known} files)")
    articles = [READERS[p.suffix.lower()](p, defaults) for p in paths]
    _unique(articles)
    return sorted(articles, key=_order)


def _order(article: Article) -> tuple[dt.datetime, str]:
    return article.date, article.origin


def _unique(
    articles: list[Article], skip: Callable[[SourceError], None] | None = None
) -> list[Article]:
    """Each article once: the same web article from two sources (a feed and the
    WordPress API) is read once; two different articles with one slug are refused (a
    web article that comes second is left out through ``skip``, the rest renders)."""
    seen: dict[str, Article] = {}
    for article in articles:
        first = seen.setdefault(article.slug, article)
        if first.source == article.source or (first.link and first.link == article.link):
            continue
        if skip is not None and isinstance(article.source, str):
            skip(SourceError(article.source, f"slug '{article.slug}' is already used by "
                             f"{first.origin}", "give the article a slug of its own"))  # fmt: skip
            continue
        raise ArticleError(
            article.source,
            f"slug '{article.slug}' is already used by {first.origin}",
            "give each article its own slug",
        )
    return list(seen.values())
