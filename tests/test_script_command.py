"""`audio-edition script`: what will be spoken, with spans other tools can use."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from conftest import SAMPLE

from audio_edition.cli import main

PLAIN = (
    "Rates rose to 3.5% on Tuesday. The U.S. Treasury said nothing.\n\n"
    "  Ferries to Hollin Point\nresume at 9 a.m. Friday.\n"
)


def test_plain_text_from_stdin_as_json_lines() -> None:
    result = CliRunner().invoke(main, ["script", "-", "--json"], input=PLAIN)
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert [PLAIN[r["start"] : r["end"]] for r in rows] == [r["text"] for r in rows]
    assert [r["text"] for r in rows] == [
        "Rates rose to 3.5% on Tuesday.",
        "The U.S. Treasury said nothing.",
        "Ferries to Hollin Point",
        "resume at 9 a.m. Friday.",
    ]
    assert "three point five percent" in rows[0]["spoken"]
    assert [r["paragraph"] for r in rows] == [0, 0, 1, 1]


def test_article_file_lists_each_sentence_with_its_spoken_form() -> None:
    article = SAMPLE / "articles" / "city-hall-cyberattack.md"
    result = CliRunner().invoke(main, ["script", str(article)])
    assert result.exit_code == 0, result.output
    assert "fourteen billion dollars" in result.output
    assert result.output.splitlines()[0].startswith("   0 [0:")


def test_lexicon_option_changes_the_spoken_form(tmp_path: Path) -> None:
    lexicon = tmp_path / "lexicon.toml"
    lexicon.write_text('[words.Hollin]\nsay = "Hollen"\ntest = ["Hollin Point", "Hollen Point"]\n')
    result = CliRunner().invoke(
        main, ["script", "-", "--json", "--lexicon", str(lexicon)], input=PLAIN
    )
    assert result.exit_code == 0, result.output
    assert "Hollen Point" in result.output


def test_not_an_article_file(tmp_path: Path) -> None:
    path = tmp_path / "notes.docx"
    path.write_bytes(b"PK")
    result = CliRunner().invoke(main, ["script", str(path)])
    assert result.exit_code != 0 and "notes.docx: not an article file" in result.output
