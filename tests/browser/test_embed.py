"""The embed snippet on a publisher's own page (another origin): sentences found by text match."""

from __future__ import annotations

import html
import json
from collections.abc import Iterator
from typing import Any

import pytest
from conftest import Rendered
from playwright.sync_api import Browser

from audio_edition.site.serve import RunningServer, start

from .conftest import Tab, new_tab
from .test_player import assert_highlight_follows, state, wait_playing_past

pytestmark = pytest.mark.slow

SLUG = "storm-warning"
PLAYER = "document.querySelector('audio-edition-player')"


def _paragraphs(data: dict[str, Any]) -> list[list[dict[str, Any]]]:
    """The timing's sentences grouped by block (0 headline, 1 summary, then paragraphs)."""
    groups: dict[int, list[dict[str, Any]]] = {}
    for sentence in data["sentences"]:
        groups.setdefault(sentence["paragraph"], []).append(sentence)
    return [groups[k] for k in sorted(groups)]


def _publisher_markup(sentences: list[dict[str, Any]], n: int) -> str:
    """One paragraph as a CMS might write it: curly quotes, line breaks, inline markup."""
    text = html.escape(" ".join(s["text"] for s in sentences), quote=False)
    text = text.replace('"', "\u201c", 1).replace('"', "\u201d", 1)
    if n % 2:
        text = text.replace(" ", "\n        ", 3)
    words = text.split(" ")
    if len(words) > 6:
        words[2] = f"<em>{words[2]}</em>"
        words[5] = f'<a href="#more">{words[5]}</a>'
    return f"<p>{' '.join(words)}</p>"


def publisher_page(site: str, data: dict[str, Any], timing_url: str, skip: int | None) -> str:
    """A plain article page of the publisher's own, with the embed snippet."""
    blocks = _paragraphs(data)
    headline, summary, body = blocks[0], blocks[1], blocks[2:]
    paragraphs = [_publisher_markup(p, i) for i, p in enumerate(body) if i != skip]
    paragraphs.insert(2, "<figure><figcaption>Photo: the harbour wall</figcaption></figure>")
    paragraphs.insert(4, "<aside>Advertisement</aside>")
    newline = "\n      "
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Publisher</title><link rel="icon" href="data:,">
<link rel="stylesheet" href="{site}static/player.css">
<script src="{site}static/player.js" defer></script>
</head><body>
<nav>Home · Weather · Sport</nav>
<article class="post">
  <header><h1 class="headline">{html.escape(headline[0]["text"])}</h1>
  <p class="dek">{html.escape(summary[0]["text"])}</p></header>
  <audio-edition-player timing="{timing_url}" text=".post"></audio-edition-player>
  <div class="entry">
      {newline.join(paragraphs)}
  </div>
</article>
<script>
  window.__text = () => {{
    const copy = document.querySelector(".post").cloneNode(true);
    copy.querySelector("audio-edition-player").remove();
    return copy.textContent;
  }};
  window.__before = window.__text();
  document.querySelector("audio-edition-player").addEventListener("unmatched",
    (e) => {{ window.__unmatched = e.detail.sentences.map((s) => s.index); }});
</script>
</body></html>
"""


@pytest.fixture(scope="module")
def publisher(
    tmp_path_factory: pytest.TempPathFactory, rendered_fake: Rendered, site: RunningServer
) -> Iterator[RunningServer]:
    """The publisher's site, on its own origin: the full article, and one missing a paragraph."""
    root = tmp_path_factory.mktemp("publisher")
    episode = next(e for e in rendered_fake.summary.episodes if e.slug == SLUG)
    data = json.loads(episode.files["timing"].read_text(encoding="utf-8"))
    timing_url = f"{site.url}articles/{SLUG}/{SLUG}.timing.json"  # the stable address
    for name, skip in (("full.html", None), ("cut.html", 3)):
        page = publisher_page(site.url, data, timing_url, skip)
        (root / name).write_text(page, encoding="utf-8")
    server = start(root)
    yield server
    server.stop()


@pytest.fixture
def reader(browser: Browser, publisher: RunningServer) -> Iterator[Tab]:
    """A fresh page on the publisher's site."""
    yield from new_tab(browser, publisher.url)


def _timing(rendered: Rendered) -> dict[str, Any]:
    episode = next(e for e in rendered.summary.episodes if e.slug == SLUG)
    data: dict[str, Any] = json.loads(episode.files["timing"].read_text(encoding="utf-8"))
    return data


def test_embed_finds_every_sentence_in_the_publishers_text(
    reader: Tab, rendered_fake: Rendered
) -> None:
    data = _timing(rendered_fake)
    page = reader.open("full.html")
    found = page.evaluate(
        f"""() => ({{unmatched: {PLAYER}.unmatched.length,
        marked: [...new Set([...document.querySelectorAll('.post [data-sentence]')]
                 .map((e) => +e.dataset.sentence))],
        same: window.__text() === window.__before}})"""
    )
    said, *text = data["sentences"]  # the disclosure is in no page text: not looked for
    assert said["kind"] == "disclosure"
    assert found == {
        "unmatched": 0,
        "marked": [s["index"] for s in text],
        "same": True,
    }
    page.evaluate(f"() => {PLAYER}.seek({(said['start'] + said['end']) / 2})")
    lit = page.evaluate(
        f"() => [{PLAYER}.current, document.querySelectorAll('.aep-current').length]"
    )
    assert lit == [-1, 0]  # while it plays, no article text is highlighted
    target = data["sentences"][-2]
    page.click(f'.entry [data-sentence="{target["index"]}"] >> nth=0')
    assert abs(state(reader)["t"] - target["start"]) < 0.25
    wait_playing_past(reader, target["start"] + 0.3)
    page.evaluate(f"{PLAYER}.seek({data['sentences'][3]['start']})")
    assert_highlight_follows(reader, data, samples=3)
    assert not reader.warnings, reader.warnings


def test_embed_reports_sentences_it_cannot_find(reader: Tab, rendered_fake: Rendered) -> None:
    data = _timing(rendered_fake)
    missing = [s["index"] for s in _paragraphs(data)[2 + 3]]
    page = reader.open("cut.html")
    assert page.evaluate(f"{PLAYER}.unmatched.map((s) => s.index)") == missing
    assert page.evaluate("window.__unmatched") == missing
    assert any("not found" in w for w in reader.warnings), reader.warnings
    marked = page.evaluate("document.querySelectorAll('.post [data-sentence]').length")
    assert marked >= len(data["sentences"]) - len(missing)
