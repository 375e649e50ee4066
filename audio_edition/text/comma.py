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

from audio_edition.text import acronyms, comma_dates, comma_numbers, comma_words, en_words
from audio_edition.text.conventions import Conventions
from audio_edition.text.draft import Draft
from audio_edition.text.scripts import space_out

_NUMERIC = re.compile(r"\d")


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
