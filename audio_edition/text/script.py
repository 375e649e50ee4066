"""Article -> Script: sentences with exact spans and their spoken forms."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from audio_edition.models import Article, Block, Script, Sentence
from audio_edition.text.lexicon import Lexicon
from audio_edition.text.normalize import spoken_form
from audio_edition.text.segment import sentence_spans

MAX_CHUNK = 400
"""Longest piece of text sent to an engine in one call."""
_CLAUSE = re.compile(r"[,;:—–]\s")
_BLANK_LINE = re.compile(r"\n[ \t]*\n\s*")


def make_script(article: Article, lexicon: Lexicon) -> Script:
    """Segment every block of the article and give each sentence its spoken form."""
    sentences, spelled = read_blocks(article.text, article.blocks, article.language, lexicon)
    return Script(article, tuple(sentences), spelled)


def plain_blocks(text: str) -> tuple[Block, ...]:
    """Paragraphs of plain text, separated by blank lines, as blocks with offsets."""
    blocks: list[Block] = []
    start = 0
    for gap in [*_BLANK_LINE.finditer(text), None]:
        end = gap.start() if gap else len(text)
        if text[start:end].strip():
            blocks.append(Block("paragraph", start, end))
        start = gap.end() if gap else end
    return tuple(blocks)


def read_blocks(
    text: str, blocks: Iterable[Block], language: str, lexicon: Lexicon
) -> tuple[list[Sentence], tuple[str, ...]]:
    """Sentences of each block, with spans into ``text``, and the words spelled out.

    A sentence with nothing to say (only emoji or punctuation) is left out.
    """
    sentences: list[Sentence] = []
    spelled: dict[str, None] = {}
    for number, block in enumerate(blocks):
        body = text[block.start : block.end]
        for start, end in sentence_spans(body, language):
            spoken = spoken_form(
                body[start:end], language, lexicon, headline=block.kind == "headline"
            )
            spelled.update(dict.fromkeys(spoken.spelled))
            if spoken.text.strip():
                sentences.append(
                    Sentence(
                        index=len(sentences),
                        paragraph=number,
                        start=block.start + start,
                        end=block.start + end,
                        text=body[start:end],
                        spoken=spoken.text,
                    )
                )
    return sentences, tuple(spelled)


def synthesis_chunks(spoken: str, limit: int = MAX_CHUNK) -> Iterator[str]:
    """Split a long spoken form at clause, then word boundaries, into pieces of at most
    ``limit`` characters."""
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
