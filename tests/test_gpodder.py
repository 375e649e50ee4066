"""A real podcast client: gPodder's ``gpo`` subscribes to the daily edition's feed and the
articles' feed served over HTTP (with Range support) on 127.0.0.1 and downloads every
episode once, byte for byte; a second edition adds its episodes, an edited article adds none."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from podcast_checks import enclosures, next_edition, render_into, small_edition

from audio_edition.site.serve import RunningServer, start

GPO = shutil.which("gpo")
pytestmark = pytest.mark.skipif(
    GPO is None,
    reason="gPodder's gpo is not installed (Debian package gpodder; make test-system installs it)",
)


@pytest.fixture
def server(tmp_path: Path) -> Iterator[RunningServer]:
    """The output folder, served on 127.0.0.1 with Range requests (as a static host would)."""
    (tmp_path / "out").mkdir()
    running = start(tmp_path / "out")
    yield running
    running.stop()


def _gpo(tmp_path: Path, *args: str) -> str:
    """Run gpo with a throwaway home and download folder; return what it printed."""
    env = {
        **os.environ,
        "GPODDER_HOME": str(tmp_path / "gpodder-home"),
        "GPODDER_DOWNLOAD_DIR": str(tmp_path / "downloads"),
        "NO_PROXY": "127.0.0.1,localhost",
        "no_proxy": "127.0.0.1,localhost",
    }
    done = subprocess.run(
        [GPO or "gpo", *args], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout + done.stderr


def _digests(paths: list[Path]) -> dict[str, str]:
    return {hashlib.sha256(p.read_bytes()).hexdigest(): p.name for p in paths}


def _downloaded(tmp_path: Path) -> list[Path]:
    return [p for p in (tmp_path / "downloads").rglob("*") if p.is_file()]


def _published(out: Path, base: str) -> list[Path]:
    return [out / url.removeprefix(base) for url in enclosures(out).values()]


def _episodes(tmp_path: Path, feed: str) -> list[str]:
    listing = _gpo(tmp_path, "episodes", "--guid", feed)
    return re.findall(r"^\s+\d+\.\s+(\S+)", listing, flags=re.MULTILINE)


def test_gpodder_subscribes_and_downloads_every_episode(
    tmp_path: Path, server: RunningServer
) -> None:
    out = tmp_path / "out"
    daily, articles = server.url + "feed.xml", server.url + "articles.xml"
    friday = small_edition(tmp_path / "fri")
    render_into(friday, out, base_url=server.url)
    assert "Successfully added" in _gpo(tmp_path, "subscribe", daily)
    assert "1 episodes downloaded" in _gpo(tmp_path, "download")  # the day's edition, once
    assert "Successfully added" in _gpo(tmp_path, "subscribe", articles)
    assert "2 episodes downloaded" in _gpo(tmp_path, "download")  # each article, once
    assert _digests(_downloaded(tmp_path)) == _digests(_published(out, server.url))
    # The next day's edition: only its two episodes are new; the old ones keep their GUIDs.
    before = _episodes(tmp_path, daily) + _episodes(tmp_path, articles)
    render_into(next_edition(tmp_path / "sat"), out, base_url=server.url)
    _gpo(tmp_path, "update")
    assert "2 episodes downloaded" in _gpo(tmp_path, "download")
    after = _episodes(tmp_path, daily) + _episodes(tmp_path, articles)
    assert len(after) == len(set(after)) == 5 and set(before) < set(after)
    assert _digests(_downloaded(tmp_path)) == _digests(_published(out, server.url))
    # An edited article: new audio under the same GUID, no duplicate episode.
    article = friday / "articles" / "fish-market.md"
    article.write_text(article.read_text().replace("jumped this week", "jumped sharply this week"))
    render_into(friday, out, base_url=server.url)
    _gpo(tmp_path, "update")
    assert sorted(_episodes(tmp_path, daily) + _episodes(tmp_path, articles)) == sorted(after)
