"""The clip cache: stats, pruning, and two renders sharing it at once."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import time
from pathlib import Path

from click.testing import CliRunner
from conftest import copy_edition

from audio_edition.cache import State, cache_stats, prune, seal, state
from audio_edition.cli import main


def _fill(root: Path, count: int) -> list[Path]:
    paths = []
    for index in range(count):
        path = root / f"{index:02x}" / f"{index:064x}.wav"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"\0" * 1000)
        os.utime(path, (time.time() - 7200 + index, time.time() - 7200 + index))
        paths.append(path)
    return paths


def test_clips_sealed_by_an_earlier_version_are_still_trusted(tmp_path: Path) -> None:
    """Digests once recorded with BLAKE2b are still read: an upgrade does not make every
    cached clip be spoken again; a changed byte is still damage."""
    clip = _fill(tmp_path, 1)[0]
    seal(clip)
    assert clip.with_suffix(".digest").read_text().startswith("sha256 ")
    assert state(clip) is State.SOUND
    old = hashlib.blake2b(clip.read_bytes(), digest_size=16).hexdigest()
    clip.with_suffix(".digest").write_text(f"blake2b-128 {old} -\n")
    assert state(clip) is State.SOUND
    clip.write_bytes(b"\1" + clip.read_bytes()[1:])
    assert state(clip) is State.DAMAGED
    clip.with_suffix(".digest").write_text(f"md5 {old} -\n")  # an algorithm we never wrote
    assert state(clip) is State.UNSEALED


def test_prune_removes_least_recently_used_first(tmp_path: Path) -> None:
    paths = _fill(tmp_path, 10)
    os.utime(paths[0])  # used just now: kept
    assert cache_stats(tmp_path).clips == 10
    pruned = prune(tmp_path, max_size=5000)
    assert pruned.removed == 5 and pruned.freed == 5000
    left = {p for p in paths if p.exists()}
    assert paths[0] in left and paths[9] in left and paths[1] not in left


def test_cache_commands(tmp_path: Path) -> None:
    _fill(tmp_path, 4)
    runner = CliRunner()
    stats = runner.invoke(main, ["cache", "stats", "--cache-dir", str(tmp_path)])
    assert stats.exit_code == 0 and "4 clips and segments; 4 files in all" in stats.output
    pruned = runner.invoke(
        main, ["cache", "prune", "--cache-dir", str(tmp_path), "--max-size", "2K"]
    )
    assert pruned.exit_code == 0 and "removed 2 clips and segments" in pruned.output
    assert "kept 2: the most recently used, which fit in 2K" in pruned.output


def test_prune_says_what_it_kept_and_why(tmp_path: Path) -> None:
    """Every file counts; clips used in the last hour stay, and prune says so."""
    paths = _fill(tmp_path, 6)
    for path in paths:
        path.with_suffix(".digest").write_text("blake2b-128 - -\n")
    for path in paths[3:]:
        os.utime(path)  # a render is using these right now
    (tmp_path / "ab").mkdir(exist_ok=True)
    (tmp_path / "ab" / "half.wav.123.tmp").write_bytes(b"\0" * 10)
    runner = CliRunner()
    stats = runner.invoke(main, ["cache", "stats", "--cache-dir", str(tmp_path)])
    assert "6 clips and segments; 13 files in all" in stats.output, stats.output
    pruned = runner.invoke(
        main, ["cache", "prune", "--cache-dir", str(tmp_path), "--max-size", "0"]
    )
    assert pruned.exit_code == 0, pruned.output
    assert "removed 3 clips and segments" in pruned.output
    assert "kept 3 more although the cache is still over 0: used in the last hour" in pruned.output
    assert not any(p.with_suffix(".digest").exists() for p in paths[:3])
    assert all(p.with_suffix(".digest").exists() for p in paths[3:])
    assert "now holds 7 files" in pruned.output  # 3 clips, 3 digests, a recent temporary file
    bad = runner.invoke(
        main, ["cache", "prune", "--cache-dir", str(tmp_path), "--max-size", "lots"]
    )
    assert bad.exit_code != 0 and "not a size" in bad.output


def test_two_renders_at_once_share_the_cache(tmp_path: Path) -> None:
    edition = copy_edition(tmp_path / "e")
    cache = tmp_path / "cache"
    runs = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "audio_edition",
                "render",
                str(edition),
                "-q",
                "--out",
                str(tmp_path / f"o{n}"),
                "--cache-dir",
                str(cache),
                "--workers",
                "2",
            ],
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in (1, 2)
    ]
    for run in runs:
        _, errors = run.communicate(timeout=300)
        assert run.returncode == 0, errors
    first = sorted((tmp_path / "o1" / "articles").rglob("*.timing.json"))
    second = sorted((tmp_path / "o2" / "articles").rglob("*.timing.json"))
    assert [p.read_text() for p in first] == [p.read_text() for p in second]
    assert not list(cache.rglob("*.tmp")), "a temporary clip was left in the cache"
