"""Publishing history: what a render adds to the catalog, the feed written from it, withdrawal.

The feed is always written from the catalog, inside the catalog's
transaction: every edition ever rendered into the folder is in it (newest
first, up to ``[feed] max_episodes``), and two renders into one folder never
publish a feed that misses the other's episodes.
"""

from __future__ import annotations

import datetime as dt
import logging
import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from audio_edition.catalog import Catalog, RenderedFrom, open_catalog
from audio_edition.config import EditionConfig
from audio_edition.edition import EDITION_PAGE
from audio_edition.faults import reached
from audio_edition.models import Article, Channel, Edition, Episode, FeedEntry, Published
from audio_edition.publish import Output
from audio_edition.publish.layout import split
from audio_edition.publish.lock import locked
from audio_edition.site.feed import feed_xml
from audio_edition.site.feeds import EDITION_FEED, feed_specs
from audio_edition.site.pages import article_path
from audio_edition.text.languages import language_for
from audio_edition.text.normalize import base_language

log = logging.getLogger(__name__)
SUMMARY_CHARS = 600
"""Longest description taken from an article's first paragraph when it has no summary."""


def publish_history(
    out: Output,
    config: EditionConfig,
    published: Sequence[Published],
    editions: Sequence[Edition],
    cover: Path,
) -> list[str]:
    """Record this render's episodes (``editions``: each language's edition episode) and
    switch every feed to the catalog's new state.

    Returns the MP3s these episodes keep on disk (their enclosure, and those it replaced
    within ``[feed] keep_superseded_hours``): once the pages are switched too, every other
    version of them may go.
    """
    root = out.root
    with open_catalog(root) as catalog:
        channel = _channel(catalog, config, cover.relative_to(root).as_posix())
        catalog.save_channel(channel)
        catalog.remember_render(config.date, _rendered_from(config))
        _warn_left_out(catalog, config, published)
        entries = [_article_entry(catalog, config, p, root) for p in published]
        for edition in editions:
            if edition.episode is not None:
                own = config.for_language(edition.language)
                entries.append(_edition_entry(catalog, own, edition.published, edition.episode,
                                              root))  # fmt: skip
        now = dt.datetime.now(dt.UTC)
        for entry in entries:
            catalog.record(entry, now)
        grace = now - dt.timedelta(hours=config.feed.keep_superseded_hours)
        keep = [mp3 for entry in entries for mp3 in catalog.enclosures(entry.guid, grace)]
        feeds = _stage_feeds(out, catalog, channel)
        reached("feed")
    # Committed: the catalog names this render's files; the feeds follow it at once.
    out.commit()
    for relative, staged in feeds:
        out.publish(staged, relative)
    return keep


@dataclass(frozen=True)
class Withdrawal:
    """What ``withdraw`` did."""

    entry: FeedEntry
    """The episode withdrawn (or allowed back)."""
    message: str
    """One line for the newsroom."""
    rendered_from: RenderedFrom | None
    """Where the episode's edition was last rendered from, if known."""


def withdraw(root: Path, slug: str, undo: bool = False) -> Withdrawal:
    """Take an episode out of every feed and delete its files; or, with ``undo``, forget that.

    The edition episode and the pages still include a withdrawn article until its edition
    is rendered again (``build.withdraw`` does that at once where it can)."""
    with locked(root):  # not while a render writes the folder
        with open_catalog(root, create=False) as catalog:
            if undo:
                entry = catalog.forget(slug)
                message = (
                    f"'{slug}' may be published again: render the {entry.edition} edition again."
                )
                return Withdrawal(entry, message, catalog.rendered_from(entry.edition))
            entry, files = catalog.withdraw(slug, dt.datetime.now(dt.UTC))
            channel = catalog.channel()
            assert channel is not None  # saved by every render that recorded an episode
            with Output(root) as out:
                for relative, staged in _stage_feeds(out, catalog, channel):
                    out.publish(staged, relative)
            source = catalog.rendered_from(entry.edition)
        remove_files(root, files)
        _remove_episode(root, entry)
    message = f"Withdrew '{slug}' ({entry.title[:60]}): removed from the feeds, files deleted."
    return Withdrawal(entry, message, source)


def _stage_feeds(out: Output, catalog: Catalog, publication: Channel) -> list[tuple[str, Path]]:
    """Every feed written from the catalog into the scratch folder, to be published."""
    entries, own = catalog.entries(), base_language(publication.language)
    staged = []
    for spec in feed_specs(publication, entries):
        guid = catalog.podcast_guid(publication.base_url + spec.path, spec.path)
        listed = [e for e in entries if spec.lists(e, own)]
        xml = feed_xml(spec.channel(publication, guid), listed)
        staged.append((spec.path, out.stage_text(spec.path, xml)))
    return staged


def remove_files(root: Path, relatives: Sequence[str]) -> None:
    """Delete published files that nothing points at any more."""
    for relative in relatives:
        (root / relative).unlink(missing_ok=True)
        log.info("removed %s", relative)


def _remove_episode(root: Path, entry: FeedEntry) -> None:
    """Every file of the episode: an article's folder; an edition's own files only (the
    editions of its other languages share its folder)."""
    folder = (root / entry.mp3).parent.resolve()
    if folder == root.resolve() or not folder.is_relative_to(root.resolve()):
        return
    if entry.kind == "article" and folder.is_dir():
        shutil.rmtree(folder)
        return
    for path in folder.glob(f"{entry.slug}*"):
        found = split(path.name)
        if (found and found[0] == entry.slug) or path.name == f"{entry.slug}.timing.json":
            path.unlink(missing_ok=True)


def _rendered_from(config: EditionConfig) -> RenderedFrom:
    synthesis, pub = config.synthesis, config.publication
    return RenderedFrom(config.root, config.voice, synthesis.cache_dir, pub.base_url)


def _channel(catalog: Catalog, config: EditionConfig, cover: str) -> Channel:
    pub, feed = config.publication, config.feed
    morning = dt.datetime.combine(config.date, dt.time(6), tzinfo=dt.UTC)
    before = catalog.channel()
    return Channel(
        title=pub.title,
        description=pub.description,
        language=pub.language,
        author=pub.author,
        base_url=pub.base_url,
        cover=cover,
        category=pub.category,
        explicit=pub.explicit,
        locked=feed.locked,
        owner_email=feed.owner_email,
        max_episodes=feed.max_episodes,
        podcast_guid=catalog.podcast_guid(pub.base_url + EDITION_FEED),
        updated=max(morning, before.updated) if before else morning,
        sections=feed.sections,
    )


def _article_entry(
    catalog: Catalog, config: EditionConfig, published: Published, root: Path
) -> FeedEntry:
    article, episode = published.article, published.episode
    return FeedEntry(
        guid=catalog.guid("article", article.slug, config.publication.site_url),
        kind="article",
        slug=article.slug,
        edition=config.date,
        title=article.title,
        summary=article.summary or _first_paragraph(article),
        author=article.author,
        language=article.language,
        published=article.date,
        page=article_path(article.slug),
        **_files(episode, root),
        section=article.section,
        body=_body(article),
        link=article.link,
    )


def _edition_entry(
    catalog: Catalog,
    config: EditionConfig,
    published: Sequence[Published],
    edition: Episode,
    root: Path,
) -> FeedEntry:
    pub = config.publication
    return FeedEntry(
        guid=catalog.guid("edition", edition.slug, pub.site_url),
        kind="edition",
        slug=edition.slug,
        edition=config.date,
        title=edition.title,
        summary=_in_this_edition(pub.language, [c.title for c in edition.chapters]),
        author=pub.author,
        language=pub.language,
        published=max(p.article.date for p in published),
        page=config.prefix + EDITION_PAGE,
        **_files(edition, root),
    )


def _in_this_edition(language: str, titles: Sequence[str]) -> str:
    """The edition episode's description: its articles' headlines."""
    return language_for(language).text("in_this_edition", titles="; ".join(titles))


def _files(episode: Episode, root: Path) -> dict[str, Any]:
    """Enclosure and side files, relative to the output folder."""
    relative = {k: p.relative_to(root).as_posix() for k, p in episode.files.items()}
    return {
        "mp3": relative["mp3"],
        "length": episode.mp3.stat().st_size,  # the final, tagged file
        "duration": episode.duration,
        "vtt": relative["vtt"],
        "transcript": relative["transcript"],
        "chapters": relative.get("chapters", ""),
        "image": relative.get("cover", ""),
    }


def _body(article: Article) -> str:
    """The paragraphs read, as plain text separated by blank lines."""
    blocks = (b for b in article.blocks if b.kind == "paragraph")
    return "\n\n".join(" ".join(article.text[b.start : b.end].split()) for b in blocks)


def _first_paragraph(article: Article) -> str:
    block = next((b for b in article.blocks if b.kind == "paragraph"), None)
    text = " ".join(article.text[block.start : block.end].split()) if block else ""
    if len(text) <= SUMMARY_CHARS:
        return text
    return text[:SUMMARY_CHARS].rsplit(" ", 1)[0] + " …"


def _warn_left_out(catalog: Catalog, config: EditionConfig, published: Sequence[Published]) -> None:
    """Articles published with this edition before that this render did not publish."""
    left = catalog.slugs("article", config.date) - {p.article.slug for p in published}
    for slug in sorted(left):
        log.warning(
            "'%s' was published with the %s edition and is not in this render; it stays in the "
            "feed (remove it with: audio-edition withdraw OUT %s)",
            slug,
            config.date,
            slug,
        )
