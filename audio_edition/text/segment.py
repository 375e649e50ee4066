"""Sentence segmentation with exact character spans.

``sentence_spans(text)`` returns ``(start, end)`` offsets such that
``text[start:end]`` is each sentence exactly as written, with surrounding
whitespace trimmed.  The player highlights the original words, so spans are
never computed on a rewritten copy of the text.

How a text is cut, in order:

1. Lines.  A line break always ends a sentence (headlines, bullet lines,
   datelines); blank lines separate paragraphs.
2. Pieces.  Inside a line, a bullet character (``•``, ``⁃`` …) after a space
   starts a new piece, and so does the next marker of a numbered or lettered
   list that the line opens with (``1) … 2) …``, ``a. … b. …``).
3. Sentences.  Inside a piece, every run of terminal punctuation followed by
   whitespace is a candidate; ``boundary.decide`` says whether it ends the
   sentence.  Quotations that continue the sentence (reported speech) and
   brackets hide the candidates inside them (``quotes.hidden_ranges``).
   Full-width CJK terminators (``。！？``) end a sentence even without a space.

What a language knows (abbreviations, titles, ordinals such as ``3.``) comes
from its ``Language`` (``text/languages``, docs/languages.md).

Every regular expression here is linear: no nested quantifiers over the same
characters, so 1 MB without punctuation or a 5,000-digit number cannot make
it backtrack.  See ``docs/segmentation.md`` for the rules and their scores.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from audio_edition.text.boundary import Candidate, decide
from audio_edition.text.languages import language_for
from audio_edition.text.quotes import hidden_ranges, is_hidden
from audio_edition.text.wordlists import Boundaries

_LINE = re.compile(r"[^\n\r\u2028\u2029\x0b\x0c\x85]+")
_CLUSTER = re.compile(r"[.!?…‽؟۔।。！？]+(?:[ \u00a0][.…]+)*")
_CLOSERS = re.compile(r"(?:[\"'”’»›“‘«)\]}」』）]|[ \u00a0\u202f][»›])*")
_BULLET = re.compile(r"(?<=\s)[•◦▪▫‣⁃●○■□►▶✓✔➢➤](?=\s?\S)")
_LIST_START = re.compile(r"\s*\(?(\d{1,3}|[a-z])(\.\)|\)|\.)\s")
_LIST_ITEM = re.compile(r"(?<=\s)\(?(\d{1,3}|[a-z])(\.\)|\)|\.)(?=\s)")
_WIDE_STOPS = "。！？"

Span = tuple[int, int]


def sentence_spans(text: str, language: str = "en") -> list[Span]:
    """(start, end) offsets of each sentence in text, whitespace trimmed.

    ``text[start:end]`` is the sentence exactly.  A line break ends a
    sentence (headlines, bullet lines); blank lines separate paragraphs.
    Empty or whitespace-only input gives ``[]``.  ``language`` is a BCP 47
    tag; its abbreviations, titles and ordinals decide the boundaries.
    """
    lists = language_for(language).boundaries
    spans: list[Span] = []
    for line in _LINE.finditer(text):
        for start, end in _pieces(text, line.start(), line.end()):
            _split_piece(text, (start, end), lists, spans)
    return spans


def _pieces(text: str, start: int, end: int) -> Iterator[Span]:
    """Cut a line before inline bullets and before each next list marker."""
    for low, high in _cut(start, end, (m.start() for m in _BULLET.finditer(text, start, end))):
        yield from _cut(low, high, _list_markers(text, low, high))


def _cut(start: int, end: int, cuts: Iterator[int]) -> Iterator[Span]:
    """Split ``[start, end)`` at the given offsets."""
    low = start
    for cut in cuts:
        if cut > low:
            yield low, cut
            low = cut
    yield low, end


def _list_markers(text: str, start: int, end: int) -> Iterator[int]:
    """Offsets of the markers that continue the list a piece opens with."""
    first = _LIST_START.match(text, start, end)
    if first is None:
        return
    expected, style = _successor(first.group(1)), first.group(2)
    for match in _LIST_ITEM.finditer(text, first.end(), end):
        if match.group(1) == expected and match.group(2) == style:
            yield match.start()
            expected = _successor(expected)


def _successor(marker: str) -> str:
    """The marker after ``marker``: ``2`` after ``1``, ``b`` after ``a``."""
    if marker.isdigit():
        return str(int(marker) + 1)
    return chr(ord(marker) + 1)


def _split_piece(text: str, piece: Span, lists: Boundaries, spans: list[Span]) -> None:
    """Append the sentences of ``text[start:end]`` to ``spans``."""
    start, end = piece
    hidden = hidden_ranges(text, start, end, lists)
    hidden_starts = [low for low, _ in hidden]
    sentence = start
    for match in _CLUSTER.finditer(text, start, end):
        after = _CLOSERS.match(text, match.end(), end)
        stop = after.end() if after else match.end()
        cut = _cut_at(text, match, stop, (sentence, end), lists)
        if cut is None or cut <= sentence:
            continue
        if hidden and is_hidden(hidden, hidden_starts, match.start(), stop):
            continue
        _emit(text, sentence, cut, spans)
        sentence = cut
    _emit(text, sentence, end, spans)


def _cut_at(
    text: str, match: re.Match[str], stop: int, bounds: Span, lists: Boundaries
) -> int | None:
    """Where the sentence ends at this run of punctuation, or ``None``."""
    sentence, end = bounds
    if stop >= end:
        return None
    if match.group()[-1] in _WIDE_STOPS:
        return stop
    if not text[stop].isspace():
        return None
    return decide(Candidate(text, match.start(), match.end(), stop, sentence, end, lists))


def _emit(text: str, start: int, end: int, spans: list[Span]) -> None:
    """Append ``text[start:end]`` with its whitespace trimmed, if anything is left."""
    piece = text[start:end]
    stripped = piece.strip()
    if stripped:
        low = start + len(piece) - len(piece.lstrip())
        spans.append((low, low + len(stripped)))
