"""Character clean-up shared by the spoken form and the lexicon.

Curly quotes become straight ones, the many Unicode spaces become a plain
space, non-breaking and figure hyphens become ``-``, invisible characters
(soft hyphen, zero-width space and joiners, byte-order mark) disappear.  The
private-use plane 15 is removed too: ``normalize`` uses it for its own marks.
"""

from __future__ import annotations

import re

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
