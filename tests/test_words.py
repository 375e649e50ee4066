"""Written words timed from the engine's spoken-word timings: what the player lights while
a word is said, where the text front end said something else than what is written."""

from __future__ import annotations

import logging
from itertools import pairwise
from pathlib import Path

import pytest

from audio_edition.audio.stitch import timeline
from audio_edition.models import Clip, Cue, Sentence, Word, WordTiming
from audio_edition.text.normalize import spoken_form
from audio_edition.words import clip_words, sentence_words, shifted, written_words

LEAD = "Filler before the sentence. "
"""Article text before the sentence: spans must be offsets into the article, not the sentence."""
STEP = 1000
"""Frames per spoken word in the hand-made timings: word i is said over [i*STEP+100, i*STEP+900)."""


def _sentence(text: str, spoken: str) -> Sentence:
    return Sentence(3, 1, len(LEAD), len(LEAD) + len(text), text, spoken)


def _timings(spoken: str) -> tuple[WordTiming, ...]:
    return tuple(WordTiming(i * STEP + 100, i * STEP + 900) for i in range(len(spoken.split())))


def _clip(text: str, spoken: str, words: tuple[WordTiming, ...] | None = None) -> Clip:
    timings = _timings(spoken) if words is None else words
    frames = len(spoken.split()) * STEP
    return Clip(_sentence(text, spoken), (Path("x.wav"),), frames, 22050, timings)


def said(text: str, spoken: str) -> list[tuple[str, str]]:
    """Each written word (as the article shows it) and the spoken words heard while it is lit."""
    words = sentence_words(_sentence(text, spoken), _timings(spoken), len(spoken.split()) * STEP)
    assert words is not None
    article = LEAD + text
    heard = spoken.split()
    return [
        (article[w.start : w.end], " ".join(heard[w.start_frame // STEP : -(-w.end_frame // STEP)]))
        for w in words
    ]


def assert_well_formed(words: tuple[Word, ...], sentence: Sentence, frames: int) -> None:
    """In order, inside the clip, spans inside the sentence and not overlapping."""
    for before, after in pairwise(words):
        assert before.start_frame <= after.start_frame and before.end_frame <= after.end_frame
        assert before.end <= after.start
    for word in words:
        assert 0 <= word.start_frame <= word.end_frame <= frames
        assert sentence.start <= word.start < word.end <= sentence.end


def test_words_said_as_written_take_their_own_time_without_the_punctuation() -> None:
    text = "\u201cWe will rebuild,\u201d she said, \u2018stone by stone.\u2019"
    spoken = "\"We will rebuild,\" she said, 'stone by stone.'"
    assert said(text, spoken) == [
        ("We", '"We'), ("will", "will"), ("rebuild", 'rebuild,"'), ("she", "she"),
        ("said", "said,"), ("stone", "'stone"), ("by", "by"), ("stone", "stone.'"),
    ]  # fmt: skip
    words = sentence_words(_sentence(text, spoken), _timings(spoken), 8 * STEP)
    assert words is not None
    assert (words[0].start_frame, words[0].end_frame) == (100, 900)
    assert (words[-1].start_frame, words[-1].end_frame) == (7100, 7900)


def test_money_lights_the_amount_then_the_unit() -> None:
    assert said("Acme raised $14 B from investors.",
                "Acme raised fourteen billion dollars from investors.") == [
        ("Acme", "Acme"), ("raised", "raised"), ("$14", "fourteen billion"), ("B", "dollars"),
        ("from", "from"), ("investors", "investors."),
    ]  # fmt: skip


def test_abbreviations_keep_their_full_stop_and_span_their_letters() -> None:
    assert said("Exports to the U.S. rose, Dr. Okafor said.",
                "Exports to the U S rose, Doctor Okafor said.") == [
        ("Exports", "Exports"), ("to", "to"), ("the", "the"), ("U.S.", "U S"),
        ("rose", "rose,"), ("Dr", "Doctor"), ("Okafor", "Okafor"), ("said", "said."),
    ]  # fmt: skip


def test_times_of_day_and_dates() -> None:
    assert said("The ferry left at 9 a.m. on 3 March.",
                "The ferry left at nine A- M on the third of March.") == [
        ("The", "The"), ("ferry", "ferry"), ("left", "left"), ("at", "at"), ("9", "nine"),
        ("a.m.", "A- M"), ("on", "on"), ("3", "the third of"), ("March", "March."),
    ]  # fmt: skip


def test_numbers_ampersands_and_dashes() -> None:
    assert said("Smith & Jones cut 1,500 jobs \u2014 a record.",
                "Smith and Jones cut one thousand five hundred jobs, a record.") == [
        ("Smith", "Smith"), ("&", "and"), ("Jones", "Jones"), ("cut", "cut"),
        ("1,500", "one thousand five hundred"), ("jobs", "jobs,"), ("a", "a"),
        ("record", "record."),
    ]  # fmt: skip


def test_more_written_words_than_spoken_share_the_time() -> None:
    text, spoken = "Prices rose ten per cent.", "Prices rose ten percent."
    words = sentence_words(_sentence(text, spoken), _timings(spoken), 4 * STEP)
    assert words is not None
    per, cent = words[3], words[4]
    assert [(LEAD + text)[w.start : w.end] for w in (per, cent)] == ["per", "cent"]
    assert per.start_frame == 3 * STEP + 100 and cent.end_frame == 3 * STEP + 900
    assert per.start_frame < per.end_frame == cent.start_frame < cent.end_frame


def test_a_written_word_left_unsaid_gets_the_pause_where_it_would_be() -> None:
    text, spoken = "Read the notes (PDF) today.", "Read the notes today."
    words = sentence_words(_sentence(text, spoken), _timings(spoken), 4 * STEP)
    assert words is not None
    pdf = words[3]
    assert (LEAD + text)[pdf.start : pdf.end] == "PDF"
    assert (pdf.start_frame, pdf.end_frame) == (2 * STEP + 900, 3 * STEP + 100)


def test_a_timing_count_that_disagrees_gives_no_words(caplog: pytest.LogCaptureFixture) -> None:
    text = spoken = "Three words here."
    with caplog.at_level(logging.DEBUG, logger="audio_edition.words"):
        assert sentence_words(_sentence(text, spoken), _timings("only two"), 3000) is None
    assert "2 word timings for 3 spoken words" in caplog.text


def test_untidy_engine_times_are_kept_in_order_and_inside_the_clip() -> None:
    text = spoken = "One two three four."
    untidy = (WordTiming(-50, 400), WordTiming(300, 200), WordTiming(900, 5000),
              WordTiming(800, 990))  # fmt: skip
    sentence = _sentence(text, spoken)
    words = sentence_words(sentence, untidy, 1000)
    assert words is not None
    assert_well_formed(words, sentence, 1000)
    assert [(w.start_frame, w.end_frame) for w in words] == [(0, 400), (300, 400), (900, 1000),
                                                              (900, 1000)]  # fmt: skip


@pytest.mark.parametrize(
    "text",
    [
        "Acme raised $14 B from investors on Tuesday.",
        "The U.S. Navy and NATO met at 3:30 p.m. on Jan. 5th in the U.K.",
        "\u201cIt\u2019s a disaster,\u201d said Charles III \u2014 twice.",
        "Smith & Jones Ltd. moved 1,500 jobs; 12% of staff (about 3.2 per cent) left.",
        "The WHO said COVID-19 cases fell in the 1990s, e.g. by \u00a32.5m a year.",
        "State-of-the-art tools cost 10,000 euros (about $11,000) \u2026 or more?!",
    ],
)
def test_every_written_word_of_real_front_end_output_gets_a_time(text: str) -> None:
    spoken = spoken_form(text).text
    frames = len(spoken.split()) * STEP
    sentence = _sentence(text, spoken)
    words = sentence_words(sentence, _timings(spoken), frames)
    assert words is not None
    assert [(LEAD + text)[w.start : w.end] for w in words] == [
        text[w.start : w.end] for w in written_words(text)
    ]
    assert len(words) == len([t for t in text.split() if any(c.isalnum() or c in "&%" for c in t)])
    assert_well_formed(words, sentence, frames)


def test_cues_carry_words_at_their_place_on_the_timeline() -> None:
    timed = _clip("Boats came home.", "Boats came home.")
    untimed = Clip(_sentence("Nets dried.", "Nets dried."), (Path("y.wav"),), 2000, 22050)
    cues, total = timeline([timed, 500, untimed, 300, timed])
    assert total == 3000 + 500 + 2000 + 300 + 3000
    assert cues[1].words is None
    first, last = cues[0].words, cues[2].words
    assert first is not None and last is not None
    assert [(w.start_frame, w.end_frame) for w in first] == [(100, 900), (1100, 1900), (2100, 2900)]
    assert [w.start_frame - 5800 for w in last] == [100, 1100, 2100]
    assert (last[0].start, last[0].end) == (len(LEAD), len(LEAD) + len("Boats"))  # spans stay
    assert clip_words(untimed, 99) is None


def test_a_shifted_cue_moves_its_words_too() -> None:
    cues, _ = timeline([_clip("Gulls cried.", "Gulls cried.")])
    moved = shifted(cues[0], 44100)
    assert (moved.start_frame, moved.end_frame) == (44100, 46100)
    assert moved.words is not None and cues[0].words is not None
    assert [w.start_frame for w in moved.words] == [44200, 45200]
    assert [(w.start, w.end) for w in moved.words] == [(w.start, w.end) for w in cues[0].words]
    assert shifted(Cue(cues[0].sentence, 0, 10), 5).words is None
