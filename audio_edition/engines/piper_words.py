"""Word timings from Piper's phoneme alignments.

Piper's phonemizer (espeak-ng) separates words with a space phoneme and gives
each phoneme the number of samples it lasts; a word runs from its first sounding
phoneme to its last (punctuation phonemes carry pauses, not the word). espeak-ng
runs some short words together ("of the" -> one group) and says some in parts
("twenty-seventh" -> two groups): groups and words are matched by the number of
phonemes each word has when said alone, and a shared group is cut in proportion.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from audio_edition.models import WordTiming

log = logging.getLogger(__name__)
SILENT = frozenset("^$_ ,.;:!?¡¿…\"'()[]«»—–-")
"""Phonemes that are not part of a word's sound: markers, spaces, punctuation."""
MAX_RUN = 4
"""The most words espeak-ng is taken to run together into one group."""

Group = list[tuple[int, int]]
"""The sounding phonemes of one word group: (first sample, one past the last) each."""


def word_timings(
    text: str, chunks: Sequence[Any], phonemes_of: Callable[[str], int]
) -> tuple[WordTiming, ...] | None:
    """One timing per whitespace-separated word of ``text``, or ``None`` where the
    alignments are missing or cannot be matched to the words.

    ``chunks`` are piper's AudioChunks for ``text``, in order; ``phonemes_of(word)``
    counts the phonemes of one word said alone.
    """
    groups: list[Group] = []
    offset = 0
    for chunk in chunks:
        if chunk.phoneme_alignments is None:
            return None
        pairs = ((a.phoneme, int(a.num_samples)) for a in chunk.phoneme_alignments)
        groups += _groups(pairs, offset)
        offset += len(chunk.audio_float_array)
    words = text.split()
    steps = _align([len(g) for g in groups], [phonemes_of(w) for w in words])
    if steps is None:
        log.debug("cannot match %d phoneme groups to the words of %r", len(groups), text)
        return None
    timings: list[WordTiming] = []
    word, group = 0, 0
    for count, size in steps:
        if size == 1:  # ``count`` words said as one group
            timings += _share(groups[group], [phonemes_of(w) for w in words[word : word + count]])
        else:  # one word said as ``size`` groups
            timings.append(WordTiming(groups[group][0][0], groups[group + size - 1][-1][1]))
        word, group = word + count, group + size
    return tuple(timings)


def _groups(phonemes: Iterable[tuple[str, int]], offset: int) -> list[Group]:
    groups: list[Group] = []
    cursor, current = offset, Group()
    for phoneme, samples in phonemes:
        if phoneme in {" ", "^", "$"}:
            if current:
                groups.append(current)
            current = []
        elif phoneme not in SILENT:
            current.append((cursor, cursor + samples))
        cursor += samples
    if current:
        groups.append(current)
    return groups


STEPS = [(1, 1)] + [(n, 1) for n in range(2, MAX_RUN + 1)] + [(1, 2), (1, 3)]
"""Words to groups: one to one, several words run together, one word said in parts."""


def _align(sizes: list[int], expected: list[int]) -> list[tuple[int, int]] | None:
    """The steps (words, groups) that best fit the groups' phoneme counts ``sizes`` to the
    words' counts said alone (``expected``); ``None`` if they cannot be matched."""
    inf = float("inf")
    # best[i][j]: least misfit of the first i words said as the first j groups.
    best = [[inf] * (len(sizes) + 1) for _ in range(len(expected) + 1)]
    back: dict[tuple[int, int], tuple[int, int]] = {}
    best[0][0] = 0.0
    for i in range(len(expected) + 1):
        for j in range(len(sizes) + 1):
            if best[i][j] == inf:
                continue
            for words, groups in STEPS:
                if i + words > len(expected) or j + groups > len(sizes):
                    continue
                said, heard = sum(expected[i : i + words]), sum(sizes[j : j + groups])
                cost = best[i][j] + abs(said - heard) / max(heard, 1) + 0.1 * (words + groups - 2)
                if cost < best[i + words][j + groups]:
                    best[i + words][j + groups] = cost
                    back[i + words, j + groups] = (words, groups)
    if best[-1][-1] == inf:
        return None
    steps, i, j = [], len(expected), len(sizes)
    while i or j:
        words, groups = back[i, j]
        steps.append((words, groups))
        i, j = i - words, j - groups
    return steps[::-1]


def _share(group: Group, counts: list[int]) -> list[WordTiming]:
    """Cut one group's phonemes among its words in proportion to their phoneme counts."""
    total = sum(counts) or len(counts)
    shares = counts if sum(counts) else [1] * len(counts)
    timings, taken, done = [], 0, 0
    for share in shares:
        done += share
        cut = max(taken + 1, round(len(group) * done / total)) if share else taken
        cut = min(cut, len(group))
        part = group[taken:cut] or [group[min(taken, len(group) - 1)]]
        timings.append(WordTiming(part[0][0], part[-1][1]))
        taken = cut
    return timings
