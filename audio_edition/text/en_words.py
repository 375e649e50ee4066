"""English word rules: addresses, abbreviations and titles, Roman numerals, symbols."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

from audio_edition.text import numbers
from audio_edition.text.acronyms import spell
from audio_edition.text.scripts import UNSPACED, Run, replace_foreign
from audio_edition.text.wordlists import table, words

_TAIL = re.compile(r"[\"')\]]*\s*")

# Every run below is bounded and can only start where a token starts, so a
# megabyte of "a.a.a.a" or "1.2.3.4" costs linear time, never quadratic.
_TLD = r"\.(?:com|org|net|gov|edu|io|eu|info)"
_HOST = r"[a-z][\w-]{0,62}(?:\.[\w-]{1,63}){0,8}" + _TLD
_URL = re.compile(
    rf"(?<![^\s(\"'<\[])(?:https?://|www\.|{_HOST}/)[^\s<>\"]{{0,4000}}[^\s<>\".,;:!?)\]']"
)
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,8}\b")
_DOMAIN = re.compile(rf"(?<![\w.@-]){_HOST}\b")
_HOST_END = re.compile(r"[/?#]")
LONG_PATH = 24
"""A link whose path is longer than this, or has a query or a fragment, is announced
("a link to example dot org"), not read out character by character."""
_CODE = re.compile(
    r"(?<![\w.+/=-])(?=[A-Za-z_-]*\d)(?=[\d_-]*[A-Za-z])[A-Za-z0-9_+/=-]{25,}(?![\w+/=-])"
)
"""A token of 25 characters or more mixing letters and digits: a hash, a tracking code."""
_SCHEME = re.compile(r"^https?://")
_WWW = re.compile(r"^www\.")
_URL_SAY = {".": " dot ", "/": " slash ", "-": " dash ", "_": " underscore ", "@": " at "}
_URL_PUNCT = re.compile(r"[./\-_@]|[?=&#:%~+]")

_TITLES = {
    key: said
    for key, (said,) in table("""
    Mr | Mister
    Mrs | Missus
    Ms | Miz
    Mx | Mix
    Messrs | Messieurs
    Prof | Professor
    Gov | Governor
    Sen | Senator
    Rep | Representative
    Gen | General
    Lt | Lieutenant
    Col | Colonel
    Maj | Major
    Capt | Captain
    Cmdr | Commander
    Adm | Admiral
    Sgt | Sergeant
    Cpl | Corporal
    Pvt | Private
    Rev | Reverend
    Revd | Reverend
    Hon | Honourable
    Pres | President
    Supt | Superintendent
    Det | Detective
    Insp | Inspector
    Fr | Father
    Mt | Mount
    Mk | Mark
    Ft | Fort
    Jr | Junior
    Sr | Senior
    Atty | Attorney
    Amb | Ambassador
    Cllr | Councillor
    approx | approximately
    etc | et cetera
    vs | versus
    e.g | for example
    i.e | that is
    Inc | Incorporated
    Corp | Corporation
    Ltd | Limited
    Co | Company
    Bros | Brothers
    Ave | Avenue
    Blvd | Boulevard
    Rd | Road
    Dept | Department
    Univ | University
    est | estimated
    Ph.D | P H D
    et al | and others
    Jan | January
    Feb | February
    Mar | March
    Apr | April
    Jun | June
    Jul | July
    Aug | August
    Sep | September
    Sept | September
    Oct | October
    Nov | November
    Dec | December
""").items()
}
"""Abbreviation (without its full stop) -> what is said."""
_UNDOTTED = ("Mr", "Mrs", "Ms", "Mx", "Revd", "Cllr", "Prof")
_ABBREVIATION = re.compile(
    r"(?<![\w.])("
    + "|".join(re.escape(k) for k in sorted(_TITLES, key=len, reverse=True))
    + r")\.(?=[\s,;:)\"']|$)"
)
_BARE_TITLE = re.compile(rf"(?<![\w.])({'|'.join(_UNDOTTED)})(?= [A-Z])")
_SAINT = re.compile(r"(?<![\w.])(St|Dr|st(?=\.))\.?(?=\s|$)")
_NUMBER_WORD = re.compile(r"(?<![\w.])(?:(No|Nos|Nr)\.?|(no|nos|p|pp|N°)\.)\s?(?=\d)|#(?=\d)")
_NUMBER_SAY = {"Nos": "numbers", "nos": "numbers", "p": "page", "pp": "pages"}
_INITIAL = re.compile(r"(?<![\w.])([A-Z])\.(?=\s+[A-Z])")
_DOTTED = re.compile(r"(?<![\w.])((?:[A-Za-z]\.){2,})(?=[\W]|$)")

_ROMAN_VALUE = {"I": 1, "V": 5, "X": 10, "L": 50}
_ROMAN_OK = re.compile(r"L?X{0,3}(?:IX|IV|V?I{0,3})")
_CARDINAL_WORDS = (
    "world war|super bowl|title|chapter|phase|part|act|article|volume|stage|class|type"
    "|grade|level|round|book|section|division|tier|episode|schedule|category|vatican|apollo"
).replace("|", " ")
_CARDINAL_CONTEXT = words(_CARDINAL_WORDS.replace("world war", "war").replace("super bowl", "bowl"))
_ROMAN = re.compile(r"(?<= )([IVXL]{1,7})\b(?!-)")
_ADDRESS_HINT = re.compile(r"@|www\.|://|\.(?:com|org|net|gov|edu|io|eu|info)\b")
_MONARCHS = words(
    "Charles Elizabeth Henry Edward George William James Louis Richard Mary Anne "
    "Napoleon Peter Catherine Alexander Nicholas Frederick Frederik Philip Wilhelm Felipe "
    "Leo Pius Benedict Gregory Innocent Clement Urban Boniface Victor Ferdinand Otto "
    "Ludwig John Paul Francis Sixtus Julius Adrian Honorius Celestine Eugene Stephen "
    "Martin Callixtus Harald Olav Haakon Gustav Gustaf Carl Christian Margrethe Willem "
    "Juan Carlos Alfonso Ramesses Rameses Abdullah Mohammed Hassan Rama Mswati Sobhuza "
    "Tupou Albert Leopold Philippe Umberto Vittorio Emmanuel Manuel Pedro Ivan "
    "Constantine Justinian Theodosius Basil Michael Selim Suleiman Mehmed Murad Ahmed "
    "Edmund Malcolm David Robert Duncan Kamehameha Rudolf Sigismund Maximilian Joseph "
    "Franz Karl Friedrich Heinrich Henri Casimir Ptolemy Cleopatra Thutmose Amenhotep "
    "Seti Xerxes Darius Cyrus Artaxerxes Antiochus Herod Isabella Margaret Christina"
)
"""Monarchs and popes: a Roman numeral after them is an ordinal (``Louis XIV``)."""
_REGNAL_TITLES = words(
    "King Queen Pope Emperor Empress Tsar Czar Tsarina Kaiser Sultan Shah Pharaoh "
    "Prince Princess Duke Duchess Archduke Emir Caliph Patriarch Antipope"
)
"""Titles that make the next name a monarch's (``King Mswati III``)."""

_AMPERSAND = re.compile(r"\b([A-Z]{1,4})&([A-Z]{1,4})\b")
_SYMBOLS = re.compile(r"\s?—\s?|\s–\s|\s--\s|[&=§×@~°•●▪*]|\+(?=\s?\d)")
_SYMBOL_SAY = {"&": " and ", "=": " equals ", "§": " section ", "×": " by ", "@": " at "}
_SYMBOL_SAY |= {"~": " about ", "°": " degrees ", "+": " plus "}


def keep_stop(match: re.Match[str]) -> str:
    """``"."`` when the match ate the full stop that ends the text, else ``""``."""
    if not match.group().endswith("."):
        return ""
    tail = _TAIL.match(match.string, match.end())
    return "." if tail and tail.end() == len(match.string) else ""


def addresses(text: str, words: Mapping[str, str] | None = None, link: str = "a link to ") -> str:
    """URLs, e-mail addresses and bare domains, read symbol by symbol.

    ``words`` and ``link`` say ``.``, ``/``, ``-``, ``_``, ``@`` and "a link to" in
    another language (docs/languages.md); English by default.
    """
    if not _ADDRESS_HINT.search(text):
        return text
    said = words or _URL_SAY
    text = _URL.sub(lambda m: _say_url(m.group(), said, link), text)
    text = _EMAIL.sub(lambda m: _read_address(m.group(), said), text)
    return _DOMAIN.sub(lambda m: _read_address(m.group(), said), text)


def _say_url(url: str, said: Mapping[str, str], link: str) -> str:
    """A short URL read out; a long one (a tracking link) announced by its host."""
    bare = _SCHEME.sub("", url)
    cut = _HOST_END.search(bare)
    host, rest = (bare[: cut.start()], bare[cut.start() :]) if cut else (bare, "")
    rest = rest.rstrip("/")
    if "?" in rest or "#" in rest or len(rest) > LONG_PATH:
        return link + _read_address(_WWW.sub("", host), said)
    return _read_address(bare, said)


def codes(text: str) -> str:
    """A long code of letters and digits (a hash, a tracking code) is announced, not spelled."""
    return _CODE.sub("a long code", text)


def foreign_passages(text: str, freeze: Callable[[str], str]) -> str:
    """A passage in a script an English voice cannot read is announced: "a passage in
    Greek" (docs: text/scripts.py)."""

    def say(run: Run) -> str:
        one_word = run.script not in UNSPACED and run.words(text) == 1
        return freeze(f"a {'word' if one_word else 'passage'} in {run.name()}")

    return replace_foreign(text, "en", say)


def _read_address(address: str, said: Mapping[str, str]) -> str:
    """Spell out the punctuation of a URL or e-mail address."""
    address = _WWW.sub("w w w.", address.rstrip("/"))
    return _URL_PUNCT.sub(lambda m: said.get(m.group(), " "), address)


def abbreviations(text: str) -> str:
    """Titles, honorifics, ``No. 10``, ``St.``/``Dr.`` by context, initials, dotted acronyms."""
    text = _NUMBER_WORD.sub(
        lambda m: _NUMBER_SAY.get(m.group(1) or m.group(2) or "", "number") + " ", text
    )
    text = _SAINT.sub(_saint_or_street, text)
    text = _ABBREVIATION.sub(lambda m: _TITLES[m.group(1)] + keep_stop(m), text)
    text = _BARE_TITLE.sub(lambda m: _TITLES.get(m.group(1), m.group(1)), text)
    text = _INITIAL.sub(lambda m: spell(m.group(1)), text)
    return _DOTTED.sub(lambda m: spell(m.group(1).replace(".", "").upper()) + keep_stop(m), text)


def _saint_or_street(match: re.Match[str]) -> str:
    """``St. Louis`` is Saint, ``Main St.`` is Street; ``Dr. Okafor`` Doctor, ``Elm Dr.`` Drive."""
    word, text = match.group(1), match.string
    before = text[max(0, match.start() - 30) : match.start()].split()
    after = text[match.end() : match.end() + 30].split()
    name_after = bool(after) and after[0][:1].isupper()
    name_before = bool(before) and (before[-1][:1].isupper() or before[-1][:1].isdigit())
    place = word == "st" or (name_before and not name_after)
    if not match.group().endswith(".") and not name_after and not name_before:
        return word  # "St" or "Dr" alone: neither a title nor an address
    if word == "Dr":
        return ("Drive" if place else "Doctor") + keep_stop(match)
    return ("Street" if place else "Saint") + keep_stop(match)


def roman_numerals(text: str) -> str:
    """``World War II`` -> ``World War two``; ``King Charles III`` -> ``King Charles the third``."""
    return _ROMAN.sub(_roman, text)


def roman_value(numeral: str) -> int:
    """Value of a valid Roman numeral up to 89, 0 if it is not one."""
    if not numeral or not _ROMAN_OK.fullmatch(numeral):
        return 0
    total = 0
    for index, ch in enumerate(numeral):
        value = _ROMAN_VALUE[ch]
        following = _ROMAN_VALUE[numeral[index + 1]] if index + 1 < len(numeral) else 0
        total += -value if value < following else value
    return total


def _roman(match: re.Match[str]) -> str:
    """Cardinal after ``War``, ``Phase``, ``Title`` … and after other names (``Mark IV``);
    ordinal after a monarch or pope (``Louis XIV``, ``King Mswati III``); else as written."""
    numeral = match.group(1)
    value = roman_value(numeral)
    before = match.string[max(0, match.start() - 30) : match.start()].split()
    if not value or not before:
        return numeral
    name = before[-1]
    if name.lower() in _CARDINAL_CONTEXT:
        return numbers.cardinal(value)
    if not (name[:1].isupper() and name[1:].islower() and name.isalpha()):
        return numeral
    monarch = name in _MONARCHS or (len(before) > 1 and before[-2] in _REGNAL_TITLES)
    if monarch:
        return f"the {numbers.ordinal(value)}"
    if len(numeral) == 1:
        return numeral  # "Model X", "Yesterday I": a letter, not a number
    return numbers.cardinal(value)  # "the Mark IV engine": a model number


def symbols(text: str) -> str:
    """``&`` -> and, ``+5`` -> plus five, spaced dashes -> a pause; bullets dropped."""
    if "&" in text:
        text = _AMPERSAND.sub(lambda m: f"{spell(m.group(1))} and {spell(m.group(2))}", text)
    return _SYMBOLS.sub(_symbol, text)


def _symbol(match: re.Match[str]) -> str:
    """Word for one symbol; a spaced dash becomes a pause."""
    mark = match.group()
    if mark.strip() in ("—", "–", "--"):
        return ", "
    return _SYMBOL_SAY.get(mark, " ")
