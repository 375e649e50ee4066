"""A render that changes nothing writes nothing: a sync to a host uploads only what
changed (issue 13, item 8)."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

from conftest import copy_edition

PRIVATE = ".audio-edition"
"""The render's own state (catalog, lock): kept with backups, never synced to a host."""


def _render(edition: Path, out: Path, cache: Path) -> None:
    command = [sys.executable, "-m", "audio_edition", "render", str(edition), "-q"]
    done = subprocess.run(
        [*command, "--out", str(out), "--cache-dir", str(cache)],
        capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr


def _published(out: Path) -> dict[str, tuple[int, str]]:
    """Each published file: its modification time and a digest of its bytes."""
    return {
        path.relative_to(out).as_posix(): (
            path.stat().st_mtime_ns,
            hashlib.sha256(path.read_bytes()).hexdigest(),
        )
        for path in sorted(out.rglob("*"))
        if path.is_file() and PRIVATE not in path.parts
    }


def test_a_render_with_nothing_new_leaves_every_file_as_it_was(tmp_path: Path) -> None:
    edition, out, cache = copy_edition(tmp_path / "e"), tmp_path / "out", tmp_path / "cache"
    _render(edition, out, cache)
    before = _published(out)
    _render(edition, out, cache)
    after = _published(out)
    changed = sorted(name for name in after if after[name] != before.get(name))
    assert after.keys() == before.keys()
    assert changed == [], f"rewritten although nothing changed: {changed}"


def test_an_edited_article_changes_only_what_shows_it(tmp_path: Path) -> None:
    edition, out, cache = copy_edition(tmp_path / "e"), tmp_path / "out", tmp_path / "cache"
    _render(edition, out, cache)
    before = _published(out)
    article = edition / "articles" / "fish-market.md"
    text = article.read_text(encoding="utf-8")
    article.write_text(text.rstrip() + "\n\nThe market opens at six on Saturday.\n", "utf-8")
    _render(edition, out, cache)
    after = _published(out)
    changed = {name for name in after if after[name] != before.get(name)}
    others = [n for n in changed if n.startswith("articles/") and "/fish-market/" not in n]
    assert others == [], f"other articles' files were rewritten: {others}"
    assert any(n.startswith("articles/fish-market/") for n in changed)
    assert "feed.xml" in changed  # the new version is announced
