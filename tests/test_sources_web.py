"""Articles from the web (issue 12): article pages in four layouts, RSS with and without
full text, Atom, the WordPress REST API, each read from a local site served by the test
(tests/site_server.py), with the exact paragraphs and no boilerplate sentence."""

from __future__ import annotations

import datetime as dt
import json
import re
import socket
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import html as lxml_html
from site_server import SITES, Site, start_site

from audio_edition.cli import main
from audio_edition.models import Article
from audio_edition.sources import Gathered, read_sources
from audio_edition.sources.compose import Defaults
from audio_edition.sources.fetch import Limits
from audio_edition.sources.settings import SourceSettings

EXPECTED = json.loads((SITES / "expected.json").read_text(encoding="utf-8"))
DEFAULTS = Defaults("The Newsroom", "en", dt.datetime(2026, 11, 27, 6, tzinfo=dt.UTC))


@pytest.fixture(scope="module")
def site() -> Iterator[Site]:
    running, server = start_site()
    yield running
    server.shutdown()


def gather(tmp_path: Path, *sources: SourceSettings, limits: Limits | None = None) -> Gathered:
    return read_sources(sources, DEFAULTS, tmp_path / "fetched", limits)


def paragraphs(article: Article) -> list[str]:
    return [article.text[b.start : b.end] for b in article.blocks if b.kind == "paragraph"]


def by_slug(gathered: Gathered) -> dict[str, Article]:
    return {a.slug: a for a in gathered.articles}


def assert_page(article: Article, site: Site, path: str) -> None:
    want = EXPECTED[path]
    assert paragraphs(article) == want["paragraphs"]
    assert (article.title, article.summary) == (want["title"], want["summary"])
    assert (article.author, article.section, article.language) == (
        want["author"], want["section"], want["language"])  # fmt: skip
    assert article.date == dt.datetime.fromisoformat(want["date"])
    assert (article.link, article.slug) == (site.base + want["link"], want["slug"])
    for phrase in want["never"]:
        assert phrase not in article.text, f"boilerplate spoken: {phrase!r}"


@pytest.mark.parametrize("path", list(EXPECTED))
def test_an_article_page_gives_its_paragraphs_and_metadata_and_no_boilerplate(
    tmp_path: Path, site: Site, path: str
) -> None:
    gathered = gather(tmp_path, SourceSettings(kind="html", url=site.base + path))
    assert gathered.skipped == ()
    (article,) = gathered.articles
    assert article.source == site.base + path  # messages and `script` name the URL
    assert_page(article, site, path)


def test_rss_with_full_text_reads_the_feed_and_fetches_no_page(tmp_path: Path, site: Site) -> None:
    before = len(site.requests)
    articles = by_slug(
        gather(tmp_path, SourceSettings(kind="rss", url=site.base + "/feeds/full.xml"))
    )
    assert [p for p, _ in site.requests[before:]] == ["/feeds/full.xml"]
    auction, shutters = articles["auction-at-dawn"], articles["storm-shutters"]
    assert paragraphs(auction) == [
        "The auction at the Port Aldermouth fish market will start at five in the morning from "
        "Monday, an hour earlier than it has for thirty years.",
        "Skippers asked for the change so that the catch can reach the inland restaurants "
        "before their lunchtime service.",
        "The market's two cafés will open at half past four to serve the early buyers.",
    ]
    assert auction.summary == ""  # the automatic excerpt ("[…]") is not read as a standfirst
    assert (auction.author, auction.section) == ("Kerensa Pascoe", "Business")
    assert auction.date == dt.datetime(2026, 11, 26, 6, 45, tzinfo=dt.UTC)
    assert auction.link == site.base + "/wordpress/2026/11/26/auction-at-dawn/"
    for phrase in ("appeared first on", "Share", "Crates of hake", "Photo:"):
        assert phrase not in auction.text
    assert shutters.summary == "Shopkeepers prepared for the first gale of the winter."
    assert shutters.language == "en-GB"


def test_rss_without_full_text_fetches_each_page_and_skips_a_missing_one(
    tmp_path: Path, site: Site
) -> None:
    gathered = gather(tmp_path, SourceSettings(kind="rss", url=site.base + "/feeds/summary.xml"))
    articles = by_slug(gathered)
    assert sorted(articles) == ["ferry-timetable", "sea-wall-budget"]
    assert_page(articles["sea-wall-budget"], site, "/drupal/news/sea-wall-budget")
    assert_page(articles["ferry-timetable"], site, "/static/ferry-timetable.html")
    assert gathered.skipped == (
        f"{site.base}/static/removed.html: HTTP 404 Not Found; "
        "check the address, or leave the source out",
    )


def test_atom_reads_full_content_or_the_linked_page(tmp_path: Path, site: Site) -> None:
    articles = by_slug(
        gather(tmp_path, SourceSettings(kind="atom", url=site.base + "/feeds/atom.xml"))
    )
    assert_page(articles["lighthouse-keeper"], site, "/heavy/2026/11/lighthouse-keeper")
    pupils = articles["pupils-chart-tides"]
    assert paragraphs(pupils) == [
        "A class of ten-year-olds at the harbour school spent a week comparing the paper charts "
        "of the old tide gauge with the readings of the electronic sensor.",
        "They found the two never differed by more than the width of a pencil line.",
        "Their teacher, Mrs Jago, said the pupils now want to visit the lighthouse weather "
        "station.",
    ]
    assert (pupils.author, pupils.section, pupils.language) == (
        "Loveday Jago",
        "Education",
        "en-GB",
    )
    assert "newsletter" not in pupils.text


def test_wordpress_api_reads_every_page_of_posts(tmp_path: Path, site: Site) -> None:
    before = len(site.requests)
    articles = by_slug(gather(tmp_path, SourceSettings(kind="wordpress", url=site.base + "/wp/")))
    asked = [p for p, _ in site.requests[before:]]
    assert [p.split("page=")[-1][0] for p in asked] == ["1", "2"]
    assert all("_embed=1" in p and p.startswith("/wp/wp-json/wp/v2/posts?") for p in asked)
    assert sorted(articles) == [
        "bakery-by-the-chapel-steps",
        "choir-carols-market-hall",
        "lost-dog-found-on-the-quay",
    ]
    bakery = articles["bakery-by-the-chapel-steps"]
    assert bakery.title == "A new bakery opens by the chapel steps"
    assert (bakery.author, bakery.section) == ("Kerensa Pascoe", "Business")
    assert bakery.date == dt.datetime(2026, 11, 27, 8, tzinfo=dt.UTC)
    assert paragraphs(bakery)[0].startswith("A bakery opened on Friday in the old chandler’s shop")
    assert (
        paragraphs(bakery)[-1] == "The bakery opens from seven until two, every day except Tuesday."
    )
    assert "Share" not in bakery.text
    dog = articles["lost-dog-found-on-the-quay"]
    assert dog.summary == "Three days on the run ended under the lobster pots."
    assert "produced with the help of AI" not in dog.text
    assert len(paragraphs(dog)) == 2


def test_filters_take_a_section_a_language_a_day_and_the_newest_few(
    tmp_path: Path, site: Site
) -> None:
    wp = site.base + "/wp/"
    assert [a.slug for a in gather(tmp_path, SourceSettings(kind="wordpress", url=wp,
            section="culture")).articles] == ["choir-carols-market-hall"]  # fmt: skip
    since = gather(tmp_path, SourceSettings(kind="wordpress", url=wp, since=dt.date(2026, 11, 26)))
    assert sorted(a.slug for a in since.articles) == [
        "bakery-by-the-chapel-steps", "choir-carols-market-hall"]  # fmt: skip
    before = len(site.requests)
    newest = gather(tmp_path, SourceSettings(kind="wordpress", url=wp, limit=1))
    assert [a.slug for a in newest.articles] == ["bakery-by-the-chapel-steps"]
    assert len(site.requests) - before == 1  # one page of one post asked for, no more
    french = SourceSettings(kind="atom", url=site.base + "/feeds/atom.xml", language="fr")
    english = SourceSettings(kind="atom", url=site.base + "/feeds/atom.xml", language="en")
    with pytest.raises(Exception, match="no articles could be read"):
        gather(tmp_path, french)
    assert len(gather(tmp_path, english).articles) == 2  # en takes en-GB


def test_an_unchanged_source_is_not_downloaded_again(tmp_path: Path, site: Site) -> None:
    sources = (SourceSettings(kind="atom", url=site.base + "/feeds/atom.xml"),
               SourceSettings(kind="wordpress", url=site.base + "/wp/"))  # fmt: skip
    first = gather(tmp_path, *sources)
    before = len(site.requests)
    again = gather(tmp_path, *sources)
    answers = site.requests[before:]
    assert answers and all(status == 304 for _, status in answers), answers
    assert again.articles == first.articles


def test_a_changed_page_is_downloaded_again(tmp_path: Path, site: Site) -> None:
    path = "/static/ferry-timetable.html"
    source = SourceSettings(kind="html", url=site.base + path)
    gather(tmp_path, source)
    page = (SITES / "static" / "ferry-timetable.html").read_bytes()
    site.changed[path] = page.replace(b"three times a day", b"four times a day")
    try:
        (article,) = gather(tmp_path, source).articles
    finally:
        del site.changed[path]
    assert "four times a day" in article.text
    assert site.requests[-1] == (path, 200)


def test_one_url_is_fetched_once_per_render(tmp_path: Path, site: Site) -> None:
    url = site.base + "/heavy/2026/11/lighthouse-keeper"
    before = len(site.requests)
    gathered = gather(tmp_path, SourceSettings(kind="html", url=url),
                      SourceSettings(kind="atom", url=site.base + "/feeds/atom.xml"))  # fmt: skip
    asked = [p for p, _ in site.requests[before:]]
    assert asked.count("/heavy/2026/11/lighthouse-keeper") == 1
    assert sorted(a.slug for a in gathered.articles) == ["lighthouse-keeper", "pupils-chart-tides"]


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


BAD = {
    "/broken/error": "HTTP 500 Internal Server Error; check the address, or leave the source out",
    "/broken/gone": "HTTP 404 Not Found; check the address, or leave the source out",
    "/broken/slow": "no answer within 0.5 s; try again later",
    "/broken/drip": "the answer took over 1 s; try again later",
    "/broken/huge": "the answer is larger than 5 MB; point the source at an article page or a feed",
    "/broken/loop": "more than 5 redirects (a loop?); give the address the redirects end at",
    "/broken/to-file": "redirects to a file: address (file:///etc/passwd); only http and https "
    "redirects are followed",
    "/static/index.html": "no article found (too little text besides the page's menus); "
    "give the page of one article",
}


@pytest.mark.parametrize("path", list(BAD))
def test_a_bad_page_is_one_line_and_the_rest_is_read(tmp_path: Path, site: Site, path: str) -> None:
    good = SourceSettings(kind="html", url=site.base + "/static/ferry-timetable.html")
    gathered = gather(tmp_path, SourceSettings(kind="html", url=site.base + path), good,
                      limits=Limits(timeout_s=0.5, total_s=1.0))  # fmt: skip
    assert gathered.skipped == (f"{site.base}{path}: {BAD[path]}",)
    assert [a.slug for a in gathered.articles] == ["ferry-timetable"]


def test_an_unreachable_host_and_a_feed_that_is_not_xml_are_one_line_each(
    tmp_path: Path, site: Site
) -> None:
    nowhere = f"http://127.0.0.1:{_closed_port()}/feed.xml"
    gathered = gather(
        tmp_path,
        SourceSettings(kind="rss", url=nowhere),
        SourceSettings(kind="feed", url=site.base + "/feeds/not-a-feed.xml"),
        SourceSettings(kind="html", url=site.base + "/static/ferry-timetable.html"),
    )
    unreachable, not_feed = gathered.skipped
    assert unreachable.startswith(f"{nowhere}: cannot fetch it (")
    assert unreachable.endswith("; check the address and the network")
    assert not_feed.startswith(f"{site.base}/feeds/not-a-feed.xml: not an RSS or Atom feed (")
    assert all("\n" not in line for line in gathered.skipped)
    assert [a.slug for a in gathered.articles] == ["ferry-timetable"]


def test_script_previews_a_page_with_its_metadata(site: Site) -> None:
    path = "/heavy/2026/11/lighthouse-keeper"
    result = CliRunner().invoke(main, ["script", site.base + path])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert f"# link: {site.base}{path}" in lines
    assert "# author: Demelza Angove" in lines and "# date: 2026-11-27T05:30:00+00:00" in lines
    said = [line.split("] ", 1)[1] for line in lines if "] " in line]
    want = EXPECTED[path]
    assert said[:2] == [want["title"], want["summary"]]
    assert " ".join(said[2:]) == " ".join(want["paragraphs"])


def test_script_previews_a_feed_item_and_refuses_other_schemes(site: Site) -> None:
    result = CliRunner().invoke(
        main, ["script", site.base + "/feeds/full.xml", "--item", "2", "--json"]
    )
    assert result.exit_code == 0, result.output
    first = json.loads(result.output.splitlines()[0])["article"]
    assert first["slug"] == "storm-shutters" and first["author"] == "Jory Penhallow"
    refused = CliRunner().invoke(main, ["script", "file:///etc/passwd"])
    assert refused.exit_code == 1
    assert refused.output == (
        "Error: file:///etc/passwd: a file: address; only http and https URLs are read\n"
    )


IGNORED = re.compile(r"[\s\u00ad\u200b-\u200d\u2060\ufeff]")


def fold(text: str) -> str:
    """Text as the page player compares it (site/static/player.js, ``fold``): no white
    space, plain quotes and dashes, NFKC, lower case."""
    text = IGNORED.sub("", text)
    text = re.sub("[\u2018-\u201b\u2032]", "'", text)
    text = re.sub("[\u201c-\u201f\u2033\u00ab\u00bb]", '"', text)
    text = re.sub("[\u2010-\u2015\u2212]", "-", text)
    return unicodedata.normalize("NFKC", text).lower()


@pytest.mark.parametrize("path", list(EXPECTED))
def test_every_sentence_read_is_found_in_order_on_the_page_itself(
    tmp_path: Path, site: Site, path: str
) -> None:
    """The embedded player highlights the original page (``text="article"``): it finds
    each sentence there by its text, so what is read must be the page's own words."""
    (article,) = gather(tmp_path, SourceSettings(kind="html", url=site.base + path)).articles
    page = lxml_html.fromstring(_page_bytes(path))
    (body,) = page.xpath("//article") or page.xpath("//body")
    haystack, position = fold(body.text_content()), 0
    for block in article.blocks[1:]:  # the headline may be styled apart (a site's <h1>)
        found = haystack.find(fold(article.text[block.start : block.end]), position)
        assert found >= 0, article.text[block.start : block.end]
        position = found


def _page_bytes(path: str) -> bytes:
    local = SITES / path.strip("/")
    for candidate in (local / "index.html", local, local.with_name(local.name + ".html")):
        if candidate.is_file():
            return candidate.read_bytes()
    raise FileNotFoundError(path)


def test_a_failing_page_of_the_wordpress_api_keeps_the_posts_read_before(
    tmp_path: Path, site: Site
) -> None:
    gathered = gather(tmp_path, SourceSettings(kind="wordpress", url=site.base + "/wp-half/"))
    assert [a.slug for a in gathered.articles] == [
        "choir-carols-market-hall",
        "bakery-by-the-chapel-steps",
    ]
    (line,) = gathered.skipped
    assert line.startswith(f"{site.base}/wp-half/wp-json/wp/v2/posts?per_page=20&page=2&")
    assert "HTTP 500 Internal Server Error" in line


TWINS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<title>Twins</title><link>{base}/</link><description>Two days, one headline</description>
<item><title>Gale warning for the coast</title><link>{base}/2026/11/27/gale/</link>
<pubDate>Fri, 27 Nov 2026 06:00:00 +0000</pubDate>
<content:encoded><![CDATA[<p>A second gale in two days is due to reach the coast by the evening.</p>
<p>Forecasters expect gusts of up to seventy miles an hour on the exposed headlands.</p>
<p>The ferry to the islands will stay in port until the wind drops on Sunday.</p>]]>
</content:encoded></item>
<item><title>Gale warning for the harbour</title><link>{base}/2026/11/26/gale/</link>
<pubDate>Thu, 26 Nov 2026 06:00:00 +0000</pubDate>
<content:encoded><![CDATA[<p>The harbour master closed the outer basin before the first gale.</p>
<p>Crews spent the afternoon doubling the lines on the moored trawlers.</p>
<p>Two yachts that had stayed out were towed in by the lifeboat just before dark.</p>]]>
</content:encoded></item>
</channel></rss>"""


def test_two_web_articles_with_one_slug_leave_the_second_out(tmp_path: Path, site: Site) -> None:
    site.changed["/feeds/twins.xml"] = TWINS.format(base=site.base).encode()
    gathered = gather(tmp_path, SourceSettings(kind="rss", url=site.base + "/feeds/twins.xml"))
    assert [a.title for a in gathered.articles] == ["Gale warning for the coast"]
    (line,) = gathered.skipped
    assert line.startswith(f"{site.base}/2026/11/26/gale/: slug 'gale' is already used by ")
