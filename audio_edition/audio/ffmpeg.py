"""Running ffmpeg: one place that finds it and turns its failures into one line."""

from __future__ import annotations

import shutil
import subprocess
from functools import cache

from audio_edition.errors import AudioError


@cache
def ffmpeg_binary() -> str:
    """Path of ffmpeg, or an AudioError saying how to install it."""
    found = shutil.which("ffmpeg")
    if not found:
        raise AudioError("ffmpeg is not installed: run 'apt-get install ffmpeg' (or 'make setup')")
    return found


def run_ffmpeg(*args: str) -> str:
    """Run ffmpeg quietly with ``args``; return what it wrote on stderr."""
    command = [ffmpeg_binary(), "-hide_banner", "-nostdin", "-nostats", "-y", *args]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["no output"])[-1]
        raise AudioError(f"ffmpeg failed ({last})")
    return done.stderr
