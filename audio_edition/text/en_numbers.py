"""English numbers: money, percentages, units, fractions, ranges, ordinals, plain numbers.

Number words come from ``numbers`` (num2words).  Percentages and units only
rewrite the symbol (``3.5%`` -> ``3.5 percent``) and leave the digits to the
range and number rules that run after them.
"""

from __future__ import annotations

import re
import unicodedata
from fractions import Fraction

from audio_edition.text import numbers
from audio_edition.text.wordlists import table

_AMOUNT = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_MONEY = re.compile(
    rf"(?<![\w$€£¥])(US|NZ|HK|C|A|S)?([$€£¥])\s?({_AMOUNT})"
    rf"(?:\s?(?:-|–|to)\s?[$€£¥]?({_AMOUNT}))?"
    r"(?:\s?(bn|mn|tn|trn|m|k|B|M|K|T|(?i:million|billion|trillion|thousand))(?!\w))?"
)
_POSTFIX_EURO = re.compile(rf"(?<![\w.,])({_AMOUNT})\s?€")
_SMALL_COIN = re.compile(r"(?<![\w.,$€£¥])(\d{1,3})\s?(p|c|¢)(?!\w)")
_CURRENCY = table("""
    $ | dollar | dollars | cent | cents
    € | euro | euros | cent | cents
    £ | pound | pounds | penny | pence
    ¥ | yen | yen | sen | sen
""")
"""Symbol -> singular, plural, hundredth singular, hundredth plural."""
_PREFIX = {"US": "U S", "NZ": "New Zealand", "HK": "Hong Kong", "C": "Canadian"}
_PREFIX |= {"A": "Australian", "S": "Singapore"}
_SCALE = {"bn": "billion", "b": "billion", "mn": "million", "m": "million", "k": "thousand"}
_SCALE |= {"tn": "trillion", "trn": "trillion", "t": "trillion"}

_PERCENT = re.compile(r"(?<=\d)\s?%")
_UNITS = table("""
    km | kilometre | kilometres
    m | metre | metres
    cm | centimetre | centimetres
    mm | millimetre | millimetres
    mi | mile | miles
    kg | kilogram | kilograms
    g | gram | grams
    mg | milligram | milligrams
    lb | pound | pounds
    lbs | pound | pounds
    oz | ounce | ounces
    ml | millilitre | millilitres
    mph | mile per hour | miles per hour
    km/h | kilometre per hour | kilometres per hour
    kph | kilometre per hour | kilometres per hour
    ft | foot | feet
    yd | yard | yards
    ha | hectare | hectares
    km² | square kilometre | square kilometres
    km2 | square kilometre | square kilometres
    m² | square metre | square metres
    °C | degree Celsius | degrees Celsius
    °F | degree Fahrenheit | degrees Fahrenheit
    ° | degree | degrees
    MW | megawatt | megawatts
    GW | gigawatt | gigawatts
    kW | kilowatt | kilowatts
    kWh | kilowatt hour | kilowatt hours
    MWh | megawatt hour | megawatt hours
    GWh | gigawatt hour | gigawatt hours
    TWh | terawatt hour | terawatt hours
    GB | gigabyte | gigabytes
    MB | megabyte | megabytes
    TB | terabyte | terabytes
    Mbps | megabit per second | megabits per second
    Gbps | gigabit per second | gigabits per second
    Hz | hertz | hertz
    kHz | kilohertz | kilohertz
    MHz | megahertz | megahertz
    GHz | gigahertz | gigahertz
    ppm | part per million | parts per million
    mins | minute | minutes
    hrs | hour | hours
    bn | billion | billion
    tn | trillion | trillion
""")
"""Unit written after a number -> singular, plural."""
_UNIT = re.compile(
    r"(?<![\w.,])(\d[\d,]*(?:\.\d+)?)\s?("
    + "|".join(re.escape(u) for u in sorted(_UNITS, key=len, reverse=True))
    + r")(?![\w²/])"
)

_VULGAR = re.compile(r"(?<![\w.])(?:(\d+)\s?)?([¼½¾⅐⅑⅒⅓⅔⅕⅖⅗⅘⅙⅚⅛⅜⅝⅞])")
_SLASHED = re.compile(r"(?<![\w./])(?:(\d+) )?(\d{1,2})/(\d{1,2})(?![\w/]|\.\d)")
_SLASH_SPECIAL = {"24/7": "twenty-four seven", "9/11": "nine eleven", "50/50": "fifty-fifty"}
_RANGE = re.compile(
    r"(?<![\w.,/:-])(\d{1,4}(?:\.\d+)?)\s?[-–]\s?(\d{1,4}(?:\.\d+)?)(?![\w/:]|[.,]\d|[-–]\d)"
)
_ORDINAL = re.compile(r"(?<![\w.,])(\d{1,9})(?:st|nd|rd|th)\b")
_DECADE = re.compile(r"(?<![\w.,])(?:'(\d0)|(\d\d\d0|\d0))s\b")
_ALNUM = re.compile(r"\b(?:([A-Z]{1,5})(\d{1,4})|(\d{1,4})([A-Z]{1,3}))\b")
_MINUS = re.compile(r"(?<![\w)])-(?=\d)")
_NUMBER = re.compile(r"(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?")


def money(text: str) -> str:
    """``$1.2bn`` -> one point two billion dollars; ``$3.50`` -> three dollars and fifty cents."""
    text = _MONEY.sub(_money, text)
    text = _POSTFIX_EURO.sub(lambda m: _plain_money(m.group(1), _CURRENCY["€"]), text)
    return _SMALL_COIN.sub(_coin, text)


def _money(match: re.Match[str]) -> str:
    """An amount after a currency symbol, with an optional range and scale."""
    prefix, symbol, amount, upper, scale = match.groups()
    names = _CURRENCY[symbol]
    if prefix and symbol == "$":
        names = (f"{_PREFIX[prefix]} {names[0]}", f"{_PREFIX[prefix]} {names[1]}", *names[2:])
    if not scale and not upper:
        return _plain_money(amount, names)
    said = numbers.number(amount.replace(",", ""))
    if upper:
        said += " to " + numbers.number(upper.replace(",", ""))
    spoken_scale = _SCALE.get(scale.lower(), scale.lower()) if scale else ""
    return " ".join(part for part in (said, spoken_scale, names[1]) if part)


def _plain_money(amount: str, names: tuple[str, ...]) -> str:
    """``3.50`` -> three dollars and fifty cents; ``3.5`` -> three point five dollars."""
    whole, _, cents = amount.replace(",", "").partition(".")
    if cents and len(cents) != 2:
        return f"{numbers.decimal(whole, cents)} {names[1]}"
    units, small = (whole or "0").lstrip("0"), int(cents or "0")
    parts = []
    if units or not small:
        parts.append(f"{numbers.integer(whole or '0')} {names[0] if units == '1' else names[1]}")
    if small:
        parts.append(f"{numbers.cardinal(small)} {names[2] if small == 1 else names[3]}")
    return " and ".join(parts)


def _coin(match: re.Match[str]) -> str:
    """``50p`` -> fifty pence; ``99c`` -> ninety-nine cents."""
    count = int(match.group(1))
    if match.group(2) == "p":
        return f"{numbers.cardinal(count)} {'penny' if count == 1 else 'pence'}"
    return f"{numbers.cardinal(count)} {'cent' if count == 1 else 'cents'}"


def percent_and_units(text: str) -> str:
    """``3.5%`` -> ``3.5 percent``; ``12 km`` -> ``12 kilometres`` (digits kept)."""
    text = _PERCENT.sub(" percent", text)
    return _UNIT.sub(_unit, text)


def _unit(match: re.Match[str]) -> str:
    """``12 km`` -> ``12 kilometres``; singular after exactly ``1``."""
    amount, unit = match.groups()
    singular, plural = _UNITS[unit]
    return f"{amount} {singular if amount == '1' else plural}"


def fractions(text: str) -> str:
    """``2½`` -> two and a half; ``3/4`` -> three quarters; ``24/7`` kept as said."""
    text = _VULGAR.sub(_vulgar, text)
    return _SLASHED.sub(_slashed, text)


def _vulgar(match: re.Match[str]) -> str:
    """``2½`` -> two and a half."""
    value = Fraction(unicodedata.numeric(match.group(2))).limit_denominator(10)
    return _fraction_words(match.group(1), value.numerator, value.denominator)


def _slashed(match: re.Match[str]) -> str:
    """``3/4`` -> three quarters; other slashes stay as written."""
    whole, top, bottom = match.group(1), int(match.group(2)), int(match.group(3))
    written = f"{match.group(2)}/{match.group(3)}"
    if not whole and written in _SLASH_SPECIAL:
        return _SLASH_SPECIAL[written]
    if not 0 < top < bottom <= 10:
        return match.group()
    return _fraction_words(whole, top, bottom)


def _fraction_words(whole: str | None, top: int, bottom: int) -> str:
    """Words for a fraction, with an optional whole part."""
    names = {2: ("half", "halves"), 4: ("quarter", "quarters")}
    ordinal = numbers.ordinal(bottom)
    singular, plural = names.get(bottom, (ordinal, ordinal + "s"))
    if whole:
        part = f"a {singular}" if top == 1 else f"{numbers.cardinal(top)} {plural}"
        return f"{numbers.integer(whole)} and {part}"
    return f"{numbers.cardinal(top)} {singular if top == 1 else plural}"


def ranges(text: str) -> str:
    """``2019-2024`` -> twenty nineteen to twenty twenty-four; ``10–12`` -> ten to twelve."""
    return _RANGE.sub(_range, text)


def _range(match: re.Match[str]) -> str:
    """Two numbers joined by a dash: years or numbers, with ``to``."""
    low, high = match.groups()
    if _is_year(low) and len(high) == 2 and high.isdigit():
        high = low[:2] + high
    if _is_year(low) and _is_year(high) and int(low) < int(high):
        return f"{numbers.year(int(low))} to {numbers.year(int(high))}"
    return f"{numbers.number(low)} to {numbers.number(high)}"


def _is_year(text: str) -> bool:
    """Four digits from 1100 to 2099."""
    return len(text) == 4 and text.isdigit() and 1100 <= int(text) <= 2099


def ordinals(text: str) -> str:
    """``3rd`` -> third; ``1990s`` -> nineteen nineties; ``'90s`` -> nineties."""
    text = _ORDINAL.sub(lambda m: numbers.ordinal(int(m.group(1))), text)
    return _DECADE.sub(_decade, text)


def _decade(match: re.Match[str]) -> str:
    """``1990s`` -> nineteen nineties; ``'90s`` -> nineties."""
    short, full = match.groups()
    if full and len(full) == 4:
        return numbers.plural(numbers.year(int(full)))
    return numbers.plural(numbers.cardinal(int(short or full)))


def plain_numbers(text: str) -> str:
    """``G7`` -> G 7 first; then ``-5`` -> minus five, ``2,400``, ``3.14`` in words."""
    text = _ALNUM.sub(lambda m: " ".join(g for g in m.groups() if g), text)
    text = _MINUS.sub("minus ", text)
    return _NUMBER.sub(lambda m: _number(m.group(1), m.group(2)), text)


def _number(whole: str, fraction: str | None) -> str:
    """A plain integer or decimal in words."""
    if fraction:
        return numbers.decimal(whole.replace(",", ""), fraction)
    return numbers.integer(whole)
