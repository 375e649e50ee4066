"""``feed.xml``: RSS 2.0 with the iTunes tags Apple requires and the Podcasting 2.0 namespace.

feedgen writes RSS and the iTunes tags; the Podcasting 2.0 tags
(``podcast:guid``, ``podcast:locked``, ``podcast:transcript``,
``podcast:chapters``) come from our own feedgen extension, registered as
``podcastindex`` (feedgen's iTunes extension already took the name
``podcast``). The feed is a pure function of the catalog: episodes newest
first (ties broken by kind and GUID), ``lastBuildDate`` from the newest
episode, so identical input gives identical bytes (docs/architecture.md, "Feed").
"""

from __future__ import annotations

import datetime as dt
import html
import re
import uuid
from collections.abc import Iterable
from typing import Any
from urllib.parse import quote

from feedgen.ext.base import BaseEntryExtension, BaseExtension
from feedgen.feed import FeedGenerator
from feedgen.util import xml_elem

from audio_edition import __version__
from audio_edition.models import Channel, FeedEntry
from audio_edition.site.categories import itunes_category
from audio_edition.text.languages import language_for

PODCAST_NS = "https://podcastindex.org/namespace/1.0"
AI_PURPOSE = "ai-content"
"""``purpose`` of the item's ``podcast:txt`` saying that a synthetic voice reads it (the
value feeds with AI narration use; docs/credentials.md)."""
ITUNES_NS = "http://www.itunes.com/dtds/podcast-1.0.dtd"
PODCAST_GUID_NAMESPACE = uuid.UUID("ead4c236-bf58-58c6-a2c6-a6b28d128cb6")
"""Namespace of ``podcast:guid`` (Podcasting 2.0 spec)."""
_NOT_XML = re.compile("[\x00-\x08\x0b-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


def podcast_guid(feed_url: str) -> str:
    """``podcast:guid``: UUIDv5 of the feed URL without its scheme and trailing slashes."""
    bare = re.sub(r"^[a-zA-Z][a-zA-Z0-9+.-]*://", "", feed_url).rstrip("/")
    return str(uuid.uuid5(PODCAST_GUID_NAMESPACE, bare))


def xml_text(text: str) -> str:
    """``text`` without what XML 1.0 cannot carry: C0 controls (tab and newline stay)."""
    return _NOT_XML.sub("", text)


def url_for(channel: Channel, relative: str) -> str:
    """Absolute URL of a file of the output folder."""
    return channel.base_url + quote(relative)


class PodcastIndexExtension(BaseExtension):  # type: ignore[misc]
    """Channel tags: ``podcast:guid``, ``podcast:locked`` and ``itunes:explicit`` true/false."""

    def __init__(self) -> None:
        self.guid = ""
        self.locked: bool | None = None
        self.owner = ""
        self.explicit: bool | None = None

    def extend_ns(self) -> dict[str, str]:
        return {"podcast": PODCAST_NS, "itunes": ITUNES_NS}

    def extend_rss(self, rss: Any) -> Any:
        channel = rss[0]
        if self.explicit is not None:  # feedgen knows only yes/no/clean
            xml_elem(f"{{{ITUNES_NS}}}explicit", channel).text = str(self.explicit).lower()
        if self.guid:
            xml_elem(f"{{{PODCAST_NS}}}guid", channel).text = self.guid
        if self.locked is not None:
            locked = xml_elem(f"{{{PODCAST_NS}}}locked", channel)
            locked.text = "yes" if self.locked else "no"
            if self.owner:
                locked.attrib["owner"] = self.owner
        return rss


class PodcastIndexEntryExtension(BaseEntryExtension):  # type: ignore[misc]
    """Item tags: ``podcast:transcript`` (any number), ``podcast:chapters``, and
    ``podcast:txt purpose="ai-content"`` saying that a synthetic voice reads it."""

    def __init__(self) -> None:
        self.transcripts: list[dict[str, str]] = []
        self.chapters = ""
        self.synthetic = ""

    def extend_ns(self) -> dict[str, str]:
        return {"podcast": PODCAST_NS}

    def transcript(self, url: str, mime: str, language: str, rel: str = "captions") -> None:
        """Add a transcript in the order given."""
        self.transcripts.append({"url": url, "type": mime, "language": language, "rel": rel})

    def extend_rss(self, item: Any) -> Any:
        for attributes in self.transcripts:
            xml_elem(f"{{{PODCAST_NS}}}transcript", item, **attributes)
        if self.chapters:
            xml_elem(
                f"{{{PODCAST_NS}}}chapters",
                item,
                url=self.chapters,
                type="application/json+chapters",
            )
        if self.synthetic:  # free text with a purpose (Podcasting 2.0, phase 6)
            xml_elem(f"{{{PODCAST_NS}}}txt", item, purpose=AI_PURPOSE).text = self.synthetic
        return item


def feed_xml(channel: Channel, entries: Iterable[FeedEntry]) -> str:
    """The whole feed: the channel and its newest ``channel.max_episodes`` entries."""
    listed = sorted(entries, key=_order)[: channel.max_episodes]
    fg = _channel(channel, max((e.published for e in listed), default=channel.updated))
    for entry in listed:
        _item(fg.add_entry(order="append"), channel, entry)
    xml: bytes = fg.rss_str(pretty=True, encoding="UTF-8", xml_declaration=True)
    return xml.decode("utf-8")


def _order(entry: FeedEntry) -> tuple[float, bool, str]:
    """Newest first; at the same time the edition before its articles; then by GUID."""
    return (-entry.published.timestamp(), entry.kind != "edition", entry.guid)


def _channel(channel: Channel, updated: dt.datetime) -> Any:
    fg = FeedGenerator()
    fg.load_extension("podcast")
    fg.register_extension("podcastindex", PodcastIndexExtension, PodcastIndexEntryExtension)
    fg.title(xml_text(channel.title))
    fg.description(xml_text(channel.description))
    fg.link(href=channel.feed_url, rel="self", type="application/rss+xml")
    fg.link(href=channel.base_url, rel="alternate")  # feedgen's RSS <link> is the last one
    fg.language(channel.language)
    fg.image(
        url=url_for(channel, channel.cover), title=xml_text(channel.title), link=channel.base_url
    )
    fg.generator("audio-edition", version=__version__)
    fg.lastBuildDate(updated)
    fg.pubDate(updated)
    itunes = fg.podcast
    itunes.itunes_author(xml_text(channel.author))
    itunes.itunes_image(url_for(channel, channel.cover))
    itunes.itunes_category(itunes_category(channel.category))
    itunes.itunes_type("episodic")
    if channel.owner_email:
        itunes.itunes_owner(name=xml_text(channel.author), email=channel.owner_email)
    index = fg.podcastindex
    index.guid, index.explicit = channel.podcast_guid, channel.explicit
    index.locked, index.owner = channel.locked, channel.owner_email
    return fg


def _item(fe: Any, channel: Channel, entry: FeedEntry) -> None:
    fe.guid(entry.guid, permalink=False)
    fe.title(xml_text(entry.title))
    fe.link(href=entry.link or url_for(channel, entry.page))  # the original article, if any
    synthetic = language_for(entry.language).strings["read_by_synthetic"] + "."
    fe.description(xml_text(entry.summary or entry.title) + "\n\n" + synthetic)
    fe.enclosure(url_for(channel, entry.mp3), str(entry.length), "audio/mpeg")
    fe.pubDate(entry.published)
    fe.podcast.itunes_author(xml_text(entry.author))
    fe.podcast.itunes_duration(round(entry.duration))
    fe.podcast.itunes_episode_type("full")
    index = fe.podcastindex
    index.synthetic = synthetic
    index.transcript(url_for(channel, entry.vtt), "text/vtt", entry.language)
    index.transcript(url_for(channel, entry.transcript), "application/json", entry.language)
    if entry.chapters:
        index.chapters = url_for(channel, entry.chapters)
    if entry.body:
        fe.content(_content(channel, entry), type="CDATA")
    if entry.image:  # the episode's own artwork
        fe.podcast.itunes_image(url_for(channel, entry.image))


def _content(channel: Channel, entry: FeedEntry) -> str:
    """``content:encoded``: the text read, as HTML paragraphs, then a link to its page."""
    paragraphs = [f"<p>{html.escape(xml_text(p))}</p>" for p in entry.body.split("\n\n")]
    page, title = html.escape(url_for(channel, entry.page)), html.escape(xml_text(entry.title))
    return "\n".join([*paragraphs, f'<p><a href="{page}">{title}</a></p>'])  # escaped: no "]]>"
