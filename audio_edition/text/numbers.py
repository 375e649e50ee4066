"""Number words in any language num2words knows, with safe fallbacks.

Only num2words writes number words; this module adds what it lacks: digit by
digit reading for numbers too long for it (a 5,000-digit number is read as
digits, never raises), decimals read digit by digit after the point, and
plural decades (``1990s``).
"""

from __future__ import annotations

import logging
from functools import lru_cache

from num2words import num2words

log = logging.getLogger(__name__)

MAX_DIGITS = 15
"""Longer integers are read digit by digit."""

_POINT = {"en": "point", "fr": "virgule", "de": "Komma", "nl": "komma"}


@lru_cache(maxsize=4096)
def _words(number: int, lang: str, to: str) -> str:
    """num2words, cached, without commas; English or digits when it cannot."""
    try:
        text = str(num2words(number, lang=lang, to=to))
    except (NotImplementedError, OverflowError, ValueError) as exc:
        log.debug("num2words cannot say %s in %s (%s): %s", number, lang, to, exc)
        text = str(num2words(number, lang="en", to=to)) if lang != "en" else str(number)
    return text.replace(",", "")


def cardinal(number: int, lang: str = "en") -> str:
    """``2400`` -> ``two thousand four hundred`` (no commas; digits when too long)."""
    if len(str(abs(number))) > MAX_DIGITS:
        return ("minus " if number < 0 else "") + digits(str(abs(number)), lang)
    return _words(number, lang, "cardinal")


def ordinal(number: int, lang: str = "en") -> str:
    """``27`` -> ``twenty-seventh``."""
    if len(str(number)) > MAX_DIGITS:
        return digits(str(number), lang)
    return _words(number, lang, "ordinal")


def year(number: int, lang: str = "en") -> str:
    """``1998`` -> ``nineteen ninety-eight``; ``2026`` -> ``twenty twenty-six``."""
    return _words(number, lang, "year")


def digits(text: str, lang: str = "en") -> str:
    """Read each digit of ``text``: ``007`` -> ``zero zero seven``."""
    return " ".join(_words(int(ch), lang, "cardinal") for ch in text if ch.isdecimal())


def integer(text: str, lang: str = "en") -> str:
    """Read a written integer (``2,400``, ``007``, ``12``)."""
    plain = text.replace(",", "")
    if len(plain) > MAX_DIGITS or (len(plain) > 1 and plain.startswith("0")):
        return digits(plain, lang)
    return cardinal(int(plain), lang)


def decimal(whole: str, fraction: str, lang: str = "en") -> str:
    """``3``, ``50`` -> ``three point five zero``; the fraction is read digit by digit."""
    head = integer(whole, lang) if whole else _words(0, lang, "cardinal")
    return f"{head} {_POINT.get(lang, _POINT['en'])} {digits(fraction, lang)}"


def number(text: str, lang: str = "en") -> str:
    """Read ``2,400``, ``3.5`` or ``12`` (English separators)."""
    whole, _, fraction = text.partition(".")
    if fraction:
        return decimal(whole, fraction, lang)
    return integer(whole, lang)


def plural(words: str) -> str:
    """``nineteen ninety`` -> ``nineteen nineties`` (decades)."""
    if words.endswith("y"):
        return words[:-1] + "ies"
    return words + "s"
