"""Spoken forms: what the engine is asked to say for a piece of news text.

``spoken_form("The $14 B plan", "en")`` gives ``Spoken("The fourteen billion
dollars plan")``.  Raw news confuses every engine ("$65" is read "dollar
sixty-five", "Charles III" "Charles Roman three", a caps "WHO" as the
pronoun), so the spoken form spells everything out explicitly.

Each language's rules come from its ``Language`` (``text/languages``,
docs/languages.md): English, French, Dutch and German have rules of their
own; any other language gets the lexicon and num2words numbers (``generic``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from audio_edition.text.chars import break_long_tokens, clean, collapse, drop_bullet
from audio_edition.text.draft import Draft
from audio_edition.text.languages import base_language, language_for
from audio_edition.text.lexicon import Lexicon

__all__ = ["Spoken", "announces_foreign", "base_language", "check_lexicon", "spoken_form"]
_ALNUM = re.compile(r"[^\W_]")
_NO_LEXICON = Lexicon.empty()


@dataclass(frozen=True)
class Spoken:
    """The spoken form of a piece of text."""

    text: str
    """What the engine is asked to say; never empty if the input has any letter or digit."""
    spelled: tuple[str, ...] = ()
    """Words (acronyms, names) read letter by letter because nothing said how to read them."""


def spoken_form(
    text: str, language: str = "en", lexicon: Lexicon | None = None, *, headline: bool = False
) -> Spoken:
    """Return what an engine should say for ``text``.

    ``language`` is a BCP 47 tag (``en``, ``en-GB``, ``fr``); ``lexicon`` is
    applied before the built-in rules.  ``headline=True``: the text is a
    headline, and an ALL-CAPS headline's words that are not acronyms are
    turned to normal case.
    """
    cleaned = drop_bullet(clean(text))
    if not cleaned:
        return Spoken("")
    rules = language_for(language)
    draft = Draft(cleaned, rules.code, lexicon or _NO_LEXICON, headline)
    said = collapse(draft.thaw(rules.speak(draft)))
    if not said and _ALNUM.search(cleaned):
        said = cleaned
    return Spoken(break_long_tokens(said), tuple(draft.spelled))


def announces_foreign(language: str) -> bool:
    """Whether ``language`` has rules of its own, which announce text in a script its
    voice cannot read ("a passage in Greek"); other languages spell it out."""
    return language_for(language).announces_foreign


def check_lexicon(lexicon: Lexicon) -> list[str]:
    """Run each entry's test case through ``spoken_form``; return failure messages."""
    failures: list[str] = []
    for word, language, written, expected in lexicon.tests():
        said = spoken_form(written, language, lexicon).text
        if said != " ".join(expected.split()):
            where = word if language == lexicon.language else f"{word} ({language})"
            failures.append(f"{where}: {written!r} is spoken {said!r}, expected {expected!r}")
    return failures
