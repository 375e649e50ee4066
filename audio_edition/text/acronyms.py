"""Acronyms: which are said as words, which letter by letter; caps headlines.

An all-capital word of two or more letters is

* kept when it is a known word-acronym (``NATO``, ``UNESCO``, ``NASA``);
* written out letter by letter when it is a known letter-acronym (``FBI`` ->
  ``F B I``, ``WHO`` -> ``W H O``);
* a word of five or more letters with enough vowels (a dateline such as
  ``BRUSSELS``, a name set in capitals) is read as a word;
* otherwise written out letter by letter *and reported* in ``Spoken.spelled``
  so the renderer can warn once per word (add it to the lexicon if wrong).

The letter ``A`` is written ``A-``: espeak-ng reads a lone capital ``A``
followed by another word as the article "uh"; ``A-`` is read as the letter.
"""

from __future__ import annotations

import re

from audio_edition.text.wordlists import words

WORD_ACRONYMS = words("""
    NATO UNESCO UNICEF NASA OPEC COVID AIDS ASEAN FIFA UEFA NAFTA SARS MERS FEMA
    OFSTED OFCOM OFGEM ACAS DEFRA FRONTEX EUROPOL INTERPOL MERCOSUR CERN ISIS
    HAMAS PEMEX NASDAQ NICE COP UNRWA ECOWAS SWIFT OXFAM BAFTA GIF LASER RADAR
    SCUBA NIMBY YIMBY ESPN DARPA NOAA TASS ANSA DAX CAC MOMA NEET IKEA LEGO
    """)
"""Acronyms read as words: kept as written."""

LETTER_ACRONYMS = words("""
    FBI CIA NSA DHS ICE DOJ EPA FDA CDC SEC FTC FCC IRS NBA NFL MLB NHL BBC CNN
    NPR PBS ABC CBS NBC AP AFP UN US USA UK EU UAE WHO WTO IMF ECB OECD IAEA ICC
    ICJ IOC NHS MP MPS PM GDP CPI CEO CFO COO CTO AI IPO ETF LGBT LGBTQ DNA RNA
    HIV ICU GP TV PC USB SUV EV ANC IRA IDF PLO KGB FSB GCHQ RAF SAS BP HSBC IBM
    HP BMW VW JP UBS ATM VAT DUP SNP CDU CSU SPD NGO UNHCR OSCE UFO VIP DJ BA MBA
    CO ID PR HR FAQ GMT UTC BST EST EDT PST PDT CET ET PT CT MT ISO OPM RSPCA NRA
    ACLU NAACP DC NYC LA NYPD LAPD MTA TSA FAA NTSB NIH USDA DOD DOE VA GOP DNC
    RNC CBP USCIS IPCC WWF UNDP UNEP IEA ECJ ECHR BNP SDLP TUC CBI FTSE
    RBS BT ITV QC KC CPS MOD MOJ DWP HMRC NCA GPS SMS PDF HTML URL API CPU
    GPU RAM SIM PIN LED LCD TB GB MB KB MW GW KW PPE QR IQ PE
    """)
"""Acronyms read letter by letter that need no warning."""

SPECIAL = {"OK": "okay", "FTSE": "Footsie", "WWII": "World War two", "WWI": "World War one"}
"""All-capital words with a reading of their own."""

_ROMAN = re.compile(r"X{0,3}(?:IX|IV|V?I{0,3})")
_VOWELS = frozenset("AEIOUY")


def spell(letters: str, *, english: bool = True) -> str:
    """``FBI`` -> ``F B I``; in English ``A`` is written ``A-`` so engines say the letter."""
    return " ".join("A-" if ch == "A" and english else ch for ch in letters)


def is_roman(word: str) -> bool:
    """A Roman numeral from I to XXXIX (II, IV, XIV …)."""
    return bool(word) and bool(_ROMAN.fullmatch(word))


def is_known(word: str) -> bool:
    """Known acronym (read as word or as letters), so no warning is needed."""
    return word in WORD_ACRONYMS or word in LETTER_ACRONYMS or word in SPECIAL


def is_pronounceable(word: str) -> bool:
    """A long capital word with vowels is a word in capitals (``BRUSSELS —``), not letters."""
    vowels = sum(1 for ch in word if ch in _VOWELS)
    return len(word) >= 5 and vowels >= 2 and vowels * 4 >= len(word)


def looks_like_acronym(word: str) -> bool:
    """In an all-caps headline: known acronyms, and words without vowels (``BBC``)."""
    return is_known(word) or not (_VOWELS & set(word)) or (len(word) > 1 and is_roman(word))


_CAPS_TOKEN = re.compile(r"(?<![\w.])[A-Z]+(?:'[A-Z]+)?(?![\w]|\.[A-Za-z])")
_ALL_CAPS = re.compile(r"\b([A-Z]{2,})('s|s)?\b")
_CASED = re.compile(r"[^\W\d_]")

CAPITALISED = words("""
    January February March April May June July August September October November
    December Monday Tuesday Wednesday Thursday Friday Saturday Sunday King Queen
    Pope Prince Princess Emperor Empress Tsar Duke World War Super Bowl Charles
    Elizabeth Henry Edward George William James Louis Richard John Paul Leo Mary
    Napoleon Catherine Peter Frederick Philip Felipe Carl Gustaf Willem Alexander
    """)
"""Words a caps headline gives an initial capital (dates, regnal names)."""


def is_shouting(text: str, *, headline: bool) -> bool:
    """All capitals: a headline with at most 10% lower case, any text with none."""
    if not headline and text.upper() != text:
        return False
    letters = _CASED.findall(text)
    upper = sum(1 for ch in letters if ch.isupper())
    lower = sum(1 for ch in letters if ch.islower())
    if upper < 4:
        return False
    if headline:
        return lower * 10 <= upper + lower
    return lower == 0 and len(text.split()) >= 3


def headline_case(text: str, names: frozenset[str]) -> str:
    """Turn an all-caps headline's words that are not acronyms to normal case.

    ``names`` are the lexicon's written forms: ``OKAFOR`` becomes ``Okafor``
    when the lexicon knows ``Okafor``, so its entry applies.
    """
    first = _CAPS_TOKEN.search(text)
    start = first.start() if first else -1
    return _CAPS_TOKEN.sub(lambda m: _case_word(m.group(), names, m.start() == start), text)


def _case_word(word: str, names: frozenset[str], first: bool) -> str:
    """Recase one caps word: keep acronyms and lexicon words, capitalise names."""
    base, quote, tail = word.partition("'")
    tail = quote + tail.lower()
    if base in names or (len(base) > 1 and looks_like_acronym(base)) or base == "I":
        return base + tail
    if base.capitalize() in names or base.capitalize() in CAPITALISED or first:
        return base.capitalize() + tail
    return base.lower() + tail


def say_acronyms(
    text: str,
    spelled: dict[str, None],
    word_acronyms: frozenset[str] = WORD_ACRONYMS,
    letter_acronyms: frozenset[str] = LETTER_ACRONYMS,
    *,
    english: bool = True,
) -> str:
    """Keep word-acronyms, spell letter-acronyms, record unknown ones in ``spelled``.

    Other languages pass their own lists and ``english=False``: no ``SPECIAL``
    readings, no ``A-`` and no English possessive (docs/languages.md).
    """
    known = (word_acronyms, letter_acronyms)
    if english:
        return _ALL_CAPS.sub(lambda m: _say(m.group(1), m.group(2) or "", spelled, known), text)
    return _ALL_CAPS_WORD.sub(lambda m: _say(m.group(), "", spelled, known, english=False), text)


_ALL_CAPS_WORD = re.compile(r"\b[A-Z]{2,}\b")


def _say(
    word: str,
    suffix: str,
    spelled: dict[str, None],
    known: tuple[frozenset[str], frozenset[str]],
    *,
    english: bool = True,
) -> str:
    """How to say one all-capital word (and record it if unknown)."""
    words, letters_known = known
    if english and word in SPECIAL:
        return SPECIAL[word] + suffix
    if word in words or is_roman(word):
        return word + suffix
    if word not in letters_known and is_pronounceable(word):
        return word.capitalize() + suffix
    if word not in letters_known:
        spelled[word] = None
    letters = spell(word, english=english)
    if not suffix:
        return letters
    return (letters[:-1] if letters.endswith("-") else letters) + "'s"
