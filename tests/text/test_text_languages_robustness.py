"""French, Dutch and German on bad input: never hangs, never raises, spans map back."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from span_checks import check_spans, timed

from audio_edition.text import sentence_spans, spoken_form

LIMIT_S = 5.0
"""Generous: a backtracking regex takes minutes or hours on these inputs."""
LANGUAGES = ("fr", "nl", "de")
BAD_INPUTS: dict[str, str] = {
    "megabyte without punctuation": "mot " * 200_000,
    "5000-digit number": "Le total est de " + "7" * 5000 + " euros.",
    "grouped thousands": ".".join(["123"] * 30_000) + ",5 €",
    "spaced thousands": " ".join(["123"] * 30_000) + " €",
    "decimal commas": "1,2,3,4,5 " * 20_000,
    "ordinal dots": "3. " * 100_000 + "Oktober",
    "titles": "M. Mme dhr. Hr. Fr. " * 20_000,
    "spaced abbreviations": "z. B. d. h. u. a. " * 20_000,
    "guillemets": "« » „ “ » « " * 20_000,
    "times": "14h30 14.30 uur 14:30 Uhr " * 10_000,
    "dates": "1er décembre 3. Oktober 27.11.2026 " * 10_000,
    "roman": "Louis XIV XIXe Ier " * 20_000,
    "money": "€ 12,50 12,50 € $3 3 M€ 3 Mio. Euro " * 10_000,
}


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
def test_bad_input_is_quick_and_exact(language: str, name: str) -> None:
    text = BAD_INPUTS[name]
    spans: list[tuple[int, int]] = []
    elapsed = timed(lambda: spans.extend(sentence_spans(text, language)))
    assert elapsed < LIMIT_S, f"{name}: segmentation {elapsed:.1f} s"
    check_spans(text, spans)
    elapsed = timed(lambda: spoken_form(text[:200_000], language))
    assert elapsed < LIMIT_S, f"{name}: spoken form {elapsed:.1f} s"


def test_long_numbers_are_read_digit_by_digit() -> None:
    assert spoken_form("7" * 5000, "fr").text.split() == ["sept"] * 5000
    assert spoken_form("7" * 5000, "de").text.split() == ["sieben"] * 5000


NEWSY = st.text(
    alphabet=st.sampled_from(list("aAMmzZBh .,?!…\"'«»„“()\n-€$%0123456789IVXe°")),
    max_size=200,
)


@settings(max_examples=200, deadline=None)
@given(NEWSY, st.sampled_from(LANGUAGES))
def test_spans_cover_the_text(text: str, language: str) -> None:
    check_spans(text, sentence_spans(text, language))


@settings(max_examples=200, deadline=None)
@given(NEWSY, st.sampled_from(LANGUAGES))
def test_spoken_form_is_never_empty_when_there_is_something_to_say(
    text: str, language: str
) -> None:
    said = spoken_form(text, language).text
    if any(ch.isalnum() for ch in text):
        assert said.strip()
    assert said == said.strip()
