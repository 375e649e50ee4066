"""edition.toml is checked as a whole before anything is written: wrong types, values
out of range, malformed tags, addresses and categories are one ``Error:`` line naming
the file and every bad key; too many workers are capped to what the machine can run."""

from __future__ import annotations

import logging
import re
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner
from podcast_checks import NS, channel, small_edition

from audio_edition.audio.bitrates import lame_bitrates
from audio_edition.cli import main
from audio_edition.engines import capacity
from audio_edition.engines.pool import WorkerPool
from audio_edition.site.categories import apple_category
from audio_edition.valid import email, http_url, language_tag
from audio_edition.voices import load_voice


def _set(edition: Path, table: str, key: str, value: str) -> None:
    """Write ``key = value`` (TOML) into ``[table]`` of the edition's edition.toml."""
    config = edition / "edition.toml"
    text = re.sub(rf"^{key} = .*\n", "", config.read_text(encoding="utf-8"), flags=re.M)
    if f"[{table}]\n" in text:
        text = text.replace(f"[{table}]\n", f"[{table}]\n{key} = {value}\n", 1)
    else:
        text += f"\n[{table}]\n{key} = {value}\n"
    config.write_text(text, encoding="utf-8")


def _render(edition: Path, out: Path, cache: Path, *options: str) -> tuple[int, list[str]]:
    """Render through the CLI as a user would; the exit code and the output's lines."""
    args = ["render", str(edition), "--out", str(out), "--cache-dir", str(cache), *options]
    result = CliRunner().invoke(main, args)
    return result.exit_code, result.output.strip().splitlines()


BAD_VALUES = [
    # Wrong types: today they crash mid-render, after files were written.
    ("audio", "loudness_lufs", '"loud"', "is not a number"),
    ("synthesis", "timeout_s", '"soon"', "is not a number"),
    ("publication", "explicit", '"no"', "is not true or false"),
    # Out of range: today LAME silently encodes something else, or 1000s of processes start.
    ("audio", "bitrate_kbps", "0", "is not a bitrate LAME encodes"),
    ("audio", "bitrate_kbps", "1000000000", "is not a bitrate LAME encodes"),
    ("audio", "bitrate_kbps", "192", "at 22050 Hz, the sample rate of voice 'test-fake'"),
    ("audio", "bitrate_kbps", "320", "at 22050 Hz"),
    ("audio", "encoder_quality", "99", "is out of range (0 to 9)"),
    ("audio", "loudness_lufs", "0", "is out of range (-36 to -6)"),
    ("audio", "loudness_lufs", "nan", "is not a finite number"),
    ("audio", "true_peak_dbtp", "3", "is out of range (-9 to 0)"),
    ("synthesis", "timeout_s", "0", "is out of range (1 to 3600)"),
    ("synthesis", "timeout_s", "1e9", "is out of range (1 to 3600)"),
    ("synthesis", "workers", "-1", "is out of range (0 to 1024)"),
    ("synthesis", "workers", "100000", "is out of range (0 to 1024)"),
    ("feed", "max_episodes", "1000000000", "is out of range (1 to 5000)"),
    # Malformed text: today it crashes at feed time or lands in the feed as is.
    ("publication", "language", '"en\\u0007"', "contains a control character (U+0007)"),
    ("publication", "language", '"english please"', "is not a BCP 47 language tag"),
    ("publication", "title", '"Gazette\\u0007"', "contains a control character (U+0007)"),
    ("publication", "title", '"The Harbour\\nGazette"', "it must be one line"),
    ("publication", "author", '"   "', "is empty"),
    ("publication", "category", '"Newz"', "is not an Apple Podcasts category"),
    ("publication", "category", '"News > Gossip"', "is not a subcategory of News"),
    ("publication", "base_url", '"https://gazette.example.org/au dio/"', "absolute http(s) URL"),
    ("feed", "owner_email", '"the editor"', "is not an e-mail address"),
    ("audo", "bitrate_kbps", "64", "unknown table"),
]


@pytest.mark.parametrize(("table", "key", "value", "problem"), BAD_VALUES)
def test_bad_value_is_one_line_and_writes_nothing(
    fake_edition: Path, tmp_path: Path, table: str, key: str, value: str, problem: str
) -> None:
    _set(fake_edition, table, key, value)
    out, cache = tmp_path / "out", tmp_path / "cache"
    code, lines = _render(fake_edition, out, cache)
    assert code != 0
    assert len(lines) == 1, lines
    name = table if table == "audo" else f"{table}.{key}"
    assert lines[0].startswith(f"Error: {fake_edition / 'edition.toml'}: "), lines[0]
    assert f"Config value '{name}': " in lines[0] and problem in lines[0], lines[0]
    assert not out.exists() and not cache.exists(), "bad configuration must write nothing"


def test_every_problem_of_the_file_is_on_the_one_line(fake_edition: Path, tmp_path: Path) -> None:
    _set(fake_edition, "audio", "bitrate_kbps", "0")
    _set(fake_edition, "audio", "encoder_quality", "99")
    _set(fake_edition, "synthesis", "timeout_s", '"soon"')
    _set(fake_edition, "publication", "language", '"en GB"')
    code, lines = _render(fake_edition, tmp_path / "out", tmp_path / "cache")
    assert code != 0 and len(lines) == 1, lines
    for key in ("audio.bitrate_kbps", "audio.encoder_quality", "synthesis.timeout_s",
                "publication.language"):  # fmt: skip
        assert f"Config value '{key}'" in lines[0]
    assert not (tmp_path / "out").exists()


def test_an_output_folder_is_left_as_it_was(fake_edition: Path, tmp_path: Path) -> None:
    """A bad edition.toml rendered into an existing site changes nothing in it."""
    out = tmp_path / "out"
    (out / "articles").mkdir(parents=True)
    (out / "feed.xml").write_text("<rss>yesterday's</rss>")
    before = sorted(p.relative_to(out) for p in out.rglob("*"))
    _set(fake_edition, "audio", "loudness_lufs", '"loud"')
    code, _ = _render(fake_edition, out, tmp_path / "cache")
    assert code != 0
    assert sorted(p.relative_to(out) for p in out.rglob("*")) == before
    assert (out / "feed.xml").read_text() == "<rss>yesterday's</rss>"


def test_a_billion_millisecond_pause_in_a_profile_is_refused(
    fake_edition: Path, tmp_path: Path
) -> None:
    (fake_edition / "voices").mkdir()
    profile = fake_edition / "voices" / "slow.toml"
    profile.write_text('engine = "fake"\nlanguage = "en"\n[pauses]\nparagraph_ms = 1000000000\n')
    _set(fake_edition, "edition", "voice", '"slow"')
    code, lines = _render(fake_edition, tmp_path / "out", tmp_path / "cache")
    assert code != 0 and len(lines) == 1, lines
    assert str(profile) in lines[0]
    assert "'pauses.paragraph_ms': 1000000000 is out of range (0 to 5000)" in lines[0]
    assert not (tmp_path / "out").exists()


def test_category_with_subcategory_reaches_the_feed(tmp_path: Path) -> None:
    edition = small_edition(tmp_path / "edition")
    _set(edition, "publication", "category", '"News > Daily News"')
    _set(edition, "feed", "owner_email", '"audio@gazette.example.org"')
    code, lines = _render(edition, tmp_path / "out", tmp_path / "cache", "-q")
    assert code == 0, lines
    category = channel(tmp_path / "out").find("itunes:category", NS)
    assert category.get("text") == "News"
    assert [c.get("text") for c in category.iterfind("itunes:category", NS)] == ["Daily News"]
    result = CliRunner().invoke(main, ["check", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output


def test_a_thousand_workers_render_capped_with_one_warning(tmp_path: Path) -> None:
    """As a user runs it: the render succeeds and says once how many workers it used."""
    edition = small_edition(tmp_path / "edition")
    _set(edition, "synthesis", "workers", "1000")
    command = [sys.executable, "-m", "audio_edition", "render", str(edition), "-q"]
    command += ["--out", str(tmp_path / "out"), "--cache-dir", str(tmp_path / "cache")]
    done = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    used = re.fullmatch(
        r"WARNING: 1000 synthesis workers asked for, more than this machine can run "
        r"\(\d+ core\(s\), [\d.]+ GB of memory free, about 50 MB per worker of voice "
        r"'test-fake'\); using (\d+)",
        lines[0],
    )
    assert used is not None, lines[0]
    assert 1 <= int(used.group(1)) <= capacity.usable_cores()
    assert (tmp_path / "out" / "feed.xml").is_file()


def test_the_pool_starts_no_more_processes_than_cores(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    voice = load_voice("test-fake", None)
    with caplog.at_level(logging.WARNING), WorkerPool(voice, 1000, 30) as pool:
        pool.start()
        started = [w.process for w in pool._workers]
        assert 1 <= len(started) <= capacity.usable_cores()
        assert all(p.is_alive() for p in started)
    assert [r.levelname for r in caplog.records].count("WARNING") == 1


def test_memory_caps_the_workers(monkeypatch: pytest.MonkeyPatch) -> None:
    """A neural voice needs about a gigabyte a worker: 2.6 GB free runs two of them."""
    monkeypatch.setattr(capacity, "usable_cores", lambda: 16)
    monkeypatch.setattr(capacity, "available_mb", lambda: 2600)
    voice = load_voice("test-fake", None)
    piper_sized = replace(voice, worker_mb=1000)
    assert capacity.worker_count(0, piper_sized) == 2  # one per core, as memory allows
    assert capacity.worker_count(8, piper_sized) == 2
    assert capacity.worker_count(1, piper_sized) == 1
    assert capacity.worker_count(8, voice) == 8  # small workers: the cores are the limit
    assert capacity.worker_count(100, voice) == 16
    monkeypatch.setattr(capacity, "available_mb", lambda: 100)
    assert capacity.worker_count(4, piper_sized) == 1  # never none


def test_available_memory_is_read_from_meminfo(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    meminfo = tmp_path / "meminfo"
    meminfo.write_text("MemTotal:       24683584 kB\nMemAvailable:    2097152 kB\n")
    monkeypatch.setattr(capacity, "MEMINFO", meminfo)
    assert capacity.available_mb() == 2048
    monkeypatch.setattr(capacity, "MEMINFO", tmp_path / "absent")
    assert (capacity.available_mb() or 0) > 0  # falls back to the free pages


@pytest.mark.parametrize(
    "tag", ["en", "en-GB", "nl-BE", "fr-CA", "zh-Hant-TW", "es-419", "de-CH-1996", "sr-Latn-RS",
            "en-US-x-newsroom", "yue", "EN-gb"],
)  # fmt: skip
def test_well_formed_language_tags(tag: str) -> None:
    assert language_tag(tag) is None


@pytest.mark.parametrize(
    "tag", ["", "e", "english", "english please", "en_GB", "en-", "en--GB", "en GB", " en",
            "en\n", "x-private", "en-GB-a", "123"],
)  # fmt: skip
def test_malformed_language_tags(tag: str) -> None:
    assert language_tag(tag) is not None


def test_addresses() -> None:
    assert http_url("https://gazette.example.org/audio/") is None
    assert http_url("http://localhost:8000/") is None
    for bad in ("gazette.example.org", "ftp://x.org/", "https://", "https://a b/", "https://[x"):
        assert http_url(bad) is not None, bad
    assert email("") is None and email("audio@gazette.example.org") is None
    for bad in ("audio", "audio@", "@example.org", "a b@example.org", "audio@localhost"):
        assert email(bad) is not None, bad


def test_apple_categories() -> None:
    for good in ("News", "News > Daily News", "Kids & Family > Parenting", "True Crime"):
        assert apple_category(good) is None, good
    assert "not an Apple Podcasts category" in (apple_category("news") or "")
    assert "none" in (apple_category("True Crime > Heists") or "")  # it has no subcategories


def test_lame_bitrates_follow_the_sample_rate() -> None:
    """What LAME (through ffmpeg) gives, measured: it takes the nearest rate otherwise."""
    assert lame_bitrates(44100)[-1] == 320 and 8 not in lame_bitrates(44100)
    assert lame_bitrates(22050) == (8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160)
    assert lame_bitrates(11025)[-1] == 64
