"""What a killed render leaves behind (scratch folders, temporary clips) does not stay forever."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from click.testing import CliRunner
from podcast_checks import render_into, small_edition

from audio_edition.cli import main
from audio_edition.faults import KILL_VARIABLE

TWO_HOURS = 2 * 3600


def _leftovers(out: Path, cache: Path) -> tuple[Path, Path, Path]:
    """A scratch folder of a killed render; an abandoned and a fresh temporary clip."""
    work = out / ".work-killed1"
    work.mkdir(parents=True)
    (work / "raw.wav").write_bytes(b"\0" * 4096)
    folder = cache / "ab"
    folder.mkdir(parents=True, exist_ok=True)
    old, fresh = folder / "ab12.wav.4242.tmp", folder / "ab34.wav.4343.tmp"
    for path in (old, fresh):
        path.write_bytes(b"RIFF" + b"\0" * 100)
    long_ago = time.time() - TWO_HOURS
    os.utime(old, (long_ago, long_ago))
    return work, old, fresh


def test_the_next_render_removes_what_a_killed_one_left(tmp_path: Path) -> None:
    edition, out = small_edition(tmp_path / "edition"), tmp_path / "out"
    cache = edition.parent / "cache"
    work, old, fresh = _leftovers(out, cache)
    render_into(edition, out)
    assert not work.exists() and not [p for p in out.iterdir() if p.name.startswith(".work")]
    assert not old.exists()
    assert fresh.exists()  # another render may be writing it right now


def test_a_real_kill_leaves_scratch_that_the_next_render_removes(tmp_path: Path) -> None:
    edition, out = small_edition(tmp_path / "edition"), tmp_path / "out"
    command = [sys.executable, "-m", "audio_edition", "render", str(edition), "--out", str(out),
               "--cache-dir", str(tmp_path / "cache"), "-q"]  # fmt: skip
    killed = subprocess.run(command, env={**os.environ, KILL_VARIABLE: "mastering"}, timeout=300)
    assert killed.returncode == -signal.SIGKILL
    assert [p for p in out.iterdir() if p.name.startswith(".work-")], "nothing left to clean"
    assert subprocess.run(command, timeout=300).returncode == 0
    assert not [p for p in out.iterdir() if p.name.startswith(".work-")]


def test_cache_prune_removes_abandoned_temporary_clips(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    _, old, fresh = _leftovers(tmp_path / "out", cache)
    result = CliRunner().invoke(
        main, ["cache", "prune", "--cache-dir", str(cache), "--max-size", "1G"]
    )
    assert result.exit_code == 0, result.output
    assert "1 temporary file(s)" in result.output
    assert not old.exists() and fresh.exists()
