"""Words from another language inside a sentence never break it: no exception, nothing
dropped, no spoken form so long that a clip of it would look broken (docs/languages.md)."""

from __future__ import annotations

import pytest

from audio_edition.text import sentence_spans, spoken_form

MIXED = [
    "Minister Vandermeulen told the Chambre des représentants that the Tweede Kamer agreed.",
    "The Bundesverfassungsgerichtsentscheidung surprised the Commission européenne.",
    "Le groupe a joué « Bohemian Rhapsody » devant 12 000 fans à Forest National.",
    "De serie 'The Crown' won gisteren 3 prijzen op de Emmy Awards in Los Angeles.",
    "Die Ausstellung „Art nouveau à Bruxelles“ zeigt Werke von Victor Horta.",
    "The café on the Grand-Place served gaufres, Spekulatius and stroopwafels at 9 a.m.",
    "Çà et là, l'œuvre de Ørsted, Łódź and Ströbele: naïve façades, ß and Œ.",
    "Ce week-end, le Premier ministre britannique a parlé du Brexit avec M. De Croo.",
    "Het Europees Parlement stemde over de Green Deal; the vote was 398 to 204.",
    'Der CEO von Proximus sagte: "We are ready for 5G." Danach fiel die Aktie um 2 %.',
]
LANGUAGES = ("en", "fr", "nl", "de", "es")


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("text", MIXED)
def test_a_foreign_word_never_breaks_the_sentence(language: str, text: str) -> None:
    spans = sentence_spans(text, language)
    assert spans and "".join(text[a:b] for a, b in spans).replace(" ", "") == text.replace(" ", "")
    for start, end in spans:
        written = text[start:end]
        said = spoken_form(written, language).text
        assert said.strip()
        words = len(said.split())
        assert words <= 3 * len(written.split()) + 6, said  # nothing spelled out at length


@pytest.mark.parametrize(
    ("language", "text", "kept"),
    [
        ("en", "Minister Vandermeulen met the Commission européenne.", "Commission européenne"),
        ("fr", "Le groupe a joué « Bohemian Rhapsody » hier.", "Bohemian Rhapsody"),
        ("nl", "De serie 'The Crown' won gisteren.", "The Crown"),
        ("de", "Die Schau „Art nouveau à Bruxelles“ öffnet.", "Art nouveau à Bruxelles"),
    ],
)
def test_the_foreign_words_are_kept_for_the_voice(language: str, text: str, kept: str) -> None:
    assert kept in spoken_form(text, language).text
