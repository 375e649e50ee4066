"""Expected failures: one clear line, a non-zero exit, no traceback."""

from __future__ import annotations

from pathlib import Path

import click

DEBUG_VARIABLE = "AUDIO_EDITION_DEBUG"
"""Set by ``--debug`` for the worker processes: they then show the engine's own errors."""


class AudioEditionError(click.ClickException):
    """An expected failure, shown to the user as one line."""

    exit_code = 1


class ConfigError(AudioEditionError):
    """The edition's configuration (edition.toml, a voice profile) is wrong."""


class ArticleError(AudioEditionError):
    """An article cannot be read: the edition is refused before anything is written."""

    def __init__(self, path: Path | str, problem: str, fix: str = "") -> None:
        message = f"{path}: {problem}"
        if fix:
            message += f"; {fix}"
        super().__init__(message)
        self.path = path


class SourceError(ArticleError):
    """An article or a whole source on the web cannot be read (unreachable, an HTTP
    error, not an article, not a feed): that one is left out, the others render."""


class SynthesisError(AudioEditionError):
    """The speech engine failed for one article, after a retry in a fresh worker."""


class AudioError(AudioEditionError):
    """ffmpeg failed to measure, normalize or encode audio."""


class VoiceStoreError(AudioEditionError):
    """A Piper voice cannot be found in the catalog, downloaded or installed."""


class StorageError(click.ClickException):
    """A folder cannot be written (full, read-only, not allowed): the render stops at once,
    the previous output untouched. Deliberately not an ``AudioEditionError``, which fails
    one article and lets the others go on: this is no article's fault."""

    exit_code = 1


class ClusterError(click.ClickException):
    """The Dask cluster cannot speak for this render (its scheduler cannot be reached,
    it has no workers, a worker cannot load the voice): the render stops at once, the
    previous output untouched. Like ``StorageError``, no article's fault."""

    exit_code = 1
