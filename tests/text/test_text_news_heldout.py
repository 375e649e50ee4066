"""Held-out English news segmentation set: a floor, never a target.

``tests/data/news_heldout_en.jsonl`` holds 40 original news paragraphs (invented
local news, British and American style, 131 sentences) with hand-marked sentence
ends. They were written blind: the set was finished, and each boundary was decided
as an editor marking where a newsreader must pause, before anyone read the
segmenter, its rules or its other test sets, and before it was run. It has not
been tuned to, so do not edit an annotation to make a failure go away.

When it was written, our segmenter got 37/40 paragraphs exactly (92.5%), and 89 of
the 91 sentence ends inside paragraphs, plus one extra split (precision 0.989,
recall 0.978). For comparison: syntok 33/40, blingfire 28/40, pysbd 26/40.
The three misses:

* ``Spitfire Mk. IX``: split after ``Mk.``, an abbreviation we did not know. It is
  now in the word lists (``Mk.`` before a number, said "Mark"), so this paragraph is
  no longer blind; the score became 38/40 (95%).
* two quotations that hold two sentences and then run on into the attribution
  (``"We did everything right. We followed ...," said Tom Barker``, ``"Is it safe?
  Nobody can tell us," said Priya Shah``). This set splits inside the quotation;
  the segmenter keeps such a quotation whole on purpose (see
  ``test_text_segment.py``): a difference of convention, not a bug, left standing
  here as the annotator marked it. By the project's convention the score is 40/40.

The floor is the score measured, 95% (issue 11's goal), so the test catches a
regression without pretending the set was passed in full.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from audio_edition.text import sentence_spans

REPO = Path(__file__).resolve().parents[2]
HELDOUT = REPO / "tests" / "data" / "news_heldout_en.jsonl"

HELDOUT_FLOOR = 0.95


def _cases() -> list[dict[str, Any]]:
    with HELDOUT.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def _sentences(text: str) -> list[str]:
    return [text[start:end] for start, end in sentence_spans(text)]


def test_heldout_news_floor() -> None:
    cases = _cases()
    failures = [
        f"line {number}: {_sentences(case['text'])!r}"
        for number, case in enumerate(cases, 1)
        if _sentences(case["text"]) != case["sentences"]
    ]
    share = (len(cases) - len(failures)) / len(cases)
    assert len(cases) == 40
    assert share >= HELDOUT_FLOOR, (
        f"held-out news {share:.1%} < {HELDOUT_FLOOR:.0%}:\n" + "\n".join(failures)
    )


def test_heldout_sentences_rebuild_their_paragraph() -> None:
    """The sentences, in order, and the whitespace between them make up the text."""
    for number, case in enumerate(_cases(), 1):
        sentences = case["sentences"]
        assert 2 <= len(sentences) <= 6, number
        assert all(s and s == s.strip() for s in sentences), number
        pattern = r"\s*" + r"\s+".join(re.escape(s) for s in sentences) + r"\s*"
        assert re.fullmatch(pattern, case["text"]), number
