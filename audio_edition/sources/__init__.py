"""Readers that turn source files into ``Article`` objects.

Built-in readers are listed here by file extension; every article of an edition
is read and checked before anything is written.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from audio_edition.errors import ArticleError, ConfigError
from audio_edition.models import Article
from audio_edition.sources.markdown import FILE_EXTENSIONS as MARKDOWN_EXTENSIONS
from audio_edition.sources.markdown import Defaults, read_markdown

Reader = Callable[[Path, Defaults], Article]
READERS: dict[str, Reader] = {ext: read_markdown for ext in MARKDOWN_EXTENSIONS}

__all__ = ["READERS", "Defaults", "load_articles"]


def load_articles(folder: Path, defaults: Defaults) -> list[Article]:
    """Read every article in ``folder``, ordered by date then file name."""
    if not folder.is_dir():
        raise ConfigError(f"{folder}: no articles folder; put the edition's articles there")
    paths = sorted(p for p in folder.iterdir() if p.suffix.lower() in READERS and p.is_file())
    if not paths:
        known = ", ".join(sorted(READERS))
        raise ConfigError(f"{folder}: no articles found (looked for {known} files)")
    articles = [READERS[p.suffix.lower()](p, defaults) for p in paths]
    _reject_duplicate_slugs(articles)
    return sorted(articles, key=_order)


def _order(article: Article) -> tuple[dt.datetime, str]:
    return article.date, article.source.name


def _reject_duplicate_slugs(articles: list[Article]) -> None:
    seen: dict[str, Path] = {}
    for article in articles:
        first = seen.setdefault(article.slug, article.source)
        if first != article.source:
            raise ArticleError(
                article.source,
                f"slug '{article.slug}' is already used by {first.name}",
                "give each article its own slug",
            )
