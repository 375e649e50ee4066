"""Article and edition pages as written by ``render``: sentences wrapped, text escaped, links
to files that exist; the player's static files shipped and small."""

from __future__ import annotations

import datetime as dt
import gzip
import html
import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from conftest import Rendered, write_article

from audio_edition.build import render
from audio_edition.history import withdraw
from audio_edition.models import Article, Block, Episode, Sentence
from audio_edition.site.pages import STATIC_FILES, block_views, clock, segments

STATIC = Path(__file__).resolve().parent.parent / "audio_edition" / "site" / "static"
SPAN = re.compile(r'<span class="aep-sentence" data-sentence="(\d+)">(.*?)</span>', re.S)
PLAYER = re.compile(r"<audio-edition-player ([^>]*)>")
ATTRIBUTE = re.compile(r'([a-z-]+)="([^"]*)"')
MAX_PLAYER_GZIP = 10 * 1024


def _article(text: str, blocks: tuple[Block, ...]) -> Article:
    return Article(
        slug="a", title="T", summary="", author="A", section="", language="en",
        date=dt.datetime(2026, 11, 27, tzinfo=dt.UTC), text=text, blocks=blocks,
        source=Path("a.md"),
    )  # fmt: skip


def _sentence(index: int, text: str, start: int, end: int) -> Sentence:
    return Sentence(index, 0, start, end, text[start:end], text[start:end])


def _page(rendered: Rendered, episode: Episode) -> str:
    return (episode.files["mp3"].parent / "index.html").read_text(encoding="utf-8")


def _timing(episode: Episode) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(episode.files["timing"].read_text(encoding="utf-8"))
    return data


def _player(page: str) -> dict[str, str]:
    found = PLAYER.search(page)
    assert found, "no player on the page"
    return {name: html.unescape(value) for name, value in ATTRIBUTE.findall(found.group(1))}


def test_segments_keep_the_text_between_sentences() -> None:
    text = "Head\n\nOne. Two!  (aside) Three?"
    blocks = (Block("headline", 0, 4), Block("paragraph", 6, len(text)))
    sentences = [_sentence(0, text, 0, 4), _sentence(1, text, 6, 10), _sentence(2, text, 11, 15),
                 _sentence(3, text, 25, 31)]  # fmt: skip
    views = block_views(_article(text, blocks), sentences)
    assert [v.kind for v in views] == ["headline", "paragraph"]
    assert [(s.text, s.sentence) for s in views[1].segments] == [
        ("One.", 1), (" ", None), ("Two!", 2), ("  (aside) ", None), ("Three?", 3)
    ]  # fmt: skip
    for view, block in zip(views, blocks, strict=True):
        assert "".join(s.text for s in view.segments) == text[block.start : block.end]


def test_a_sentence_crossing_blocks_is_cut_at_the_boundary() -> None:
    text = "Line one\n\nline two."
    blocks = (Block("paragraph", 0, 8), Block("paragraph", 10, len(text)))
    sentence = _sentence(0, text, 0, len(text))
    first, second = (segments(text, b, [sentence]) for b in blocks)
    assert [(s.text, s.sentence) for s in first] == [("Line one", 0)]
    assert [(s.text, s.sentence) for s in second] == [("line two.", 0)]


def test_clock_formats_like_the_player() -> None:
    assert [clock(s) for s in (0, 59.99, 158.2, 3600, 3725)] == [
        "0:00", "0:59", "2:38", "1:00:00", "1:02:05"
    ]  # fmt: skip


def test_every_sentence_is_wrapped_around_its_original_words(rendered_fake: Rendered) -> None:
    for episode in rendered_fake.summary.episodes:
        page = _page(rendered_fake, episode)
        spans = {int(i): html.unescape(words) for i, words in SPAN.findall(page)}
        said = _timing(episode)["sentences"]  # the disclosure is in no page text
        expected = {s["index"]: s["text"] for s in said if s.get("kind") != "disclosure"}
        assert spans == expected, episode.slug


def test_player_points_at_the_published_files(rendered_fake: Rendered) -> None:
    for episode in rendered_fake.summary.episodes:
        page = _page(rendered_fake, episode)
        attrs = _player(page)
        folder = episode.files["mp3"].parent
        assert (folder / attrs["src"]).resolve() == episode.files["mp3"].resolve()
        assert (folder / attrs["timing"]).resolve() == episode.files["timing"].resolve()
        assert (folder / attrs["artwork"]).is_file()
        timing = _timing(episode)
        assert float(attrs["duration"]) == timing["duration"]
        shown = f'<span class="aep-time">0:00 / {clock(timing["duration"])}</span>'
        assert shown in page  # before any script runs


def test_static_files_are_copied_and_versioned(rendered_fake: Rendered) -> None:
    page = (rendered_fake.out / "index.html").read_text(encoding="utf-8")
    for name in STATIC_FILES:
        copied = rendered_fake.out / "static" / name
        assert copied.read_bytes() == (STATIC / name).read_bytes()
        assert re.search(rf'"static/{re.escape(name)}\?v=[0-9a-f]{{10}}"', page)


def test_edition_page_plays_the_edition_with_every_article_as_a_chapter(
    rendered_fake: Rendered,
) -> None:
    page = (rendered_fake.out / "index.html").read_text(encoding="utf-8")
    whole = rendered_fake.summary.edition
    assert whole is not None
    attrs = _player(page)
    assert (rendered_fake.out / attrs["src"]).resolve() == whole.mp3.resolve()
    assert (rendered_fake.out / attrs["timing"]).resolve() == whole.files["timing"].resolve()
    assert float(attrs["duration"]) == _timing(whole)["duration"]
    assert attrs["chapters"] == attrs["text"] == "#chapters"
    assert f'<span class="edition-duration">{clock(whole.duration)}</span>' in page
    for feed, label in (("feed.xml", "The daily edition"), ("articles.xml", "Every article")):
        assert re.search(rf'href="(\./)?{feed}">Subscribe: {label}', page), feed
        assert f"https://gazette.example.org/audio/{feed}" in page
        assert re.search(rf'rel="alternate" type="application/rss\+xml" [^>]*{feed}"', page)
    items = re.findall(r'<li class="chapter" data-article="([^"]+)" data-start="([^"]+)"', page)
    episodes = rendered_fake.summary.episodes
    assert [slug for slug, _ in items] == [e.slug for e in episodes]
    assert [float(start) for _, start in items] == [round(c.start, 3) for c in whole.chapters]
    for episode in episodes:
        assert f'href="articles/{episode.slug}/"' in page
    # Each article's text, each sentence wrapped, under its chapter.
    chapters = page.split('<li class="chapter" ')[1:]
    for chapter, episode in zip(chapters, episodes, strict=True):
        spans = {int(i): html.unescape(words) for i, words in SPAN.findall(chapter)}
        said = [s for s in _timing(episode)["sentences"] if s.get("kind") != "disclosure"]
        assert spans == {s["index"]: s["text"] for s in said}
    assert "Other editions" not in page  # one edition in this folder


def test_player_script_and_styles_are_under_10_kb_gzipped() -> None:
    packed = sum(
        len(gzip.compress((STATIC / n).read_bytes(), 9)) for n in ("player.js", "player.css")
    )
    assert packed < MAX_PLAYER_GZIP, f"{packed} bytes gzipped"


@pytest.mark.slow
def test_hostile_text_is_escaped(fake_edition: Path, tmp_path: Path) -> None:
    shutil.rmtree(fake_edition / "articles")
    (fake_edition / "articles").mkdir()
    attack = '</span><script>alert(1)</script><img src=x onerror="alert(1)">'
    write_article(fake_edition, "x.md", f"Body `{attack}` ends.", title=f"'T {attack}'",
                  author=f"'{attack}'")  # fmt: skip
    render(fake_edition, tmp_path / "out", cache_dir=tmp_path / "cache")
    out = tmp_path / "out"
    for page in (out / "articles" / "x" / "index.html", out / "index.html"):
        text = page.read_text(encoding="utf-8")
        assert "<script>alert" not in text and "<img" not in text
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
        assert text.count("<script") == 1


@pytest.mark.slow
def test_without_an_edition_episode_the_edition_page_links_to_each_article(
    fake_edition: Path, tmp_path: Path
) -> None:
    out, cache = tmp_path / "out", tmp_path / "cache"
    render(fake_edition, out, cache_dir=cache)
    withdraw(out, "edition-2026-11-27")
    summary = render(fake_edition, out, cache_dir=cache)
    assert summary.edition is None
    page = (out / "index.html").read_text(encoding="utf-8")
    assert "<audio-edition-player" not in page and "data-start" not in page
    for episode in summary.episodes:
        assert f'<a class="chapter-play" href="articles/{episode.slug}/"' in page
        assert (out / "articles" / episode.slug / "index.html").is_file()
