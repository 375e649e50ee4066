"""The spoken disclosure: each episode says once, briefly, that a synthetic voice reads it.

In the episode's language (its ``Phrases.disclosure``, or ``[disclosure] text`` for the
publication's language), before the headline or after the last paragraph
(``[disclosure] position``). It is spoken once per language and render, mastered as a
segment of its own (cached, ``segments.py``) while the articles are spoken, and
spliced into each article's MP3 frame by frame, so the edition episode can splice the
articles without it and say it once itself (docs/credentials.md). Its cue is of kind
``disclosure``: no page text holds it, and the player highlights nothing while it plays.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import partial

from audio_edition.audio.stitch import silence
from audio_edition.cache import ClipCache
from audio_edition.config import EditionConfig
from audio_edition.models import Article, Block, Clip, Script, Sentence
from audio_edition.release import Disclosure
from audio_edition.renderer import Renderer
from audio_edition.segments import master_segment
from audio_edition.synthesis import plan, synthesize
from audio_edition.text.languages import language_for
from audio_edition.text.lexicon import Lexicon
from audio_edition.text.normalize import spoken_form


def disclosure_text(config: EditionConfig, language: str) -> str | None:
    """What the disclosure says in ``language``; ``None`` where it is not spoken."""
    settings = config.disclosure
    if not settings.spoken:
        return None
    return settings.text or language_for(language).phrases.disclosure


def disclosure_sentence(text: str, language: str, lexicon: Lexicon, index: int) -> Sentence:
    """The disclosure as a sentence of kind ``disclosure`` (its span empty: no page holds it)."""
    said = spoken_form(text, language, lexicon).text
    return Sentence(index, -1, 0, 0, text, said, kind="disclosure")


def speak_disclosure(
    r: Renderer, cache: ClipCache, lexicon: Lexicon, language: str
) -> Callable[[], Disclosure] | None:
    """Speak the disclosure for one language's articles (cached when unchanged); returns
    what masters it, which a finisher runs while the articles are spoken."""
    text = disclosure_text(r.config, language)
    if text is None:
        return None
    article = Article("disclosure", text, "", "", "", language,
                      dt.datetime(2000, 1, 1, tzinfo=dt.UTC), text,
                      (Block("paragraph", 0, len(text)),), r.config.path)  # fmt: skip
    script = Script(article, (disclosure_sentence(text, language, lexicon, -1),))
    clip = synthesize(plan(script, cache), r.pool)[0]
    return partial(_master, r, cache, clip)


def _master(r: Renderer, cache: ClipCache, clip: Clip) -> Disclosure:
    at_end = r.config.disclosure.position == "end"
    pauses = r.voice.pauses
    pause = silence(pauses.paragraph_ms if at_end else pauses.after_headline_ms, r.sample_rate)
    part = master_segment(r, cache, [clip, pause])
    return Disclosure(part.mp3, at_end, part.cues)
