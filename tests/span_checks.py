"""What the robustness tests of the text front end share: timing a call, and checking
that sentence spans are exact and cover the text."""

from __future__ import annotations

import time
from collections.abc import Callable


def timed(function: Callable[[], object]) -> float:
    """Seconds ``function`` took."""
    started = time.perf_counter()
    function()
    return time.perf_counter() - started


def check_spans(text: str, spans: list[tuple[int, int]]) -> None:
    """Spans are trimmed, increasing, and drop nothing but spaces between them."""
    previous_end = 0
    for start, end in spans:
        assert previous_end <= start < end <= len(text)
        assert text[start:end] == text[start:end].strip()
        assert not text[previous_end:start].strip(), "text between sentences was dropped"
        previous_end = end
    assert not text[previous_end:].strip(), "text after the last sentence was dropped"
