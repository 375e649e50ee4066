"""Text front end: sentences with exact spans, and the spoken form of each."""

from audio_edition.text.normalize import Spoken, spoken_form
from audio_edition.text.segment import sentence_spans

__all__ = ["Spoken", "sentence_spans", "spoken_form"]
