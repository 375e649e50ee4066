"""A failed article is one line, not dozens of warnings and "see above"; --debug tells the rest."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from conftest import write_article
from podcast_checks import small_edition

from audio_edition.engines.fake import FAULTS_VARIABLE


def _render_with_a_doomed_article(
    tmp_path: Path, *options: str
) -> subprocess.CompletedProcess[str]:
    edition = small_edition(tmp_path / "edition")
    write_article(edition, "doomed.md", "Zebulon the harbour seal was seen again. He waved. "
                  "Then he dived.", slug="doomed")  # fmt: skip
    command = [sys.executable, "-m", "audio_edition", *options, "render", str(edition), "-q",
               "--out", str(tmp_path / "out"), "--cache-dir", str(tmp_path / "cache")]  # fmt: skip
    env = {**os.environ, FAULTS_VARIABLE: "crash:Zebulon"}
    return subprocess.run(command, capture_output=True, text=True, timeout=300, env=env)


def test_a_failed_article_is_one_line(tmp_path: Path) -> None:
    result = _render_with_a_doomed_article(tmp_path)
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 2, result.stderr  # the problem, then the verdict
    assert "doomed.md" in lines[0] and "after a retry" in lines[0]
    assert lines[1] == "Error: 1 failed; 2 article(s) and the feed are published"
    assert "see above" not in result.stderr and "WARNING" not in result.stderr


def test_debug_tells_the_whole_story(tmp_path: Path) -> None:
    result = _render_with_a_doomed_article(tmp_path, "--debug")
    assert result.returncode == 1
    assert "synthesis failed" in result.stderr  # each attempt
    assert "Traceback" in result.stderr  # and where the failure was raised
    assert result.stderr.strip().splitlines()[-1].startswith("Error: 1 failed")
