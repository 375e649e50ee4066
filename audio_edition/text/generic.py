"""Spoken form for languages without rules of their own yet (es, it …).

The lexicon applies, ``%`` becomes the language's word for percent, and
numbers are read by num2words in that language (``3,5`` with a decimal
comma, ``2.400`` with a thousands point in German and Dutch).  Everything
else passes through for the engine to read.  A language gets full rules with
a module of its own in ``text/languages`` (docs/languages.md).
"""

from __future__ import annotations

import re

from audio_edition.text import numbers
from audio_edition.text.draft import Draft
from audio_edition.text.scripts import space_out

_PERCENT = {"fr": "pour cent", "de": "Prozent", "nl": "procent", "es": "por ciento"}
_THOUSANDS_POINT = frozenset({"de", "nl", "da", "id", "it", "es", "pt"})
_PERCENT_SIGN = re.compile(r"\s?%")
_GROUPED = re.compile(r"(?<![\d.])\d{1,3}(?:\.\d{3})+(?![\d,])")
_NUMBER = re.compile(r"(\d+)(?:,(\d+))?")


def speak(draft: Draft) -> str:
    """Lexicon, percent and numbers in ``draft.language``; the rest as written."""
    lang = draft.language
    text = draft.lexicon.apply_marked(draft.text, draft.freeze, lang)
    text = space_out(text, lang)  # a script the voice does not read: spelled, letter by letter
    text = _PERCENT_SIGN.sub(" " + _PERCENT.get(lang, "%"), text)
    if lang in _THOUSANDS_POINT:
        text = _GROUPED.sub(lambda m: m.group().replace(".", ""), text)
    return _NUMBER.sub(lambda m: _number(m.group(1), m.group(2), lang), text)


def _number(whole: str, fraction: str | None, lang: str) -> str:
    """An integer or a decimal-comma number in ``lang``."""
    if fraction:
        return numbers.decimal(whole, fraction, lang)
    return numbers.integer(whole, lang)
