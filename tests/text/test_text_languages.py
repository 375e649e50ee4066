"""French, Dutch and German: spoken-form tables and segmentation sets, one row per case,
plus each language's score (docs/languages.md, "Scores")."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from audio_edition.text import sentence_spans, spoken_form

DATA = Path(__file__).resolve().parents[1] / "data"
LANGUAGES = ("fr", "nl", "de")
TABLE_FLOOR = 1.0
"""Every row of every table is said as written there."""
SEGMENTATION_FLOOR = 1.0
"""Every paragraph of every set is cut as written there."""


def table(language: str, kind: str = "") -> list[tuple[str, str]]:
    """``tests/data/spoken_<language>.tsv``: written, tab, said; ``#`` lines are comments;
    ``kind="_heldout"``: the rows written after the rules, never tuned to."""
    rows = []
    path = DATA / f"spoken_{language}{kind}.tsv"
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            written, said = line.split("\t")
            rows.append((written, said))
    return rows


def paragraphs(language: str, kind: str = "") -> list[dict[str, Any]]:
    """``tests/data/segmentation_<language>.jsonl``: id, text, expected sentences; with
    ``kind="_heldout"``, the set written after the rules, never tuned to (docs/languages.md)."""
    with (DATA / f"segmentation_{language}{kind}.jsonl").open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def cut(text: str, language: str) -> list[str]:
    return [text[start:end] for start, end in sentence_spans(text, language)]


TABLE_ROWS = [
    (lang, *row) for lang in LANGUAGES for kind in ("", "_heldout") for row in table(lang, kind)
]
PARAGRAPHS = [
    (lang, case)
    for lang in LANGUAGES
    for kind in ("", "_heldout")
    for case in paragraphs(lang, kind)
]


@pytest.mark.parametrize(("language", "written", "said"), TABLE_ROWS)
def test_spoken_form(language: str, written: str, said: str) -> None:
    assert spoken_form(written, language).text == said


@pytest.mark.parametrize(
    ("language", "case"), PARAGRAPHS, ids=[case["id"] for _, case in PARAGRAPHS]
)
def test_segmentation(language: str, case: dict[str, Any]) -> None:
    assert cut(case["text"], language) == case["sentences"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_sets_are_big_enough_and_well_formed(language: str) -> None:
    assert len(table(language)) >= 40
    cases = paragraphs(language)
    assert len(cases) >= 25
    assert len({case["id"] for case in cases}) == len(cases)
    for case in cases:
        assert all(s in case["text"] and s == s.strip() for s in case["sentences"]), case["id"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_scores(language: str, capsys: pytest.CaptureFixture[str]) -> None:
    """The share of rows and paragraphs right, printed (``pytest -s``) and held to a floor."""
    said, cuts = [], []
    for kind in ("", "_heldout"):
        rows = table(language, kind)
        right = sum(spoken_form(w, language).text == s for w, s in rows)
        said.append((right / len(rows), f"{right}/{len(rows)}"))
        cases = paragraphs(language, kind)
        right = sum(cut(c["text"], language) == c["sentences"] for c in cases)
        cuts.append((right / len(cases), f"{right}/{len(cases)}"))
    with capsys.disabled():
        print(f"\n{language}: table {said[0][1]} (held-out {said[1][1]}), "
              f"segmentation {cuts[0][1]} (held-out {cuts[1][1]})")  # fmt: skip
    assert min(score for score, _ in said) >= TABLE_FLOOR
    assert min(score for score, _ in cuts) >= SEGMENTATION_FLOOR


def test_the_language_of_a_sentence_decides_its_boundaries() -> None:
    german = "Die Feier ist am 3. Oktober in Mainz."
    assert cut(german, "de") == [german]
    assert cut(german, "en") == ["Die Feier ist am 3.", "Oktober in Mainz."]
