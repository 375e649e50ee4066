"""Written words and when they are spoken (docs/player.md, "Word timings").

An engine that can time words gives one ``WordTiming`` per whitespace-separated
word of the sentence's *spoken* form; the player highlights words *as written*.
The two differ where the text front end expanded something ("$14 B" ->
"fourteen billion dollars", "U.S." -> "U S"). Both token sequences are compared
on their letters and digits (case and punctuation ignored): a written word that
matches a spoken word takes its time; each run of written words that matches
nothing takes the time of the run of spoken words said in its place, shared out
in proportion to the words' lengths. Every written word gets a time, in order,
inside the sentence's clip.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, replace
from difflib import SequenceMatcher
from itertools import pairwise

from audio_edition.models import Clip, Cue, Sentence, Word, WordTiming

log = logging.getLogger(__name__)

TOKEN = re.compile(r"\S+")
KEPT = frozenset("%#&@")
"""Punctuation kept at a word's edges (part of what is said: "12%", "&")."""

Span = tuple[int, int]


@dataclass(frozen=True)
class Written:
    """One written word of a sentence: where it is and what it is compared by."""

    start: int
    """Offset of its first character in ``Sentence.text``."""
    end: int
    """Offset one past its last character in ``Sentence.text``."""
    key: str
    """Its letters and digits, case-folded (may be empty, e.g. ``&``)."""


def key(word: str) -> str:
    """What a word is compared by: letters and digits only, case-folded."""
    return "".join(c for c in word.casefold() if c.isalnum())


def _wraps(char: str) -> bool:
    """Punctuation around a word (quotes, brackets, commas, full stops), not part of it."""
    return unicodedata.category(char)[0] == "P" and char not in KEPT


def written_words(text: str) -> list[Written]:
    """The words of ``text`` without the punctuation around them; an abbreviation keeps
    its final full stop (``U.S.``, ``a.m.``). Bare punctuation (``—``) is no word."""
    words = []
    for match in TOKEN.finditer(text):
        start, end = match.span()
        while start < end and _wraps(text[start]):
            start += 1
        while end > start and _wraps(text[end - 1]):
            end -= 1
        if start == end:
            continue
        if end < match.end() and text[end] == "." and "." in text[start:end]:
            end += 1
        words.append(Written(start, end, key(text[start:end])))
    return words


def sentence_words(
    sentence: Sentence, timings: Sequence[WordTiming], frames: int
) -> tuple[Word, ...] | None:
    """The sentence's written words (spans in ``Article.text``) with frames from the
    clip's start, from one timing per whitespace-separated word of ``sentence.spoken``
    and the clip's length; ``None`` where the counts disagree."""
    spoken = sentence.spoken.split()
    if len(timings) != len(spoken):
        log.debug("sentence %d: %d word timings for %d spoken words; no word timings",
                  sentence.index, len(timings), len(spoken))  # fmt: skip
        return None
    written = written_words(sentence.text)
    spans = _times(written, spoken, _sane(timings, frames), frames)
    at = sentence.start
    return tuple(
        Word(at + w.start, at + w.end, start, end)
        for w, (start, end) in zip(written, spans, strict=True)
    )


def _times(written: list[Written], spoken: list[str], times: list[Span], frames: int) -> list[Span]:
    """One span of frames per written word: matched words their spoken word's, each
    unmatched run the span of the spoken run said in its place."""
    said = [i for i, word in enumerate(spoken) if key(word)]  # spoken words with letters
    matcher = SequenceMatcher(
        None, [w.key for w in written], [key(spoken[i]) for i in said], autojunk=False
    )
    spans: list[Span] = []
    for _, i1, i2, j1, j2 in matcher.get_opcodes():
        if i1 == i2:
            continue  # spoken only: nothing written to light
        weights = [max(1, len(w.key)) for w in written[i1:i2]]
        if j1 == j2:
            spans += _split(_gap(times, said, j1, frames), weights)
        elif j2 - j1 >= i2 - i1:  # "equal" runs land here too: one spoken word each
            groups = _groups(j1, j2, weights)
            spans += [(times[said[a]][0], times[said[b - 1]][1]) for a, b in groups]
        else:
            spans += _split((times[said[j1]][0], times[said[j2 - 1]][1]), weights)
    return spans


def _sane(timings: Sequence[WordTiming], frames: int) -> list[Span]:
    """Word times inside the clip, never going back, never ending before they start."""
    out: list[Span] = []
    start = end = 0
    for timing in timings:
        start = min(max(timing.start_frame, start), frames)
        end = min(max(timing.end_frame, start, end), frames)
        out.append((start, end))
    return out


def _gap(times: list[Span], said: list[int], j: int, frames: int) -> Span:
    """The silence between spoken word ``j - 1`` and ``j`` (of ``said``)."""
    start = times[said[j - 1]][1] if j > 0 else 0
    end = times[said[j]][0] if j < len(said) else frames
    return start, max(start, end)


def _groups(j1: int, j2: int, weights: list[int]) -> list[Span]:
    """Spoken words ``j1..j2`` cut into one run per written word, in proportion to the
    weights, each run at least one word long."""
    count, total, n = j2 - j1, sum(weights), len(weights)
    runs, done, previous = [], 0, 0
    for i, weight in enumerate(weights):
        done += weight
        bound = max(previous + 1, min(round(count * done / total), count - (n - 1 - i)))
        runs.append((j1 + previous, j1 + bound))
        previous = bound
    return runs


def _split(span: Span, weights: list[int]) -> list[Span]:
    """A stretch of frames shared out in proportion to the weights."""
    start, length, total = span[0], span[1] - span[0], sum(weights)
    bounds, done = [start], 0
    for weight in weights:
        done += weight
        bounds.append(start + length * done // total)
    return list(pairwise(bounds))


def has_words(cues: Sequence[Cue]) -> bool:
    """Whether the engine timed the words of this timeline (of any of its sentences)."""
    return any(cue.words is not None for cue in cues)


def clip_words(clip: Clip, offset: int = 0) -> tuple[Word, ...] | None:
    """A clip's written words on a timeline where the clip starts at ``offset``."""
    if clip.words is None:
        return None
    words = sentence_words(clip.sentence, clip.words, clip.frames)
    return None if words is None else shift_words(words, offset)


def shift_words(words: tuple[Word, ...], frames: int) -> tuple[Word, ...]:
    """Words moved ``frames`` later on the timeline."""
    return tuple(
        replace(w, start_frame=w.start_frame + frames, end_frame=w.end_frame + frames)
        for w in words
    )


def shifted(cue: Cue, frames: int) -> Cue:
    """A cue and its words moved ``frames`` later on the timeline."""
    words = None if cue.words is None else shift_words(cue.words, frames)
    return replace(cue, start_frame=cue.start_frame + frames, end_frame=cue.end_frame + frames,
                   words=words)  # fmt: skip
