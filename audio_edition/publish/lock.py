"""One writer per output folder: a render (or a withdrawal) holds an exclusive lock.

The lock is ``fcntl.flock`` on ``.audio-edition/render.lock``: the kernel
releases it when the process ends, however it ends, so a killed render never
leaves a stale lock behind. A second render into the same folder refuses at
once, with one line (docs/publishing.md). The file itself stays; it holds the
process id of the last holder, for that message.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from audio_edition.errors import AudioEditionError

LOCK = Path(".audio-edition") / "render.lock"
"""The lock file, relative to the output folder."""


class Busy(AudioEditionError):
    """Another process is writing the output folder."""


@contextmanager
def locked(root: Path) -> Iterator[None]:
    """Hold the output folder ``root`` for this process, or refuse at once."""
    path = root / LOCK
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 32, 0).decode(errors="replace").strip() or "?"
            raise Busy(
                f"{root}: another audio-edition (process {holder}) is writing this folder; "
                "run again when it has finished"
            ) from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        yield
    finally:
        os.close(fd)  # releases the lock
