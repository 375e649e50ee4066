"""Text front end: sentences with exact spans, and the spoken form of each.

``sentence_spans(text)`` cuts news text into sentences whose ``(start, end)``
offsets point into the original text; ``spoken_form(sentence, language,
lexicon)`` says what an engine should read for it; ``Lexicon`` holds a
publication's or a voice's pronunciations.
"""

from audio_edition.text.lexicon import Lexicon
from audio_edition.text.normalize import Spoken, spoken_form
from audio_edition.text.segment import sentence_spans

__all__ = ["Lexicon", "Spoken", "sentence_spans", "spoken_form"]
