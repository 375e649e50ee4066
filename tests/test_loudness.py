"""Every MP3 meets the podcast loudness norm, measured independently with ffmpeg."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from conftest import Rendered


def ebur128(path: Path) -> tuple[float, float]:
    """Integrated loudness (LUFS) and true peak (dBTP) as ffmpeg's meter reports them."""
    log = subprocess.run(
        ["ffmpeg", "-hide_banner", "-nostats", "-i", str(path),
         "-af", "ebur128=peak=true:framelog=verbose", "-f", "null", "-"],
        capture_output=True, text=True, check=True,
    ).stderr  # fmt: skip
    integrated = float(re.findall(r"I:\s+(-?[\d.]+) LUFS", log)[-1])
    peak = float(re.findall(r"Peak:\s+(-?[\d.]+) dBFS", log)[-1])
    return integrated, peak


@pytest.mark.slow
def test_real_engine_episodes_at_minus_16_lufs(rendered_real: Rendered) -> None:
    assert len(rendered_real.summary.episodes) == 6
    for episode in rendered_real.summary.episodes:
        integrated, peak = ebur128(episode.mp3)
        assert -17.0 <= integrated <= -15.0, (episode.slug, integrated)
        assert peak <= -1.0, (episode.slug, peak)
        assert episode.loudness.integrated_lufs == pytest.approx(integrated, abs=0.15)


def test_fake_engine_episodes_at_minus_16_lufs(rendered_fake: Rendered) -> None:
    for episode in rendered_fake.summary.episodes:
        integrated, peak = ebur128(episode.mp3)
        assert -17.0 <= integrated <= -15.0 and peak <= -1.0, (episode.slug, integrated, peak)
