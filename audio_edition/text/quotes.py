"""Quotation marks and brackets that hide sentence boundaries.

Reported speech such as ``"We waited. We will not wait," said Ms. Okafor.`` is
one sentence for the listener: the full stop inside the quotation is not a
boundary because the quotation continues the sentence (it closes on a comma,
or on punctuation followed by a lower-case word or a speech tag).  Brackets
always hide the boundaries inside them.

``hidden_ranges`` pairs the marks in one line in a single linear pass and
returns the merged ``(open, close)`` offsets whose inside is not split.  Marks
pair as each language writes them: ``“…”``, ``„…“`` (German), ``«…»`` with
spaces inside (French), ``»…«`` (German books and magazines).
"""

from __future__ import annotations

import bisect
import re

from audio_edition.text.wordlists import ENGLISH, Boundaries

_MARKS = re.compile(r"[\"“”„«»'‘’‹›()\[\]]")
_NEXT_WORDS = re.compile(r"\S{1,40}")
_BRAND = re.compile(r"[a-z]+[A-Z]")
_OPENERS = "\"'“‘„«‹([¿¡"
_CLOSERS = "\"'”’»›)]"
_SINGLE_CLOSE_AFTER = ",.?!…—–-"
_CONTINUES_AFTER = ",;:—–-"
_CLOSES = {"„": '“”"', "»": "«"}
"""Openers closed by a mark that elsewhere opens (``„…“``, ``»…«``)."""
_INNER_SPACE = " \u00a0\u202f"
"""Spaces French sets inside « guillemets »."""


def next_words(text: str, pos: int, end: int, count: int) -> list[str]:
    """Up to ``count`` whitespace-separated tokens of ``text[pos:end]``."""
    words: list[str] = []
    for match in _NEXT_WORDS.finditer(text, pos, min(end, pos + 200)):
        words.append(match.group())
        if len(words) == count:
            break
    return words


def is_lower_start(word: str) -> bool:
    """True when ``word`` (openers stripped) starts lower case and is no brand (iPhone)."""
    core = word.lstrip(_OPENERS)
    return bool(core) and core[0].islower() and not _BRAND.match(core)


def is_speech_tag(words: list[str], lists: Boundaries = ENGLISH) -> bool:
    """True for ``Okafor asked``, ``Ms. Okafor said``, ``she said``: a name, then a verb."""
    for index, word in enumerate(words[:4]):
        core = word.strip(_OPENERS + _CLOSERS + ".,;:")
        if index > 0 and core.lower() in lists.speech_verbs:
            return True
        if not core or not (core[0].isupper() or core.lower() in lists.speech_pronouns):
            return False
    return False


def hidden_ranges(
    text: str, start: int, end: int, lists: Boundaries = ENGLISH
) -> list[tuple[int, int]]:
    """Merged ``(open, close)`` offsets of quotations and brackets whose inside is one sentence."""
    pairs: list[tuple[int, int]] = []
    double: int | None = None
    single: int | None = None
    brackets: list[int] = []
    for match in _MARKS.finditer(text, start, end):
        pos, mark = match.start(), match.group()
        if mark in "([":
            brackets.append(pos)
        elif mark in ")]":
            if brackets:
                pairs.append((brackets.pop(), pos))
        elif mark in '"“”„«»':
            double = _double(text, pos, double, pairs, (end, lists))
        else:
            single = _single(text, pos, start, single, pairs, (end, lists))
    return _merge(pairs)


def _double(
    text: str,
    pos: int,
    open_at: int | None,
    pairs: list[tuple[int, int]],
    limit: tuple[int, Boundaries],
) -> int | None:
    """Track a double quotation mark; record the pair when it closes."""
    mark, end = text[pos], limit[0]
    closing = open_at is not None and mark in _CLOSES.get(text[open_at], "")
    opening = mark in "“„«" or (mark in '"»' and open_at is None)
    if mark == "»" and open_at is None:
        opening = pos + 1 < end and not text[pos + 1].isspace()  # »Zitat« opens
    if opening and not closing:
        return pos
    if open_at is not None and _continues(text, pos, limit):
        pairs.append((open_at, pos))
    return None


def _single(
    text: str,
    pos: int,
    start: int,
    open_at: int | None,
    pairs: list[tuple[int, int]],
    limit: tuple[int, Boundaries],
) -> int | None:
    """Track a single quotation mark, telling quotes from apostrophes."""
    end = limit[0]
    before = text[pos - 1] if pos > start else " "
    after = text[pos + 1] if pos + 1 < end else " "
    if open_at is None and (before.isspace() or before in _OPENERS) and not after.isspace():
        return pos
    closes = before in _SINGLE_CLOSE_AFTER or (before.isalnum() and after in ",;:")
    if open_at is not None and closes and not after.isalnum():  # 'We gaan in actie', zei
        if _continues(text, pos, limit):
            pairs.append((open_at, pos))
        return None
    return open_at


def _continues(text: str, close: int, limit: tuple[int, Boundaries]) -> bool:
    """Does the sentence go on after the quotation that closes at ``close``?"""
    end, lists = limit
    inside = close - 1
    if inside > 0 and text[inside] in _INNER_SPACE and text[close] in "»›":
        inside -= 1  # « Nous attendrons. »
    before = text[inside] if inside >= 0 else ""
    if before in _CONTINUES_AFTER:
        return True
    words = next_words(text, close + 1, end, 4)
    if not words:
        return False
    if before not in ".?!…":
        return True
    if is_lower_start(words[0]):
        return True
    return before in "?!" and is_speech_tag(words, lists)


def _merge(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Merge overlapping or nested ranges."""
    merged: list[tuple[int, int]] = []
    for low, high in sorted(pairs):
        if merged and low <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(high, merged[-1][1]))
        else:
            merged.append((low, high))
    return merged


def is_hidden(ranges: list[tuple[int, int]], starts: list[int], first: int, last: int) -> bool:
    """True when ``text[first:last]`` lies strictly inside one of ``ranges``."""
    index = bisect.bisect_left(starts, first) - 1
    return index >= 0 and last <= ranges[index][1]
