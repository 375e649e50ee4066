"""Character clean-up shared by the spoken form and the lexicon.

Curly quotes become straight ones (and CJK punctuation its ASCII kin), the many
Unicode spaces become a plain space, non-breaking and figure hyphens become
``-``, invisible characters (soft hyphen, zero-width space and joiners,
byte-order mark) disappear.  The private-use plane 15 is removed too:
``normalize`` uses it for its own marks.  ``break_long_tokens`` cuts what no
voice reads as one word into pieces.
"""

from __future__ import annotations

import re
import unicodedata

_TABLE = str.maketrans(
    {
        "‘": "'",
        "’": "'",
        "‛": "'",
        "′": "'",
        "ʼ": "'",
        "“": '"',
        "”": '"',
        "„": '"',
        "‟": '"',
        "″": '"',
        "«": '"',
        "»": '"',
        "‹": "'",
        "›": "'",
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2043": "-",
        "\u2212": "-",
        "\u2026": "...",
        "\u3002": ".",
        "\u3001": ",",
        "\uff0c": ",",
        "\uff01": "!",
        "\uff1f": "?",
        "\u00ad": None,
        "\u200b": None,
        "\u200c": None,
        "\u200d": None,
        "\u2060": None,
        "\ufeff": None,
    }
)
_SPACES = re.compile(r"[\s\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_PRIVATE = re.compile("[\U000f0000-\U000ffffd]")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_LONG_TOKEN = re.compile(r"\S{33,}")
LONG_WORD = 48
"""Longer than any word of a language written with spaces (German compounds included)."""
_WORDY = frozenset("-'")
_BULLET = re.compile(r"^[-*•◦▪▫‣⁃●○■□►▶✓✔➢➤–—]+\s+")


def clean(text: str) -> str:
    """Normalise quotes, hyphens and spaces; drop invisible and private characters."""
    text = text.translate(_TABLE)
    text = _PRIVATE.sub("", text)
    text = _CONTROL.sub("", text)
    return _SPACES.sub(" ", text).strip()


def collapse(text: str) -> str:
    """Collapse runs of whitespace to one space and trim."""
    return _SPACES.sub(" ", text).strip()


def drop_bullet(text: str) -> str:
    """Remove a bullet that opens a list line (``- item``, ``• item``)."""
    return _BULLET.sub("", text, count=1)


def break_long_tokens(text: str) -> str:
    """Break what no voice reads as one word into pieces: a run of letters longer than
    ``LONG_WORD`` into twelves, any other run of more than 32 characters without a space
    (a code, a link, a formula) into fours. The length an engine takes for a piece is
    then in proportion to the words it is given, as the clip check expects."""
    return _LONG_TOKEN.sub(_pieces, text)


def _pieces(match: re.Match[str]) -> str:
    token = match.group()
    wordy = all(c.isalpha() or c in _WORDY or unicodedata.category(c)[0] == "M" for c in token)
    if wordy and len(token) <= LONG_WORD:
        return token
    size = 12 if wordy else 4
    return " ".join(token[i : i + size] for i in range(0, len(token), size))
