"""The English spoken form: the order in which the rules run.

Order matters: caps headlines are recased first, then the lexicon (its output
is final), numeric dates (ambiguous ones are frozen as written), addresses,
times and dates (which contain dots, slashes and digits the later rules
would misread), abbreviations, money, percentages and units, fractions,
ranges, ordinals, years, Roman numerals, plain numbers, symbols, and
acronyms last, when every other capital word has been dealt with.  Rules
about numbers are skipped for text without digits.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from audio_edition.text import acronyms, en_dates, en_numbers, en_words
from audio_edition.text.draft import Draft

Rule = Callable[[str], str]
_NUMERIC = re.compile(r"[\d¼-¾⅐-⅞]")
_RULES: tuple[tuple[Rule, bool], ...] = (
    # (rule, needs a digit)
    (en_words.addresses, False),
    (en_words.codes, True),
    (en_dates.times, True),
    (en_dates.dates, True),
    (en_words.abbreviations, False),
    (en_numbers.money, True),
    (en_numbers.percent_and_units, True),
    (en_numbers.fractions, True),
    (en_numbers.ranges, True),
    (en_numbers.ordinals, True),
    (en_dates.years, True),
    (en_words.roman_numerals, False),
    (en_numbers.plain_numbers, True),
    (en_words.symbols, False),
)


def speak(draft: Draft) -> str:
    """Rewrite ``draft.text`` into what an English voice should say."""
    text = draft.text
    if acronyms.is_shouting(text, headline=draft.headline):
        text = acronyms.headline_case(text, frozenset(draft.lexicon.entries))
    text = draft.lexicon.apply_marked(text, draft.freeze, draft.language)
    text = en_words.foreign_passages(text, draft.freeze)
    numeric = bool(_NUMERIC.search(text))
    if numeric:
        text = en_dates.numeric_dates(text, draft.freeze)
    for rule, needs_digit in _RULES:
        if numeric or not needs_digit:
            text = rule(text)
    return acronyms.say_acronyms(text, draft.spelled)
