"""A render is one transaction: side files versioned with their MP3, the feed and the pages
switched last, one render at a time per folder, a kill at any moment harmless."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from podcast_checks import guids, items, render_into, rendered_small, small_edition

from audio_edition.catalog import CATALOG
from audio_edition.cli import main
from audio_edition.faults import KILL_VARIABLE, PAUSE_FILE_VARIABLE, PAUSE_VARIABLE, STAGES

VERSIONED = re.compile(r"^(?P<stem>.+-[0-9a-f]{10})\.mp3$")
SIDES = (".timing.json", ".vtt", ".transcript.json")


def _command(edition: Path, out: Path, *extra: str) -> list[str]:
    cache = edition.parent / "cache"
    return [sys.executable, "-m", "audio_edition", "render", str(edition), "--out", str(out),
            "--cache-dir", str(cache), "-q", *extra]  # fmt: skip


def _run(edition: Path, out: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(_command(edition, out), capture_output=True, text=True, timeout=300,
                          env={**os.environ, **env})  # fmt: skip


def _check(out: Path) -> None:
    result = CliRunner().invoke(main, ["check", str(out)])
    assert result.exit_code == 0, result.output


def _edit(edition: Path) -> None:
    """Change one sentence of one article: a new version of it and of the edition."""
    path = edition / "articles" / "fish-market.md"
    text = path.read_text()
    path.write_text(text.replace("\n\n", "\n\nA brand new opening sentence arrives here.\n\n", 2))


def test_side_files_carry_the_version_of_their_mp3(tmp_path: Path) -> None:
    edition, out = small_edition(tmp_path / "edition"), tmp_path / "out"
    result = CliRunner().invoke(main, _command(edition, out)[3:])
    assert result.exit_code == 0, result.output
    folder = out / "articles" / "fish-market"
    (mp3,) = folder.glob("*.mp3")
    stem = VERSIONED.match(mp3.name)["stem"]  # type: ignore[index]
    for suffix in SIDES:
        assert (folder / f"{stem}{suffix}").is_file(), suffix
    assert not (folder / "fish-market.vtt").exists()
    # The page plays this version; the feed names its transcripts.
    page = (folder / "index.html").read_text()
    assert f'timing="{stem}.timing.json"' in page and f"{stem}.vtt" in page
    feed = (out / "articles.xml").read_text()
    assert f"articles/fish-market/{stem}.transcript.json" in feed
    # The stable timing, for publishers' own pages, is this version's timing.
    stable = folder / "fish-market.timing.json"
    assert stable.read_bytes() == (folder / f"{stem}.timing.json").read_bytes()
    assert json.loads(stable.read_text())["audio"] == mp3.name
    edition_folder = out / "editions" / "2026-11-27"
    (whole,) = edition_folder.glob("*.mp3")
    assert (edition_folder / whole.name.replace(".mp3", ".chapters.json")).is_file()


def test_an_edited_article_keeps_its_previous_versions_whole(tmp_path: Path) -> None:
    edition, out = rendered_small(tmp_path)
    first = _versions(out / "articles" / "fish-market")
    for _ in range(2):
        _edit(edition)
        render_into(edition, out)
    versions = _versions(out / "articles" / "fish-market")
    assert len(versions) == 3 and first < versions  # within the grace period: all whole
    for stem in versions:
        assert all((out / "articles" / "fish-market" / f"{stem}{s}").is_file() for s in SIDES)
    _check(out)


def _versions(folder: Path) -> set[str]:
    return {m["stem"] for p in folder.iterdir() if (m := VERSIONED.match(p.name))}


def _spoil_transcript(out: Path) -> None:
    fish, city = (next((out / "articles" / s).glob("*-*.transcript.json"))
                  for s in ("fish-market", "city-hall-cyberattack"))  # fmt: skip
    shutil.copyfile(city, fish)  # another episode's transcript under this version's name


def _versioned_timing(out: Path) -> Path:
    """The fish market's versioned timing JSON (not the stable ``fish-market.timing.json``)."""
    stem = next((out / "articles" / "fish-market").glob("*.mp3")).stem
    return out / "articles" / "fish-market" / f"{stem}.timing.json"


def _spoil_timing(out: Path) -> None:
    timing = _versioned_timing(out)
    data = json.loads(timing.read_text())
    data["duration"] += 3
    timing.write_text(json.dumps(data))


def _fixed_names(out: Path) -> None:
    """Side files under fixed names, as renders before versioned side files wrote them."""
    feed = out / "articles.xml"
    stem = next((out / "articles" / "fish-market").glob("*.mp3")).stem
    text = feed.read_text()
    for suffix in (".vtt", ".transcript.json"):
        shutil.copyfile(out / "articles" / "fish-market" / f"{stem}{suffix}",
                        out / "articles" / "fish-market" / f"fish-market{suffix}")  # fmt: skip
        text = text.replace(f"{stem}{suffix}", f"fish-market{suffix}")
    feed.write_text(text)


def _stable_elsewhere(out: Path) -> None:
    stable = out / "articles" / "fish-market" / "fish-market.timing.json"
    data = json.loads(stable.read_text())
    data["audio"] = "fish-market-0000000000.mp3"
    stable.write_text(json.dumps(data))


MISMATCHES: dict[str, tuple[Callable[[Path], None], str]] = {
    "another episode's transcript": (_spoil_transcript, "are not the sentences of"),
    "timing of another length": (_spoil_timing, "lasts"),
    "fixed names": (_fixed_names, "is not of the enclosure's version"),
    "no timing": (lambda o: _versioned_timing(o).unlink(), "timing file"),
    "stable timing names no MP3": (_stable_elsewhere, "which is not published"),
}  # fmt: skip


@pytest.mark.parametrize("case", sorted(MISMATCHES))
def test_check_reports_side_files_that_do_not_belong_to_their_enclosure(
    case: str, tmp_path: Path
) -> None:
    _, out = rendered_small(tmp_path)
    spoil, expected = MISMATCHES[case]
    spoil(out)
    result = CliRunner().invoke(main, ["check", str(out)])
    assert result.exit_code == 1, result.output
    errors = [line for line in result.output.splitlines() if line.startswith("error")]
    assert any(expected in line for line in errors), result.output


@pytest.mark.parametrize("stage", STAGES)
def test_a_render_killed_at_any_stage_leaves_a_consistent_folder(
    stage: str, tmp_path: Path
) -> None:
    edition, out = rendered_small(tmp_path)
    before = guids(out)
    _edit(edition)  # so that the killed render has speech to make, audio to master
    killed = _run(edition, out, **{KILL_VARIABLE: stage})
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    _check(out)  # the feed, pages and files are the previous render's or this one's, whole
    _pages_play_files_that_are_there(out)
    _edit(edition)  # what the killed render published, if anything, is now of no use
    again = _run(edition, out)
    assert again.returncode == 0, again.stderr
    assert guids(out) == before
    _check(out)
    # What the killed render published and never recorded is gone; what it recorded (a
    # feed named it) stays for the grace period, as an edited article's old version does.
    with sqlite3.connect(out / CATALOG) as db:
        recorded = {Path(row[0]).stem for row in db.execute(
            "SELECT mp3 FROM episodes UNION SELECT mp3 FROM superseded")}  # fmt: skip
    versions = _versions(out / "articles" / "fish-market")
    assert versions <= recorded and len(versions) <= 3


def _pages_play_files_that_are_there(out: Path) -> None:
    for page in out.rglob("index.html"):
        links = re.findall(r'(?:src|timing|href)="([^"]+\.(?:mp3|json|vtt))"', page.read_text())
        assert links, page
        for link in links:
            assert (page.parent / link).is_file(), f"{page} plays {link}, which is not there"


def test_a_first_render_killed_while_mastering_is_completed_by_the_next(tmp_path: Path) -> None:
    edition, out = small_edition(tmp_path / "edition"), tmp_path / "out"
    killed = _run(edition, out, **{KILL_VARIABLE: "mastering"})
    assert killed.returncode == -signal.SIGKILL
    assert not (out / "feed.xml").exists()
    assert _run(edition, out).returncode == 0
    _check(out)
    assert len(items(out)) == 3


def test_a_second_render_into_a_busy_folder_refuses_at_once(tmp_path: Path) -> None:
    edition, out = small_edition(tmp_path / "edition"), tmp_path / "out"
    marker = tmp_path / "paused"
    env = {**os.environ, PAUSE_VARIABLE: "synthesis", PAUSE_FILE_VARIABLE: str(marker)}
    first = subprocess.Popen(_command(edition, out), env=env, stderr=subprocess.PIPE, text=True)
    try:
        _wait_for(marker, first)
        second = _run(edition, out)
        assert second.returncode == 1
        lines = second.stderr.strip().splitlines()
        assert len(lines) == 1 and "another audio-edition" in lines[0] and str(out) in lines[0]
        withdraw = CliRunner().invoke(main, ["withdraw", str(out), "fish-market"])
        assert withdraw.exit_code == 1 and "another audio-edition" in withdraw.output
    finally:
        marker.unlink(missing_ok=True)
        _, errors = first.communicate(timeout=300)
    assert first.returncode == 0, errors
    _check(out)
    assert _run(edition, out).returncode == 0  # the lock went with the first render


def _wait_for(marker: Path, process: subprocess.Popen[str]) -> None:
    while not marker.exists():
        assert process.poll() is None, process.communicate()[1]
        time.sleep(0.05)
