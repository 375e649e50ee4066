"""Folders that cannot take a render's files: full, read-only, not allowed, not a folder.

Such a problem is no article's fault: the render stops at once with one line
naming the folder and what the system said, and the previous output stays as it
was (docs/publishing.md). A write that fails may not say where (an ``OSError``
from ``write`` has no file name), so the folders are probed to find which one.
"""

from __future__ import annotations

import contextlib
import errno
import os
from collections.abc import Sequence
from pathlib import Path

from audio_edition.errors import StorageError

ROOM = 1 << 20
"""Free bytes below which a folder counts as full (a few seconds of audio)."""
ADVICE = {
    errno.ENOSPC: "free some space, or render with --out/--cache-dir on another disk",
    errno.EDQUOT: "the disk quota is used up; free some space",
    errno.EROFS: "choose a writable folder",
    errno.EACCES: "this user may not write there; fix the permissions or choose another folder",
    errno.EPERM: "this user may not write there; fix the permissions or choose another folder",
    errno.ENOTDIR: "a file is in the way of a folder; move it or choose another folder",
    errno.EEXIST: "a file is in the way of a folder; move it or choose another folder",
}
STORAGE_ERRNOS = frozenset(ADVICE)
"""Errors of the folder, not of the work: they stop the whole render."""


def storage_error(exc: OSError, folders: Sequence[Path] = ()) -> StorageError:
    """One line for an ``OSError``: the path (or the first of ``folders`` that cannot be
    written, when the error names none), what the system said, and what to do."""
    path: object = exc.filename
    if path is None:
        path = next((f for f in folders if probe(f) is not None), None)
    where = f"{path}: " if path is not None else ""
    advice = ADVICE.get(exc.errno or 0, "")
    text = exc.strerror or str(exc)
    return StorageError(f"{where}{text}" + (f"; {advice}" if advice else ""))


def probe(folder: Path) -> OSError | None:
    """Why ``folder`` cannot take a file now (``None`` if it can): it cannot be created,
    is read-only or not allowed, or has less than ``ROOM`` bytes free."""
    scratch = folder / f".probe-{os.getpid()}.tmp"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with scratch.open("wb") as stream:
            stream.write(b"\0" * 4096)
        status = os.statvfs(folder)
    except OSError as exc:
        if exc.filename in (None, str(scratch)):
            exc.filename = str(folder)
        return exc
    finally:
        with contextlib.suppress(OSError):  # a folder that could not be made has none
            scratch.unlink()
    if status.f_bavail * status.f_frsize < ROOM:
        return OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(folder))
    return None


def check_room(folder: Path) -> None:
    """Raise a ``StorageError`` if ``folder`` cannot take a render's files now."""
    if (problem := probe(folder)) is not None:
        raise storage_error(problem)
