"""Words in decimal-comma languages: titles and abbreviations, ordinals, Roman numerals,
symbols (``comma.py``; docs/languages.md).

* A title is said in full only before a capitalised name (``M. Dupont`` ->
  Monsieur Dupont, ``dhr. Peeters`` -> de heer Peeters, ``St-Gilles`` ->
  Saint-Gilles); an initial ``M.`` elsewhere is left alone.
* An abbreviation is said in full wherever it stands; a space inside it is
  optional (``z. B.`` and ``z.B.``); its full stop, when it also ends the
  text, is kept.
* A number word (``n°``, ``Nr.``, ``S.``, ``blz.``) only before a number.
* Roman numerals after a name: the language's ``regnal`` (``Louis XIV`` ->
  Louis quatorze, ``Willem III`` -> Willem de Derde); one-letter numerals
  (``I``, ``V``, ``X``) only after a known monarch.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from typing import TYPE_CHECKING

from audio_edition.text.comma_numbers import ends_text
from audio_edition.text.en_words import roman_value

if TYPE_CHECKING:
    from audio_edition.text.conventions import Conventions

_CAPITAL = "A-ZÀ-ÖØ-ÞĀ-Ž\U000f0000-\U000ffffd"
"""Capitals, and the marks of words the lexicon said already (``draft.py``): a name."""
_ROMAN = re.compile(r"(?<= )([IVXL]{1,7})(?![\w-])(\.(?= [a-zà-ÿ]))?")
_SPACED_DASH = re.compile(r"\s[—–]\s|\s?—\s?|\s--\s")
_SYMBOL = re.compile(r"[&=§×]|\+(?=\s?\d)")


def abbreviations(conv: Conventions, text: str) -> str:
    """Number words before numbers, titles before names, then every other abbreviation."""
    if conv.before_numbers:
        numbered = _pattern(tuple(conv.before_numbers), r"\s?(?=\d)")
        text = numbered.sub(lambda m: conv.before_numbers[_key(conv.before_numbers, m)] + " ", text)
    if conv.titles:
        titled = _pattern(tuple(conv.titles), rf"(?=(?:\s|-)[{_CAPITAL}])")
        text = titled.sub(lambda m: conv.titles[_key(conv.titles, m)], text)
    if conv.abbreviations:
        plain = _pattern(tuple(conv.abbreviations), r"(?=[\s,;:)\"'»“”]|$)")
        text = plain.sub(lambda m: _abbreviation(conv.abbreviations, m), text)
    return text


@lru_cache(maxsize=32)
def _pattern(keys: tuple[str, ...], after: str) -> re.Pattern[str]:
    """One pattern for the keys, longest first; a space after an inner full stop optional."""
    escaped = [
        re.escape(key).replace(r"\.\ ", r"\.\s?").replace(r"\ ", r"\s")
        + (r"(?!\w)" if key[-1].isalpha() else "")
        for key in sorted(keys, key=len, reverse=True)
    ]
    return re.compile(rf"(?<![\w.])(?:{'|'.join(escaped)}){after}")


def _key(table: Mapping[str, str], match: re.Match[str]) -> str:
    """The table key a match was made from (spaces inside it as written in the table)."""
    found = match.group()
    if found in table:
        return found
    squeezed = re.sub(r"\.\s+", ". ", found)
    if squeezed in table:
        return squeezed
    return next(k for k in table if k.replace(" ", "") == found.replace(" ", ""))


def _abbreviation(table: Mapping[str, str], match: re.Match[str]) -> str:
    said = table[_key(table, match)]
    return said + ("." if match.group().endswith(".") and ends_text(match) else "")


def ordinals(conv: Conventions, text: str) -> str:
    """``1er`` -> premier, ``3de`` -> derde, ``im 19. Jahrhundert`` -> im neunzehnten …"""
    if conv.read_ordinal is None or conv.ordinal_pattern is None:
        return text
    return conv.ordinal_pattern.sub(conv.read_ordinal, text)


def roman_numerals(conv: Conventions, text: str) -> str:
    """``Louis XIV`` -> Louis quatorze; ``Karl V.`` -> Karl der Fünfte; else as written."""
    if not any(ch in text for ch in "IVXL"):
        return text
    return _ROMAN.sub(lambda m: _roman(conv, m), text)


def _roman(conv: Conventions, match: re.Match[str]) -> str:
    numeral = match.group(1)
    value = roman_value(numeral)
    before = match.string[max(0, match.start() - 30) : match.start()].split()
    if not value or not before:
        return match.group()
    name = before[-1]
    if not all(part[:1].isupper() and part[1:].islower() for part in name.split("-")):
        return match.group()
    if len(numeral) == 1 and name not in conv.monarchs:
        return match.group()
    return conv.regnal(name, value)


def symbols(conv: Conventions, text: str) -> str:
    """``&`` -> et / en / und; ``+5`` -> plus five; spaced dashes -> a pause."""
    text = _SPACED_DASH.sub(", ", text)
    if not conv.symbols:
        return text
    return _SYMBOL.sub(lambda m: f" {conv.symbols.get(m.group(), m.group())} ", text)
