"""Text front end: sentences with exact spans, and the spoken form of each.

``sentence_spans(text, language)`` cuts news text into sentences whose
``(start, end)`` offsets point into the original text; ``spoken_form(sentence,
language, lexicon)`` says what an engine should read for it; ``Lexicon`` holds
a publication's or a voice's pronunciations; ``language_for(tag)`` is the
``Language`` that supplies all of a language's knowledge (docs/languages.md).
"""

from audio_edition.text.languages import Language, language_for
from audio_edition.text.lexicon import Lexicon
from audio_edition.text.normalize import Spoken, spoken_form
from audio_edition.text.segment import sentence_spans

__all__ = ["Language", "Lexicon", "Spoken", "language_for", "sentence_spans", "spoken_form"]
