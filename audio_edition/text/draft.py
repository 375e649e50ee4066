"""The text being turned into its spoken form, one call of ``spoken_form``."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from audio_edition.text.lexicon import Lexicon

_MARK_BASE = 0xF0000
_MARK = re.compile("[\U000f0000-\U000ffffd]")


@dataclass
class Draft:
    """Working state of one ``spoken_form`` call; never shared between calls."""

    text: str
    """The text, rewritten pass after pass."""
    language: str
    """Base language code (``en``, ``fr`` …)."""
    lexicon: Lexicon
    """Pronunciations applied before the rules."""
    headline: bool = False
    """The text is a headline."""
    final: list[str] = field(default_factory=list)
    """Pieces already in their spoken form, stood in for by one private-use mark each."""
    spelled: dict[str, None] = field(default_factory=dict)
    """Unknown words written out letter by letter, in order of appearance."""

    def freeze(self, spoken: str) -> str:
        """Return a mark standing for ``spoken`` that no later rule rewrites."""
        self.final.append(spoken)
        return chr(_MARK_BASE + len(self.final) - 1)

    def thaw(self, text: str) -> str:
        """Put the frozen pieces back in place of their marks."""
        if not self.final:
            return text
        return _MARK.sub(lambda m: self.final[ord(m.group()) - _MARK_BASE], text)
