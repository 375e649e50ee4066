"""What is on a news page but not in its article, for the extraction to leave out.

Two nets, because a spoken menu item or cookie notice is worse than a missing caption
(docs/architecture.md, "Sources"): ``PRUNE`` removes the page parts themes mark by
class or element before trafilatura reads the page, and ``is_boilerplate`` drops a
paragraph that still says what only page furniture says.
"""

from __future__ import annotations

import re

_CLASSES = ("cookie", "consent", "share", "sharing", "social", "related", "newsletter",
            "subscribe", "disclaimer", "audio", "player", "caption", "credit", "legal",
            "copyright", "advert", "ad-slot", "breadcrumb", "byline", "kicker",
            "comments", "post-navigation", "tags-links", "field--name-field-tags")  # fmt: skip
PRUNE = [
    "//figure", "//figcaption", "//audio", "//video", "//aside", "//nav", "//form",
    "//small", "//footer", "//header[not(ancestor::article)]",
    *(f"//*[contains(concat(' ', @class, ' '), '{c}')]" for c in _CLASSES),
]  # fmt: skip
"""XPath of page parts that are never the article: given to trafilatura's ``prune_xpath``."""

_PATTERNS = [
    r"\b(we|this (web)?site) uses? cookies\b", r"\bcookie (settings|policy|preferences)\b",
    r"^(share|tweet|email|copy link|print)\b.{0,60}$", r"\bshare (this|on)\b",
    r"\bsign (me )?up\b.*\b(newsletter|briefing|inbox|email)\b",
    r"\bsubscribe\b.*\b(newsletter|inbox)\b", r"^listen to this article\b",
    r"\b(generated|read|produced) (by|with) (an? )?(automated|synthetic|ai|artificial)",
    r"\bwith the help of (ai|artificial intelligence)\b", r"\ball rights reserved\b",
    r"^(©|\(c\)|copyright)\s", r"^(read more|related|see also|more on this)\s*:",
    r"^(photo|photograph|image|picture|credit)( credit)?\s*:", r"\bappeared first on\b",
    r"^advertisement$", r"^\d{1,2}:\d{2} / \d{1,2}:\d{2}$", r"^continue reading\b",
]  # fmt: skip
_BOILERPLATE = re.compile("|".join(f"(?:{p})" for p in _PATTERNS), re.IGNORECASE)
_LONG = 400
"""Characters beyond which a paragraph is prose, whatever words it uses."""


def is_boilerplate(paragraph: str) -> bool:
    """Whether ``paragraph`` is page furniture: a cookie notice, a share or newsletter
    prompt, an audio player's label, an AI or legal disclaimer, a credit."""
    return len(paragraph) < _LONG and bool(_BOILERPLATE.search(paragraph))
