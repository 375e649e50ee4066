"""Dates, times and years in decimal-comma languages (``comma.py``; docs/languages.md).

* Numeric dates put the day first: ``27/11/2026``, ``27.11.2026``,
  ``27-11-2026`` and ISO ``2026-11-27`` are all read, with the month's name;
  German ``am 3.10.`` too.
* ``1er décembre 2026``, ``1 december 2026``, ``1. Dezember 2026``: the
  language's ``say_date`` says the day (``premier``, ``één``, ``ersten``).
* Times use the 24-hour clock: ``14h30``, ``14.30 uur``, ``14:30 Uhr``, a
  bare ``14:30``, and ``14.30`` after a word such as ``om`` or ``um``.
* A four-digit number from 1100 to 2099 is a year unless it counts something
  (the language's ``counts_follow``) and no year word precedes it.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from audio_edition.text.comma_numbers import ends_text

if TYPE_CHECKING:
    from audio_edition.text.conventions import Conventions

_ISO = re.compile(r"(?<![\w.-])(\d{4})-(\d{2})-(\d{2})(?![\w-])")
_NUMERIC = re.compile(r"(?<![\w./-])(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})(?![\w/-]|[.,]\d)")
_SHORT = re.compile(r"(?<![\w./-])(\d{1,2})\.(\d{1,2})\.(?=\s+[^\W\d]|\s*$)")
_COLON = re.compile(r"(?<![\w.,:])([01]?\d|2[0-3]):([0-5]\d)(?![\d:])")
_DOTTED = re.compile(r"(?<![\w.,:])([01]?\d|2[0-3])\.([0-5]\d)(?![\d.,])")
_YEAR = re.compile(r"(?<![\w.,$€£¥/:'])(1[1-9]\d\d|20\d\d)(?![\w%]|[.,:/]\d)")
_DECADE = re.compile(r"(?<![\w.,])(1[1-9]\d0|20\d0|[2-9]0)er(?=\b|-)")


def _before(text: str, start: int, count: int = 2) -> str:
    """The ``count`` words before ``start``, lower case, without punctuation."""
    words = text[max(0, start - 40) : start].split()[-count:]
    return " ".join(word.strip("\"'(«»„“,").lower() for word in words)


def numeric_dates(conv: Conventions, text: str) -> str:
    """``2026-11-27``, ``27/11/2026``, ``27.11.2026``, ``27-11-2026``; German ``3.10.``."""
    text = _ISO.sub(lambda m: _date(conv, m, m.group(3), m.group(2), m.group(1)), text)
    text = _NUMERIC.sub(lambda m: _date(conv, m, m.group(1), m.group(3), m.group(4)), text)
    if conv.code == "de":
        text = _SHORT.sub(lambda m: _date(conv, m, m.group(1), m.group(2), ""), text)
    return text


def _date(conv: Conventions, match: re.Match[str], day: str, month: str, year: str) -> str:
    """One numeric date in words, or the match unchanged when it is no date."""
    d, m = int(day), int(month)
    if not (1 <= d <= 31 and 1 <= m <= 12):
        return match.group()
    said_year = ""
    if year:
        said_year = conv.year(int(year) if len(year) != 2 else 2000 + int(year))
    return conv.say_date(d, m, said_year, _before(match.string, match.start(), 3))


def times(conv: Conventions, text: str) -> str:
    """``14h30``, ``14.30 uur``, ``14:30 Uhr``, ``14 Uhr``, ``14:30``; ``om 14.30``."""
    marked = _clock_pattern(conv.clock_marks)
    text = marked.sub(lambda m: _time(conv, m.group(1), m.group(2) or m.group(3)), text)
    text = _COLON.sub(lambda m: _time(conv, m.group(1), m.group(2)), text)
    return _DOTTED.sub(lambda m: _led_time(conv, m), text)


@lru_cache(maxsize=8)
def _clock_pattern(marks: str) -> re.Pattern[str]:
    """``H[:.]MM MARK``, ``H MARK MM`` (``14h30``, ``14u30``) and ``H MARK``."""
    return re.compile(
        r"(?<![\w.,:])([01]?\d|2[0-3])"
        rf"(?:[:.]([0-5]\d)\s?(?:{marks})|\s?(?:{marks})(?:\s?([0-5]\d))?)(?![\w])"
    )


def _time(conv: Conventions, hour: str, minute: str | None) -> str:
    """``14``, ``30`` -> fourteen hours thirty, in the language."""
    h = int(hour)
    said = f"{conv.cardinal(h)} {conv.hours[0] if h == 1 else conv.hours[1]}"
    if minute and minute != "00":
        said += " " + conv.cardinal(int(minute))
    return said


def _led_time(conv: Conventions, match: re.Match[str]) -> str:
    """``om 14.30`` is a time; ``3.50`` after any other word is left to the numbers."""
    if _before(match.string, match.start(), 1) in conv.clock_leaders:
        return _time(conv, match.group(1), match.group(2))
    return match.group()


def dates(conv: Conventions, text: str) -> str:
    """``1er décembre 2026``, ``1 december``, ``am 1. Dezember 2026`` in words."""
    return _date_pattern(conv.months, tuple(conv.month_abbreviations)).sub(
        lambda m: _named_date(conv, m), text
    )


@lru_cache(maxsize=8)
def _date_pattern(months: tuple[str, ...], short: tuple[str, ...]) -> re.Pattern[str]:
    names = "|".join(sorted((*months, *short), key=len, reverse=True))
    return re.compile(
        rf"(?<![\w.,])(\d{{1,2}})(?:er|re|ère|e|ste|de|\.)?\s((?i:{names}))(?![\w])(\.)?"
        r"(?:\s(\d{4})(?![\w]|[.,:]\d))?"
    )


def _named_date(conv: Conventions, match: re.Match[str]) -> str:
    day, name, dot, year = match.groups()
    month = _month_number(conv, name)
    if not month or not 1 <= int(day) <= 31:
        return match.group()
    said = conv.say_date(int(day), month, conv.year(int(year)) if year else "",
                         _before(match.string, match.start(), 3))  # fmt: skip
    keep = "." if dot and not year and ends_text(match) else ""
    if dot and not year and not keep and name.lower() in _lower(conv.months):
        keep = "."  # a month written in full, then a full stop: the sentence's own
    return said + keep


def _month_number(conv: Conventions, name: str) -> int:
    """``Dezember``, ``déc``, ``okt`` -> 12, 12, 10; 0 when unknown."""
    lowered = name.lower()
    for index, month in enumerate(conv.months, start=1):
        if month.lower() == lowered:
            return index
    for short, number in conv.month_abbreviations.items():
        if short.lower() == lowered:
            return number
    return 0


@lru_cache(maxsize=8)
def _lower(months: tuple[str, ...]) -> frozenset[str]:
    return frozenset(m.lower() for m in months)


def years(conv: Conventions, text: str) -> str:
    """Four-digit years said as years, counts as numbers; German ``1990er``."""
    if conv.code == "de":
        text = _DECADE.sub(lambda m: _decade(conv, m.group(1)), text)
    return _YEAR.sub(lambda m: _year(conv, m), text)


def _decade(conv: Conventions, digits: str) -> str:
    value = int(digits)
    return (conv.year(value) if value > 99 else conv.cardinal(value)) + "er"


def _year(conv: Conventions, match: re.Match[str]) -> str:
    """A year (``im Jahr 1998``) or a count (``1500 Menschen``), from the words around it."""
    value, text = int(match.group()), match.string
    previous = _before(text, match.start(), 1)
    after = text[match.end() : match.end() + 30].split()
    following = after[0].strip("\"'),.;:»“") if after else ""
    if previous in conv.year_words or not conv.counts_follow(following):
        return conv.year(value)
    return conv.cardinal(value)
