"""Progress that tells the truth: stages with counts on a terminal, and a summary of what
was made and what was reused (issue 13, item 7)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from conftest import copy_edition


def _render_on_a_terminal(edition: Path, out: Path, cache: Path) -> tuple[str, str]:
    """Render with stderr on a pseudo-terminal, as a newsroom's shell shows it."""
    master, slave = os.openpty()
    command = [sys.executable, "-m", "audio_edition", "render", str(edition), "--out", str(out)]
    run = subprocess.Popen(
        [*command, "--cache-dir", str(cache)], stdout=subprocess.PIPE, stderr=slave, text=True
    )
    os.close(slave)
    shown = b""
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # the terminal closed: the render ended
            break
        if not chunk:
            break
        shown += chunk
    stdout, _ = run.communicate(timeout=600)
    os.close(master)
    assert run.returncode == 0, shown.decode(errors="replace")
    return stdout, shown.decode(errors="replace")


def _labels(shown: str) -> list[str]:
    """Each state the bar was drawn in, without its escape sequences."""
    clean = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", shown)
    return [part.strip() for part in re.split(r"[\r\n]", clean) if part.strip()]


def test_a_cold_render_shows_each_stage_and_the_summary_counts(tmp_path: Path) -> None:
    edition, out, cache = copy_edition(tmp_path / "e"), tmp_path / "out", tmp_path / "cache"
    stdout, shown = _render_on_a_terminal(edition, out, cache)
    labels = _labels(shown)
    made = int(re.search(r"Made (\d+) clip\(s\), reused 0", stdout).group(1))  # type: ignore[union-attr]
    assert made > 60 and "encoded 6 article(s), kept 0 unchanged" in stdout
    assert any(f"speaking {made}/{made} clips" in label for label in labels), labels
    assert any("mastering 6/6 articles" in label for label in labels), labels
    assert "Publishing" in labels[-1] or any("Publishing" in label for label in labels)
    # Mastering is counted while speaking goes on: never a bar full of clips and nothing else.
    speaking = [lb for lb in labels if "speaking" in lb and "mastering 0/6" not in lb]
    assert speaking, "no article was mastered while others were spoken"


def test_a_cached_render_says_so_and_never_shows_zero_of_one(tmp_path: Path) -> None:
    edition, out, cache = copy_edition(tmp_path / "e"), tmp_path / "out", tmp_path / "cache"
    _render_on_a_terminal(edition, out, cache)
    stdout, shown = _render_on_a_terminal(edition, out, cache)
    labels = _labels(shown)
    assert not any(re.search(r"\b0/1\b", label) for label in labels), labels
    assert any(re.search(r"all \d+ clips from the cache", label) for label in labels), labels
    assert re.search(r"Made 0 clip\(s\), reused \d+ from the cache", stdout)
    assert "encoded 0 article(s), kept 6 unchanged" in stdout
