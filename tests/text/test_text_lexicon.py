"""Pronunciation lexicon: load, override, apply, check, version, error messages."""

from __future__ import annotations

from pathlib import Path

import pytest

from audio_edition.text import Lexicon, spoken_form
from audio_edition.text.normalize import check_lexicon

PUBLICATION = """
[words.Okafor]
say = "oh kah for"
test = ["Ms. Okafor spoke.", "Miz oh kah for spoke."]

[words.ACAS]
say = "Acas"
test = ["ACAS said no.", "Acas said no."]

[words."Saoirse"]
say = "Seer sha"
test = ["Saoirse won.", "Seer sha won."]
"""

VOICE = """
[words.Saoirse]
say = "Sur sha"
test = ["Saoirse won.", "Sur sha won."]
"""


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    publication = tmp_path / "lexicon.toml"
    voice = tmp_path / "voice.lexicon.toml"
    publication.write_text(PUBLICATION, encoding="utf-8")
    voice.write_text(VOICE, encoding="utf-8")
    return publication, voice


def test_load_and_apply(files: tuple[Path, Path]) -> None:
    lexicon = Lexicon.load(files[0])
    assert lexicon.apply("Okafor and Okafors met okafor.") == "oh kah for and Okafors met okafor."
    assert lexicon.apply("ACAS, ACASX") == "Acas, ACASX"


def test_later_files_override_earlier(files: tuple[Path, Path]) -> None:
    assert Lexicon.load(*files).apply("Saoirse") == "Sur sha"
    assert Lexicon.load(files[0]).apply("Saoirse") == "Seer sha"


def test_applied_before_the_rules_and_final(files: tuple[Path, Path]) -> None:
    spoken = spoken_form("ACAS and Ms. Okafor met the FBI.", "en", Lexicon.load(files[0]))
    assert spoken.text == "Acas and Miz oh kah for met the F B I."
    assert spoken.spelled == ()


def test_lexicon_reaches_caps_headlines(files: tuple[Path, Path]) -> None:
    spoken = spoken_form("OKAFOR WINS AT ACAS", "en", Lexicon.load(files[0]), headline=True)
    assert spoken.text == "oh kah for wins at Acas"


def test_check_passes_and_reports_failures(files: tuple[Path, Path], tmp_path: Path) -> None:
    assert check_lexicon(Lexicon.load(*files)) == []
    wrong = tmp_path / "wrong.toml"
    wrong.write_text('[words.Ng]\nsay = "Ing"\ntest = ["Ng ran.", "Eng ran."]\n', encoding="utf-8")
    failures = check_lexicon(Lexicon.load(wrong))
    assert failures == ["Ng: 'Ng ran.' is spoken 'Ing ran.', expected 'Eng ran.'"]


def test_version_is_stable_and_tracks_entries(files: tuple[Path, Path]) -> None:
    first = Lexicon.load(files[0]).version
    assert first == Lexicon.load(files[0]).version
    assert first != Lexicon.load(*files).version
    assert Lexicon.empty().version == Lexicon.load().version
    assert len(first) == 16


def test_empty_lexicon_changes_nothing() -> None:
    assert Lexicon.empty().apply("Okafor") == "Okafor"
    assert check_lexicon(Lexicon.empty()) == []


def test_curly_apostrophes_in_keys_match_straight_text(tmp_path: Path) -> None:
    path = tmp_path / "lexicon.toml"
    path.write_text(
        '[words."O’Neill"]\nsay = "oh neel"\ntest = ["O\'Neill left.", "oh neel left."]\n',
        encoding="utf-8",
    )
    lexicon = Lexicon.load(path)
    assert spoken_form("O’Neill left.", "en", lexicon).text == "oh neel left."
    assert check_lexicon(lexicon) == []


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("[words.X\n", "not valid TOML"),
        ('[words.Okafor]\ntest = ["a", "b"]\n', "words.Okafor: 'say' must be a non-empty string"),
        ('[words.Okafor]\nsay = "x"\n', "words.Okafor: 'test' must be"),
        ('[words.Okafor]\nsay = "x"\ntest = ["only one"]\n', "'test' must be"),
        ('[words.Okafor]\nsay = "x"\ntest = ["a", "b"]\nsound = 1\n', "unknown key 'sound'"),
        ('colour = "red"\n', "unknown key 'colour'"),
        ('words = "Okafor"\n', "'words' must be a table"),
        ("language = 3\n", "'language' must be a non-empty string"),
    ],
)
def test_bad_file_gives_one_line_message(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ValueError, match=None) as caught:
        Lexicon.load(path)
    text = str(caught.value)
    assert text.startswith(f"{path}: ")
    assert message in text
    assert "\n" not in text


def test_missing_file_is_an_error(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.toml"
    with pytest.raises(ValueError) as caught:
        Lexicon.load(missing)
    assert str(caught.value) == f"{missing}: lexicon file not found"
