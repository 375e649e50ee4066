"""Full disks, read-only folders, files in the way, caches on another file system: a render
ends promptly with one line naming the path, and the previous output stays as it was."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from podcast_checks import guids, small_edition

from audio_edition.cli import main

Mount = Callable[[str, str], Path]


@pytest.fixture
def tmpfs(tmp_path: Path) -> Iterator[Mount]:
    """Mount a small tmpfs of a given size under tmp_path (root only), unmounted after."""
    mounted: list[Path] = []

    def mount(name: str, size: str) -> Path:
        if os.geteuid() != 0:
            pytest.skip("mounting a tmpfs needs root")
        path = tmp_path / name
        path.mkdir()
        done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path)],
                              capture_output=True, text=True)  # fmt: skip
        if done.returncode:
            pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")
        mounted.append(path)
        return path

    yield mount
    for path in reversed(mounted):
        subprocess.run(["umount", "-l", str(path)], check=False)


def _read_only(path: Path) -> None:
    subprocess.run(["mount", "-o", "remount,ro", str(path)], check=True)


def _fill(folder: Path, leave: int) -> None:
    """Fill ``folder``'s file system until about ``leave`` bytes are free."""
    status = os.statvfs(folder)
    size = max(0, status.f_bavail * status.f_frsize - leave)
    with (folder / "filler").open("wb") as stream:
        stream.write(b"\0" * size)


def _render(edition: Path, out: Path, cache: Path) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "audio_edition", "render", str(edition), "--out", str(out),
               "--cache-dir", str(cache), "-q"]  # fmt: skip
    return subprocess.run(command, capture_output=True, text=True, timeout=240)


def _one_line(result: subprocess.CompletedProcess[str], *expected: str) -> str:
    assert result.returncode == 1, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert all(text in lines[0] for text in expected), lines[0]
    return lines[0]


def _snapshot(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file() and ".audio-edition" not in p.parts}  # fmt: skip


def _edit(edition: Path) -> None:
    path = edition / "articles" / "fish-market.md"
    path.write_text(path.read_text().replace("\n\n", "\n\nA sentence added this morning.\n\n", 1))


def _check(out: Path) -> None:
    result = CliRunner().invoke(main, ["check", str(out)])
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("where", ["cache", "out"])
def test_a_tmpfs_beside_a_disk_renders(where: str, tmpfs: Mount, tmp_path: Path) -> None:
    edition = small_edition(tmp_path / "edition")
    folders = {"cache": tmp_path / "cache", "out": tmp_path / "out"}
    folders[where] = tmpfs(where, "64m") / where
    result = _render(edition, folders["out"], folders["cache"])
    assert result.returncode == 0, result.stderr
    _check(folders["out"])


def test_a_full_cache_ends_the_render_with_one_line(tmpfs: Mount, tmp_path: Path) -> None:
    edition, out = small_edition(tmp_path / "edition"), tmp_path / "out"
    assert _render(edition, out, tmp_path / "cache").returncode == 0
    before = _snapshot(out)
    full = tmpfs("full", "200k")  # a new cache: every clip must be spoken again
    line = _one_line(_render(edition, out, full), str(full), "No space left on device")
    assert "Traceback" not in line
    assert _snapshot(out) == before
    assert not [p for p in out.iterdir() if p.name.startswith(".work-")]


def test_a_disk_filling_up_midway_ends_the_render_with_one_line(
    tmpfs: Mount, tmp_path: Path
) -> None:
    edition, disk = small_edition(tmp_path / "edition"), tmpfs("disk", "8m")
    out, cache = disk / "out", tmp_path / "cache"
    assert _render(edition, out, cache).returncode == 0
    before, feed_guids = _snapshot(out), guids(out)
    _edit(edition)
    _fill(disk, leave=1_200_000)  # room for the checks at the start, not for the new audio
    _one_line(_render(edition, out, cache), str(out), "No space left on device")
    assert _snapshot(out) == before  # nothing new stays: the files the render added are gone
    (disk / "filler").unlink()
    assert _render(edition, out, cache).returncode == 0
    assert guids(out) == feed_guids
    _check(out)


@pytest.mark.slow
def test_espeak_on_a_full_cache_fails_fast_instead_of_waiting(tmpfs: Mount, tmp_path: Path) -> None:
    """espeak's driver swallows its write error and leaves an empty WAV: each clip used to
    wait for it to complete, twice (10 minutes for an edition); now the render ends at
    once, with one line."""
    edition = small_edition(tmp_path / "edition")
    config = edition / "edition.toml"
    config.write_text(config.read_text().replace('voice = "test-fake"', 'voice = "en-default"'))
    cache = tmpfs("cache", "4m")
    _fill(cache, leave=1_300_000)  # room for the checks and a few clips, not for them all
    _one_line(_render(edition, tmp_path / "out", cache), str(cache), "No space left on device")
    assert not (tmp_path / "out" / "feed.xml").exists()


@pytest.mark.parametrize("which", ["out", "cache"])
def test_a_read_only_folder_ends_the_render_with_one_line(
    which: str, tmpfs: Mount, tmp_path: Path
) -> None:
    edition, disk = small_edition(tmp_path / "edition"), tmpfs("disk", "16m")
    folders = {"out": tmp_path / "out", "cache": tmp_path / "cache", which: disk / which}
    assert _render(edition, folders["out"], folders["cache"]).returncode == 0
    before = _snapshot(folders["out"])
    _edit(edition)
    _read_only(disk)
    _one_line(_render(edition, folders["out"], folders["cache"]), str(disk / which),
              "Read-only file system")  # fmt: skip
    assert _snapshot(folders["out"]) == before


@pytest.mark.parametrize("which", ["out", "cache"])
def test_a_file_where_a_folder_must_go_is_one_line(which: str, tmp_path: Path) -> None:
    edition = small_edition(tmp_path / "edition")
    blocker = tmp_path / "blocker"
    blocker.write_text("not a folder")
    folders = {"out": tmp_path / "out", "cache": tmp_path / "cache", which: blocker / which}
    _one_line(
        _render(edition, folders["out"], folders["cache"]), str(blocker), "a file is in the way"
    )


def test_pruning_a_read_only_cache_is_one_line(tmpfs: Mount, tmp_path: Path) -> None:
    cache = tmpfs("cache", "1m")
    clip = cache / "ab" / "ab12.wav"
    clip.parent.mkdir()
    clip.write_bytes(b"RIFF" + b"\0" * 4000)
    os.utime(clip, (0, 0))  # long unused: prune wants it gone
    _read_only(cache)
    result = CliRunner().invoke(
        main, ["cache", "prune", "--cache-dir", str(cache), "--max-size", "1K"]
    )
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [result.output.strip()]
    assert str(clip) in result.output and "Read-only file system" in result.output
    assert "Traceback" not in result.output


def test_withdrawing_from_a_read_only_folder_is_one_line(tmpfs: Mount, tmp_path: Path) -> None:
    edition, disk = small_edition(tmp_path / "edition"), tmpfs("disk", "16m")
    assert _render(edition, disk / "out", tmp_path / "cache").returncode == 0
    _read_only(disk)
    result = CliRunner().invoke(main, ["withdraw", str(disk / "out"), "fish-market"])
    assert result.exit_code == 1 and len(result.output.strip().splitlines()) == 1, result.output
    assert str(disk / "out") in result.output and "Read-only file system" in result.output
