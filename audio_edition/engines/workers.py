"""Where clips are spoken: the local worker processes (the default) or the workers of
a Dask cluster (``[synthesis] scheduler``). Both take the same requests and give the
same results; the clips land in the same cache, checked the same way
(docs/architecture.md, "Voices")."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Protocol

from audio_edition.config import SynthesisSettings
from audio_edition.engines.base import Result
from audio_edition.engines.pool import WorkerPool
from audio_edition.models import SynthesisRequest, Voice


class Synthesizer(Protocol):
    """Speaks requests for one voice into the clip cache."""

    @property
    def voice(self) -> Voice:
        """The voice every clip is spoken with."""

    def start(self, count: int | None = None) -> None:
        """Get ready for about ``count`` clips (workers load the voice meanwhile)."""

    def synthesize(
        self, requests: Sequence[SynthesisRequest], on_done: Callable[[], None] = ...
    ) -> list[Result]:
        """Speak every request into its place in the cache; results in order."""

    def close(self) -> None:
        """Stop the workers (local), or leave the cluster."""


@contextmanager
def open_workers(voice: Voice, settings: SynthesisSettings) -> Iterator[Synthesizer]:
    """The synthesizer ``settings`` ask for, closed on leaving: a Dask cluster's workers
    if a scheduler is set (``distributed`` imported only then), else local processes."""
    if settings.scheduler:
        from audio_edition.engines.dask_pool import DaskPool

        with DaskPool(voice, settings.scheduler, settings.timeout_s) as cluster:
            yield cluster
    else:
        with WorkerPool(voice, settings.workers, settings.timeout_s) as pool:
            yield pool
