"""Pronunciation lexicon (placeholder until the full lexicon lands)."""

from __future__ import annotations

from pathlib import Path


class Lexicon:
    """Written word -> spoken form."""

    def __init__(self, entries: dict[str, str]) -> None:
        self._entries = dict(entries)

    @classmethod
    def load(cls, *paths: Path) -> Lexicon:
        return cls({})

    @classmethod
    def empty(cls) -> Lexicon:
        return cls({})

    def apply(self, text: str) -> str:
        return text

    @property
    def version(self) -> str:
        return "0"

    def check(self) -> list[str]:
        return []
