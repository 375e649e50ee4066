"""How many synthesis workers this machine can run: no more than its cores, and no
more than its free memory holds at what one worker of the voice needs (the engine's
estimate, ``Resolved.worker_mb``). Asked for more, the pool is capped and says so in
one warning (docs/architecture.md, "Voices")."""

from __future__ import annotations

import logging
import os
from pathlib import Path

from audio_edition.models import Voice

log = logging.getLogger(__name__)
MEMINFO = Path("/proc/meminfo")
RESERVE_MB = 512
"""Kept free for the render itself: the main process and the ffmpeg encoders."""


def usable_cores() -> int:
    """The cores this process may run on (its CPU affinity), at least 1."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # not on Linux
        return max(1, os.cpu_count() or 1)


def available_mb() -> int | None:
    """Memory available to new processes, in MB: ``MemAvailable`` of ``/proc/meminfo``
    (free memory plus what the page cache can give back), else the free pages; ``None``
    if neither can be read."""
    try:
        for line in MEMINFO.read_text().splitlines():
            if line.startswith("MemAvailable:"):
                return int(line.split()[1]) // 1024
    except (OSError, ValueError, IndexError):
        pass
    try:
        return os.sysconf("SC_AVPHYS_PAGES") * os.sysconf("SC_PAGE_SIZE") // 2**20
    except (AttributeError, ValueError, OSError):
        return None


def worker_count(requested: int, voice: Voice) -> int:
    """Workers to start: ``requested`` (0: one per core), capped to the cores and to the
    free memory; a cap below what was asked for is one warning."""
    cores, free = usable_cores(), available_mb()
    fit = cores if free is None else max(1, (free - RESERVE_MB) // voice.worker_mb)
    limit = min(cores, fit)
    wanted = requested or cores
    if wanted <= limit:
        return wanted
    memory = "" if free is None else f", {free / 1024:.1f} GB of memory free"
    why = f"{cores} core(s){memory}, about {voice.worker_mb} MB per worker of voice '{voice.name}'"
    if requested:
        log.warning("%d synthesis workers asked for, more than this machine can run (%s); "
                    "using %d", requested, why, limit)  # fmt: skip
    else:
        log.debug("one worker per core would not fit (%s); using %d", why, limit)
    return limit
