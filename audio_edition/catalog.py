"""The published history of an output folder: every episode ever published, in SQLite.

Where: ``<out>/.audio-edition/catalog.sqlite3``, inside the output folder it
describes. The feed is written from it edition after edition, so it must
travel with the files it indexes: copy, back up or restore the folder and its
history comes along; a staging and a production folder each keep their own.
Beside the folder, it would be lost or mismatched the first time someone
copies just the site, and the next render would drop every earlier edition
from the feed. It sits in a dot-folder, like the render's scratch space, so
deploy tools that skip hidden files leave it out (``rsync --exclude '.*'``);
it holds nothing the feed does not already publish.

Why SQLite (the stdlib's sqlite3): a render's update, including writing
``feed.xml``, is one transaction, so a crash leaves the previous history
whole; two renders into the same folder take turns on its lock instead of
dropping each other's episodes; the schema is versioned (``user_version``).
The rollback journal (not WAL) leaves no side files between renders. A JSON
file would need all of that by hand.

GUIDs are minted once from the episode's identity (publication site, kind,
slug: never the title or the audio URL), stored, and read back ever after.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any

from audio_edition.catalog_file import connect, create_catalog, upgrade, verify_catalog
from audio_edition.errors import AudioEditionError
from audio_edition.models import Channel, EpisodeKind, FeedEntry
from audio_edition.site.feed import podcast_guid

CATALOG = Path(".audio-edition") / "catalog.sqlite3"
"""Where the catalog lives, relative to the output folder."""
_COLUMNS = [f.name for f in fields(FeedEntry)]


@dataclass(frozen=True)
class RenderedFrom:
    """An edition folder and the settings it was rendered with (overrides included)."""

    root: Path
    """The edition folder."""
    voice: str
    """The voice profile used."""
    cache_dir: Path
    """The clip cache used."""
    base_url: str
    """The base URL the output was rendered for."""


def episode_guid(site_url: str, kind: EpisodeKind, slug: str) -> str:
    """A new episode's GUID: UUIDv5 of the publication's site, the kind and the slug."""
    return str(
        uuid.uuid5(uuid.NAMESPACE_URL, f"{site_url.rstrip('/')}/audio-edition/{kind}/{slug}")
    )


class Catalog:
    """The catalog, inside one transaction (see ``open_catalog``)."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db

    def guid(self, kind: EpisodeKind, slug: str, site_url: str) -> str:
        """The GUID the episode was first published with, or a new one."""
        row = self.db.execute(
            "SELECT guid FROM episodes WHERE kind = ? AND slug = ?", (kind, slug)
        ).fetchone()
        return str(row[0]) if row else episode_guid(site_url, kind, slug)

    def record(self, entry: FeedEntry, now: dt.datetime) -> None:
        """Insert or update an episode. An enclosure it replaces is *superseded* from
        ``now``: apps may still be downloading it, so it stays on disk for a grace
        period (``enclosures``)."""
        row = self.db.execute("SELECT mp3 FROM episodes WHERE guid = ?", (entry.guid,)).fetchone()
        current = row[0] if row else ""
        if current and current != entry.mp3:
            self.db.execute(
                "INSERT OR REPLACE INTO superseded VALUES (?, ?, ?)",
                (entry.guid, current, now.isoformat(timespec="seconds")),
            )
        self.db.execute(
            "DELETE FROM superseded WHERE guid = ? AND mp3 = ?", (entry.guid, entry.mp3)
        )  # a version that is current again
        values = {**_to_row(entry), "withdrawn": ""}
        names = ", ".join(values)
        self.db.execute(
            f"INSERT OR REPLACE INTO episodes ({names}) VALUES ({', '.join('?' * len(values))})",
            tuple(values.values()),
        )

    def entries(self) -> list[FeedEntry]:
        """Every published episode that was not withdrawn (feed order is the feed's job)."""
        cursor = self.db.execute(
            f"SELECT {', '.join(_COLUMNS)} FROM episodes WHERE withdrawn = '' ORDER BY guid"
        )
        return [_from_row(dict(zip(_COLUMNS, row, strict=True))) for row in cursor]

    def slugs(self, kind: EpisodeKind, edition: dt.date) -> set[str]:
        """Slugs of the live episodes of one kind recorded for an edition."""
        cursor = self.db.execute(
            "SELECT slug FROM episodes WHERE kind = ? AND edition = ? AND withdrawn = ''",
            (kind, edition.isoformat()),
        )
        return {str(row[0]) for row in cursor}

    def withdraw(self, slug: str, when: dt.datetime) -> tuple[FeedEntry, list[str]]:
        """Mark an episode withdrawn; return it and every file it published."""
        entry = self._find(slug)
        self.db.execute(
            "UPDATE episodes SET withdrawn = ? WHERE guid = ?",
            (when.isoformat(timespec="seconds"), entry.guid),
        )
        older = [str(r[0]) for r in self.db.execute(
            "SELECT mp3 FROM superseded WHERE guid = ?", (entry.guid,))]  # fmt: skip
        self.db.execute("DELETE FROM superseded WHERE guid = ?", (entry.guid,))
        files = [entry.mp3, *older, entry.vtt, entry.transcript, entry.chapters,
                 entry.image]  # fmt: skip
        return entry, [f for f in dict.fromkeys(files) if f]

    def forget(self, slug: str) -> FeedEntry:
        """Remove a withdrawn episode, so a later render may publish it again (same GUID)."""
        entry = self._find(slug, withdrawn=True)
        self.db.execute("DELETE FROM episodes WHERE guid = ?", (entry.guid,))
        return entry

    def withdrawn(self) -> set[str]:
        """Slugs of withdrawn episodes."""
        return {
            str(r[0]) for r in self.db.execute("SELECT slug FROM episodes WHERE withdrawn != ''")
        }

    def channel(self) -> Channel | None:
        """The channel as the last render described it."""
        row = self.db.execute("SELECT value FROM meta WHERE key = 'channel'").fetchone()
        return _channel_from(row[0]) if row else None

    def save_channel(self, channel: Channel) -> None:
        """Keep the channel for the next feed written without an edition (``withdraw``)."""
        value = _json({**asdict(channel), "updated": channel.updated.isoformat()})
        self.db.execute("INSERT OR REPLACE INTO meta VALUES ('channel', ?)", (value,))

    def podcast_guid(self, feed_url: str, path: str = "feed.xml") -> str:
        """``podcast:guid`` of the feed at ``path``: computed from its URL once, then never
        changed (spec)."""
        key = "podcast_guid" if path == "feed.xml" else f"podcast_guid:{path}"
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        if row:
            return str(row[0])
        value = podcast_guid(feed_url)
        self.db.execute("INSERT INTO meta VALUES (?, ?)", (key, value))
        return value

    def remember_render(self, edition: dt.date, how: RenderedFrom) -> None:
        """Keep where an edition was last rendered from, and with what, so that
        ``withdraw`` can render it again without an article."""
        value = _json({**asdict(how), "root": str(how.root), "cache_dir": str(how.cache_dir)})
        key = f"rendered:{edition.isoformat()}"
        self.db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))

    def rendered_from(self, edition: dt.date) -> RenderedFrom | None:
        """Where the edition of that date was last rendered from, if known."""
        key = f"rendered:{edition.isoformat()}"
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        if row is None:
            return None
        data = json.loads(row[0])
        return RenderedFrom(Path(data["root"]), data["voice"], Path(data["cache_dir"]),
                            data["base_url"])  # fmt: skip

    def enclosures(self, guid: str, since: dt.datetime) -> tuple[str, ...]:
        """The MP3s an episode keeps on disk: its enclosure, and those it superseded after
        ``since`` (the grace period's start); older ones are forgotten, to be removed."""
        stamp = since.isoformat(timespec="seconds")
        self.db.execute("DELETE FROM superseded WHERE guid = ? AND since <= ?", (guid, stamp))
        current = self.db.execute("SELECT mp3 FROM episodes WHERE guid = ?", (guid,)).fetchone()
        older = self.db.execute("SELECT mp3 FROM superseded WHERE guid = ?", (guid,)).fetchall()
        return tuple(str(row[0]) for row in [current, *older] if row and row[0])

    def _find(self, slug: str, withdrawn: bool = False) -> FeedEntry:
        state = "withdrawn != ''" if withdrawn else "withdrawn = ''"
        cursor = self.db.execute(
            f"SELECT {', '.join(_COLUMNS)} FROM episodes WHERE slug = ? AND {state}", (slug,)
        )
        row = cursor.fetchone()
        if row is None:
            what = "withdrawn episode" if withdrawn else "published episode"
            raise AudioEditionError(f"no {what} '{slug}' in this output folder's catalog")
        return _from_row(dict(zip(_COLUMNS, row, strict=True)))


@contextmanager
def open_catalog(root: Path, create: bool = True) -> Iterator[Catalog]:
    """The catalog of ``root`` in one write transaction: committed on success, else rolled back.

    A catalog that exists must be sound (``verify_catalog``); only a missing one is new.
    """
    path = root / CATALOG
    if path.exists() or path.is_symlink():
        verify_catalog(path)
    elif not create:
        raise AudioEditionError(f"{root}: no catalog ({CATALOG}); render an edition into it first")
    else:
        create_catalog(path)
    db = connect(path)
    try:
        db.execute("BEGIN IMMEDIATE")
        upgrade(db)
        yield Catalog(db)
        db.execute("COMMIT")
    except BaseException:
        db.execute("ROLLBACK")
        raise
    finally:
        db.close()


def read_withdrawn(root: Path) -> set[str]:
    """Slugs withdrawn from ``root``, read without creating anything; a catalog that
    exists but is not sound stops the render here, before anything is written."""
    path = root / CATALOG
    if not (path.exists() or path.is_symlink()):
        return set()  # never rendered
    verify_catalog(path)
    db = connect(path)
    try:
        return {str(r[0]) for r in db.execute("SELECT slug FROM episodes WHERE withdrawn != ''")}
    finally:
        db.close()


def _to_row(entry: FeedEntry) -> dict[str, Any]:
    row = asdict(entry)
    row["edition"] = entry.edition.isoformat()
    row["published"] = entry.published.astimezone(dt.UTC).isoformat()
    return row


def _from_row(row: dict[str, Any]) -> FeedEntry:
    row["edition"] = dt.date.fromisoformat(row["edition"])
    row["published"] = dt.datetime.fromisoformat(row["published"])
    return FeedEntry(**row)


def _json(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def _channel_from(value: str) -> Channel:
    data = json.loads(value)
    data["updated"] = dt.datetime.fromisoformat(data["updated"])
    return Channel(**data)
