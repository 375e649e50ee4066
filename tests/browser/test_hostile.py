"""An article whose title and body carry script runs none of it: the text is shown literally."""

from __future__ import annotations

import shutil
from collections.abc import Iterator

import pytest
from conftest import copy_edition, write_article
from playwright.sync_api import Browser

from audio_edition.build import render
from audio_edition.site.serve import RunningServer, start

from .conftest import Tab, new_tab

pytestmark = pytest.mark.slow

SCRIPT = "<script>window.__pwned=1</script>"
IMAGE = '<img src=x onerror="window.__pwned=1">'


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningServer]:
    """A one-article edition (fake engine) whose title, summary and body are hostile."""
    base = tmp_path_factory.mktemp("hostile")
    edition = copy_edition(base / "edition")
    shutil.rmtree(edition / "articles")
    (edition / "articles").mkdir()
    write_article(
        edition,
        "hostile.md",
        f"Readers pasted `{SCRIPT}` into the comments. Another wrote `{IMAGE}` there too.",
        title=f"'Comments with {SCRIPT} and {IMAGE} inside'",
        summary=f"'A summary with {IMAGE} in it.'",
    )
    summary = render(edition, base / "out", cache_dir=base / "cache")
    assert not summary.failures, summary.failures
    server = start(base / "out")
    yield server
    server.stop()


@pytest.fixture
def hostile(browser: Browser, hostile_site: RunningServer) -> Iterator[Tab]:
    """A fresh page on the hostile site."""
    yield from new_tab(browser, hostile_site.url)


@pytest.mark.parametrize("path", ["articles/hostile/", ""])
def test_hostile_article_runs_no_script(hostile: Tab, path: str) -> None:
    page = hostile.open(path)
    if path:
        page.click(".aep-play")
        page.wait_for_function("() => document.querySelector('[aria-current=\"true\"]')")
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.locator("img").count() == 0
    assert page.locator("script").count() == 1  # the player's own
    text = page.inner_text("main")
    assert SCRIPT in text and IMAGE in text
    if path:
        assert page.title().startswith(f"Comments with {SCRIPT}")
    assert not [w for w in hostile.warnings if "Content Security Policy" in w]
