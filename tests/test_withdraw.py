"""Withdrawing is complete at once: out of every feed, the pages and the edition episode,
in one command; ``check`` follows every link of the pages and feeds (issue 13, item 3)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from podcast_checks import NS, channel, items, render_into, small_edition

from audio_edition.cli import main

FISH = "Fish Prices Climb as Cold Snap Keeps Boats Ashore"
CITY = "City Hall Restores Online Services After Ransomware Attack"


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A two-article edition rendered once: (edition folder, output folder)."""
    base = tmp_path_factory.mktemp("withdraw")
    edition = small_edition(base / "edition")
    render_into(edition, base / "out")
    return edition, base / "out"


def _copy(rendered: tuple[Path, Path], tmp_path: Path) -> Path:
    out = tmp_path / "out"
    shutil.copytree(rendered[1], out)
    return out


def _edition_chapters(out: Path) -> list[str]:
    """The chapters of the edition episode the daily feed lists."""
    url = channel(out).find("item").find("podcast:chapters", NS).get("url")
    chapters = out / url.removeprefix("https://gazette.example.org/audio/")
    return [c["title"] for c in json.loads(chapters.read_text())["chapters"]]


def test_withdraw_takes_the_article_out_of_everything_at_once(
    rendered: tuple[Path, Path], tmp_path: Path
) -> None:
    out = _copy(rendered, tmp_path)
    assert FISH in _edition_chapters(out)
    result = CliRunner().invoke(main, ["withdraw", str(out), "fish-market"])
    assert result.exit_code == 0, result.output
    assert "The 2026-11-27 edition was rendered again without it." in result.output
    assert "was withdrawn from" not in result.output  # no warning about its own withdrawal
    assert FISH not in items(out) and CITY in items(out)
    assert _edition_chapters(out) == [CITY]
    edition_item = channel(out).find("item")
    assert FISH not in edition_item.findtext("description")
    pages = [p.read_text() for p in out.rglob("*.html")]
    assert not any("fish-market" in page or FISH in page for page in pages)
    assert not any("fish-market" in p.name for p in out.rglob("*") if p.is_file())
    checked = CliRunner().invoke(main, ["check", str(out)])
    assert checked.exit_code == 0, checked.output
    assert "pages: every link" in checked.output


def test_withdraw_says_when_the_edition_folder_moved_on(
    rendered: tuple[Path, Path], tmp_path: Path
) -> None:
    edition, out = rendered[0], _copy(rendered, tmp_path)
    later = tmp_path / "later"
    shutil.copytree(edition, later)
    config = later / "edition.toml"
    config.write_text(config.read_text().replace('date = "2026-11-27"', 'date = "2026-11-28"'))
    result = CliRunner().invoke(
        main, ["withdraw", str(out), "fish-market", "--edition", str(later)]
    )
    assert result.exit_code == 0, result.output
    assert "now holds another edition than 2026-11-27" in result.output
    assert FISH not in items(out) and FISH in _edition_chapters(out)  # the episode stays as it was


DEAD_LINKS = {
    "a page links to a missing page": (
        lambda out: (out / "index.html").write_text(
            (out / "index.html")
            .read_text()
            .replace("</main>", '<a href="articles/gone/">x</a></main>')
        ),
        "index.html: dead link 'articles/gone/'",
    ),
    "an article page is missing": (
        lambda out: (out / "articles" / "fish-market" / "index.html").unlink(),
        "articles/fish-market/index.html: dead link",
    ),
}


@pytest.mark.parametrize("case", sorted(DEAD_LINKS))
def test_check_reports_dead_links(rendered: tuple[Path, Path], tmp_path: Path, case: str) -> None:
    out = _copy(rendered, tmp_path)
    spoil, expected = DEAD_LINKS[case]
    spoil(out)
    result = CliRunner().invoke(main, ["check", str(out)])
    assert result.exit_code == 1, result.output
    errors = [line for line in result.output.splitlines() if line.startswith("error")]
    assert any(expected in line for line in errors), result.output
