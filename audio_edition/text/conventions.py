"""What a decimal-comma language says, as data: the ``Conventions`` table that
``text/comma.py`` reads and each language module (``text/languages/fr.py`` …) fills in
(docs/languages.md)."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Currency:
    """How one currency is said."""

    one: str
    """Name after one unit (``euro``, ``Euro``, ``dollar``)."""
    many: str
    """Name after other amounts (``euros``, ``euro``, ``Dollar``)."""
    cent: str
    """Name of a hundredth, alone (``centime``, ``cent``, ``Cent``)."""
    cents: str
    """Plural of the hundredth (``centimes``)."""


@dataclass(frozen=True)
class Conventions:
    """What a decimal-comma language says for numbers, dates, times and abbreviations."""

    code: str
    """Base language code, as num2words knows it (``fr``, ``nl``, ``de``)."""
    cardinal: Callable[[int], str]
    """Number words (num2words with the language's corrections)."""
    ordinal: Callable[[int], str]
    """Ordinal words (``troisième``, ``derde``, ``dritte``)."""
    year: Callable[[int], str]
    """A year (``neunzehnhundertachtundneunzig``)."""
    comma: str
    """The word for the decimal comma (``virgule``, ``komma``, ``Komma``)."""
    point: str
    """The word for a decimal point, when one is written (``point``, ``punt``, ``Punkt``)."""
    fraction_digits: bool
    """Read the digits after the comma one by one (German) rather than as a number."""
    minus: str
    """``moins``, ``min``, ``minus``."""
    to: str
    """The word of a range: ``à``, ``tot``, ``bis``."""
    percent: str
    """``pour cent``, ``procent``, ``Prozent``."""
    months: tuple[str, ...]
    """Month names as written in running text, January first."""
    month_abbreviations: Mapping[str, int]
    """Abbreviated months, without their full stop (``janv``, ``okt``, ``Dez``) -> 1 to 12."""
    say_date: Callable[[int, int, str, str], str]
    """``(day, month, year words or '', words before)`` -> the date as said."""
    hours: tuple[str, str]
    """The word after one hour and after other hours (``heure``/``heures``, ``uur``, ``Uhr``)."""
    clock_marks: str
    """Regular expression of what joins or follows hours and minutes (``h``, ``uur``, ``Uhr``)."""
    clock_leaders: frozenset[str]
    """Words before a bare ``14.30`` that make it a time (``om``, ``um``)."""
    currencies: Mapping[str, Currency]
    """By symbol, ISO code or name (``€``, ``EUR``, ``$``, ``Euro``); names only follow."""
    scales: Mapping[str, tuple[str, str]]
    """Scale abbreviations after a number, without their full stop -> (after one, after
    others): ``Mio`` -> Million, Millionen."""
    units: Mapping[str, tuple[str, str]]
    """Units written after a number -> (after one, after others)."""
    titles: Mapping[str, str]
    """Written before a capitalised name (``M.``, ``Mme``, ``dhr.``, ``Hr.``) -> said."""
    abbreviations: Mapping[str, str]
    """Said wherever they stand (``etc.``, ``z. B.``, ``bijv.``); ``. `` also matches ``.``."""
    before_numbers: Mapping[str, str]
    """Said only before a number (``n°``, ``p.``, ``S.``, ``Nr.``)."""
    read_ordinal: Callable[[re.Match[str]], str] | None = None
    """Reads a match of ``ordinal_pattern`` (``1er``, ``3de``, ``3.``)."""
    ordinal_pattern: re.Pattern[str] | None = None
    """Written ordinals, group 1 the digits."""
    regnal: Callable[[str, int], str] = lambda name, value: name
    """``(name, value)`` -> a monarch's name with its number (``Louis quatorze``)."""
    monarchs: frozenset[str] = frozenset()
    """Names a one-letter numeral may follow (``Karel V``)."""
    year_words: frozenset[str] = frozenset()
    """Words (lower case) before a four-digit number that make it a year."""
    counts_follow: Callable[[str], bool] = lambda word: False
    """Whether the word after a four-digit number makes it a count (``1500 Menschen``)."""
    symbols: Mapping[str, str] = field(default_factory=dict)
    """``&``, ``+``, ``§``, ``=``, ``×`` -> words (with spaces)."""
    word_acronyms: frozenset[str] = frozenset()
    """Acronyms read as words (``OTAN``, ``NAVO``, ``NATO``)."""
    letter_acronyms: frozenset[str] = frozenset()
    """Acronyms read letter by letter that need no warning."""
    url_words: Mapping[str, str] = field(default_factory=dict)
    """How ``.``, ``/``, ``-``, ``_``, ``@`` are read in an address."""
    link: str = "a link to "
    """What a long link is announced as, before its host."""
    finish: Callable[[str], str] = lambda text: text
    """The language's last touch on the whole text (agreement, elision)."""
