"""An article page (HTML) -> ``Article``: trafilatura finds the article's paragraphs,
the page's own metadata (``metadata.py``) names it (docs/architecture.md, "Sources").

trafilatura is run for precision (``favor_precision``, no comments, tables or images)
after ``boilerplate.PRUNE`` removed what themes mark as page furniture; what still
reads like furniture is dropped paragraph by paragraph (``boilerplate.is_boilerplate``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

import trafilatura
from lxml import etree
from lxml import html as lxml_html
from trafilatura.settings import Document

from audio_edition.errors import SourceError
from audio_edition.models import Article
from audio_edition.sources.boilerplate import PRUNE, is_boilerplate
from audio_edition.sources.compose import Defaults, assemble, plain, slug_for
from audio_edition.sources.metadata import PageMeta, page_meta

MIN_WORDS = 15
"""Fewer words than this in the body: the page holds no article (an index, an error)."""
_BLOCKS = {"p", "head", "quote"}


@dataclass(frozen=True)
class Body:
    """What the extraction library made of a page."""

    paragraphs: tuple[str, ...]
    """The article's paragraphs and subheadings, in order."""
    meta: PageMeta
    """What the library read about the article (the page's own statements come first)."""


def extract(page: bytes, url: str) -> Body:
    """The article's paragraphs and the library's metadata; ``SourceError`` if none."""
    doc = trafilatura.bare_extraction(
        page, url=url, favor_precision=True, include_comments=False, include_tables=False,
        include_images=False, with_metadata=True, prune_xpath=PRUNE,
    )  # fmt: skip
    if not isinstance(doc, Document) or doc.body is None:
        raise SourceError(url, "no article found on the page", "give the page of one article")
    paragraphs = [plain(" ".join(el.itertext())) for el in doc.body if el.tag in _BLOCKS]
    date = _day(doc.date)
    meta = PageMeta(title=plain(doc.title or ""),  # its summary is the page's (metadata.py)
                    author=plain(doc.author or ""), section=plain((doc.categories or [""])[0]),
                    published=date, canonical=doc.url or "")  # fmt: skip
    return Body(tuple(p for p in paragraphs if p and not is_boilerplate(p)), meta)


def read_page(page: bytes, url: str, defaults: Defaults, hints: PageMeta | None = None) -> Article:
    """The article on ``page`` (fetched from ``url``). ``hints`` (a feed item's own
    title, date, author ...) fill what the page does not say."""
    try:
        own = page_meta(page, url)
    except (etree.ParserError, ValueError) as exc:
        raise SourceError(url, f"not an HTML page ({exc})", "give an article page") from None
    body = extract(page, url)
    meta = merged(own, hints or PageMeta(), body.meta)  # a feed's time is exact, not a day
    return web_article(meta, list(body.paragraphs), url, defaults)


def merged(*layers: PageMeta) -> PageMeta:
    """Each field from the first layer that has it."""
    first = layers[0]
    for layer in layers[1:]:
        missing = {k: getattr(layer, k) for k in first.__dataclass_fields__
                   if not getattr(first, k) and getattr(layer, k)}  # fmt: skip
        first = replace(first, **missing)
    return first


def web_article(meta: PageMeta, paragraphs: list[str], origin: str, defaults: Defaults) -> Article:
    """An ``Article`` from a web page's or feed item's metadata and paragraphs; the
    headline and standfirst are not read twice when the body repeats them."""
    if not meta.title:
        raise SourceError(origin, "no headline found", "give the page of one article")
    body = [p for p in paragraphs if p not in (meta.title, meta.summary)]
    if sum(len(p.split()) for p in body) < MIN_WORDS:
        raise SourceError(origin, "no article found (too little text besides the page's menus)",
                          "give the page of one article")  # fmt: skip
    text, blocks = assemble(meta.title, meta.summary, body)
    link = meta.canonical or origin
    return Article(
        slug=slug_for(link), title=meta.title, summary=meta.summary,
        author=meta.author or defaults.author, section=meta.section,
        language=meta.language or defaults.language, date=meta.published or defaults.date,
        text=text, blocks=blocks, source=origin, link=link,
    )  # fmt: skip


def _day(value: str | None) -> dt.datetime | None:
    try:
        day = dt.date.fromisoformat(value or "")
    except ValueError:
        return None
    return dt.datetime.combine(day, dt.time(6, 0), tzinfo=dt.UTC)


def fragment_paragraphs(fragment: str, origin: str) -> list[str]:
    """The paragraphs of an article body given as HTML (a feed's full text, WordPress's
    ``content.rendered``), extracted the same way as a page's."""
    page = f"<html><body><article>{fragment}</article></body></html>".encode()
    return list(extract(page, origin).paragraphs)


def text_of(markup: str) -> str:
    """Plain text of a title or excerpt that may hold HTML and entities."""
    if "<" not in markup and "&" not in markup:
        return plain(markup)
    try:
        return plain(lxml_html.fromstring(f"<div>{markup}</div>").text_content())
    except (etree.ParserError, ValueError):
        return plain(markup)
