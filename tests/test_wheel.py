"""An installed wheel works without the source tree: its modules, templates and built-in
voice profiles all ship inside it (a package missing from pyproject's list fails here)."""

from __future__ import annotations

import shutil
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest
from conftest import ROOT, copy_edition


def _wheel(tmp_path: Path) -> Path:
    """Build the wheel from a copy of the sources (the build writes beside them)."""
    source = tmp_path / "source"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source)
    for name in ("audio_edition", "voices"):
        shutil.copytree(ROOT / name, source / name, ignore=shutil.ignore_patterns("__pycache__"))
    command = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
               "--quiet", "--wheel-dir", str(tmp_path / "dist"), str(source)]  # fmt: skip
    subprocess.run(command, check=True, capture_output=True, timeout=300)
    return next((tmp_path / "dist").glob("audio_edition-*.whl"))


def _fresh_venv(target: Path) -> Path:
    """A new virtual environment that borrows this one's dependencies (a .pth line: no
    network) but not its editable audio_edition: that takes a finder a .pth line lacks."""
    venv.EnvBuilder(with_pip=False).create(target)
    python = target / "bin" / "python"
    ask = "import sysconfig; print(sysconfig.get_path('purelib'))"
    purelib = subprocess.run([python, "-c", ask], check=True, capture_output=True, text=True)
    (Path(purelib.stdout.strip()) / "borrowed.pth").write_text(sysconfig.get_path("purelib") + "\n")
    return python


@pytest.mark.slow
def test_a_wheel_in_a_fresh_venv_renders_with_a_built_in_profile(tmp_path: Path) -> None:
    python = _fresh_venv(tmp_path / "venv")
    install = [sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps",
               "--quiet", str(_wheel(tmp_path))]  # fmt: skip
    subprocess.run(install, check=True, capture_output=True, timeout=300)
    elsewhere = tmp_path / "elsewhere"  # not the repository: nothing found beside the sources
    edition = copy_edition(elsewhere / "edition")
    where = subprocess.run([python, "-c", "import audio_edition; print(audio_edition.__file__)"],
                           cwd=elsewhere, check=True, capture_output=True, text=True)  # fmt: skip
    assert where.stdout.startswith(str(tmp_path / "venv")), where.stdout
    cli = tmp_path / "venv" / "bin" / "audio-edition"
    listed = subprocess.run([cli, "voices", "list"], cwd=elsewhere, capture_output=True,
                            text=True, timeout=120)  # fmt: skip
    assert listed.returncode == 0, listed.stderr
    for name in ("en-default", "en-joe", "test-fake"):
        assert name in listed.stdout
    assert str(ROOT / "voices") not in listed.stdout  # the profiles come from the wheel
    render = [cli, "render", str(edition), "--out", str(tmp_path / "out"), "--cache-dir",
              str(tmp_path / "cache"), "--quiet"]  # fmt: skip
    done = subprocess.run(render, cwd=elsewhere, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert len(list((tmp_path / "out" / "articles").glob("*/*.mp3"))) == 6
    page = next((tmp_path / "out" / "articles").glob("*/index.html")).read_text()
    assert "Listen" in page  # templates and the player's static files shipped too
    checked = subprocess.run([cli, "check", str(tmp_path / "out")], capture_output=True,
                             text=True, timeout=300)  # fmt: skip
    assert checked.returncode == 0, checked.stdout + checked.stderr
