"""RSS 2.0 and Atom feeds -> ``Article``s, read by feedparser from bytes our own fetcher
brought (docs/architecture.md, "Sources").

An item's full text (``content:encoded``, Atom ``content``) is read where the feed has
it; otherwise the item's page is fetched and extracted like any article page. The
item's permalink (else its id) is its identity: its slug, so its episode's GUID, never
changes from render to render.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

import feedparser

from audio_edition.errors import SourceError
from audio_edition.models import Article
from audio_edition.sources.compose import Reading, plain
from audio_edition.sources.metadata import PageMeta
from audio_edition.sources.page import fragment_paragraphs, read_page, text_of, web_article
from audio_edition.valid import is_web


def read_feed(url: str, reading: Reading) -> Iterator[Article]:
    """Every item of the feed at ``url`` that can be read; the others are skipped."""
    fetched = reading.fetcher.get(url)
    parsed = feedparser.parse(fetched.body)
    if not parsed.get("version"):
        problem = parsed.get("bozo_exception") or "no RSS or Atom root element"
        raise SourceError(url, f"not an RSS or Atom feed ({problem})",
                          "give the address of the feed itself")  # fmt: skip
    language = plain(parsed.feed.get("language", ""))
    for entry in parsed.entries:
        try:
            yield _item(entry, language, url, reading)
        except SourceError as exc:
            reading.skip(exc)


def is_feed(body: bytes) -> bool:
    """Whether ``body`` is an RSS or Atom feed (rather than a page)."""
    return bool(feedparser.parse(body).get("version"))


def _item(entry: Any, language: str, feed: str, reading: Reading) -> Article:
    link = str(entry.get("link") or "")
    identity = link or str(entry.get("id") or "")
    if not identity:
        raise SourceError(feed, f"item '{plain(entry.get('title', ''))}' has no link or id")
    hints = PageMeta(
        title=text_of(entry.get("title", "")), author=plain(entry.get("author", "")),
        section=_section(entry), language=_language(entry) or language,
        published=_moment(entry.get("published_parsed") or entry.get("updated_parsed")),
        canonical=identity,
    )  # fmt: skip
    contents = [c for c in entry.get("content", []) if "html" in c.get("type", "")]
    if contents:
        paragraphs = fragment_paragraphs(contents[0].get("value", ""), identity)
        summary = _standfirst(text_of(entry.get("summary", "")), paragraphs)
        meta = replace(hints, summary=summary)
        return web_article(meta, paragraphs, identity, reading.defaults)
    if not is_web(link):
        raise SourceError(identity, "the item carries no text and no web page to read it from")
    page = reading.fetcher.get(link)
    return read_page(page.body, link, reading.defaults, hints)


def _standfirst(summary: str, paragraphs: list[str]) -> str:
    """The item's description as a standfirst, unless it is only the body's beginning."""
    cut = summary.removesuffix("[…]").removesuffix("...").removesuffix("…").strip()
    body = " ".join(paragraphs)
    return "" if not cut or body.startswith(cut) or summary != cut else summary


def _section(entry: Any) -> str:
    tags = entry.get("tags") or []
    return plain(tags[0].get("term", "")) if tags else ""


def _language(entry: Any) -> str:
    for content in entry.get("content", []):
        if content.get("language"):
            return plain(content["language"])
    return ""


def _moment(parsed: Any) -> dt.datetime | None:
    """feedparser's UTC ``struct_time`` as an aware datetime."""
    if not parsed:
        return None
    return dt.datetime.fromtimestamp(calendar.timegm(parsed), tz=dt.UTC)
