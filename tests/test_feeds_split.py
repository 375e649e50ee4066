"""Two feeds, so a listener downloads each story once: the daily edition (``feed.xml``)
and the articles (``articles.xml``); a feed per section on request (issue 13, item 1)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import feedparser
from click.testing import CliRunner
from podcast_checks import FEEDS, NS, channel, guids, render_into, small_edition

from audio_edition.catalog import CATALOG
from audio_edition.cli import main

BASE = "https://gazette.example.org/audio/"


def _titles(out: Path, feed: str) -> list[str]:
    return [item.findtext("title") for item in channel(out, feed).iterfind("item")]


def test_each_feed_is_a_podcast_of_its_own(tmp_path: Path) -> None:
    out = tmp_path / "out"
    render_into(small_edition(tmp_path / "edition"), out)
    assert _titles(out, "feed.xml") == ["The Harbour Gazette: Friday 27 November 2026"]
    assert sorted(_titles(out, "articles.xml")) == [
        "City Hall Restores Online Services After Ransomware Attack",
        "Fish Prices Climb as Cold Snap Keeps Boats Ashore",
    ]
    channels = {feed: channel(out, feed) for feed in FEEDS}
    podcast_guids = {c.findtext("podcast:guid", namespaces=NS) for c in channels.values()}
    assert len(podcast_guids) == 2
    for feed, found in channels.items():
        link = found.find("atom:link[@rel='self']", NS).get("href")
        assert link == BASE + feed
        owner = found.find("itunes:owner/itunes:email", NS)  # set in the sample edition
        assert owner is not None and owner.text == "podcasts@gazette.example.org"
    assert channels["articles.xml"].findtext("title") == "The Harbour Gazette: Articles"
    assert "one episode a day" in channels["feed.xml"].findtext("description")


def test_articles_carry_their_text_and_link(tmp_path: Path) -> None:
    out = tmp_path / "out"
    render_into(small_edition(tmp_path / "edition"), out)
    parsed = feedparser.parse((out / "articles.xml").read_bytes())
    fish = next(e for e in parsed.entries if e.title.startswith("Fish Prices"))
    html = fish.content[0].value
    assert "freezing winds kept most of the inshore fleet" in html and html.count("<p>") > 3
    assert f'<a href="{BASE}articles/fish-market/index.html">Fish Prices' in html


def test_a_feed_per_section_on_request(tmp_path: Path) -> None:
    edition, out = small_edition(tmp_path / "edition"), tmp_path / "out"
    config = edition / "edition.toml"
    config.write_text(config.read_text().replace("[feed]\n", "[feed]\nsections = true\n"))
    render_into(edition, out)
    assert sorted(p.name for p in (out / "sections").iterdir()) == ["business.xml", "city.xml"]
    assert _titles(out, "sections/business.xml") == [
        "Fish Prices Climb as Cold Snap Keeps Boats Ashore"
    ]
    business = channel(out, "sections/business.xml")
    assert business.findtext("title") == "The Harbour Gazette: Business"
    article_guids = {i.findtext("guid") for i in channel(out, "articles.xml").iterfind("item")}
    assert {i.findtext("guid") for i in business.iterfind("item")} <= article_guids
    result = CliRunner().invoke(main, ["check", str(out)])
    assert result.exit_code == 0, result.output
    assert "sections/business.xml · 1 episode(s)" in result.output


def test_an_output_folder_from_before_the_split_keeps_its_guids(tmp_path: Path) -> None:
    """A catalog of schema version 1 (one feed, no sections) is upgraded in place."""
    edition, out = small_edition(tmp_path / "edition"), tmp_path / "out"
    render_into(edition, out)
    before = guids(out)
    with sqlite3.connect(out / CATALOG) as db:  # as a render before the split left it
        db.execute("ALTER TABLE episodes DROP COLUMN section")
        db.execute("ALTER TABLE episodes DROP COLUMN body")
        db.execute("ALTER TABLE episodes DROP COLUMN image")
        db.execute("ALTER TABLE episodes DROP COLUMN link")
        db.execute("DROP TABLE superseded")
        db.execute("PRAGMA user_version = 1")
    (out / "articles.xml").unlink()
    render_into(edition, out)
    assert guids(out) == before
    with sqlite3.connect(out / CATALOG) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == 5
        sections = {row[0] for row in db.execute("SELECT section FROM episodes")}
    assert sections == {"", "Business", "City"}
    assert CliRunner().invoke(main, ["check", str(out)]).exit_code == 0
