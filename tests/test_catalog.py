"""History without duplicates: editions accumulate, GUIDs never change, re-rendering changes
nothing, an edited article gets a new enclosure URL, a withdrawn one leaves the feed."""

from __future__ import annotations

import datetime as dt
import logging
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from podcast_checks import (
    FEEDS,
    channel,
    enclosures,
    guids,
    next_edition,
    render_into,
    rendered_small,
    small_edition,
)

from audio_edition.catalog import CATALOG, open_catalog, read_withdrawn
from audio_edition.cli import main
from audio_edition.publish.lock import LOCK

FISH = "Fish Prices Climb as Cold Snap Keeps Boats Ashore"
CITY = "City Hall Restores Online Services After Ransomware Attack"
FERRY = "Ferry Crews Vote to Strike"
FRIDAY = "The Harbour Gazette: Friday 27 November 2026"


@pytest.fixture
def two_editions(tmp_path: Path) -> tuple[Path, Path, Path]:
    """Friday's and Saturday's editions, and an output folder Friday was rendered into
    (a copy of one render: its catalog names the folder it was rendered from)."""
    friday, out = rendered_small(tmp_path, "fri")
    return friday, next_edition(tmp_path / "sat"), out


@pytest.fixture
def rendered_here(tmp_path: Path) -> tuple[Path, Path, Path]:
    """``two_editions``, Friday rendered from where it is (``withdraw`` renders the
    edition episode again from the folder the catalog names)."""
    friday, saturday = small_edition(tmp_path / "fri"), next_edition(tmp_path / "sat")
    render_into(friday, tmp_path / "out")
    return friday, saturday, tmp_path / "out"


def test_catalog_is_sqlite_inside_the_output_folder(two_editions: tuple[Path, Path, Path]) -> None:
    out = two_editions[2]
    assert CATALOG.parts[0].startswith(".")  # deploy tools that skip hidden files leave it out
    with sqlite3.connect(out / CATALOG) as db:
        rows = db.execute("SELECT kind, slug FROM episodes ORDER BY kind, slug").fetchall()
    assert rows == [("article", "city-hall-cyberattack"), ("article", "fish-market"),
                    ("edition", "edition-2026-11-27")]  # fmt: skip
    assert not list(out.glob(".work-*")) and not list((out / CATALOG.parent).glob("*-journal"))


def test_second_edition_keeps_the_first_editions_episodes(
    two_editions: tuple[Path, Path, Path],
) -> None:
    _, saturday, out = two_editions
    before = guids(out)
    render_into(saturday, out)
    after = guids(out)
    assert {t: after[t] for t in before} == before  # same episodes, same GUIDs
    assert set(after) - set(before) == {FERRY, "The Harbour Gazette: Saturday 28 November 2026"}
    assert len(set(after.values())) == len(after)
    newest = [channel(out, feed).find("item").findtext("title") for feed in FEEDS]
    assert newest == ["The Harbour Gazette: Saturday 28 November 2026", FERRY]  # newest first


def test_catalog_travels_with_the_output_folder(
    two_editions: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    _, saturday, out = two_editions
    moved = tmp_path / "moved"
    shutil.copytree(out, moved)
    render_into(saturday, moved)
    assert FISH in guids(moved) and FERRY in guids(moved)


def test_rerendering_the_same_articles_changes_nothing(
    two_editions: tuple[Path, Path, Path],
) -> None:
    friday, _, out = two_editions
    before = _snapshot(out)
    feed = (out / "feed.xml").read_bytes()
    render_into(friday, out)
    assert _snapshot(out) == before  # every MP3: same name, same inode, same bytes
    assert (out / "feed.xml").read_bytes() == feed


def test_edited_article_keeps_its_guid_and_gets_a_new_enclosure(
    two_editions: tuple[Path, Path, Path],
) -> None:
    friday, _, out = two_editions
    guid, first, fish = guids(out)[CITY], enclosures(out)[CITY], enclosures(out)[FISH]
    _edit(friday / "articles" / "city-hall-cyberattack.md", "are working again", "are back")
    render_into(friday, out)
    second = enclosures(out)[CITY]
    assert guids(out)[CITY] == guid and second != first
    assert enclosures(out)[FISH] == fish  # untouched
    assert enclosures(out)[FRIDAY] != first  # the edition episode holds the edited audio too
    folder = out / "articles" / "city-hall-cyberattack"
    assert {p.name for p in folder.glob("*.mp3")} == {_name(first), _name(second)}  # old kept
    _edit(friday / "articles" / "city-hall-cyberattack.md", "are back", "are back again")
    render_into(friday, out)
    third = enclosures(out)[CITY]
    versions = {_name(first), _name(second), _name(third)}
    assert {p.name for p in folder.glob("*.mp3")} == versions  # within the grace period
    assert guids(out)[CITY] == guid
    # Once the grace period is over, the next render removes what no feed names, side
    # files included.
    _edit(friday / "edition.toml", "[feed]\n", "[feed]\nkeep_superseded_hours = 0\n")
    render_into(friday, out)
    assert {p.name for p in folder.glob("*.mp3")} == {_name(third)}
    assert {p.name.split(".")[0] for p in folder.glob("city-hall-cyberattack-*")} == {
        Path(_name(third)).stem
    }
    assert CliRunner().invoke(main, ["check", str(out)]).exit_code == 0


def test_a_superseded_version_goes_after_its_grace_period(
    two_editions: tuple[Path, Path, Path],
) -> None:
    """A version replaced two days ago (the default grace) is removed by the next render;
    one replaced an hour ago stays."""
    friday, _, out = two_editions
    first = enclosures(out)[FISH]
    _edit(friday / "articles" / "fish-market.md", "jumped this week", "jumped sharply this week")
    render_into(friday, out)
    folder = out / "articles" / "fish-market"
    assert _name(first) in {p.name for p in folder.glob("*.mp3")}
    with sqlite3.connect(out / CATALOG) as db:  # as if that render ran 49 hours ago
        db.execute("UPDATE superseded SET since = '2000-01-01T00:00:00+00:00'")
    render_into(friday, out)
    assert {p.name for p in folder.glob("*.mp3")} == {_name(enclosures(out)[FISH])}


def test_guids_survive_a_change_of_site_url(two_editions: tuple[Path, Path, Path]) -> None:
    friday, _, out = two_editions
    before = guids(out)
    _edit(friday / "edition.toml", 'https://gazette.example.org/"', 'https://harbour.example.net/"')
    render_into(friday, out)
    assert guids(out) == before


def test_withdraw_takes_an_article_out_for_good(
    rendered_here: tuple[Path, Path, Path], caplog: pytest.LogCaptureFixture
) -> None:
    friday, _, out = rendered_here
    guid = guids(out)[FISH]
    result = CliRunner().invoke(main, ["withdraw", str(out), "fish-market"])
    assert result.exit_code == 0, result.output
    assert FISH not in guids(out) and not (out / "articles" / "fish-market").exists()
    assert read_withdrawn(out) == {"fish-market"}
    assert CliRunner().invoke(main, ["check", str(out)]).exit_code == 0
    with caplog.at_level(logging.WARNING):
        render_into(friday, out)  # the article is still in the edition folder: skipped
    assert FISH not in guids(out) and "'fish-market' was withdrawn" in caplog.text
    current = out / "editions" / "2026-11-27" / "edition-2026-11-27.timing.json"
    assert FISH not in current.read_text()  # the current version's timing, with its chapters
    undo = CliRunner().invoke(main, ["withdraw", "--undo", str(out), "fish-market"])
    assert undo.exit_code == 0 and "render the 2026-11-27 edition again" in undo.output
    render_into(friday, out)
    assert guids(out)[FISH] == guid  # back, under the GUID it had


def test_withdrawing_an_unknown_slug_is_one_clear_line(
    two_editions: tuple[Path, Path, Path],
) -> None:
    out = two_editions[2]
    feed = (out / "feed.xml").read_bytes()
    result = CliRunner().invoke(main, ["withdraw", str(out), "no-such-story"])
    assert result.exit_code == 1
    assert (
        result.output
        == "Error: no published episode 'no-such-story' in this output folder's catalog\n"
    )
    assert (out / "feed.xml").read_bytes() == feed


def test_withdraw_needs_a_rendered_folder(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["withdraw", str(tmp_path), "x"])
    assert result.exit_code == 1 and "render an edition into it first" in result.output
    assert not (tmp_path / CATALOG).exists()


def test_a_failed_update_leaves_the_catalog_as_it_was(
    two_editions: tuple[Path, Path, Path],
) -> None:
    out = two_editions[2]
    with pytest.raises(RuntimeError), open_catalog(out) as catalog:
        catalog.withdraw("fish-market", dt.datetime.now(dt.UTC))
        raise RuntimeError("crash mid-update")
    assert read_withdrawn(out) == set()


def _damage(catalog: Path, how: str) -> None:
    data = catalog.read_bytes()
    if how == "empty":
        catalog.write_bytes(b"")
    elif how == "truncated":
        catalog.write_bytes(data[: len(data) // 2])
    elif how == "not-sqlite":
        catalog.write_text("<!doctype html><title>Oops</title>", encoding="utf-8")
    else:  # another application's database
        catalog.unlink()
        with sqlite3.connect(catalog) as db:
            db.execute("CREATE TABLE notes (body TEXT)")


@pytest.mark.parametrize("how", ["empty", "truncated", "not-sqlite", "other-schema"])
def test_a_damaged_catalog_stops_the_render_and_changes_nothing(
    two_editions: tuple[Path, Path, Path], tmp_path: Path, how: str
) -> None:
    """Only a missing catalog means "never rendered": an empty or damaged one would
    otherwise silently reset the history (episodes drop out of the feed)."""
    _, saturday, out = two_editions
    _damage(out / CATALOG, how)
    before = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    args = ["render", str(saturday), "--out", str(out), "--cache-dir", str(tmp_path / "c")]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.output, result.output
    assert lines[0].startswith(f"Error: {out / CATALOG}: the catalog of published episodes ")
    assert "Restore it from a backup or copy of the published folder" in lines[0]
    assert "or move it away to start a new history deliberately" in lines[0]
    after = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert after == before  # feed.xml, pages, audio and the catalog itself untouched
    assert sorted(p.name for p in out.iterdir()) == sorted(
        {p.parts[0] for p in before} | {".audio-edition"}
    )
    result = CliRunner().invoke(main, ["withdraw", str(out), "fish-market"])
    assert result.exit_code == 1 and "the catalog of published episodes" in result.output


def test_a_missing_catalog_is_a_new_history_made_whole(tmp_path: Path) -> None:
    out = tmp_path / "out"
    render_into(small_edition(tmp_path / "fri"), out)
    names = sorted(p.name for p in (out / CATALOG.parent).iterdir())
    assert names == sorted([CATALOG.name, LOCK.name])  # no journal, no stray copy
    assert read_withdrawn(out) == set()


def test_a_catalog_update_killed_midway_is_rolled_back_by_the_next_render(
    two_editions: tuple[Path, Path, Path],
) -> None:
    """A render killed while writing the catalog leaves a journal: the next render rolls it
    back (it must not take the catalog for damaged) and the history is whole."""
    _, saturday, out = two_editions
    before = guids(out)
    killed = (
        "import os, sqlite3, sys\n"
        "db = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
        "db.execute('PRAGMA cache_size = 1'); db.execute('BEGIN IMMEDIATE')\n"
        "db.execute(\"UPDATE episodes SET title = 'half-written', withdrawn = 'x'\")\n"
        "db.execute('CREATE TABLE filler (x)')\n"
        "db.executemany('INSERT INTO filler VALUES (?)', [('x' * 900,)] * 500)\n"
        "os._exit(9)\n"
    )
    subprocess.run([sys.executable, "-c", killed, str(out / CATALOG)], check=False)
    assert (out / CATALOG).with_name(CATALOG.name + "-journal").stat().st_size > 0
    render_into(saturday, out)
    after = guids(out)
    assert {t: after[t] for t in before} == before and "half-written" not in after


def _snapshot(out: Path) -> dict[str, tuple[int, int, bytes]]:
    return {
        p.relative_to(out).as_posix(): (p.stat().st_ino, p.stat().st_mtime_ns, p.read_bytes())
        for p in out.rglob("*.mp3")
    }


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new))


def _name(url: str) -> str:
    return url.rsplit("/", 1)[1]
