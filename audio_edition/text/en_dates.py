"""English dates, times and years.

* ``Nov. 27`` -> November twenty-seventh; ``27 November 2026`` -> the
  twenty-seventh of November twenty twenty-six; ``2026-11-27`` likewise.
* ``07/06/2025`` is ambiguous (July 6 or 7 June) and stays as written;
  ``27/06/2025`` and ``06/27/2025`` are read.
* ``9 a.m.`` -> nine A- M (espeak-ng reads a lone ``A`` as "uh"); ``18:30`` ->
  eighteen thirty; ``18:00`` -> eighteen hundred; ``9:00`` -> nine o'clock.
* A four-digit number from 1100 to 2099 without a comma is a year (``in
  1998`` -> nineteen ninety-eight) unless a count noun follows it (``2400
  workers``) and no year word (in, since, the, a month …) precedes it.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from audio_edition.text import numbers
from audio_edition.text.en_words import keep_stop
from audio_edition.text.wordlists import words

_MONTH_NAMES = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
_MONTH_BY_PREFIX = {name[:3]: name for name in _MONTH_NAMES} | {"Sept": "September"}
_MONTH = (
    r"(January|February|March|April|May|June|July|August|September|October|November"
    r"|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)"
)
_MONTH_DAY = re.compile(
    rf"\b{_MONTH}\.?\s(\d{{1,2}})(?:st|nd|rd|th)?\b(?!:)(?:,?\s(\d{{4}})\b(?![.,:]\d))?"
)
_DAY_MONTH = re.compile(
    rf"(?<![\w.,])(\d{{1,2}})(?:st|nd|rd|th)?\s(?:of\s)?{_MONTH}\b\.?(?:,?\s(\d{{4}})\b(?![.,:]\d))?"
)
_ISO = re.compile(r"(?<![\w.-])(\d{4})-(\d{2})-(\d{2})(?![\w-])")
_NUMERIC = re.compile(r"(?<![\w./-])(\d{1,2})([/.])(\d{1,2})\2(\d{4}|\d{2})(?![\w./-])")
_MERIDIEM = re.compile(r"(?<![\w.:])(\d{1,2})(?:[:.](\d{2}))?\s?([AaPp])\.?\s?[Mm]\.?(?!\w)")
_CLOCK = re.compile(r"(?<![\w.:])([01]?\d|2[0-3]):([0-5]\d)(?![\d:])")
_YEAR = re.compile(r"(?<![\w.,$€£¥/:'])(1[1-9]\d\d|20\d\d)(?![\w%]|[.,:/]\d)")
_YEAR_BEFORE = words("""
    in since by from until till of during before after the a this that its their his
    her our early late mid spring summer autumn fall winter year season circa c ca
    between
    """) | {name.lower() for name in _MONTH_NAMES}
_NOT_A_NOUN = words("""
    and or to was is were will would had has have saw when as with for in on at but
    than through compared versus vs levels figures election elections budget season
    census games olympics world cup
    """)


def numeric_dates(text: str, freeze: Callable[[str], str]) -> str:
    """Read ISO and unambiguous day/month dates; freeze ambiguous ones as written."""
    text = _ISO.sub(_iso, text)
    return _NUMERIC.sub(lambda m: _numeric(m, freeze), text)


def _iso(match: re.Match[str]) -> str:
    """``2026-11-27`` -> November twenty-seventh, twenty twenty-six."""
    year, month, day = (int(g) for g in match.groups())
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return match.group()
    return f"{_MONTH_NAMES[month - 1]} {numbers.ordinal(day)}, {numbers.year(year)}"


def _numeric(match: re.Match[str], freeze: Callable[[str], str]) -> str:
    """``27/06/2025`` read; ``07/06/2025`` (day or month?) frozen as written."""
    first, second, year = int(match.group(1)), int(match.group(3)), match.group(4)
    if first > 12 and 1 <= second <= 12:
        day, month = first, second
    elif (second > 12 and 1 <= first <= 12) or first == second <= 12:
        day, month = second, first
    else:
        return freeze(match.group())
    if not 1 <= day <= 31:
        return freeze(match.group())
    full = int(year) if len(year) == 4 else 2000 + int(year)
    return f"the {numbers.ordinal(day)} of {_MONTH_NAMES[month - 1]} {numbers.year(full)}"


def times(text: str) -> str:
    """``9 a.m.`` -> nine A- M; ``9:30 p.m.`` -> nine thirty P M; ``18:30`` -> eighteen thirty."""
    text = _MERIDIEM.sub(_meridiem, text)
    return _CLOCK.sub(_clock, text)


def _meridiem(match: re.Match[str]) -> str:
    """``9:30 a.m.`` -> nine thirty A- M."""
    hour, minute, half = match.group(1), match.group(2), match.group(3).upper()
    said = numbers.cardinal(int(hour)) + _minutes(minute)
    letters = "A- M" if half == "A" else "P M"
    return f"{said} {letters}{keep_stop(match)}"


def _minutes(minute: str | None) -> str:
    """`` thirty``, `` oh five`` or nothing for ``00``."""
    if not minute or minute == "00":
        return ""
    if minute.startswith("0"):
        return f" oh {numbers.cardinal(int(minute))}"
    return " " + numbers.cardinal(int(minute))


def _clock(match: re.Match[str]) -> str:
    """``18:30`` -> eighteen thirty; ``18:00`` -> eighteen hundred."""
    hour_text, minute = match.groups()
    hour = int(hour_text)
    if minute != "00":
        return numbers.cardinal(hour) + _minutes(minute)
    if hour == 0:
        return "midnight"
    if hour > 12 or (len(hour_text) == 2 and hour_text.startswith("0")):
        return f"{numbers.cardinal(hour)} hundred"
    return f"{numbers.cardinal(hour)} o'clock"


def dates(text: str) -> str:
    """``Nov. 27`` -> November twenty-seventh; ``27 November`` -> the twenty-seventh of November."""
    text = _MONTH_DAY.sub(_month_day, text)
    return _DAY_MONTH.sub(_day_month, text)


def _month_day(match: re.Match[str]) -> str:
    """``Nov. 27, 2026`` -> November twenty-seventh, twenty twenty-six."""
    month, day, year = match.groups()
    if not 1 <= int(day) <= 31:
        return match.group()
    said = f"{_MONTH_BY_PREFIX.get(month, month)} {numbers.ordinal(int(day))}"
    return f"{said}, {numbers.year(int(year))}" if year else said


def _day_month(match: re.Match[str]) -> str:
    """``27 November 2026`` -> the twenty-seventh of November twenty twenty-six."""
    day, month, year = match.groups()
    if not 1 <= int(day) <= 31:
        return match.group()
    article = "" if match.string[: match.start()].endswith(("the ", "The ")) else "the "
    said = f"{article}{numbers.ordinal(int(day))} of {_MONTH_BY_PREFIX.get(month, month)}"
    said = f"{said} {numbers.year(int(year))}" if year else said
    return said + keep_stop(match)


def years(text: str) -> str:
    """Four-digit years said as years, counts as numbers (see the module docstring)."""
    return _YEAR.sub(_year, text)


def _year(match: re.Match[str]) -> str:
    """A year (``in 1998``) or a count (``2400 workers``), from the words around it."""
    value = int(match.group())
    text = match.string
    before = text[max(0, match.start() - 24) : match.start()].split()
    after = text[match.end() : match.end() + 24].split()
    previous = before[-1].strip("\"'(,-").lower() if before else ""
    following = after[0].strip("\"'),.;:") if after else ""
    if previous in _YEAR_BEFORE:
        return numbers.year(value)
    if following.isalpha() and following.islower() and following not in _NOT_A_NOUN:
        return numbers.cardinal(value)
    return numbers.year(value)
