"""A WordPress site's REST API -> ``Article``s: ``/wp-json/wp/v2/posts``, page by page
(``X-WP-TotalPages``), with ``_embed`` for the author's name and the categories
(docs/architecture.md, "Sources"). Nothing is needed on the publisher's side.

``content.rendered`` is HTML, extracted like a feed's full text; ``date_gmt`` is the
article's time. An edited post (a later ``modified_gmt``) needs nothing of its own: its
new text is a new version of the same episode (same link, same slug, same GUID).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlencode

from audio_edition.errors import SourceError
from audio_edition.models import Article
from audio_edition.sources.compose import Reading, plain
from audio_edition.sources.metadata import PageMeta
from audio_edition.sources.page import fragment_paragraphs, text_of, web_article

API = "/wp-json/wp/v2/posts"
PER_PAGE = 20
MAX_PAGES = 50
"""Pages of posts read at most (1,000 posts at 20 a page): a site's whole archive is
not an edition."""


def read_wordpress(site: str, reading: Reading, limit: int = 0) -> Iterator[Article]:
    """The site's published posts, newest first, page after page until ``limit`` posts
    (0: every page, up to ``MAX_PAGES``)."""
    per_page = min(limit, 100) if limit else PER_PAGE
    page, pages, read = 1, 1, 0
    while page <= min(pages, MAX_PAGES) and (not limit or read < limit):
        url = f"{site.rstrip('/')}{API}?" + urlencode(
            {"per_page": per_page, "page": page, "_embed": 1}
        )
        posts, pages = _page(url, reading)
        for post in posts:
            try:
                yield _post(post, url, reading)
                read += 1
            except SourceError as exc:
                reading.skip(exc)
        page += 1


def _page(url: str, reading: Reading) -> tuple[list[Any], int]:
    fetched = reading.fetcher.get(url)
    try:
        posts = json.loads(fetched.body)
    except ValueError as exc:
        raise SourceError(url, f"not JSON ({exc})", "give the site's home address") from None
    if not isinstance(posts, list) or not all(isinstance(p, dict) for p in posts):
        raise SourceError(url, "not a WordPress list of posts", "give the site's home address")
    total = fetched.headers.get("x-wp-totalpages", "1")
    return posts, int(total) if total.isdigit() else 1


def _post(post: dict[str, Any], url: str, reading: Reading) -> Article:
    link = str(post.get("link") or "")
    if not link:
        raise SourceError(url, f"post {post.get('id')} has no link")
    content = _rendered(post, "content")
    meta = PageMeta(
        title=text_of(_rendered(post, "title")),
        summary=_excerpt(text_of(_rendered(post, "excerpt"))),
        author=_author(post), section=_category(post),
        published=_gmt(post.get("date_gmt")),
        canonical=link,
    )  # fmt: skip
    return web_article(meta, fragment_paragraphs(content, link), link, reading.defaults)


def _rendered(post: dict[str, Any], key: str) -> str:
    value = post.get(key)
    return str(value.get("rendered", "")) if isinstance(value, dict) else ""


def _excerpt(text: str) -> str:
    """WordPress's excerpt is a standfirst only when written by hand: an automatic one
    ends with "[…]" and repeats the body's beginning."""
    return "" if text.endswith(("[…]", "[...]", "…")) else text


def _embedded(post: dict[str, Any], key: str) -> list[Any]:
    embedded = post.get("_embedded")
    value = embedded.get(key) if isinstance(embedded, dict) else None
    return value if isinstance(value, list) else []


def _author(post: dict[str, Any]) -> str:
    authors = [a for a in _embedded(post, "author") if isinstance(a, dict)]
    return plain(str(authors[0].get("name", ""))) if authors else ""


def _category(post: dict[str, Any]) -> str:
    for group in _embedded(post, "wp:term"):
        for term in group if isinstance(group, list) else []:
            if isinstance(term, dict) and term.get("taxonomy") == "category":
                return text_of(str(term.get("name", "")))
    return ""


def _gmt(value: Any) -> dt.datetime | None:
    try:
        moment = dt.datetime.fromisoformat(str(value))
    except ValueError:
        return None
    return moment.replace(tzinfo=dt.UTC)
