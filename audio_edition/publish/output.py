"""The output folder: scratch space inside it, and files published atomically.

Everything is first written into a private work folder inside the output
folder (same file system), then moved into place with ``os.replace``: a reader
or a crash never sees half a file, and a failed article leaves nothing behind.
Until the render commits (the catalog and ``feed.xml`` switched to it), a
render that fails removes the files it added, so the previous output is as it
was (docs/publishing.md).
"""

from __future__ import annotations

import contextlib
import errno
import filecmp
import json
import os
import shutil
import tempfile
from pathlib import Path
from types import TracebackType
from typing import Any


class Output:
    """An output folder being written."""

    def __init__(self, root: Path) -> None:
        self.root = root
        root.mkdir(parents=True, exist_ok=True)
        self.work = Path(tempfile.mkdtemp(prefix=".work-", dir=root))
        self._added: list[Path] = []
        self._committed = False

    def __enter__(self) -> Output:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if kind is not None and not self._committed:
            for path in reversed(self._added):
                with contextlib.suppress(OSError):
                    path.unlink()
        shutil.rmtree(self.work, ignore_errors=True)

    def commit(self) -> None:
        """From now on the files published by this render stay, even if it fails later:
        the catalog and the feed point at them."""
        self._committed = True

    def scratch(self, name: str) -> Path:
        """A path in the work folder (removed at the end)."""
        return self.work / name

    def publish(self, scratch: Path, relative: str) -> Path:
        """Move a finished scratch file to ``root/relative``, atomically. A file whose
        bytes did not change is left as it was, its modification time too, so that a
        sync to a host or an object store uploads only what changed."""
        target = self.root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        if unchanged(scratch, target):
            scratch.unlink()
            return target
        os.chmod(scratch, 0o644)
        if not target.exists():
            self._added.append(target)
        os.replace(scratch, target)
        return target

    def write_text(self, relative: str, text: str) -> Path:
        """Publish a text file."""
        return self.publish(self.stage_text(relative, text), relative)

    def stage_text(self, relative: str, text: str) -> Path:
        """Write a text file to the work folder, to be published later."""
        scratch = self.scratch(relative.replace("/", "__"))
        scratch.write_text(text, encoding="utf-8")
        return scratch

    def write_json(self, relative: str, data: Any) -> Path:
        """Publish a JSON file (UTF-8, stable key order)."""
        return self.write_text(relative, json.dumps(data, ensure_ascii=False, indent=1) + "\n")


def unchanged(new: Path, old: Path) -> bool:
    """Whether ``old`` exists and holds the bytes of ``new``."""
    try:
        return old.stat().st_size == new.stat().st_size and filecmp.cmp(new, old, shallow=False)
    except FileNotFoundError:
        return False


def place(source: Path, target: Path) -> None:
    """Move ``source`` to ``target`` atomically, across file systems too: where a rename
    cannot cross (the cache on a tmpfs, the output on a disk), copy beside ``target``
    first, then rename there."""
    try:
        os.replace(source, target)
        return
    except OSError as exc:
        if exc.errno != errno.EXDEV:
            raise
    beside = target.with_name(f"{target.name}.{os.getpid()}.tmp")
    try:
        shutil.copyfile(source, beside)
        os.replace(beside, target)
    finally:
        beside.unlink(missing_ok=True)
    source.unlink()
