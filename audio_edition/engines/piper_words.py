"""Word timings from Piper's phoneme alignments.

Piper's phonemizer (espeak-ng) separates words with a space phoneme; each
phoneme comes with the number of samples it lasts. A word runs from its first
sounding phoneme to its last (punctuation phonemes carry pauses, not the word).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from typing import Any

from audio_edition.models import WordTiming

log = logging.getLogger(__name__)
SILENT = frozenset("^$_ ,.;:!?¡¿…\"'()[]«»—–-")
"""Phonemes that are not part of a word's sound: markers, spaces, punctuation."""


def word_timings(text: str, chunks: Sequence[Any]) -> tuple[WordTiming, ...] | None:
    """One timing per whitespace-separated word of ``text``, or ``None`` where the
    alignments are missing or piper found another number of words."""
    words: list[WordTiming] = []
    offset = 0
    for chunk in chunks:
        if chunk.phoneme_alignments is None:
            return None
        words += _chunk_words(
            ((a.phoneme, int(a.num_samples)) for a in chunk.phoneme_alignments), offset
        )
        offset += len(chunk.audio_float_array)
    if len(words) != len(text.split()):
        log.debug("piper found %d words in %r, not %d", len(words), text, len(text.split()))
        return None
    return tuple(words)


def _chunk_words(phonemes: Iterable[tuple[str, int]], offset: int) -> list[WordTiming]:
    words: list[WordTiming] = []
    cursor, start, end = offset, -1, -1
    for phoneme, samples in phonemes:
        if phoneme in {" ", "^", "$"}:
            if start >= 0:
                words.append(WordTiming(start, end))
            start = -1
        elif phoneme not in SILENT:
            start = cursor if start < 0 else start
            end = cursor + samples
        cursor += samples
    if start >= 0:
        words.append(WordTiming(start, end))
    return words
