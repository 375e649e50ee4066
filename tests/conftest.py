"""Shared fixtures: editions to render, rendered output with the fake and the real engine."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest
from credential_checks import credentials_table, make_chain

from audio_edition.build import render
from audio_edition.engines.pool import Result, WorkerPool
from audio_edition.models import RenderSummary, SynthesisRequest

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "sample-edition"
SHARED_DATA = ROOT.parent / "shared" / "data"


TEST_HOME = Path(tempfile.mkdtemp(prefix="audio-edition-tests-"))
"""Tests never write into the user's home: the default clip cache and voice folder, and
what libraries keep there (onnxruntime's device id, the sound client espeak-ng starts
keeps ~/.config/pulse), go into this temporary folder, for
the tests and the commands they start. Set at import, before any test module imports
onnxruntime; removed when the session ends."""
for _variable, _folder in (
    ("XDG_CACHE_HOME", "cache"),
    ("XDG_DATA_HOME", "data"),
    ("XDG_CONFIG_HOME", "config"),
):
    os.environ[_variable] = str(TEST_HOME / _folder)


def pytest_unconfigure(config: pytest.Config) -> None:
    shutil.rmtree(TEST_HOME, ignore_errors=True)


def shared_file(name: str) -> Path:
    """A file of the public test data, read in place; skip where ../shared is absent."""
    path = SHARED_DATA / name
    if not path.is_file():
        pytest.skip(f"public test data {path} is absent (../shared/data is not beside the repo)")
    return path


def signing_chain() -> tuple[Path, Path]:
    """The session's signing certificate chain and key (made once, in the temporary home)."""
    folder = TEST_HOME / "credentials"
    if not (folder / "key.pem").is_file():
        return make_chain(folder)
    return folder / "chain.pem", folder / "key.pem"


def copy_edition(
    target: Path,
    voice: str = "test-fake",
    languages: tuple[str, ...] = ("en",),
    signed: bool = True,
) -> Path:
    """A copy of the sample edition at ``target`` speaking with ``voice``, with its
    articles in ``languages`` only (the English ones by default: most tests are about
    one language's edition; the French and Dutch ones are read by espeak-ng voices).
    Its MP3s are signed with the tests' own certificate (``signing_chain``), or, with
    ``signed=False``, not at all (no ``[credentials]``)."""
    shutil.copytree(SAMPLE, target)
    for article in (target / "articles").glob("*.md"):
        found = re.search(r"^language: *(\S+)", article.read_text(encoding="utf-8"), re.M)
        if found and found.group(1).split("-")[0] not in languages:
            article.unlink()
    config = target / "edition.toml"
    text = re.sub(r'^voice = "[^"]*"', f'voice = "{voice}"', config.read_text(encoding="utf-8"),
                  flags=re.M)  # fmt: skip
    # The demo certificate is made by `make demo`, not kept in the repository: the tests
    # sign with a chain of their own.
    text = re.sub(r"^\[credentials\][^\[]*", "", text, flags=re.M)
    if signed:
        text += "\n" + credentials_table(*signing_chain())
    config.write_text(text, encoding="utf-8")
    shutil.rmtree(target / "demo-credentials", ignore_errors=True)
    return target


def write_article(edition: Path, name: str, body: str, **meta: str) -> Path:
    """Add an article file with front matter ``meta`` and ``body`` to an edition."""
    fields = {"title": "A test article", **meta}
    front = "\n".join(f"{key}: {value}" for key, value in fields.items())
    path = edition / "articles" / name
    path.write_text(f"---\n{front}\n---\n\n{body}\n", encoding="utf-8")
    return path


def decode(mp3: Path, sample_rate: int = 22050) -> np.ndarray:
    """Decode an MP3 with ffmpeg into float samples, as a player would."""
    raw = subprocess.run(
        ["ffmpeg", "-v", "error", "-i", str(mp3), "-f", "s16le", "-ac", "1",
         "-ar", str(sample_rate), "-"],
        capture_output=True, check=True,
    ).stdout  # fmt: skip
    return np.frombuffer(raw, dtype="<i2").astype(np.float64)


@dataclass(frozen=True)
class Rendered:
    """An edition rendered once for a whole test session."""

    edition: Path
    out: Path
    cache: Path
    summary: RenderSummary


def _render_once(factory: pytest.TempPathFactory, voice: str) -> Rendered:
    base = factory.mktemp(f"rendered-{voice}")
    edition = copy_edition(base / "edition", voice)
    summary = render(edition, base / "out", cache_dir=base / "cache")
    assert not summary.failures, summary.failures
    return Rendered(edition, base / "out", base / "cache", summary)


@pytest.fixture(scope="session")
def rendered_fake(tmp_path_factory: pytest.TempPathFactory) -> Rendered:
    """The sample edition rendered with the fake engine."""
    return _render_once(tmp_path_factory, "test-fake")


@pytest.fixture(scope="session")
def rendered_real(tmp_path_factory: pytest.TempPathFactory) -> Rendered:
    """The sample edition rendered with espeak-ng through pyttsx3 (about 15 s)."""
    return _render_once(tmp_path_factory, "en-default")


@pytest.fixture
def engine_requests(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every text sent to the speech engine's workers during the test, in order."""
    asked: list[str] = []
    original = WorkerPool.synthesize

    def counting(
        self: WorkerPool, requests: Sequence[SynthesisRequest], on_done: Callable[[], None] = _none
    ) -> list[Result]:
        asked.extend(r.text for r in requests)
        return original(self, requests, on_done)

    monkeypatch.setattr(WorkerPool, "synthesize", counting)
    return asked


def _none() -> None:
    pass


@pytest.fixture
def fake_edition(tmp_path: Path) -> Path:
    """A fresh copy of the sample edition speaking with the fake engine."""
    return copy_edition(tmp_path / "edition")
