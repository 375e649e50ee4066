"""Numbers in decimal-comma languages: money, scales, percentages, units, ranges, plain
numbers (``comma.py``; docs/languages.md).

Written amounts: ``1.250.000`` and (French) ``1 250 000`` group thousands,
``12,50`` has a decimal comma, ``3.5`` a decimal point (read with the word for
point).  Money may put its currency before or after the amount (``12,50 €``,
``€ 12,50``, ``$3``, ``3 Mio. Euro``).  Every expression is linear.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from audio_edition.text import numbers

if TYPE_CHECKING:
    from audio_edition.text.conventions import Conventions, Currency

_GROUPED = r"\d{1,3}(?:\.\d{3})+"
_SPACED = r"\d{1,3}(?: \d{3})+"
_PLAIN = r"\d+"
AMOUNT = rf"(?:{_GROUPED}|{_SPACED}|{_PLAIN})(?:,\d+)?"
"""A written amount: grouped thousands (points or spaces) and an optional decimal comma."""
_TAIL = re.compile(r"[\"')\]»“”]*\s*")
_PERCENT = re.compile(r"(?<=\d)\s?(%|‰)")
_RANGE = re.compile(
    r"(?<![\w.,/:-])(\d{1,4}(?:,\d+)?)\s?[-–]\s?(\d{1,4}(?:,\d+)?)(?![\w/:]|[.,]\d|[-–]\d)"
)
_MINUS = re.compile(r"(?<![\w)])[-−](?=\d)")
_ALNUM = re.compile(r"\b(?:([A-Z]{1,5})(\d{1,4})|(\d{1,4})([A-Z]{1,3}))\b")
_NUMBER = re.compile(rf"(?<![\d,])(?:({_GROUPED}|{_PLAIN})(?:,(\d+)|\.(\d+))?)(?![\d])")
_SPACED_NUMBER = re.compile(rf"(?<![\d,.]){_SPACED}(?:,\d+)?(?![\d])")


def ends_text(match: re.Match[str]) -> bool:
    """Whether only closing quotes, brackets and spaces follow the match."""
    tail = _TAIL.match(match.string, match.end())
    return tail is not None and tail.end() == len(match.string)


def split_amount(written: str) -> tuple[str, str]:
    """``1.250,50`` -> (``1250``, ``50``); ``1 000`` -> (``1000``, ``""``)."""
    whole, _, fraction = written.partition(",")
    return whole.replace(".", "").replace(" ", ""), fraction


def say_integer(conv: Conventions, digits: str) -> str:
    """An integer in words; digit by digit when too long or with a leading zero."""
    if len(digits) > numbers.MAX_DIGITS or (len(digits) > 1 and digits.startswith("0")):
        return " ".join(conv.cardinal(int(d)) for d in digits)
    return conv.cardinal(int(digits))


def say_decimal(conv: Conventions, whole: str, fraction: str, mark: str = "") -> str:
    """``3,14`` -> ``trois virgule quatorze`` / ``drei Komma eins vier``."""
    head = say_integer(conv, whole or "0")
    word = mark or conv.comma
    if conv.fraction_digits or len(fraction) > 3:
        tail = " ".join(conv.cardinal(int(d)) for d in fraction)
    else:
        zeros = len(fraction) - len(fraction.lstrip("0"))
        rest = fraction.lstrip("0")
        tail = " ".join([conv.cardinal(0)] * zeros + ([conv.cardinal(int(rest))] if rest else []))
    return f"{head} {word} {tail}"


def say_amount(conv: Conventions, written: str) -> str:
    """A written amount (``1.250,5``) in words."""
    whole, fraction = split_amount(written)
    return say_decimal(conv, whole, fraction) if fraction else say_integer(conv, whole)


def is_one(written: str, conv: Conventions) -> bool:
    """Does the amount take the singular (``1``; in French also ``1,5``)?"""
    whole, fraction = split_amount(written)
    return whole == "1" and (not fraction or conv.code == "fr")


@lru_cache(maxsize=16)
def _alternation(keys: tuple[str, ...]) -> str:
    """The keys as one regex alternation, longest first."""
    return "|".join(re.escape(key) for key in sorted(keys, key=len, reverse=True))


def _money_patterns(conv: Conventions) -> tuple[re.Pattern[str], re.Pattern[str]]:
    return _compiled_money(tuple(conv.currencies), tuple(conv.scales))


@lru_cache(maxsize=16)
def _compiled_money(
    currencies: tuple[str, ...], scales: tuple[str, ...]
) -> tuple[re.Pattern[str], re.Pattern[str]]:
    cur, scale = _alternation(currencies), _alternation(scales)
    signs = _alternation(tuple(c for c in currencies if not c.isalpha() or c.isupper()))
    scaled = rf"(?:\s?({scale})(\.)?(?!\w))?"
    before = re.compile(rf"(?<![\w$€£¥])({signs})\s?({AMOUNT}){scaled}")  # not "Euro 2024"
    after = re.compile(rf"(?<![\w.,])({AMOUNT}){scaled}\s?({cur})(?![\w])")
    return before, after


def money(conv: Conventions, text: str) -> str:
    """``12,50 €`` / ``€ 12,50`` -> twelve euros fifty, in the language; ``3 Mio. €`` too."""
    if not conv.currencies:
        return text
    before, after = _money_patterns(conv)
    text = before.sub(lambda m: _money(conv, m.group(1), m.group(2), m.group(3), m), text)
    return after.sub(lambda m: _money(conv, m.group(4), m.group(1), m.group(2)), text)


def _money(
    conv: Conventions,
    symbol: str,
    amount: str,
    scale: str | None,
    prefixed: re.Match[str] | None = None,
) -> str:
    """One amount of money in words (keeping a full stop the scale took at the end)."""
    currency = conv.currencies[symbol]
    if not scale:
        return plain_money(conv, amount, currency)
    stop = "." if prefixed is not None and prefixed.group(4) and ends_text(prefixed) else ""
    return f"{_scaled(conv, amount, scale)} {currency.many}{stop}"


def plain_money(conv: Conventions, amount: str, currency: Currency) -> str:
    """``12,50`` -> ``douze euros cinquante``; ``0,50`` -> ``cinquante centimes``."""
    whole, fraction = split_amount(amount)
    if len(fraction) > 2:
        return f"{say_decimal(conv, whole, fraction)} {currency.many}"
    cents = int(fraction.ljust(2, "0")) if fraction else 0
    units = whole.lstrip("0")  # a string: a 5,000-digit amount is no int to convert
    name = currency.one if units == "1" else currency.many
    if not cents:
        return f"{say_integer(conv, whole or '0')} {name}"
    small = f"{conv.cardinal(cents)}"
    if not units:
        return f"{small} {currency.cent if cents == 1 else currency.cents}"
    return f"{say_integer(conv, whole)} {name} {small}"


def _scaled(conv: Conventions, amount: str, scale: str) -> str:
    """``1,5`` + ``Mio`` -> ``eins Komma fünf Millionen``."""
    one, many = conv.scales[scale]
    return f"{say_amount(conv, amount)} {one if is_one(amount, conv) else many}"


def scales(conv: Conventions, text: str) -> str:
    """``3 Mio. Einwohner`` -> drei Millionen Einwohner; ``2,4 mld.`` -> twee komma vier miljard."""
    if not conv.scales:
        return text
    pattern = _scale_pattern(tuple(conv.scales))

    def say(match: re.Match[str]) -> str:
        stop = "." if match.group(3) and ends_text(match) else ""
        return _scaled(conv, match.group(1), match.group(2)) + stop

    return pattern.sub(say, text)


@lru_cache(maxsize=16)
def _scale_pattern(keys: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w.,])({AMOUNT})\s?({_alternation(keys)})(\.)?(?!\w)")


def percent_and_units(conv: Conventions, text: str) -> str:
    """``3,5 %`` -> ``3,5 pour cent``; ``12 km`` -> ``12 kilomètres`` (digits kept)."""
    text = _PERCENT.sub(lambda m: " " + (conv.percent if m.group(1) == "%" else "pro mille"), text)
    if not conv.units:
        return text
    pattern = _unit_pattern(tuple(conv.units))

    def say(match: re.Match[str]) -> str:
        one, many = conv.units[match.group(2)]
        return f"{match.group(1)} {one if is_one(match.group(1), conv) else many}"

    return pattern.sub(say, text)


@lru_cache(maxsize=16)
def _unit_pattern(keys: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w.,])({AMOUNT})\s?({_alternation(keys)})(?![\w²/'’])")


def ranges(conv: Conventions, text: str) -> str:
    """``2020-2024`` -> ``2020 bis 2024``; ``2019-24`` -> ``2019 à 2024`` (numbers read later)."""
    return _RANGE.sub(lambda m: _range(conv, m.group(1), m.group(2)), text)


def _range(conv: Conventions, low: str, high: str) -> str:
    if _is_year(low) and len(high) == 2 and int(low[2:]) < int(high):
        high = low[:2] + high
    return f"{low} {conv.to} {high}"


def _is_year(text: str) -> bool:
    return len(text) == 4 and text.isdigit() and 1100 <= int(text) <= 2099


def plain_numbers(conv: Conventions, text: str) -> str:
    """``G7`` -> G 7, then ``-5`` -> minus five, ``2.400``, ``3,14``, ``3.5`` in words."""
    text = _ALNUM.sub(lambda m: " ".join(g for g in m.groups() if g), text)
    text = _MINUS.sub(conv.minus + " ", text)
    if conv.code == "fr":
        text = _SPACED_NUMBER.sub(lambda m: say_amount(conv, m.group()), text)
    return _NUMBER.sub(lambda m: _number(conv, m), text)


def _number(conv: Conventions, match: re.Match[str]) -> str:
    whole, comma, point = match.groups()
    whole = whole.replace(".", "")
    if comma:
        return say_decimal(conv, whole, comma)
    if point:
        return say_decimal(conv, whole, point, conv.point)
    return say_integer(conv, whole)
