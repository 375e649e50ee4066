"""feed.xml: Apple's required tags, the Podcasting 2.0 tags, real lengths and durations,
absolute URLs, byte-identical output for identical input, hostile text escaped."""

from __future__ import annotations

import datetime as dt
import uuid
from email.utils import parsedate_to_datetime
from pathlib import Path

import feedparser
import podcastparser
import pytest
from click.testing import CliRunner
from conftest import Rendered, write_article
from mutagen.mp3 import MP3
from podcast_checks import FEEDS, NS, channel, items, next_edition, render_into, small_edition

from audio_edition.cli import main
from audio_edition.models import Channel, FeedEntry
from audio_edition.site.feed import feed_xml, podcast_guid

BASE = "https://gazette.example.org/audio/"
ARTICLES = "articles.xml"


def test_channel_has_what_apple_and_podcasting20_require(rendered_fake: Rendered) -> None:
    parsed = feedparser.parse((rendered_fake.out / "feed.xml").read_bytes())
    assert not parsed.bozo, parsed.bozo_exception
    c = channel(rendered_fake.out)
    assert c.findtext("title") == "The Harbour Gazette"
    assert c.findtext("language") == "en" and c.findtext("description")
    assert c.find("itunes:image", NS).get("href") == BASE + "cover.png"
    assert c.find("itunes:category", NS).get("text") == "News"
    assert c.findtext("itunes:explicit", namespaces=NS) == "false"
    assert c.find("atom:link", NS).get("href") == BASE + "feed.xml"
    guid = uuid.uuid5(
        uuid.UUID("ead4c236-bf58-58c6-a2c6-a6b28d128cb6"), "gazette.example.org/audio/feed.xml"
    )
    assert c.findtext("podcast:guid", namespaces=NS) == str(guid)
    assert c.findtext("podcast:locked", namespaces=NS) == "yes"
    newest = max(parsedate_to_datetime(i.findtext("pubDate")) for i in c.iterfind("item"))
    assert parsedate_to_datetime(c.findtext("lastBuildDate")) == newest  # not "now"


def test_podcast_guid_matches_the_specs_example() -> None:
    assert podcast_guid("https://podnews.net/rss") == "9b024349-ccf0-5f69-a609-6b82873eab3c"
    assert podcast_guid("http://podnews.net/rss/") == podcast_guid("podnews.net/rss")


def test_every_episode_has_real_length_duration_and_absolute_urls(rendered_fake: Rendered) -> None:
    summary, out = rendered_fake.summary, rendered_fake.out
    episodes = {e.title: e for e in (*summary.episodes, summary.edition)}
    found = items(out)
    assert set(found) == set(episodes)  # every article and the edition episode
    for title, item in found.items():
        episode = episodes[title]
        enclosure = item.find("enclosure")
        assert enclosure.get("url") == BASE + episode.mp3.relative_to(out).as_posix()
        assert int(enclosure.get("length")) == episode.mp3.stat().st_size
        assert enclosure.get("type") == "audio/mpeg"
        assert int(item.findtext("itunes:duration", namespaces=NS)) == round(episode.duration)
        assert abs(MP3(episode.mp3).info.length - episode.duration) < 0.1  # header estimate
        assert parsedate_to_datetime(item.findtext("pubDate")).tzinfo is not None
        linked = [t.get("url") for t in item.iterfind("podcast:*", NS) if t.get("url")]
        for url in [item.findtext("link"), *linked]:  # podcast:txt is text, not a link
            assert url.startswith(BASE), url


def test_items_link_to_their_pages_and_carry_transcripts(rendered_fake: Rendered) -> None:
    found = items(rendered_fake.out)
    for episode in rendered_fake.summary.episodes:
        item = found[episode.title]
        assert item.findtext("link") == f"{BASE}articles/{episode.slug}/index.html"
        transcripts = [t.attrib for t in item.iterfind("podcast:transcript", NS)]
        stem = f"{BASE}articles/{episode.slug}/{episode.mp3.stem}"  # the MP3's version
        assert transcripts == [
            {"url": f"{stem}.vtt", "type": "text/vtt", "language": "en", "rel": "captions"},
            {"url": f"{stem}.transcript.json", "type": "application/json", "language": "en",
             "rel": "captions"},
        ]  # fmt: skip
        assert item.find("podcast:chapters", NS) is None
    edition = found[rendered_fake.summary.edition.title]
    assert edition.findtext("link") == BASE + "index.html"
    chapters = edition.find("podcast:chapters", NS)
    assert chapters.get("type") == "application/json+chapters"
    whole = rendered_fake.summary.edition.mp3
    assert chapters.get("url") == f"{BASE}editions/2026-11-27/{whole.stem}.chapters.json"


def test_gpodders_parser_reads_every_episode(rendered_fake: Rendered) -> None:
    parsed = {}
    for feed in FEEDS:
        with (rendered_fake.out / feed).open("rb") as stream:
            parsed[feed] = podcastparser.parse(BASE + feed, stream)
    assert parsed["feed.xml"]["title"] == "The Harbour Gazette"
    assert parsed["articles.xml"]["title"] == "The Harbour Gazette: Articles"
    assert len(parsed["feed.xml"]["episodes"]) == 1  # the day's edition
    assert len(parsed["articles.xml"]["episodes"]) == len(rendered_fake.summary.episodes)
    episodes = [e for feed in FEEDS for e in parsed[feed]["episodes"]]
    assert all(e["enclosures"][0]["file_size"] > 0 and e["total_time"] > 0 for e in episodes)


def test_identical_input_gives_identical_feed_bytes(tmp_path: Path) -> None:
    edition = small_edition(tmp_path / "edition")
    render_into(edition, tmp_path / "out")
    first = (tmp_path / "out" / "feed.xml").read_bytes()
    render_into(edition, tmp_path / "out")  # again, into the same folder
    render_into(edition, tmp_path / "other")  # and into a fresh one
    assert (tmp_path / "out" / "feed.xml").read_bytes() == first
    assert (tmp_path / "other" / "feed.xml").read_bytes() == first


def test_feed_lists_the_newest_episodes_up_to_the_limit(tmp_path: Path) -> None:
    editions = [
        small_edition(tmp_path / "friday"),
        next_edition(tmp_path / "saturday"),
        next_edition(tmp_path / "sunday", "2026-11-29"),
    ]
    for edition in editions:
        config = edition / "edition.toml"
        config.write_text(config.read_text().replace("[feed]\n", "[feed]\nmax_episodes = 2\n"))
        render_into(edition, tmp_path / "out")
    days = [i.findtext("title") for i in channel(tmp_path / "out").iterfind("item")]
    assert days == [
        "The Harbour Gazette: Sunday 29 November 2026",
        "The Harbour Gazette: Saturday 28 November 2026",
    ]
    listed = [i.findtext("title") for i in channel(tmp_path / "out", ARTICLES).iterfind("item")]
    assert listed == [
        "Ferry Crews Vote to Strike",
        "City Hall Restores Online Services After Ransomware Attack",  # 08:30; fish market 07:30
    ]


def test_hostile_article_gives_an_escaped_valid_feed(tmp_path: Path) -> None:
    edition = small_edition(tmp_path / "edition")
    title = "<script>alert('x')</script> & ]]> \"Quotes\" " + "long " * 50
    summary = "A &amp; B <b>bold</b> ]]> " + "x" * 10_000
    write_article(edition, "hostile.md", "Body text here.", slug="hostile",
                  title=_yaml(title), summary=_yaml(summary))  # fmt: skip
    render_into(edition, tmp_path / "out")
    xml = (tmp_path / "out" / ARTICLES).read_bytes()
    assert b"<script>" not in xml
    parsed = feedparser.parse(xml)
    assert not parsed.bozo, parsed.bozo_exception
    entry = next(e for e in parsed.entries if e.title.startswith("<script>"))
    assert entry.title == title.strip()
    hostile = items(tmp_path / "out")[title.strip()]
    assert hostile.findtext("description").endswith("x" * 10_000 + "\n\nRead by a synthetic voice.")
    result = CliRunner().invoke(main, ["check", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("bad", ["\x00", "\x07", "\x1b[31m", "\x0b\x0c", "\ufffe", "\ud800"])
def test_control_characters_are_stripped_before_lxml(bad: str) -> None:
    entry = _entry(title=f"Before{bad}after\tand\nlines", summary=f"{bad}]]>&<")
    xml = feed_xml(_channel(title=f"Gazette{bad}"), [entry])
    parsed = feedparser.parse(xml.encode("utf-8"))
    assert not parsed.bozo, parsed.bozo_exception
    assert parsed.entries[0].title.startswith("Before") and bad[0] not in parsed.entries[0].title
    assert parsed.entries[0].title.endswith("after\tand\nlines")
    left = bad.lstrip("\x00\x07\x0b\x0c\x1b\ufffe\ud800")  # "[31m" of an ANSI escape stays
    assert parsed.entries[0].summary == f"{left}]]>&<\n\nRead by a synthetic voice."
    assert parsed.feed.title == f"Gazette{left}"


def test_base_url_without_scheme_is_one_clear_line_and_writes_nothing(tmp_path: Path) -> None:
    edition = small_edition(tmp_path / "edition")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["render", str(edition), "--out", str(out),
                                       "--base-url", "gazette.example.org/audio"])  # fmt: skip
    assert result.exit_code != 0
    assert result.output.count("\n") == 1 and "not an absolute http(s) URL" in result.output
    assert not out.exists()


def test_base_url_override_makes_every_url(tmp_path: Path) -> None:
    edition = small_edition(tmp_path / "edition")
    render_into(edition, tmp_path / "out", base_url="http://127.0.0.1:8123/site")
    xml = "".join((tmp_path / "out" / feed).read_text() for feed in FEEDS)
    assert "gazette.example.org/audio" not in xml
    assert 'url="http://127.0.0.1:8123/site/articles/fish-market/fish-market-' in xml


def _yaml(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _channel(title: str) -> Channel:
    guid, updated = podcast_guid(BASE + "feed.xml"), dt.datetime(2026, 11, 27, tzinfo=dt.UTC)
    return Channel(title, "About.", "en", "Newsroom", BASE, "cover.png", "News", False, True, "",
                   10, guid, updated)  # fmt: skip


def _entry(title: str, summary: str) -> FeedEntry:
    return FeedEntry(
        "guid-1", "article", "a", dt.date(2026, 11, 27), title, summary, "Author", "en",
        dt.datetime(2026, 11, 27, 8, tzinfo=dt.UTC), "articles/a/index.html",
        "articles/a/a-0123456789.mp3", 1234, 61.5, "articles/a/a.vtt", "articles/a/a.json",
    )  # fmt: skip
