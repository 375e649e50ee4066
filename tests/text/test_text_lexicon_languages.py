"""Lexicon entries per language: a word read one way in English, another in French; an
entry for one language only leaves the word alone elsewhere (docs/languages.md)."""

from __future__ import annotations

from pathlib import Path

import pytest

from audio_edition.text import Lexicon, spoken_form
from audio_edition.text.normalize import check_lexicon

LEXICON = """
[words.Reynders]
say = "Ray nders"
test = ["Reynders spoke.", "Ray nders spoke."]

[words.Reynders.fr]
say = "Rè nderce"
test = ["M. Reynders a parlé.", "Monsieur Rè nderce a parlé."]

[words.Reynders.nl-BE]
say = "Reinders"
test = ["Dhr. Reynders sprak.", "De heer Reinders sprak."]

[words."Schaerbeek".fr]
say = "Skarbèque"
test = ["Schaerbeek vote.", "Skarbèque vote."]
"""


@pytest.fixture
def lexicon(tmp_path: Path) -> Lexicon:
    path = tmp_path / "lexicon.toml"
    path.write_text(LEXICON, encoding="utf-8")
    return Lexicon.load(path)


@pytest.mark.parametrize(
    ("language", "written", "said"),
    [
        ("en", "Reynders met Schaerbeek's mayor.", "Ray nders met Schaerbeek's mayor."),
        ("en-GB", "Reynders spoke.", "Ray nders spoke."),
        ("fr", "M. Reynders visite Schaerbeek.", "Monsieur Rè nderce visite Skarbèque."),
        ("fr-BE", "Reynders à Schaerbeek.", "Rè nderce à Skarbèque."),
        ("nl", "Reynders in Schaerbeek.", "Reinders in Schaerbeek."),
        ("de", "Reynders in Schaerbeek.", "Ray nders in Schaerbeek."),
    ],
)
def test_each_language_reads_the_word_its_own_way(
    lexicon: Lexicon, language: str, written: str, said: str
) -> None:
    assert spoken_form(written, language, lexicon).text == said


def test_every_variants_test_runs_in_its_language(lexicon: Lexicon, tmp_path: Path) -> None:
    assert check_lexicon(lexicon) == []
    wrong = tmp_path / "wrong.toml"
    wrong.write_text(LEXICON.replace('"Skarbèque vote."]', '"Schaerbeek vote."]'), "utf-8")
    failures = check_lexicon(Lexicon.load(wrong))
    assert failures == [
        "Schaerbeek (fr): 'Schaerbeek vote.' is spoken 'Skarbèque vote.', "
        "expected 'Schaerbeek vote.'"
    ]


def test_old_lexicons_keep_their_version(tmp_path: Path) -> None:
    plain = tmp_path / "plain.toml"
    plain.write_text('[words.Okafor]\nsay = "oh kah for"\ntest = ["Okafor.", "oh kah for."]\n')
    assert Lexicon.load(plain).version == "a48a0036b587364f"  # as before languages existed


def test_a_variant_changes_the_version(lexicon: Lexicon, tmp_path: Path) -> None:
    other = tmp_path / "other.toml"
    other.write_text(LEXICON.replace('say = "Reinders"', 'say = "Rijnders"'), "utf-8")
    assert Lexicon.load(other).version != lexicon.version


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ('[words.X.fr]\nsay = "iks"\n', "words.X.fr: 'test' must be"),
        ('[words.X.fr]\nsay = ""\ntest = ["a", "b"]\n', "words.X.fr: 'say' must be a non-empty"),
        ('[words.X.fr]\nsay = "a"\ntest = ["a", "b"]\nloud = true\n', "unknown key 'loud'"),
        ('[words.X]\nsay = "a"\ntest = ["a", "b"]\nlang = "fr"\n', "unknown key 'lang'"),
        ('[words.X]\nsay = "a"\n[words.X.fr]\nsay = "b"\ntest = ["a", "b"]\n',
         "words.X: 'test' must be"),
    ],
)  # fmt: skip
def test_bad_language_tables_are_one_line(tmp_path: Path, body: str, message: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(ValueError, match="^" + str(path).replace("\\", "\\\\")) as caught:
        Lexicon.load(path)
    assert message in str(caught.value) and "\n" not in str(caught.value)
