"""Bad input: one clear line naming the file and the problem, a non-zero exit,
and nothing written to the output folder."""

from __future__ import annotations

import resource
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import write_article

from audio_edition.cli import main


def _config(edition: Path) -> Path:
    return edition / "edition.toml"


def _article(edition: Path) -> Path:
    return edition / "articles" / "fish-market.md"


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


CASES: dict[str, tuple[Callable[[Path], object], str, str]] = {
    "missing edition.toml": (lambda e: _config(e).unlink(), "edition.toml", "not found"),
    "malformed edition.toml": (
        lambda e: _config(e).write_text("[publication\ntitle = 1"),
        "edition.toml",
        "TOML",
    ),
    "missing publication title": (
        lambda e: _replace(_config(e), 'title = "The Harbour Gazette"', ""),
        "edition.toml",
        "publication.title",
    ),
    "base URL without scheme": (
        lambda e: _replace(_config(e), "https://gazette.example.org/audio/", "gazette.example.org"),
        "edition.toml",
        "publication.base_url",
    ),
    "unknown voice": (
        lambda e: _replace(_config(e), '"test-fake"', '"klingon"'),
        "edition.voice",
        "klingon",
    ),
    "malformed front matter": (
        lambda e: _replace(_article(e), "slug: fish-market", "slug: [fish"),
        "fish-market.md",
        "front matter",
    ),
    "missing title": (
        lambda e: write_article(e, "untitled.md", "Some text.", title='""'),
        "untitled.md",
        "missing title",
    ),
    "empty body": (lambda e: write_article(e, "empty.md", "   \n\n  "), "empty.md", "empty body"),
    "not UTF-8": (
        lambda e: (e / "articles" / "latin1.md").write_bytes(
            b"---\ntitle: Caf\xe9\n---\n\nCaf\xe9 au lait.\n"
        ),
        "latin1.md",
        "not UTF-8",
    ),
    "duplicate slug": (
        lambda e: write_article(e, "again.md", "Text.", slug="fish-market"),
        "fish-market",
        "already used",
    ),
    "slug leaving the folder": (
        lambda e: write_article(e, "escape.md", "Text.", slug="../x"),
        "escape.md",
        "'../x'",
    ),
    "absolute slug": (
        lambda e: write_article(e, "abs.md", "Text.", slug="/etc/x"),
        "abs.md",
        "'/etc/x'",
    ),
    "control characters": (
        lambda e: write_article(e, "ctl.md", "Bell \x07 here."),
        "ctl.md",
        "U+0007",
    ),
    "no articles": (
        lambda e: [p.unlink() for p in (e / "articles").iterdir()],
        "articles",
        "no articles",
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_input_fails_cleanly(case: str, fake_edition: Path, tmp_path: Path) -> None:
    spoil, where, what = CASES[case]
    spoil(fake_edition)
    out = tmp_path / "out"
    runner = CliRunner()
    result = runner.invoke(main, ["render", str(fake_edition), "--out", str(out)])
    assert result.exit_code != 0
    lines = result.output.strip().splitlines()
    assert len(lines) == 1, result.output
    assert lines[0].startswith("Error: ") and where in lines[0] and what in lines[0], lines[0]
    assert "Traceback" not in result.output
    assert not out.exists(), "bad input must write nothing"


def test_missing_artwork_is_refused_before_writing(fake_edition: Path, tmp_path: Path) -> None:
    config = _config(fake_edition)
    config.write_text(config.read_text().replace("[edition]", 'artwork = "missing.png"\n[edition]'))
    result = CliRunner().invoke(main, ["render", str(fake_edition), "--out", str(tmp_path / "o")])
    assert result.exit_code != 0 and "missing.png" in result.output
    assert not (tmp_path / "o").exists()


def test_unknown_espeak_voice_is_refused(fake_edition: Path, tmp_path: Path) -> None:
    (fake_edition / "voices").mkdir()
    (fake_edition / "voices" / "typo.toml").write_text(
        'engine = "pyttsx3"\nlanguage = "en"\n[pyttsx3]\nvoice = "en-usa"\n'
    )
    _replace(_config(fake_edition), '"test-fake"', '"typo"')
    result = CliRunner().invoke(main, ["render", str(fake_edition), "--out", str(tmp_path / "o")])
    assert result.exit_code != 0 and "'en-usa' is not an espeak-ng voice" in result.output
    assert not (tmp_path / "o").exists()


def _alias_bomb() -> str:
    """Front matter of a few hundred bytes whose slug expands to 9**9 strings."""
    lines = ["title: Harbour Notes", 'a: &a ["ho","ho","ho","ho","ho","ho","ho","ho","ho"]']
    for before, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [{', '.join([f'*{before}'] * 9)}]")
    return "---\n" + "\n".join([*lines, "slug: *i"]) + "\n---\n\nThe tide came in.\n"


def _two_gigabytes() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))


def test_yaml_alias_bomb_is_refused_at_once(fake_edition: Path, tmp_path: Path) -> None:
    """A YAML alias bomb in front matter is one line naming the file, not gigabytes of memory
    (the render runs with 2 GB of address space and a minute, and needs neither)."""
    bomb = fake_edition / "articles" / "bomb.md"
    bomb.write_text(_alias_bomb(), encoding="utf-8")
    assert len(bomb.read_bytes()) < 600
    command = [sys.executable, "-m", "audio_edition", "render", str(fake_edition)]
    command += ["--out", str(tmp_path / "out"), "--cache-dir", str(tmp_path / "c")]
    done = subprocess.run(
        command, capture_output=True, text=True, timeout=60, preexec_fn=_two_gigabytes
    )
    assert done.returncode == 1
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith(f"Error: {bomb}: front matter uses a YAML anchor or alias")
    assert not (tmp_path / "out").exists()
