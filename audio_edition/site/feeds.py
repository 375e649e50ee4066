"""Which feeds an output folder publishes, and which episodes each one lists.

A listener subscribes to one show and downloads each story once: the daily edition
(``feed.xml``: one episode a day, a chapter per article) and the articles
(``articles.xml``: one episode per article) are separate feeds, and with
``[feed] sections = true`` each section has a feed of its own articles
(``sections/<section>.xml``). Every feed is its own podcast: its own title,
``podcast:guid`` and self link; an episode keeps its GUID in every feed that lists it
(docs/architecture.md, "Feed").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, replace

from audio_edition.models import Channel, EpisodeKind, FeedEntry
from audio_edition.text.languages import Language, language_for
from audio_edition.text.normalize import base_language

EDITION_FEED = "feed.xml"
"""The daily edition: the feed that has always been at this address."""
ARTICLES_FEED = "articles.xml"
"""Every article, one episode each."""


@dataclass(frozen=True)
class FeedSpec:
    """One feed: where it is, what it is called, which episodes it lists."""

    path: str
    """Relative to the output folder."""
    title: str
    """The podcast's title in an app."""
    about: str
    """What a listener gets, said after the publication's own description."""
    kind: EpisodeKind
    """Edition episodes or article episodes."""
    section: str = ""
    """Only this section's articles (empty: every one)."""
    label: str = ""
    """What the pages call it, next to its address."""
    language: str = ""
    """Only episodes in this language (a base code, ``fr``); podcast apps expect one
    language per feed. Empty: the publication's own."""

    def lists(self, entry: FeedEntry, own: str) -> bool:
        """Whether this feed lists ``entry`` (``own``: the publication's base language)."""
        wanted = self.language or own
        return (
            entry.kind == self.kind
            and (not self.section or entry.section == self.section)
            and base_language(entry.language) == wanted
        )

    def channel(self, publication: Channel, podcast_guid: str) -> Channel:
        """The channel of this feed, from the publication's."""
        description = f"{publication.description} {self.about}".strip()
        return replace(
            publication,
            title=self.title,
            description=description,
            path=self.path,
            podcast_guid=podcast_guid,
            language=self.language or publication.language,
        )


def feed_specs(publication: Channel, entries: Iterable[FeedEntry]) -> list[FeedSpec]:
    """The feeds of an output folder whose catalog holds ``entries``: the publication's
    own, then those of each other language its articles are in (under ``<language>/``)."""
    own = base_language(publication.language)
    listed = list(entries)
    specs = []
    for language in [own, *sorted({base_language(e.language) for e in listed} - {own})]:
        sections = {e.section for e in listed if e.kind == "article" and e.section
                    and base_language(e.language) == language}  # fmt: skip
        specs += specs_for(publication.title, sections if publication.sections else (),
                           "" if language == own else language, language_for(language))  # fmt: skip
    return specs


def specs_for(
    title: str, sections: Iterable[str] = (), language: str = "", words: Language | None = None
) -> list[FeedSpec]:
    """The edition's feed, the articles' feed and one feed per section in ``sections``,
    of the publication's own language, or (``language``) of another one, under
    ``<language>/``; titles and descriptions in ``words`` (the feed's language)."""
    prefix = f"{language}/" if language else ""
    say = (words or language_for(language or "en")).text
    if language:
        title = f"{title} ({say('language_name')})"
    specs = [
        FeedSpec(prefix + EDITION_FEED, title, say("feed_edition_about"), "edition",
                 label=say("feed_edition_label"), language=language),
        FeedSpec(prefix + ARTICLES_FEED, say("feed_articles_title", title=title),
                 say("feed_articles_about"), "article", label=say("feed_articles_label"),
                 language=language),
    ]  # fmt: skip
    taken: set[str] = set()
    for name in sorted(set(sections)):
        slug = section_slug(name)
        while slug in taken:  # "Arts & Culture" and "Arts, Culture"
            slug += "-2"
        taken.add(slug)
        specs.append(FeedSpec(f"{prefix}sections/{slug}.xml", f"{title}: {name}",
                              say("feed_section_about", section=name), "article", name,
                              label=say("feed_section_label", section=name),
                              language=language))  # fmt: skip
    return specs


def section_slug(name: str) -> str:
    """A section's name as a file name: ``Arts & Culture`` -> ``arts-culture``."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-") or "section"
