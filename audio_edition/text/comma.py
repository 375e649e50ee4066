"""Spoken forms for languages that write a decimal comma, a 24-hour clock and the day
before the month: French, Dutch, German (docs/languages.md).

The rules are shared; what each language says is data, a ``Conventions`` table its
module fills in (``text/languages/fr.py`` …), plus a few functions for what does not
fit a table (German ordinal endings, French ``une heure``).  The order of the rules,
as in ``english.py``: caps headlines recased, the lexicon (final), foreign scripts,
addresses, numeric dates, times, dates with a month name, money, scales (``3 Mio.``),
titles and abbreviations, percentages and units, ordinals, ranges, years, Roman
numerals, plain numbers, symbols, acronyms, and the language's last touch
(``finish``: agreement such as ``un heure`` -> ``une heure``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from audio_edition.text import acronyms, comma_dates, comma_numbers, comma_words, en_words
from audio_edition.text.draft import Draft
from audio_edition.text.scripts import space_out

_NUMERIC = re.compile(r"\d")


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


def speak(conv: Conventions, draft: Draft) -> str:
    """Rewrite ``draft.text`` into what a voice of ``conv``'s language should say."""
    text = draft.text
    if acronyms.is_shouting(text, headline=draft.headline):
        text = acronyms.headline_case(text, frozenset(draft.lexicon.entries))
    text = draft.lexicon.apply_marked(text, draft.freeze, conv.code)
    text = space_out(text, conv.code)
    text = en_words.addresses(text, conv.url_words or None, conv.link)
    if _NUMERIC.search(text):
        text = comma_dates.numeric_dates(conv, text)
        text = comma_dates.times(conv, text)
        text = comma_dates.dates(conv, text)
        text = comma_numbers.money(conv, text)
        text = comma_numbers.scales(conv, text)
    text = comma_words.abbreviations(conv, text)
    if _NUMERIC.search(text):
        text = comma_numbers.percent_and_units(conv, text)
    text = comma_words.ordinals(conv, text)  # Roman ones too: XIXe
    if _NUMERIC.search(text):
        text = comma_numbers.ranges(conv, text)
        text = comma_dates.years(conv, text)
    text = comma_words.roman_numerals(conv, text)
    if _NUMERIC.search(text):
        text = comma_numbers.plain_numbers(conv, text)
    text = comma_words.symbols(conv, text)
    text = acronyms.say_acronyms(
        text, draft.spelled, conv.word_acronyms, conv.letter_acronyms, english=False
    )
    return conv.finish(text)
