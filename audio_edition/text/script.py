"""Article -> Script: sentences with exact spans and their spoken forms."""

from __future__ import annotations

import re
from collections.abc import Iterator

from audio_edition.models import Article, Script, Sentence
from audio_edition.text.lexicon import Lexicon
from audio_edition.text.normalize import spoken_form
from audio_edition.text.segment import sentence_spans

MAX_CHUNK = 400
"""Longest piece of text sent to an engine in one call."""
_CLAUSE = re.compile(r"[,;:—–]\s")


def make_script(article: Article, lexicon: Lexicon) -> Script:
    """Segment every block of the article and give each sentence its spoken form."""
    sentences: list[Sentence] = []
    spelled: dict[str, None] = {}
    for number, block in enumerate(article.blocks):
        body = article.text[block.start : block.end]
        for start, end in sentence_spans(body):
            written = body[start:end]
            spoken = spoken_form(
                written, article.language, lexicon, headline=block.kind == "headline"
            )
            spelled.update(dict.fromkeys(spoken.spelled))
            if not spoken.text.strip():
                continue
            sentences.append(
                Sentence(
                    index=len(sentences),
                    paragraph=number,
                    start=block.start + start,
                    end=block.start + end,
                    text=written,
                    spoken=spoken.text,
                )
            )
    return Script(article, tuple(sentences), tuple(spelled))


def synthesis_chunks(spoken: str, limit: int = MAX_CHUNK) -> Iterator[str]:
    """Split a long spoken form at clause, then word boundaries, into pieces of at most ``limit``."""
    rest = spoken.strip()
    while len(rest) > limit:
        cut = _cut_point(rest, limit)
        yield rest[:cut].strip()
        rest = rest[cut:].strip()
    if rest:
        yield rest


def _cut_point(text: str, limit: int) -> int:
    window = text[: limit + 1]
    clauses = [m.end() for m in _CLAUSE.finditer(window) if m.end() > limit // 3]
    if clauses:
        return clauses[-1]
    space = window.rfind(" ", limit // 3)
    return space if space > 0 else limit
