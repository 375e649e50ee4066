"""What every article of one render shares, and where the render reports progress.

Its own module so that the stages ``build.py`` calls (``episode.py``, ``edition.py``)
can take it without importing the pipeline that calls them (docs/architecture.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from audio_edition.config import EditionConfig
from audio_edition.engines.pool import WorkerPool
from audio_edition.models import Script, Voice
from audio_edition.publish import Output


class Progress(Protocol):
    """Where the build reports how far it has got."""

    def start(self, articles: int, clips: int) -> None:
        """The work ahead: articles, and clips that must be synthesized."""

    def article(self, script: Script) -> None:
        """An article is being rendered."""

    def clip(self) -> None:
        """One more clip is synthesized."""


class NoProgress:
    """Reports nothing."""

    def start(self, articles: int, clips: int) -> None:
        pass

    def article(self, script: Script) -> None:
        pass

    def clip(self) -> None:
        pass


@dataclass(frozen=True)
class Renderer:
    """What every article of one render shares."""

    config: EditionConfig
    voice: Voice
    pool: WorkerPool
    out: Output
    cover: Path
    sample_rate: int
    progress: Progress
