"""What every source does the same way: an article's text from its blocks, a slug from
a web address, whitespace made plain (docs/architecture.md, "Sources")."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

from audio_edition.errors import SourceError
from audio_edition.models import Block, BlockKind

if TYPE_CHECKING:  # httpx is imported only when a source is on the web
    from audio_edition.sources.fetch import Fetcher

SLUG = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,78}[a-z0-9])?")
"""A slug: a safe file and folder name in the output, and part of the episode's GUID."""
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_NOT_SLUG = re.compile(r"[^a-z0-9]+")
_MAX_SLUG = 60


@dataclass(frozen=True)
class Defaults:
    """What an article takes from its edition when its source is silent."""

    author: str
    """Byline when none is given."""
    language: str
    """Language when none is given."""
    date: dt.datetime
    """Publication time when none is given."""


def plain(text: str) -> str:
    """``text`` on one line: control characters dropped, runs of white space one space."""
    return " ".join(CONTROL.sub("", text).split())


def assemble(title: str, summary: str, paragraphs: list[str]) -> tuple[str, tuple[Block, ...]]:
    """Join the blocks with blank lines, remembering where each one lies."""
    parts: list[tuple[BlockKind, str]] = [("headline", title)]
    if summary:
        parts.append(("summary", summary))
    parts.extend(("paragraph", p) for p in paragraphs)
    blocks: list[Block] = []
    offset = 0
    for kind, body in parts:
        blocks.append(Block(kind, offset, offset + len(body)))
        offset += len(body) + 2
    return "\n\n".join(body for _, body in parts), tuple(blocks)


def slug_for(url: str) -> str:
    """A stable slug for the article at ``url`` (its permalink or feed id): the last
    words of its path, or, where the path says nothing (``/?p=123``, ``tag:`` ids), a
    digest of the whole address. The same address always gives the same slug, so its
    episode keeps its GUID from render to render (catalog.py)."""
    parts = urlsplit(url)
    words = ""
    for segment in reversed([s for s in parts.path.split("/") if s]):
        words = _slugged(re.sub(r"\.(html?|php|aspx?)$", "", unquote(segment)))
        if words and not words.isdigit():
            break
    if not words or words.isdigit() or parts.query:
        digest = hashlib.blake2b(url.encode("utf-8"), digest_size=4).hexdigest()
        words = f"{words}-{digest}" if words else f"{_slugged(parts.netloc) or 'item'}-{digest}"
    return words


def _slugged(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = _NOT_SLUG.sub("-", ascii_text.lower()).strip("-")
    return slug[:_MAX_SLUG].rstrip("-")


@dataclass(frozen=True)
class Reading:
    """What a web source reader is given: the render's fetcher, the edition's defaults
    and where to report an item it leaves out."""

    fetcher: Fetcher
    """The render's fetcher (limits, conditional requests, per-render cache)."""
    defaults: Defaults
    """Byline, language and date for an article whose source gives none."""
    skip: Callable[[SourceError], None]
    """Called with the one-line reason for each item left out; the others go on."""
