"""A damaged clip cache is never trusted: damaged clips are spoken again, with one warning,
and ``cache verify`` finds and removes them (issue 10, finding 4)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner
from conftest import copy_edition, decode, write_article

from audio_edition.cli import main

SHORT = (
    "The harbour ferry ran late on Tuesday after a gull nested in its radar mast. "
    "Crews waited until the chicks could fly before they moved the nest. "
    "Passengers were offered tea and an apology at the quay."
)


def _edition(tmp_path: Path, voice: str = "test-fake", keep: int = 2) -> Path:
    """The sample edition with only ``keep`` of its articles, plus a short one."""
    edition = copy_edition(tmp_path / "edition", voice)
    for extra in sorted((edition / "articles").glob("*.md"))[keep:]:
        extra.unlink()
    write_article(edition, "ferry.md", SHORT, title="Ferry waits for gulls", section="Local")
    return edition


def _render(edition: Path, out: Path, cache: Path) -> subprocess.CompletedProcess[str]:
    """Render as a newsroom's cron job does: the command in a subprocess."""
    command = [sys.executable, "-m", "audio_edition", "render", str(edition), "-q"]
    command += ["--out", str(out), "--cache-dir", str(cache)]
    return subprocess.run(command, capture_output=True, text=True, timeout=600)


def _clips(cache: Path) -> list[Path]:
    return sorted(cache.glob("??/*.wav"), key=lambda p: p.stat().st_size)


def _noise_behind_header(clip: Path) -> None:
    """The clip's header kept, its samples replaced with loud noise of the same length."""
    data = clip.read_bytes()
    noise = np.random.default_rng(7).integers(-30000, 30000, (len(data) - 44) // 2, "<i2")
    clip.write_bytes(data[:44] + noise.tobytes())


DAMAGE = {
    "noise behind a valid header": _noise_behind_header,
    "truncated": lambda clip: clip.write_bytes(clip.read_bytes()[:100]),
    "emptied": lambda clip: clip.write_bytes(b""),
}


def _articles(out: Path) -> dict[str, np.ndarray]:
    return {p.parent.name: decode(p) for p in sorted((out / "articles").rglob("*.mp3"))}


@pytest.fixture(scope="module")
def first(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path, dict[str, bytes]]:
    """An edition rendered once: (edition, output, cache, each clip's bytes)."""
    base = tmp_path_factory.mktemp("verified")
    edition, cache = _edition(base), base / "cache"
    done = _render(edition, base / "out", cache)
    assert done.returncode == 0, done.stderr
    return edition, base / "out", cache, {p.name: p.read_bytes() for p in _clips(cache)}


@pytest.mark.parametrize("how", DAMAGE)
def test_a_damaged_clip_is_spoken_again_with_one_warning(
    first: tuple[Path, Path, Path, dict[str, bytes]], tmp_path: Path, how: str
) -> None:
    edition, out, cache, clips = first
    damaged = _clips(cache)[-3:]  # the longest clips: noise there is loud
    for clip in damaged:
        DAMAGE[how](clip)
    done = _render(edition, tmp_path / "out", cache)
    assert done.returncode == 0, done.stderr
    warnings = [line for line in done.stderr.splitlines() if "damaged" in line]
    assert len(warnings) == 1, done.stderr  # one warning for the render, not one per clip
    assert "audio-edition cache verify" in warnings[0]
    for clip in damaged:  # spoken again, as it was
        assert clip.read_bytes() == clips[clip.name]
    before, after = _articles(out), _articles(tmp_path / "out")
    assert before.keys() == after.keys()
    for slug, audio in after.items():
        assert len(audio) == len(before[slug])
        assert np.corrcoef(audio, before[slug])[0, 1] > 0.99, (
            f"{slug} differs from its first render"
        )
    again = _render(edition, tmp_path / "again", cache)
    assert again.returncode == 0 and "damaged" not in again.stderr


def test_damaged_word_timings_are_damage_too(tmp_path: Path) -> None:
    """A Piper clip's word timings are covered by its digest: damaged, the clip is made again."""
    pytest.importorskip("piper")
    edition, cache = _edition(tmp_path, "en-joe", keep=0), tmp_path / "cache"
    assert _render(edition, tmp_path / "out", cache).returncode == 0
    words = sorted(cache.glob("??/*.words.json"))
    assert words, "the Piper voice keeps word timings beside its clips"
    good = words[0].read_text()
    words[0].write_text("[[0, 1]]")
    done = _render(edition, tmp_path / "again", cache)
    assert done.returncode == 0, done.stderr
    assert "damaged" in done.stderr
    made = json.loads(words[0].read_text())  # Piper's noise: not the same bytes, as many words
    assert len(made) == len(json.loads(good)) > 1
    assert all(a < b for a, b in made)
    verified = CliRunner().invoke(main, ["cache", "verify", "--cache-dir", str(cache)])
    assert verified.exit_code == 0, verified.output


def test_cache_verify_finds_and_removes_damaged_clips(tmp_path: Path) -> None:
    edition, cache = _edition(tmp_path, keep=1), tmp_path / "cache"
    assert _render(edition, tmp_path / "out", cache).returncode == 0
    runner = CliRunner()
    clean = runner.invoke(main, ["cache", "verify", "--cache-dir", str(cache)])
    assert clean.exit_code == 0, clean.output
    total = len(_clips(cache)) + len(list(cache.glob("segments/*.mp3")))
    assert f"{total} sound, 0 damaged" in clean.output
    victims = _clips(cache)[:2]
    victims[0].write_bytes(b"")
    _noise_behind_header(victims[1])
    segment = next(cache.glob("segments/*.mp3"))
    segment.write_bytes(segment.read_bytes()[:-10])
    found = runner.invoke(main, ["cache", "verify", "--cache-dir", str(cache)])
    assert found.exit_code == 1, found.output
    assert f"{total - 3} sound, 3 damaged" in found.output
    for victim in [*victims, segment]:
        assert f"damaged, removed: {victim}" in found.output
        assert not victim.exists() and not victim.with_suffix(".digest").exists()
    again = runner.invoke(main, ["cache", "verify", "--cache-dir", str(cache)])
    assert again.exit_code == 0 and f"{total - 3} sound, 0 damaged" in again.output
    done = _render(edition, tmp_path / "out", cache)  # made again, quietly
    assert done.returncode == 0 and "damaged" not in done.stderr, done.stderr
    assert all(victim.exists() for victim in victims)


def test_clips_from_an_older_version_are_made_again(tmp_path: Path) -> None:
    """A clip without a digest is not trusted either; no warning: nothing was damaged."""
    edition, cache = _edition(tmp_path, keep=0), tmp_path / "cache"
    assert _render(edition, tmp_path / "out", cache).returncode == 0
    clip = _clips(cache)[-1]
    clip.with_suffix(".digest").unlink()
    _noise_behind_header(clip)
    verified = CliRunner().invoke(main, ["cache", "verify", "--cache-dir", str(cache)])
    assert "1 without a digest" in verified.output and verified.exit_code == 0
    done = _render(edition, tmp_path / "again", cache)
    assert done.returncode == 0 and "damaged" not in done.stderr
    assert clip.with_suffix(".digest").exists()
    loud = decode(next((tmp_path / "again" / "articles").rglob("*.mp3")))
    first = decode(next((tmp_path / "out" / "articles").rglob("*.mp3")))
    assert np.corrcoef(loud, first)[0, 1] > 0.99


def test_prune_removes_a_clip_with_its_side_files(tmp_path: Path) -> None:
    edition, cache = _edition(tmp_path, "en-default", keep=0), tmp_path / "cache"
    done = _render(edition, tmp_path / "out", cache)  # the real espeak-ng voice
    assert done.returncode == 0, done.stderr
    files = [p for p in cache.rglob("*") if p.is_file()]
    old = 1_000_000_000
    for path in files:
        os.utime(path, (old, old))
    pruned = CliRunner().invoke(
        main, ["cache", "prune", "--cache-dir", str(cache), "--max-size", "0"]
    )
    assert pruned.exit_code == 0, pruned.output
    left = [p.name for p in cache.rglob("*") if p.is_file() and not p.name.startswith("loudness-")]
    assert left == [], left
