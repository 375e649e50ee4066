"""Small editions and feed readers shared by the podcast tests (feed, catalog, check, gPodder)."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from conftest import TEST_HOME, copy_edition, write_article
from lxml import etree

from audio_edition.build import render
from audio_edition.models import RenderSummary

NS = {
    "itunes": "http://www.itunes.com/dtds/podcast-1.0.dtd",
    "podcast": "https://podcastindex.org/namespace/1.0",
    "atom": "http://www.w3.org/2005/Atom",
}
KEEP = ("fish-market.md", "city-hall-cyberattack.md")
"""The two shortest sample articles: a small edition renders in about a second."""


def small_edition(
    target: Path, date: str = "2026-11-27", voice: str = "test-fake", signed: bool = True
) -> Path:
    """The sample edition cut to two articles, speaking with ``voice`` (the fake engine),
    dated ``date``, signed with the tests' certificate unless ``signed`` is false."""
    edition = copy_edition(target, voice, signed=signed)
    for path in (edition / "articles").iterdir():
        if path.name not in KEEP:
            path.unlink()
    config = edition / "edition.toml"
    config.write_text(config.read_text().replace('date = "2026-11-27"', f'date = "{date}"'))
    return edition


def rendered_small(root: Path, name: str = "edition") -> tuple[Path, Path]:
    """``small_edition`` at ``root / name``, rendered into ``root / "out"`` with its clip
    cache at ``root / "cache"`` (as ``render_into`` does): rendered once per session and
    copied, since a copy takes milliseconds and a render seconds."""
    template = TEST_HOME / "rendered-small" / name
    if not template.is_dir():
        scratch = template.with_name(f"{name}.tmp")
        shutil.rmtree(scratch, ignore_errors=True)
        render_into(small_edition(scratch / name), scratch / "out")
        scratch.rename(template)
    shutil.copytree(template, root, dirs_exist_ok=True, symlinks=True)
    return root / name, root / "out"


def next_edition(target: Path, date: str = "2026-11-28") -> Path:
    """A later edition (the day after by default) with one article of its own."""
    edition = small_edition(target, date)
    for path in (edition / "articles").iterdir():
        path.unlink()
    write_article(edition, "ferry.md", "Ferry crews voted to strike on Saturday. Talks go on.",
                  slug="ferry-strike", title="Ferry Crews Vote to Strike",
                  date=f"{date}T07:00:00+00:00", section="Transport")  # fmt: skip
    return edition


def render_into(edition: Path, out: Path, **overrides: Any) -> RenderSummary:
    """Render with the edition's own clip cache (beside it), asserting nothing failed."""
    summary = render(edition, out, cache_dir=edition.parent / "cache", **overrides)
    assert not summary.failures, summary.failures
    return summary


FEEDS = ("feed.xml", "articles.xml")
"""The daily edition's feed and the articles' feed."""


def channel(out: Path, feed: str = "feed.xml") -> Any:
    """The parsed ``<channel>`` of one feed of ``out``."""
    return etree.fromstring((out / feed).read_bytes()).find("channel")


def items(out: Path) -> dict[str, Any]:
    """Every episode of the edition's and the articles' feeds, by title."""
    return {
        item.findtext("title"): item for f in FEEDS for item in channel(out, f).iterfind("item")
    }


def guids(out: Path) -> dict[str, str]:
    """GUID by episode title."""
    return {title: item.findtext("guid") for title, item in items(out).items()}


def enclosures(out: Path) -> dict[str, str]:
    """Enclosure URL by episode title."""
    return {title: item.find("enclosure").get("url") for title, item in items(out).items()}
