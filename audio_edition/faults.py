"""Named moments of a render, where the kill tests stop it (docs/publishing.md).

``AUDIO_EDITION_KILL_AT=stage`` (or ``stage:n``, the n-th time) makes the
process kill itself with SIGKILL when it reaches that stage, exactly as an
operator's ``kill -9`` would; ``AUDIO_EDITION_PAUSE_AT=stage`` makes it create
the file named by ``AUDIO_EDITION_PAUSE_FILE`` and wait until that file is
deleted (at most ten minutes). Unset, as in any real use, each call is one
dictionary look-up.
"""

from __future__ import annotations

import os
import signal
import time
from collections import Counter
from pathlib import Path

KILL_VARIABLE = "AUDIO_EDITION_KILL_AT"
PAUSE_VARIABLE = "AUDIO_EDITION_PAUSE_AT"
PAUSE_FILE_VARIABLE = "AUDIO_EDITION_PAUSE_FILE"
STAGES = ("synthesis", "mastering", "published", "feed", "pages", "stable", "sweep")
"""Where ``reached`` is called, in the order a render gets there."""
_seen: Counter[str] = Counter()


def reached(stage: str) -> None:
    """The render is at ``stage``: kill or pause here if the environment asks to."""
    kill, pause = os.environ.get(KILL_VARIABLE), os.environ.get(PAUSE_VARIABLE)
    if not kill and not pause:
        return
    _seen[stage] += 1
    if kill in (stage, f"{stage}:{_seen[stage]}"):
        os.kill(os.getpid(), signal.SIGKILL)
    if pause == stage and _seen[stage] == 1:
        _pause(Path(os.environ[PAUSE_FILE_VARIABLE]))


def _pause(marker: Path) -> None:
    marker.touch()
    deadline = time.monotonic() + 600
    while marker.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
