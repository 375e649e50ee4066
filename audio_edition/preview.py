"""What will be spoken, without speaking it: for ``audio-edition script``."""

from __future__ import annotations

import datetime as dt
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from audio_edition.errors import ArticleError, ConfigError, SourceError
from audio_edition.models import Article, Sentence
from audio_edition.sources import READERS, Defaults, read_url
from audio_edition.text.lexicon import Lexicon
from audio_edition.text.script import plain_blocks, read_blocks
from audio_edition.valid import is_web


@dataclass(frozen=True)
class Preview:
    """An article's sentences as they will be spoken, and the article they come from."""

    sentences: list[Sentence]
    """Every sentence, with its span and its spoken form."""
    article: Article | None = None
    """The article read (``None`` for plain text on standard input)."""


def read_script(
    source: str, language: str, lexicons: tuple[Path, ...] = (), item: int = 1
) -> Preview:
    """Sentences of an article file, of a web page or feed item (``source`` an http(s)
    URL; ``item``: which of a feed's items, from 1), or of plain text on stdin (``-``).

    Spans are offsets into the article's text (headline, summary, paragraphs
    joined by blank lines) or into the standard input exactly as read.
    """
    try:
        lexicon = Lexicon.load(*lexicons)
    except ValueError as exc:
        raise ConfigError(str(exc)) from exc
    if source == "-":
        text = sys.stdin.read()
        return Preview(read_blocks(text, plain_blocks(text), language, lexicon)[0])
    defaults = Defaults("", language, dt.datetime.now(dt.UTC))
    article = _web(source, defaults, item) if "://" in source else _file(Path(source), defaults)
    return Preview(read_blocks(article.text, article.blocks, article.language, lexicon)[0], article)


def _web(url: str, defaults: Defaults, item: int) -> Article:
    if not is_web(url):
        scheme = urlsplit(url).scheme
        raise SourceError(url, f"a {scheme}: address", "only http and https URLs are read")
    return read_url(url, defaults, item)


def _file(path: Path, defaults: Defaults) -> Article:
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        known = ", ".join(sorted(READERS))
        raise ArticleError(path, "not an article file", f"use one of {known}, or - for plain text")
    return reader(path, defaults)


def describe(article: Article) -> list[tuple[str, str]]:
    """The article's metadata as ``script`` shows it, label and value."""
    return [
        ("source", str(article.source)), ("link", article.link), ("slug", article.slug),
        ("title", article.title), ("summary", article.summary), ("author", article.author),
        ("section", article.section), ("language", article.language),
        ("date", article.date.isoformat()),
    ]  # fmt: skip
