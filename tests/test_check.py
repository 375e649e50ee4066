"""``audio-edition check DIR`` passes a rendered folder and catches what apps would trip on."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import Rendered
from PIL import Image
from podcast_checks import render_into, small_edition

from audio_edition.check import check_output
from audio_edition.cli import main


@pytest.fixture(scope="module")
def rendered_small(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small edition rendered once; each test spoils a copy."""
    base = tmp_path_factory.mktemp("check")
    render_into(small_edition(base / "edition"), base / "out")
    return base / "out"


def test_rendered_sample_passes(rendered_fake: Rendered) -> None:
    result = CliRunner().invoke(main, ["check", str(rendered_fake.out)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[-1].endswith(": passed")
    assert sum(line.startswith("ok ") for line in lines) == 22  # 10 checks, 2 feeds; pages;
    # and every MP3's Content Credentials
    assert not any(line.startswith("error") for line in lines)
    assert "feed.xml · 1 episode(s)" in result.output
    assert "articles.xml · 6 episode(s)" in result.output
    loudness = [line for line in lines if "LUFS, true peak" in line]
    assert len(loudness) == 7  # every MP3 measured: 6 articles and the edition


def test_loudness_off_the_norm_is_an_error(rendered_small: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    shutil.copytree(rendered_small, out)
    mp3 = _mp3(out)
    quiet = mp3.with_suffix(".quiet.mp3")
    subprocess.run(["ffmpeg", "-v", "error", "-i", str(mp3), "-af", "volume=-6dB",
                    "-c:a", "libmp3lame", "-b:a", "64k", str(quiet)], check=True)  # fmt: skip
    size = mp3.stat().st_size
    quiet.replace(mp3)
    _feed(out, f'length="{size}"', f'length="{mp3.stat().st_size}"')
    result = CliRunner().invoke(main, ["check", str(out)])
    assert result.exit_code != 0
    assert any(line.startswith("error") and mp3.name in line and "LUFS" in line
               for line in result.output.splitlines())  # fmt: skip


def _feed(out: Path, old: str, new: str, count: int = 1) -> None:
    feed = out / "articles.xml"
    text = feed.read_text()
    assert old in text, old
    feed.write_text(text.replace(old, new, count))


def _first(out: Path, pattern: str) -> str:
    match = re.search(pattern, (out / "articles.xml").read_text())
    assert match, pattern
    return match.group(0)


def _in_both_feeds(out: Path) -> None:
    """The edition's episode listed in the articles' feed too: a subscriber to both
    would download it twice."""
    edition = re.search(r"<item>.*?</item>", (out / "feed.xml").read_text(), flags=re.S)
    assert edition
    _feed(out, "</channel>", edition.group(0) + "</channel>")


def _same_guids(out: Path) -> None:
    feed = out / "articles.xml"
    feed.write_text(re.sub(r"(<guid[^>]*>)[^<]+", r"\1same-guid", feed.read_text(), count=2))


def _mp3(out: Path) -> Path:
    return next((out / "articles").rglob("*.mp3"))


def _json(path: Path, change: Callable[[dict], None]) -> None:
    data = json.loads(path.read_text())
    change(data)
    path.write_text(json.dumps(data))


def _chapters(out: Path) -> Path:
    return next((out / "editions").rglob("*.chapters.json"))


def _transcript(out: Path) -> Path:
    return next((out / "articles").rglob("*.transcript.json"))


SPOILERS: dict[str, tuple[Callable[[Path], object], str]] = {
    "no feed": (lambda o: (o / "feed.xml").unlink(), "feed.xml: missing"),
    "not XML": (lambda o: (o / "feed.xml").write_text("<rss><channel>"), "not well-formed"),
    "length": (lambda o: _mp3(o).open("ab").write(b"\0" * 10), "enclosure length"),
    "no audio": (lambda o: _mp3(o).unlink(), "enclosure names no file"),
    "foreign URL": (lambda o: _feed(o, 'url="https://gazette.example.org/audio/articles',
                                    'url="https://elsewhere.example/articles'), "names no file"),
    "same GUID": (_same_guids, "GUID 'same-guid'"),
    "in both feeds": (_in_both_feeds, "also in feed.xml (same GUID)"),
    "duration": (lambda o: _feed(o, _first(o, r"<itunes:duration>\d+"),
                                 "<itunes:duration>999"), "itunes:duration 999 s"),
    "category": (lambda o: _feed(o, 'category text="News"', 'category text="Newz"'),
                 "not an Apple category"),
    "explicit": (lambda o: _feed(o, "<itunes:explicit>false</itunes:explicit>", ""),
                 "itunes:explicit missing"),
    "podcast:guid": (lambda o: _feed(o, _first(o, r"<podcast:guid>[^<]+"), "<podcast:guid>x"),
                     "is not a UUID"),
    "pubDate": (lambda o: _feed(o, "+0000</pubDate>", "-0000</pubDate>", 9), "no timezone"),
    "small art": (lambda o: Image.new("RGB", (1000, 1000)).save(o / "cover.png"),
                  "PNG 1000x1000 px"),
    "transcript": (lambda o: _json(_transcript(o), lambda d: d["segments"][-1].update(endTime=999)),
                   "runs to 999.000 s"),
    "chapters": (lambda o: _json(_chapters(o), lambda d: d["chapters"][1].update(startTime=9.0)),
                 "chapters differ from the ID3"),
    "no chapters": (lambda o: _chapters(o).unlink(), "names no JSON chapters file"),
}  # fmt: skip


@pytest.mark.parametrize("case", sorted(SPOILERS))
def test_each_problem_is_an_error_line(case: str, rendered_small: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    shutil.copytree(rendered_small, out)
    assert check_output(out).errors == 0
    spoil, expected = SPOILERS[case]
    spoil(out)
    result = CliRunner().invoke(main, ["check", str(out)])
    assert result.exit_code == 1, result.output
    errors = [line for line in result.output.splitlines() if line.startswith("error")]
    assert errors and any(expected in line for line in errors), result.output
    assert "FAILED" in result.output and "Traceback" not in result.output


def test_checking_a_folder_that_does_not_exist_fails_cleanly(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["check", str(tmp_path / "nowhere")])
    assert result.exit_code == 2 and "does not exist" in result.output
