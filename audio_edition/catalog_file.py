"""The catalog's SQLite file: its schema, created whole, verified before every use.

Only a missing catalog means "never rendered". One that exists but is empty,
truncated, not SQLite or of another schema stops the render with one line:
recreating it would drop every earlier episode from the feed and bring
withdrawn articles back (README.md, "The feed and its history", says how to
restore it).
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from dataclasses import fields
from pathlib import Path

from audio_edition.errors import AudioEditionError
from audio_edition.models import FeedEntry

SCHEMA_VERSION = 5
_SUPERSEDED = """
CREATE TABLE superseded (
    guid TEXT NOT NULL,
    mp3 TEXT NOT NULL,
    since TEXT NOT NULL,
    PRIMARY KEY (guid, mp3)
);
"""
UPGRADES = {
    1: """
    ALTER TABLE episodes ADD COLUMN section TEXT NOT NULL DEFAULT '';
    ALTER TABLE episodes ADD COLUMN body TEXT NOT NULL DEFAULT '';
    PRAGMA user_version = 2;
    """,
    2: f"""{_SUPERSEDED};
    INSERT INTO superseded SELECT guid, previous_mp3, '{{now}}' FROM episodes
        WHERE previous_mp3 != '' AND withdrawn = '';
    UPDATE episodes SET previous_mp3 = '';
    PRAGMA user_version = 3;
    """,
    3: """
    ALTER TABLE episodes ADD COLUMN image TEXT NOT NULL DEFAULT '';
    PRAGMA user_version = 4;
    """,
    4: """
    ALTER TABLE episodes ADD COLUMN link TEXT NOT NULL DEFAULT '';
    PRAGMA user_version = 5;
    """,
}
"""What brings a catalog of an older schema version to the next one (run in the
render's own transaction: a crash leaves the older catalog whole)."""
ADDED = {1: {"section", "body", "image", "link"}, 2: {"image", "link"}, 3: {"image", "link"},
         4: {"link"}}  # fmt: skip
"""Columns a catalog of that version does not have yet."""
SINCE = {"superseded": 3}
"""The version each later table came with."""
_SCHEMA = (
    """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE episodes (
    guid TEXT PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('article', 'edition')),
    slug TEXT NOT NULL,
    edition TEXT NOT NULL,
    title TEXT NOT NULL,
    summary TEXT NOT NULL,
    author TEXT NOT NULL,
    language TEXT NOT NULL,
    published TEXT NOT NULL,
    page TEXT NOT NULL,
    mp3 TEXT NOT NULL,
    length INTEGER NOT NULL,
    duration REAL NOT NULL,
    vtt TEXT NOT NULL,
    transcript TEXT NOT NULL,
    chapters TEXT NOT NULL,
    section TEXT NOT NULL DEFAULT '',
    body TEXT NOT NULL DEFAULT '',
    image TEXT NOT NULL DEFAULT '',
    link TEXT NOT NULL DEFAULT '',
    previous_mp3 TEXT NOT NULL DEFAULT '', -- unused since version 3: see superseded
    withdrawn TEXT NOT NULL DEFAULT '',
    UNIQUE (kind, slug)
);
"""
    + _SUPERSEDED
)
_MAGIC = b"SQLite format 3\x00"
_TABLES = {
    "meta": {"key", "value"},
    "episodes": {*(f.name for f in fields(FeedEntry)), "previous_mp3", "withdrawn"},
    "superseded": {"guid", "mp3", "since"},
}


class CatalogDamaged(AudioEditionError):
    """The catalog exists but cannot be trusted: one line saying how to restore it."""

    def __init__(self, path: Path, problem: str) -> None:
        super().__init__(
            f"{path}: the catalog of published episodes {problem}; nothing was rendered. "
            "Restore it from a backup or copy of the published folder, or move it away to "
            "start a new history deliberately (episodes not rendered again leave the feed)"
        )


def verify_catalog(path: Path) -> None:
    """Raise ``CatalogDamaged`` unless ``path`` is a whole catalog of this schema."""
    if not path.is_file():
        raise CatalogDamaged(path, "is not a file")
    with path.open("rb") as file:
        header = file.read(len(_MAGIC))
    if not header:
        raise CatalogDamaged(path, "is empty (0 bytes)")
    if header != _MAGIC:
        raise CatalogDamaged(path, "is not an SQLite database")
    try:
        db = connect(path)
    except sqlite3.Error as exc:
        raise AudioEditionError(f"{path}: cannot open the catalog ({exc})") from exc
    try:
        _check_contents(db, path)
    except sqlite3.Error as exc:  # truncated or overwritten pages
        raise CatalogDamaged(path, f"is damaged ({exc})") from exc
    finally:
        db.close()


def _check_contents(db: sqlite3.Connection, path: Path) -> None:
    """Whole pages, this schema version, the tables and columns the catalog needs."""
    problems = [str(row[0]) for row in db.execute("PRAGMA quick_check(3)")]
    if problems != ["ok"]:
        raise CatalogDamaged(path, f"is damaged ({'; '.join(problems)})")
    version = db.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise AudioEditionError(f"{path}: written by a newer audio-edition; upgrade it")
    if version != SCHEMA_VERSION and version not in UPGRADES:
        raise CatalogDamaged(path, f"has schema version {version}, not {SCHEMA_VERSION}")
    for table, needed in _TABLES.items():
        if version < SINCE.get(table, 0):
            continue
        have = {str(row[1]) for row in db.execute(f"PRAGMA table_info({table})")}
        if missing := sorted(needed - have - ADDED.get(version, set())):
            raise CatalogDamaged(path, f"lacks {table} {', '.join(missing)}")


def upgrade(db: sqlite3.Connection) -> None:
    """Bring a verified catalog to this schema version, inside the caller's transaction.
    (A catalog's previous enclosures become superseded now: their grace period starts.)"""
    now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    while (version := db.execute("PRAGMA user_version").fetchone()[0]) in UPGRADES:
        for statement in UPGRADES[version].replace("{now}", now).split(";"):
            if statement.strip():
                db.execute(statement)


def connect(path: Path) -> sqlite3.Connection:
    """An existing catalog, never created by opening it; read-write, so that a journal
    left by a killed render is rolled back."""
    uri = f"{path.resolve().as_uri()}?mode=rw"
    return sqlite3.connect(uri, uri=True, timeout=120, isolation_level=None)


def create_catalog(path: Path) -> None:
    """A new, empty catalog, put in place whole: a crash never leaves a 0-byte one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fresh = path.with_name(f"{path.name}.new-{os.getpid()}")
    fresh.unlink(missing_ok=True)
    db = sqlite3.connect(fresh, isolation_level=None)
    try:
        db.executescript(f"BEGIN; {_SCHEMA} PRAGMA user_version = {SCHEMA_VERSION}; COMMIT;")
    finally:
        db.close()
    try:
        os.link(fresh, path)  # not os.replace: another render may have made it meanwhile
    except FileExistsError:
        pass
    finally:
        fresh.unlink()
