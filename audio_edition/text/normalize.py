"""Spoken forms of news text (placeholder: text passes through)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Spoken:
    """The spoken form of a piece of text."""

    text: str
    """What the engine is asked to say."""
    spelled: tuple[str, ...] = ()
    """Words read letter by letter because nothing said how to read them."""


def spoken_form(
    text: str, language: str = "en", lexicon: object | None = None, *, headline: bool = False
) -> Spoken:
    """Return what an engine should say for ``text``."""
    return Spoken(" ".join(text.split()))
