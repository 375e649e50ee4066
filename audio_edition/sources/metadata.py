"""What a news page says about itself: JSON-LD ``NewsArticle``, Open Graph and
``article:`` meta tags, the canonical link, ``<time>``, the byline and standfirst.

These are the publisher's own statements, so they come before what the extraction
library guesses (docs/architecture.md, "Sources").
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin

from lxml import html as lxml_html

from audio_edition.sources.compose import plain

ARTICLE_TYPES = {"NewsArticle", "Article", "ReportageNewsArticle", "BlogPosting",
                 "AnalysisNewsArticle", "OpinionNewsArticle", "Report"}  # fmt: skip
BYLINE = "//*[contains(@class,'byline') or contains(@class,'field--name-uid') or @rel='author']"
STANDFIRST = (
    "//*[contains(@class,'standfirst') or contains(@class,'lede') or contains(@class,'dek')]"
)


@dataclass(frozen=True)
class PageMeta:
    """A page's statements about its article; empty where it says nothing."""

    title: str = ""
    """Headline."""
    summary: str = ""
    """Standfirst (JSON-LD or Open Graph description, or a standfirst element)."""
    author: str = ""
    """Byline, authors joined with "and"."""
    section: str = ""
    """Section (``articleSection``, ``article:section``)."""
    language: str = ""
    """Language tag (``inLanguage``, ``<html lang>``, ``og:locale``)."""
    published: dt.datetime | None = None
    """Publication time (``datePublished``, ``article:published_time``, ``<time>``)."""
    canonical: str = ""
    """The canonical address: ``<link rel=canonical>``, JSON-LD, ``og:url``."""


def page_meta(page: bytes, url: str) -> PageMeta:
    """The page's own metadata; ``url`` resolves relative addresses."""
    tree = lxml_html.fromstring(page)
    ld = _json_ld(tree)
    og = {m.get("property") or m.get("name"): m.get("content", "")
          for m in tree.iterfind(".//meta") if m.get("content")}  # fmt: skip
    links = tree.xpath("//link[@rel='canonical']/@href")
    return PageMeta(
        title=plain(str(ld.get("headline") or og.get("og:title") or "")),
        summary=_standfirst(tree, str(ld.get("description") or og.get("og:description") or "")),
        author=_authors(ld.get("author")) or _byline(tree) or plain(og.get("author", "")),
        section=_one(ld.get("articleSection")) or plain(og.get("article:section", "")),
        language=_language(ld, tree, og),
        published=_time(ld.get("datePublished")) or _time(og.get("article:published_time"))
        or _time(_first_attr(tree, "//time/@datetime")),
        canonical=urljoin(url, str(links[0]) if links else str(ld.get("url") or _entity(ld)
                          or og.get("og:url") or url)),
    )  # fmt: skip


def _standfirst(tree: Any, description: str) -> str:
    """The standfirst shown on the page; the description only where the page shows it
    too (an SEO description nobody sees is not read, and the page player could not
    find it on the page)."""
    shown = _first(tree, STANDFIRST)
    if shown:
        return shown
    visible = plain(
        " ".join(tree.xpath("//body//text()[not(ancestor::script)][not(ancestor::style)]"))
    )
    description = plain(description)
    return description if description and description in visible else ""


def _json_ld(tree: Any) -> dict[str, Any]:
    """The first JSON-LD object of an article type (inside ``@graph`` too)."""
    for script in tree.xpath("//script[@type='application/ld+json']"):
        try:
            data = json.loads(script.text or "")
        except ValueError:
            continue
        for item in _items(data):
            kinds = item.get("@type")
            kinds = kinds if isinstance(kinds, list) else [kinds]
            if ARTICLE_TYPES.intersection(k for k in kinds if isinstance(k, str)):
                return item
    return {}


def _items(data: Any) -> Iterator[dict[str, Any]]:
    if isinstance(data, list):
        for item in data:
            yield from _items(item)
    elif isinstance(data, dict):
        yield data
        yield from _items(data.get("@graph", []))


def _authors(value: Any) -> str:
    people = value if isinstance(value, list) else [value]
    names = [plain(p.get("name", "")) if isinstance(p, dict) else plain(str(p))
             for p in people if p]  # fmt: skip
    return " and ".join(n for n in names if n)


def _one(value: Any) -> str:
    if isinstance(value, list):
        value = value[0] if value else ""
    return plain(str(value or ""))


def _entity(ld: dict[str, Any]) -> str:
    entity = ld.get("mainEntityOfPage")
    return str(entity.get("@id", "")) if isinstance(entity, dict) else str(entity or "")


def _language(ld: dict[str, Any], tree: Any, og: dict[str, str]) -> str:
    lang = ld.get("inLanguage") or tree.get("lang") or og.get("og:locale", "").replace("_", "-")
    return plain(str(lang))


def _byline(tree: Any) -> str:
    text = _first(tree, BYLINE)
    for lead in ("Submitted by ", "By ", "by "):
        text = text.removeprefix(lead)
    return text.split(",")[0].split(" · ")[0].strip()


def _first(tree: Any, xpath: str) -> str:
    found = tree.xpath(xpath)
    return plain(found[0].text_content()) if found else ""


def _first_attr(tree: Any, xpath: str) -> str:
    found = tree.xpath(xpath)
    return str(found[0]) if found else ""


def _time(value: Any) -> dt.datetime | None:
    """An ISO 8601 moment (``+0000`` offsets too), made timezone-aware (UTC if naive)."""
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip().replace("Z", "+00:00")
    if len(text) > 5 and text[-5] in "+-" and text[-3] != ":":
        text = f"{text[:-2]}:{text[-2:]}"
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)
