"""What a stopped render leaves behind, removed by the next one (docs/publishing.md).

A render killed with SIGKILL cannot clean up: its ``.work-*`` folder stays in
the output folder, and a clip a worker was writing stays in the cache as
``*.tmp``. The next render of the same output folder removes the first (it
holds the folder's lock, so no other render is writing there); the next render
and ``audio-edition cache prune`` remove the second once it is an hour old (a
render into another folder may be writing one into the shared cache now).
"""

from __future__ import annotations

import logging
import shutil
import time
from pathlib import Path

log = logging.getLogger(__name__)
STALE_AFTER_S = 3600.0
"""Age after which a temporary file in the cache is taken as abandoned."""


def remove_work(root: Path) -> int:
    """Remove every scratch folder in the output folder ``root`` (hold its lock first)."""
    found = sorted(root.glob(".work-*")) if root.is_dir() else []
    for folder in found:
        shutil.rmtree(folder, ignore_errors=True)
        log.info("removed %s, left by a stopped render", folder)
    return len(found)


def remove_temporary(cache: Path, older_than_s: float = STALE_AFTER_S) -> tuple[int, int]:
    """Remove temporary files older than ``older_than_s`` from the clip cache ``cache``
    (clips, segments, hints being written); return how many and their bytes."""
    before = time.time() - older_than_s
    count = size = 0
    for path in [*cache.glob("*.tmp"), *cache.glob("*/*.tmp")]:
        try:
            status = path.stat()
            if status.st_mtime < before:
                path.unlink()
                count, size = count + 1, size + status.st_size
        except FileNotFoundError:  # finished or removed meanwhile
            continue
    return count, size
