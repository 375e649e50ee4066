"""Is this run of terminal punctuation the end of a sentence?

``decide`` looks at one candidate: a run of ``.``, ``?``, ``!`` or ``…`` that
is followed (after closing quotes or brackets) by whitespace and another word
in the same line.  It returns the offset where the sentence ends, or ``None``.
The rules, in the order they apply, are listed in ``docs/segmentation.md``; the
word lists they consult are the language's (``Candidate.lists``, a
``wordlists.Boundaries``; docs/languages.md).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from audio_edition.text.quotes import is_lower_start, is_speech_tag, next_words
from audio_edition.text.wordlists import ENGLISH, Boundaries, words

_DOTTED = re.compile(r"(?:[^\W\d_]{1,2}\.)+[^\W\d_]{1,2}")
_INITIAL = re.compile(r"[A-Z]\.")
_MARKER = re.compile(r"\(?(?:\d{1,3}|[A-Za-z])")
_BRAND = re.compile(r"[a-z]+[A-Z]")
_OPENERS = "\"'“‘„«‹»›([¿¡*_"
_QUOTES = "\"'”’»›“‘«"
_BULLETS = " \t•◦▪▫‣⁃●○■□►▶✓✔➢➤-*–—"
_LOOKBACK = 64
_PARTICLES = words("Le La De Du Des Van Von Der Den Di Da Del Della El Al Ten Ter")
"""Capitalised particles that open a surname (``Le Clézio``, ``De Wever``)."""


@dataclass(frozen=True)
class Candidate:
    """A run of terminal punctuation inside one piece of a line."""

    text: str
    """The whole input."""
    start: int
    """Offset of the first punctuation mark."""
    end: int
    """Offset one past the last punctuation mark."""
    after: int
    """Offset one past the closing quotes and brackets that follow the marks."""
    sentence: int
    """Offset where the current sentence starts."""
    limit: int
    """Offset one past the end of the piece."""
    lists: Boundaries = ENGLISH
    """The language's boundary knowledge."""

    @property
    def marks(self) -> str:
        """The punctuation run itself."""
        return self.text[self.start : self.end]


def decide(cand: Candidate) -> int | None:
    """Offset where the sentence ends at this candidate, or ``None`` if it goes on."""
    words = next_words(cand.text, cand.after, cand.limit, 5)
    if words and not words[0].lstrip(_OPENERS) and len(words) > 1:
        words = [words[0] + words[1], *words[2:]]  # a spaced opening mark: « Le
    if not words:
        return None
    marks = cand.marks
    if "?" in marks or "!" in marks or "؟" in marks:
        return _question(cand, words)
    if marks in (".", "۔", "।"):
        return _period(cand, words)
    return _ellipsis(cand, words[0])


def _kind(word: str, lists: Boundaries) -> str:
    """Classify the next word: lower, upper, digit or other."""
    if word in lists.lower_starters:
        return "upper"
    core = word.lstrip(_OPENERS)
    if not core:
        return "other"
    first = core[0]
    if first.islower():
        return "upper" if _BRAND.match(core) else "lower"
    if first.isalpha():
        return "upper"
    if first.isdigit() or first in "$€£¥#":
        return "digit"
    return "other"


def _core(word: str) -> str:
    """The word without opening/closing punctuation (``"It's,`` -> ``It's``)."""
    return word.lstrip(_OPENERS).rstrip(".,;:!?\"'”’)»")


def _question(cand: Candidate, words: list[str]) -> int | None:
    """``?`` or ``!``: a boundary unless a lower-case word or a speech tag follows."""
    if is_lower_start(words[0]):
        return None
    closers = cand.text[cand.end : cand.after]
    if any(q in closers for q in _QUOTES) and is_speech_tag(words, cand.lists):
        return None
    return cand.after


def _ellipsis(cand: Candidate, word: str) -> int | None:
    """Ellipsis: attached or four-dot ones end a sentence before a capital."""
    text, start = cand.text, cand.start
    if _kind(word, cand.lists) == "lower":
        return None
    if start > 0 and text[start - 1] in "[(" and text[cand.end : cand.after][:1] in "])":
        return None
    marks = cand.marks
    dots = marks.count(".") + 3 * marks.count("…")
    attached = start > cand.sentence and not text[start - 1].isspace()
    if attached and " " in marks and dots >= 4:
        return start + 1  # a full stop, then an ellipsis that opens the next sentence
    if attached or dots >= 4:
        return cand.after
    return None


def _period(cand: Candidate, words: list[str]) -> int | None:
    """A single full stop: look at the token before it and the words after it."""
    word = words[0]
    kind = _kind(word, cand.lists)
    if kind == "lower" or _marker_only(cand):
        return None
    prev = _previous(cand)
    if not prev:
        return cand.after
    if cand.lists.ordinal_dot and prev.isdigit() and len(prev) <= 3:
        return _ordinal(cand, word, kind)
    if "." in prev and _DOTTED.fullmatch(prev):
        return _dotted(cand, prev, words, kind)
    if len(prev) == 1 and prev.isalpha():
        if prev.isupper() and _particle(words):
            return None  # J. M. G. Le Clézio, P. De Smet: a name goes on
        return _single_letter(cand, prev, word, kind)
    return _abbreviation(cand, prev, words, kind)


def _previous(cand: Candidate) -> str:
    """The token just before the period, without opening punctuation."""
    low = max(cand.sentence, cand.start - _LOOKBACK)
    chunk = cand.text[low : cand.start]
    if not chunk or chunk[-1].isspace():
        return ""
    return chunk.split()[-1].lstrip(_OPENERS)


def _marker_only(cand: Candidate) -> bool:
    """``1.`` or ``a.`` opening a list item is not a sentence."""
    if cand.start - cand.sentence > 12:
        return False
    head = cand.text[cand.sentence : cand.start].strip(_BULLETS)
    return bool(_MARKER.fullmatch(head))


def _dotted(cand: Candidate, prev: str, words: list[str], kind: str) -> int | None:
    """After ``e.g.``, ``a.m.``, ``U.S.``, ``Ph.D.`` and other dotted abbreviations."""
    word = words[0]
    key, lists = prev.lower(), cand.lists
    if key in lists.never_end:
        return None
    if key in lists.meridiem:
        return _time(cand, word, kind)
    if key in lists.geo:
        return _geo(cand, words, kind)
    return _starter(cand, word, kind)


def _single_letter(cand: Candidate, prev: str, word: str, kind: str) -> int | None:
    """After an initial (``J.``, ``I.``), ``p.``, a title (``M.``) or a spaced ``z. B.``."""
    lists = cand.lists
    if prev in lists.titles or (kind == "digit" and prev in lists.number_letters):
        return None
    spaced = _spaced_abbreviation(cand, prev)
    if spaced in lists.never_end:
        return None
    if kind == "upper" and prev.isupper() and _labelled(cand, word):
        return cand.after  # "Take vitamin C. Researchers say": a label, not an initial
    return _starter(cand, word, kind)


def _labelled(cand: Candidate, word: str) -> bool:
    """``vitamin C``, ``plan B``: the letter follows a lower-case noun that takes a letter."""
    if _INITIAL.fullmatch(word.lstrip(_OPENERS)):
        return False
    low = max(cand.sentence, cand.start - _LOOKBACK)
    before = cand.text[low : cand.start].split()
    if len(before) < 2:
        return False
    noun = before[-2].lstrip(_OPENERS)
    return noun.islower() and noun in cand.lists.letter_nouns


def _particle(words: list[str]) -> bool:
    """``Le Clézio``, ``De Smet``, ``van Dijk``: a name particle, then a capitalised name."""
    if len(words) < 2 or words[0].lstrip(_OPENERS) not in _PARTICLES:
        return False
    return words[1][:1].isupper()


def _spaced_abbreviation(cand: Candidate, prev: str) -> str:
    """``z. B`` -> ``z.b``: the letter and the one-letter token before it, or ''."""
    low = max(cand.sentence, cand.start - 8)
    words = cand.text[low : cand.start].split()
    if len(words) < 2 or not words[-2].endswith(".") or len(words[-2]) > 3:
        return ""
    return (words[-2] + prev).lower().lstrip(_OPENERS)


def _abbreviation(cand: Candidate, prev: str, words: list[str], kind: str) -> int | None:
    """After a word: titles, months, addresses, known abbreviations, companies."""
    word = words[0]
    key, lists = _elided(prev.lower()), cand.lists
    if kind == "digit" and key in lists.number_abbreviations:
        return None
    if prev in lists.titles or key in lists.never_end:
        return None
    if key in lists.month_abbreviations or (prev in lists.ambiguous_titles and _street(cand)):
        return cand.after
    if prev in lists.ambiguous_titles or key in lists.general_abbreviations:
        return _starter(cand, word, kind)
    if key in lists.corporate and _core(word) in lists.corporate_followers:
        return None if _continues_name(cand, words) else cand.after
    return cand.after


def _elided(word: str) -> str:
    """``l'art`` -> ``art`` (French elision); other words unchanged."""
    for mark in "'’":
        if mark in word[:3]:
            return word.split(mark, 1)[1]
    return word


def _ordinal(cand: Candidate, word: str, kind: str) -> int | None:
    """``am 3. Oktober``, ``im 19. Jahrhundert``, ``der 2. Platz``: an ordinal goes on."""
    lists, core = cand.lists, _core(word)
    if core in lists.ordinal_followers:
        return None
    low = max(cand.sentence, cand.start - _LOOKBACK)
    before = cand.text[low : cand.start].split()[:-1]
    leader = len(before) > 0 and before[-1].lstrip(_OPENERS).lower() in lists.ordinal_leaders
    if leader and kind == "upper" and core not in lists.starters:
        return None
    return cand.after


def _street(cand: Candidate) -> bool:
    """``40 Oak Dr.``, ``down Elm St.``: an address, not a title, ends here."""
    low = max(cand.sentence, cand.start - _LOOKBACK)
    words = cand.text[low : cand.start].split()
    if len(words) < 3 or not words[-2][:1].isupper():
        return False
    return words[-3][:1].isdigit() or words[-3].lower() in cand.lists.place_prepositions


def _starter(cand: Candidate, word: str, kind: str) -> int | None:
    """Ambiguous abbreviation: a boundary only before a sentence-opening word."""
    if kind == "digit":
        return cand.after
    core = _core(word)
    if _INITIAL.fullmatch(word.lstrip(_OPENERS)):
        return None
    starters = cand.lists.starters
    elided = core.replace("’", "'").split("'")[0]
    if core in starters or elided in starters or word in cand.lists.lower_starters:
        return cand.after
    return None


def _geo(cand: Candidate, words: list[str], kind: str) -> int | None:
    """``U.S.``: a boundary unless the next word continues a name (``U.S. Senate``)."""
    word = words[0]
    core = _core(word)
    if kind == "upper" and len(core) > 1 and core.isupper():
        return None
    if kind == "upper" and core in cand.lists.geo_followers:
        return None if _continues_name(cand, words) else cand.after
    return cand.after


def _continues_name(cand: Candidate, words: list[str]) -> bool:
    """``U.S. National Guard`` goes on; ``U.S. National guards stood`` starts a sentence.

    A follower that only opens a name (``National``, ``Chief``) must be followed by
    another capitalised word; a lower-case one after it means the capital was the
    sentence's. A sentence that is so far only a name (``Acme Inc. Chief executive Jo
    Roe quit``) has no clause to end, so it goes on.
    """
    if _core(words[0]) not in cand.lists.name_openers or len(words) < 2:
        return True
    if _kind(words[1], cand.lists) != "lower":
        return True
    so_far = cand.text[max(cand.sentence, cand.start - _LOOKBACK) : cand.start].split()
    return not any(_kind(token, cand.lists) == "lower" for token in so_far)


def _time(cand: Candidate, word: str, kind: str) -> int | None:
    """``a.m.``: ``at 9 a.m. Friday`` goes on, ``At 5 a.m. Mr. Smith went`` too."""
    if kind != "upper":
        return cand.after
    if _core(word) in cand.lists.time_followers or _fronted(cand):
        return None
    return cand.after


def _fronted(cand: Candidate) -> bool:
    """A short opening adverbial such as ``At 5 a.m.`` or ``By 10 p.m.``."""
    if cand.start - cand.sentence > 40:
        return False
    words = cand.text[cand.sentence : cand.start].split()
    opener = words[0].lstrip(_OPENERS).lower()
    return len(words) <= 4 and opener in cand.lists.time_prepositions
