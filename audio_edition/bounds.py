"""Bounds on the work one article may ask for, checked before anything is synthesized.

An article is text from anyone's keyboard or feed; a pasted data dump, a table
without full stops or a hundred thousand one-word paragraphs would otherwise be
spoken, stitched and encoded for hours (and a WAV cannot exceed 4 GiB). The
limits are far above any real newsroom's articles (README, "Limits"); an article
over one is refused alone, with one line naming its file, and the others render.
"""

from __future__ import annotations

from audio_edition.models import Script, Voice

MAX_SPEECH_HOURS = 3
"""Expected speech of one article (its words at the voice's pace, plus its pauses)."""
MAX_SENTENCE_CHARS = 20_000
"""One sentence, as written or as spoken: about twenty minutes of speech."""


def refusal(script: Script, voice: Voice) -> str | None:
    """Why ``script`` is refused before synthesis (one line naming its file), or None."""
    source = script.article.source
    for sentence in script.sentences:
        size = max(len(sentence.text), len(sentence.spoken))
        if size > MAX_SENTENCE_CHARS:
            opening = " ".join(sentence.text[:40].split())
            return (
                f"{source}: a sentence of {size:,} characters (block {sentence.paragraph + 1}, "
                f"'{opening}...') is over the limit of {MAX_SENTENCE_CHARS:,}; "
                "break it into sentences"
            )
    hours = expected_seconds(script, voice) / 3600
    if hours > MAX_SPEECH_HOURS:
        return (
            f"{source}: about {hours:.1f} hours of speech ({len(script.sentences):,} sentences), "
            f"over the limit of {MAX_SPEECH_HOURS} hours for one article; split it"
        )
    return None


def expected_seconds(script: Script, voice: Voice) -> float:
    """About how long the article will take to read: its spoken words at the voice's
    pace, and its pause before each sentence."""
    words = sum(len(sentence.spoken.split()) for sentence in script.sentences)
    pauses_ms = 0
    previous = -1
    for sentence in script.sentences:
        same = sentence.paragraph == previous
        pauses_ms += voice.pauses.sentence_ms if same else voice.pauses.paragraph_ms
        previous = sentence.paragraph
    return words * 60 / voice.settings.words_per_minute() + pauses_ms / 1000
