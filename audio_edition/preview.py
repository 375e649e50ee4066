"""What will be spoken, without speaking it: for ``audio-edition script``."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from audio_edition.errors import ArticleError, ConfigError
from audio_edition.models import Sentence
from audio_edition.sources import READERS, Defaults
from audio_edition.text.lexicon import Lexicon
from audio_edition.text.script import plain_blocks, read_blocks


def read_script(source: Path, language: str, lexicons: tuple[Path, ...] = ()) -> list[Sentence]:
    """Sentences of an article file, or of plain text on stdin when ``source`` is ``-``.

    Spans are offsets into the article's text (headline, summary, paragraphs
    joined by blank lines) or into the standard input exactly as read.
    """
    try:
        lexicon = Lexicon.load(*lexicons)
    except ValueError as exc:
        raise ConfigError(str(exc)) from exc
    if str(source) == "-":
        text = sys.stdin.read()
        return read_blocks(text, plain_blocks(text), language, lexicon)[0]
    reader = READERS.get(source.suffix.lower())
    if reader is None:
        known = ", ".join(sorted(READERS))
        raise ArticleError(
            source, "not an article file", f"use one of {known}, or - for plain text"
        )
    defaults = Defaults("", language, dt.datetime.now(dt.UTC))
    article = reader(source, defaults)
    return read_blocks(article.text, article.blocks, article.language, lexicon)[0]
