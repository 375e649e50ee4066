"""`audio-edition render` of an edition whose articles come from a local web site
(issue 12): its RSS feeds, its article pages and its WordPress API; a second render of
the unchanged site downloads nothing and speaks nothing; one real espeak-ng render."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from xml.etree import ElementTree

import pytest
from click.testing import CliRunner
from site_server import SITES, Site, start_site

from audio_edition.cli import main

EXPECTED = json.loads((SITES / "expected.json").read_text(encoding="utf-8"))
PUBLICATION = """\
[publication]
title = "Coast Listen"
description = "The coast's newsrooms, read aloud."
language = "en"
author = "Coast Listen"
site_url = "https://listen.example.org/"
base_url = "https://listen.example.org/audio/"

[edition]
date = "2026-11-27"
voice = "{voice}"
"""


@pytest.fixture(scope="module")
def site() -> Iterator[Site]:
    running, server = start_site()
    yield running
    server.shutdown()


def edition(folder: Path, voice: str, sources: list[tuple[str, str, str]]) -> Path:
    """An edition of the web ``sources``: kind, URL and more TOML for each."""
    folder.mkdir()
    entries = "".join(
        f'\n[[sources]]\nkind = "{kind}"\nurl = "{url}"\n{more}\n' for kind, url, more in sources
    )
    (folder / "edition.toml").write_text(PUBLICATION.format(voice=voice) + entries, "utf-8")
    return folder


def render(folder: Path, out: Path, cache: Path) -> tuple[int, str]:
    result = CliRunner().invoke(
        main, ["render", str(folder), "--out", str(out), "--cache-dir", str(cache), "-q"]
    )
    return result.exit_code, result.output


def items(feed: Path) -> dict[str, ElementTree.Element]:
    channel = ElementTree.parse(feed).getroot().find("channel")
    assert channel is not None
    return {str(i.findtext("title")): i for i in channel.iterfind("item")}


def test_render_from_feeds_pages_and_wordpress_then_again_without_downloads(
    tmp_path: Path, site: Site, engine_requests: list[str]
) -> None:
    folder = edition(tmp_path / "edition", "test-fake", [  # the newest item of each
        ("rss", site.base + "/feeds/full.xml", "limit = 1"),
        ("rss", site.base + "/feeds/summary.xml", "limit = 1"),
        ("html", site.base + "/heavy/2026/11/lighthouse-keeper", ""),
        ("wordpress", site.base + "/wp/", "limit = 1"),
    ])  # fmt: skip
    out, cache = tmp_path / "out", tmp_path / "cache"
    code, output = render(folder, out, cache)
    missing = f"{site.base}/static/removed.html"
    assert code == 1  # one item could not be read: said in one line, the rest published
    assert f"Error: {missing}: HTTP 404 Not Found; check the address" in output
    assert "1 failed; 4 article(s) and the feed are published" in output
    published = items(out / "articles.xml")
    assert len(published) == 4
    heavy = EXPECTED["/heavy/2026/11/lighthouse-keeper"]
    lighthouse = published[heavy["title"]]
    assert lighthouse.findtext("link") == site.base + heavy["link"]  # the canonical URL
    assert (out / "articles" / "lighthouse-keeper").is_dir()
    spoken = "\n".join(engine_requests)
    assert heavy["paragraphs"][0] in spoken
    for page in EXPECTED.values():
        for phrase in page["never"]:
            assert phrase not in spoken, f"boilerplate spoken: {phrase!r}"
    for phrase in ("appeared first on", "Share this", "Share on Facebook"):
        assert phrase not in spoken
    assert sorted(published) == [
        "A new bakery opens by the chapel steps",
        "Council approves the sea wall budget after a late vote",
        "Fish market moves its auction to dawn",
        heavy["title"],
    ]

    engine_requests.clear()
    before = len(site.requests)
    code, output = render(folder, out, cache)
    assert code == 1 and output.count(f"Error: {missing}") == 1  # the same missing page
    downloaded = [p for p, status in site.requests[before:] if status == 200]
    assert downloaded == [], f"downloaded again although unchanged: {downloaded}"
    assert engine_requests == []  # nothing spoken again
    assert items(out / "articles.xml").keys() == published.keys()  # no duplicate episode


def test_a_page_read_aloud_by_espeak(tmp_path: Path, site: Site) -> None:
    page = EXPECTED["/static/ferry-timetable.html"]
    folder = edition(tmp_path / "edition", "en-default",
                     [("html", site.base + "/static/ferry-timetable.html", "")])  # fmt: skip
    out = tmp_path / "out"
    code, output = render(folder, out, tmp_path / "cache")
    assert code == 0, output
    (item,) = items(out / "articles.xml").values()
    assert item.findtext("link") == site.base + page["link"]
    mp3s = list((out / "articles" / "ferry-timetable").glob("*.mp3"))
    assert len(mp3s) == 1 and mp3s[0].stat().st_size > 20_000
    vtt = next((out / "articles" / "ferry-timetable").glob("*.vtt")).read_text("utf-8")
    assert page["paragraphs"][0] in vtt.replace("\n", " ")
    assert "Kessary Island Newsletter" not in vtt
