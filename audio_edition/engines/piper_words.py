"""Word timings from Piper's phoneme alignments.

Piper's phonemizer (espeak-ng) separates words with a space phoneme and gives
each phoneme the number of samples it lasts; a word runs from its first sounding
phoneme to its last (punctuation phonemes carry pauses, not the word). espeak-ng
runs some short words together ("of the" -> one group): such a group is shared
among its words by the phonemes each has when phonemized alone.
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
    runs = _runs([len(g) for g in groups], words, phonemes_of)
    if runs is None:
        log.debug(
            "cannot match %d phoneme groups to the %d words of %r", len(groups), len(words), text
        )
        return None
    timings: list[WordTiming] = []
    for group, run in zip(groups, runs, strict=True):
        timings += _share(group, [phonemes_of(w) for w in run])
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


def _runs(
    sizes: list[int], words: list[str], phonemes_of: Callable[[str], int]
) -> list[list[str]] | None:
    """Split ``words`` into one run per group, fitting the groups' phoneme counts."""
    if len(sizes) == len(words):
        return [[w] for w in words]
    if not sizes or len(sizes) > len(words):
        return None
    expected = [phonemes_of(w) for w in words]
    inf = float("inf")
    # best[j][i]: least misfit of the first j groups holding the first i words.
    best = [[inf] * (len(words) + 1) for _ in range(len(sizes) + 1)]
    back = [[0] * (len(words) + 1) for _ in range(len(sizes) + 1)]
    best[0][0] = 0.0
    for j, size in enumerate(sizes, start=1):
        for i in range(j, len(words) + 1):
            for run in range(1, min(MAX_RUN, i) + 1):
                cost = best[j - 1][i - run] + abs(sum(expected[i - run : i]) - size) / max(size, 1)
                if cost < best[j][i]:
                    best[j][i], back[j][i] = cost, run
    if best[-1][-1] == inf:
        return None
    runs, i = [], len(words)
    for j in range(len(sizes), 0, -1):
        runs.append(words[i - back[j][i] : i])
        i -= back[j][i]
    return runs[::-1]


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
