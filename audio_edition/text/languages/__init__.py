"""The language seam: one ``Language`` object per language (docs/languages.md).

A ``Language`` supplies everything that differs from one language to the
next: what ends a sentence (``boundaries``), what an engine is told to say
(``speak``), the edition's own lines (``phrases``) and the page and player
strings (``strings``).  ``language_for("fr-BE")`` returns the French object;
a language nobody wrote a module for gets a generic one (English boundary
knowledge, num2words numbers in its own language, English phrases).

Built-in languages are listed in ``BUILTIN`` (one module each in this
package, exporting ``LANGUAGE``); others can be installed as packages that
declare an entry point in the ``audio_edition.languages`` group.
"""

from __future__ import annotations

import datetime as dt
import importlib
import logging
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from importlib.metadata import entry_points

from audio_edition.text.draft import Draft
from audio_edition.text.wordlists import Boundaries

log = logging.getLogger(__name__)

BUILTIN = ("en", "fr", "nl", "de")
"""Languages with a module of their own in this package."""
ENTRY_POINT_GROUP = "audio_edition.languages"
"""Entry-point group through which an installed package adds a language."""
PLAYER = "player_"
"""Prefix of the strings the page player shows (site/static/player.js)."""
_PLACEHOLDER = re.compile(r"\{\w+\}")


@dataclass(frozen=True)
class Phrases:
    """The edition's own lines in one language: intro, announcements, outro (edition.py).

    Templates use ``{title}``, ``{date}``, ``{lead}`` and ``{section}``.
    """

    intro: str
    """``{title}, {date}.``"""
    outro: str
    """``That was {title} for {date}. Thank you for listening.``"""
    only: str
    """Lead of the one article of a one-article edition (``Today's story``)."""
    first: str
    """Lead of the first announcement (``First``)."""
    next: str
    """Lead of the announcements in the middle (``Next``)."""
    last: str
    """Lead of the last announcement (``Finally``)."""
    desk: str
    """An announcement with a section (``{lead}, from the {section} desk.``)."""
    no_desk: str
    """An announcement without a section (``{lead}.``)."""
    written_date: Callable[[dt.date], str]
    """The date as written on pages and in titles (``Friday 27 November 2026``)."""
    spoken_date: Callable[[dt.date, str], str]
    """The date as said, in the intro (``"intro"``) or the outro (``"outro"``); the
    language's rules still read its digits (``Friday the twenty-seventh of November 2026``)."""
    disclosure: str = "This audio is read by a synthetic voice."
    """The spoken notice, once per episode, that the voice is synthetic (docs/credentials.md)."""

    def intro_line(self, title: str, date: dt.date) -> tuple[str, str]:
        """The intro as written and as said."""
        return self._line(self.intro, title, date, "intro")

    def outro_line(self, title: str, date: dt.date) -> tuple[str, str]:
        """The outro as written and as said."""
        return self._line(self.outro, title, date, "outro")

    def announcement(self, number: int, total: int, section: str) -> str:
        """``First, from the Business desk.``, then ``Next, …``, and ``Finally, …``."""
        lead = self.next
        if total == 1:
            lead = self.only
        elif number in (1, total):
            lead = self.first if number == 1 else self.last
        template = self.desk if section else self.no_desk
        return template.format(lead=lead, section=section)

    def _line(self, template: str, title: str, date: dt.date, where: str) -> tuple[str, str]:
        written = template.format(title=title, date=self.written_date(date))
        said = template.format(title=title, date=self.spoken_date(date, where))
        return written, said


@dataclass(frozen=True)
class Language:
    """Everything language-specific, for one language (docs/languages.md)."""

    code: str
    """Base BCP 47 subtag: ``en``, ``fr``, ``nl``, ``de``."""
    name: str
    """English name of the language (``French``), for messages."""
    speak: Callable[[Draft], str]
    """Rewrites a draft into what a voice of this language should say (``spoken_form``)."""
    boundaries: Boundaries
    """Abbreviations, titles, starters, ordinals: what ends a sentence."""
    phrases: Phrases
    """The edition's own lines."""
    strings: Mapping[str, str]
    """Page and player strings by key (the keys of ``en.STRINGS``); ``{name}`` placeholders."""
    announces_foreign: bool = False
    """``speak`` announces text in a script its voice cannot read ("a passage in Greek");
    otherwise such text is spelled out letter by letter."""

    def text(self, key: str, **values: object) -> str:
        """The page string ``key`` with its placeholders filled: ``text("by_author",
        author="Ana Diaz")``."""
        return self.strings[key].format(**values)

    def player_labels(self) -> dict[str, str]:
        """The player's words that differ from its built-in English ones, as its ``labels``
        attribute takes them: by the player's own key (``play``), each placeholder ``{}``."""
        english = builtin("en").strings
        return {
            key.removeprefix(PLAYER): _PLACEHOLDER.sub("{}", value)
            for key, value in self.strings.items()
            if key.startswith(PLAYER) and value != english.get(key)
        }


@lru_cache(maxsize=256)
def base_language(tag: str) -> str:
    """``en-GB`` -> ``en``; ``fr_BE`` -> ``fr``; ``""`` -> ``en``."""
    base = tag.replace("_", "-").split("-")[0].strip().lower()
    return base or "en"


def language_for(tag: str) -> Language:
    """The ``Language`` of a BCP 47 tag (``fr-BE`` -> French); a generic one if none is known."""
    base = base_language(tag)
    known = builtin(base) if base in BUILTIN else registry().get(base)
    return known if known is not None else _generic(base)


def has_rules(tag: str) -> bool:
    """Whether the tag's language has a module of its own (not the generic fallback)."""
    base = base_language(tag)
    return base in BUILTIN or base in registry()


@cache
def builtin(code: str) -> Language:
    """A built-in language (one of ``BUILTIN``): its module alone is imported. Plug-ins are
    looked for only for other codes (finding them reads every installed package's
    metadata: about 0.2 s, at each render's start)."""
    return importlib.import_module(f"{__name__}.{code}").LANGUAGE  # type: ignore[no-any-return]


@cache
def registry() -> Mapping[str, Language]:
    """Every language with a module: the built-ins, then installed entry points."""
    languages: dict[str, Language] = {code: builtin(code) for code in BUILTIN}
    for point in entry_points(group=ENTRY_POINT_GROUP):
        try:
            language = point.load()
        except Exception as exc:  # a broken plug-in must not stop a render
            log.warning("language plug-in %s cannot be loaded: %s", point.name, exc)
            continue
        if isinstance(language, Language):
            languages.setdefault(language.code, language)
    return languages


@lru_cache(maxsize=64)
def _generic(code: str) -> Language:
    """A language without a module: num2words numbers in it, the rest English."""
    from audio_edition.text import generic  # the fallback rules

    english = builtin("en")
    return replace(english, code=code, name=code, speak=generic.speak, announces_foreign=False)
