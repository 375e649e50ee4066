"""One ``[[sources]]`` entry of ``edition.toml``: where articles come from, and which.

Read by ``config.py`` through ``schema.py`` like every other table, so a wrong kind,
a missing URL or a bad filter is one phrase of the one configuration error
(docs/architecture.md, "Sources").
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from audio_edition import valid
from audio_edition.schema import read_table, setting

FILE_KINDS = ("markdown",)
"""Kinds read from a folder (``path``)."""
WEB_KINDS = ("html", "rss", "atom", "feed", "wordpress")
"""Kinds read from the web (``url``): ``rss``, ``atom`` and ``feed`` are one reader."""
MAX_LIMIT = 1000


def _language(value: Any) -> str | None:
    return None if value == "" else valid.language_tag(value)


def _url(value: Any) -> str | None:
    return None if value == "" else valid.http_url(value)


@dataclass(frozen=True)
class SourceSettings:
    """Where one source's articles are and which of them the edition takes."""

    kind: str = setting(choices=FILE_KINDS + WEB_KINDS)
    """``markdown`` (a folder of files), ``html`` (one article page), ``rss``, ``atom`` or
    ``feed`` (a feed; its items' pages are fetched when it carries no full text),
    ``wordpress`` (a WordPress site's REST API, ``/wp-json/wp/v2/posts``)."""
    path: Path | None = setting(None)
    """The folder of a ``markdown`` source, relative to ``edition.toml``."""
    url: str = setting("", check=_url)
    """The page, feed or WordPress site of a web source (http or https only)."""
    section: str = setting("")
    """Only articles of this section (case does not matter); empty: every section."""
    language: str = setting("", check=_language)
    """Only articles in this language (``fr`` takes ``fr-BE`` too); empty: every one."""
    since: dt.date | None = setting(None)
    """Only articles published on or after this day."""
    limit: int = setting(0, low=0, high=MAX_LIMIT)
    """At most this many articles, the newest; 0: no limit."""

    @property
    def web(self) -> bool:
        """Whether the source is read from the web."""
        return self.kind in WEB_KINDS

    @property
    def origin(self) -> str:
        """The folder or URL, as messages name it."""
        return self.url if self.web else str(self.path)


def read_sources(
    entries: Any, root: Path, name: str, problems: list[str]
) -> tuple[SourceSettings, ...]:
    """``[[sources]]`` (``name``): each entry read through the schema, its kind and
    location checked, a folder made absolute (relative to ``root``)."""
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        problems.append(f"Config value '{name}': must be an array of tables [[{name}]]")
        return ()
    sources: list[SourceSettings] = []
    for index, entry in enumerate(entries):
        where = f"{name}[{index}]"
        source = read_table(SourceSettings, entry, where, problems)
        if source is None:
            continue
        if problem := check_source(source, where):
            problems.append(problem)
        elif not source.web:
            folder = (root / (source.path or "articles")).resolve()
            if not folder.is_dir():
                problems.append(f"Config value '{where}.path': {folder} is not a folder")
            sources.append(replace(source, path=folder))
        else:
            sources.append(source)
    return tuple(sources)


def check_source(source: SourceSettings, where: str) -> str | None:
    """The phrase for a source whose kind and location do not agree, else ``None``."""
    if source.web and not source.url:
        return f"Config value '{where}.url': missing (a {source.kind} source is on the web)"
    if source.web and source.path is not None:
        return f"Config value '{where}.path': a {source.kind} source has a url, not a path"
    if not source.web and source.url:
        return f"Config value '{where}.url': a {source.kind} source is a folder: give a path"
    return None
