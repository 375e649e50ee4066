"""The output folder: scratch space beside it, and files published atomically.

Everything is first written into a private work folder inside the output
folder (same file system), then moved into place with ``os.replace``: a reader
or a crash never sees half a file, and a failed article leaves nothing behind.
"""

from __future__ import annotations

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

    def __enter__(self) -> Output:
        return self

    def __exit__(self, *exc: type[BaseException] | BaseException | TracebackType | None) -> None:
        shutil.rmtree(self.work, ignore_errors=True)

    def scratch(self, name: str) -> Path:
        """A path in the work folder (removed at the end)."""
        return self.work / name

    def publish(self, scratch: Path, relative: str) -> Path:
        """Move a finished scratch file to ``root/relative``, atomically."""
        target = self.root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        os.chmod(scratch, 0o644)
        os.replace(scratch, target)
        return target

    def write_text(self, relative: str, text: str) -> Path:
        """Publish a text file."""
        scratch = self.scratch(relative.replace("/", "__"))
        scratch.write_text(text, encoding="utf-8")
        return self.publish(scratch, relative)

    def write_json(self, relative: str, data: Any) -> Path:
        """Publish a JSON file (UTF-8, stable key order)."""
        return self.write_text(relative, json.dumps(data, ensure_ascii=False, indent=1) + "\n")
