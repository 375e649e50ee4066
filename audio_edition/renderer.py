"""What every article of one render shares, and where the render reports progress.

Its own module so that the stages ``build.py`` calls (``episode.py``, ``edition.py``)
can take it without importing the pipeline that calls them (docs/architecture.md).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from functools import partial
from pathlib import Path
from typing import Protocol

from audio_edition.audio.credentials import SigningKey, Statement, sign_mp3
from audio_edition.config import EditionConfig
from audio_edition.engines.workers import Synthesizer
from audio_edition.models import Script, Voice
from audio_edition.publish import Output
from audio_edition.release import Disclosure, Sign


class Progress(Protocol):
    """Where the build reports how far it has got, stage by stage: speaking (clips),
    mastering (articles, while later ones are spoken), publishing (feeds and pages)."""

    def start(self, articles: int, clips: int, reused: int) -> None:
        """The work ahead: articles to master, clips to synthesize, clips taken from the
        cache."""

    def article(self, script: Script) -> None:
        """The workers begin speaking an article."""

    def clip(self) -> None:
        """One more clip is synthesized."""

    def mastered(self, script: Script, encoded: bool) -> None:
        """An article is mastered: encoded, or its unchanged MP3 kept (``encoded`` false)."""

    def publishing(self) -> None:
        """Every article is done; the edition episode, feeds and pages are being written."""


class NoProgress:
    """Reports nothing."""

    def start(self, articles: int, clips: int, reused: int) -> None:
        pass

    def article(self, script: Script) -> None:
        pass

    def clip(self) -> None:
        pass

    def mastered(self, script: Script, encoded: bool) -> None:
        pass

    def publishing(self) -> None:
        pass


@dataclass(frozen=True)
class Renderer:
    """What every article of one render shares."""

    config: EditionConfig
    voice: Voice
    pool: Synthesizer
    out: Output
    cover: Path
    sample_rate: int
    progress: Progress
    pictures: Mapping[str, Path] = field(default_factory=dict)
    """Each article's own artwork (a JPEG in the scratch folder), by slug."""
    disclosure: Disclosure | None = None
    """The spoken disclosure spliced into each article's MP3 (``None``: not spoken)."""
    signing: SigningKey | None = None
    """Who signs the MP3s' Content Credentials (``None``: unsigned)."""

    def seal(self, title: str, url: str, language: str) -> tuple[str, Sign | None]:
        """What a new MP3's version covers of its Content Credentials (what they say and
        who signs them; empty if unsigned), and what signs it once it is tagged."""
        if self.signing is None:
            return "", None
        voice = self.voice
        statement = Statement(title, url, voice.name, voice.engine, voice.identity, language)
        # Not the tool's version: an unchanged file made by an earlier version keeps its
        # (true) credentials; a change to what manifests say bumps VERSION_FORMAT.
        sealed = json.dumps([asdict(statement), self.signing.identity], sort_keys=True)
        return sealed, partial(sign_mp3, statement=statement, key=self.signing)
