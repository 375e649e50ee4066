"""Writing systems: the letters a language's voice reads, and text in other scripts.

A voice reads its own language's script; letters of another script (a Greek
greeting, a line of Chinese in an English article) it spells letter by letter
("Chinese letter, Chinese letter …") or skips. ``foreign_runs`` finds such
passages, so that a language with phrases of its own announces them ("a passage
in Greek") and the others space their letters out (each then counts as a word:
the clip's length check expects a spelled-out reading). Single letters stay
(``π``, ``Δ`` and ``μ`` are read as pi, delta and mu). See README, "Reading news
text right".
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from functools import lru_cache

_LATIN = (
    "af ca cs cy da de en es et eu fi fr ga gl hr hu id is it lt lv ms mt nb nl nn no pl pt ro "
    "sk sl sq sv sw tl tr vi"
)
SCRIPTS: dict[str, frozenset[str]] = {
    **{language: frozenset({"LATIN"}) for language in _LATIN.split()},
    **{language: frozenset({"CYRILLIC"}) for language in ("ru", "uk", "bg", "sr", "mk", "be")},
    **{language: frozenset({"ARABIC"}) for language in ("ar", "fa", "ur")},
    **{language: frozenset({"DEVANAGARI"}) for language in ("hi", "mr", "ne")},
    "el": frozenset({"GREEK"}),
    "he": frozenset({"HEBREW"}),
    "th": frozenset({"THAI"}),
    "zh": frozenset({"CJK"}),
    "ja": frozenset({"CJK", "HIRAGANA", "KATAKANA"}),
    "ko": frozenset({"HANGUL", "CJK"}),
}
"""The scripts a voice of each language (base tag) reads; other languages are not judged."""
UNSPACED = frozenset({"CJK", "HIRAGANA", "KATAKANA", "THAI", "LAO", "KHMER", "MYANMAR"})
"""Scripts written without spaces between words."""
_NAMES = {"CJK": "Chinese characters", "HIRAGANA": "Japanese", "KATAKANA": "Japanese",
          "HANGUL": "Korean"}  # fmt: skip
_WORD_GAP = re.compile(r"\s+")
_EAST_ASIAN = ("CJK", "KATAKANA", "HIRAGANA")
"""Chinese characters and kana, written together: one passage, Japanese if it has kana."""


@dataclass(frozen=True)
class Run:
    """A passage in a script the language's voice does not read."""

    start: int
    """Offset of its first letter."""
    end: int
    """Offset one past its last letter (or mark): punctuation after it is not part of it."""
    script: str
    """The script of its first letter, as Unicode names it (``GREEK``, ``CJK`` …)."""
    letters: int
    """How many letters it holds."""

    def name(self) -> str:
        """The script's name for a listener or an editor: ``Greek``, ``Chinese characters``."""
        return _NAMES.get(self.script, self.script.title())

    def words(self, text: str) -> int:
        """Whitespace-separated words in ``text[start:end]``."""
        return len(_WORD_GAP.split(text[self.start : self.end].strip()))


@lru_cache(maxsize=8192)
def script_of(char: str) -> str:
    """The script of a letter as the first word of its Unicode name (``LATIN``, ``GREEK``)."""
    return unicodedata.name(char, "UNKNOWN").split(" ")[0]


def foreign_runs(text: str, language: str) -> Iterator[Run]:
    """Passages of ``text`` in scripts a ``language`` voice does not read (none if the
    language's script is not known). Spaces, digits and punctuation between foreign
    letters belong to the passage; a letter of the language's own script, or of another
    family of scripts, ends it."""
    known = SCRIPTS.get(language)
    if known is None:
        return
    run: Run | None = None
    for index, char in enumerate(text):
        if char.isalpha():
            script = script_of(char)
            if run is not None and (script in known or _family(script) != _family(run.script)):
                yield run
                run = None
            if script not in known:
                run = _grown(run, index, script)
        elif run is not None and unicodedata.category(char).startswith("M"):
            run = replace(run, end=index + 1)  # a vowel sign or an accent of its last letter
    if run is not None:
        yield run


def _family(script: str) -> str:
    return "CJK" if script in _EAST_ASIAN else script


def _grown(run: Run | None, index: int, script: str) -> Run:
    """``run`` with the letter at ``index`` added (kana make it Japanese)."""
    if run is None:
        return Run(index, index + 1, script, 1)
    if script in _EAST_ASIAN and _EAST_ASIAN.index(script) > _EAST_ASIAN.index(run.script):
        run = replace(run, script=script)
    return replace(run, end=index + 1, letters=run.letters + 1)


def foreign_scripts(text: str, language: str) -> list[str]:
    """Names of the scripts of ``text``'s foreign passages (two letters or more), in order."""
    names = (run.name() for run in foreign_runs(text, language) if run.letters > 1)
    return list(dict.fromkeys(names))


def replace_foreign(text: str, language: str, say: Callable[[Run], str]) -> str:
    """``text`` with each foreign passage of two letters or more replaced by ``say(run)``."""
    pieces, position = [], 0
    for run in foreign_runs(text, language):
        if run.letters > 1:
            pieces += [text[position : run.start], say(run)]
            position = run.end
    return "".join([*pieces, text[position:]])


def space_out(text: str, language: str) -> str:
    """Foreign passages with a space between letters (each letter then counts as a word)."""
    return replace_foreign(text, language, lambda run: _spaced(text[run.start : run.end]))


def _spaced(passage: str) -> str:
    out: list[str] = []
    for char in passage:
        if unicodedata.category(char).startswith("M") and out:
            out[-1] += char
        elif not char.isspace():
            out.append(char)
    return " ".join(out)
