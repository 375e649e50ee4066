"""Synthesis in isolated worker processes, with a timeout, a hard kill and one retry.

Each worker initialises its engine once (spawned, never forked after espeak
started), writes each clip to a temporary name, waits until the WAV is
complete, validates it and only then moves it into place.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import os
import time
from collections import deque
from collections.abc import Callable, Sequence
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from types import TracebackType

from audio_edition.audio.wav import exit_if_full, fail_if_full, wait_complete
from audio_edition.engines.base import Result, Speaker
from audio_edition.engines.capacity import usable_cores, worker_count
from audio_edition.engines.clipfile import place
from audio_edition.models import SynthesisRequest, Voice

log = logging.getLogger(__name__)
ATTEMPTS = 2
"""A clip is tried once, then once more in a fresh worker."""


def _worker_main(conn: Connection, voice: Voice, threads: int) -> None:
    """Body of a worker process: open the engine once, then serve requests."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)  # what an engine prints stays out of the render's output
    from audio_edition.engines import get_engine

    speaker = get_engine(voice.engine).open(voice, threads)
    while True:
        try:
            job = conn.recv()
        except EOFError:
            return
        if job is None:
            return
        index, request = job
        conn.send((index, *_speak(speaker, request, voice)))


def _speak(speaker: Speaker, request: SynthesisRequest, voice: Voice) -> tuple[int, str | None]:
    temporary = request.path.with_name(f"{request.path.name}.{os.getpid()}.tmp")
    try:
        fail_if_full(temporary.parent)  # a full disk fails the clip at once
        with exit_if_full(temporary.parent):
            words = speaker.speak(request.text, temporary)
        wait_complete(temporary)
        return place(temporary, request, voice, words), None
    except Exception as exc:  # reported to the parent, which retries once
        with contextlib.suppress(OSError):  # not there, or on a read-only file system
            temporary.unlink()
        return 0, f"{type(exc).__name__}: {exc}"


class _Worker:
    def __init__(self, voice: Voice, threads: int) -> None:
        context = multiprocessing.get_context("spawn")
        self.conn, child = context.Pipe()
        self.process: BaseProcess = context.Process(
            target=_worker_main, args=(child, voice, threads), daemon=True
        )
        self.process.start()
        child.close()

    def kill(self) -> None:
        self.process.kill()
        self.process.join(5)
        self.conn.close()


class WorkerPool:
    """A fixed number of engine workers (``size``, 0: one per core; never more than the
    machine can run); ``synthesize`` returns results in order."""

    def __init__(self, voice: Voice, size: int, timeout: float) -> None:
        self.voice, self.timeout = voice, timeout
        self.size = worker_count(size, voice)  # capped to the cores and the free memory
        self.threads = max(1, usable_cores() // self.size)  # per worker engine (onnxruntime)
        self._workers: list[_Worker] = []  # started on first use: a re-render may need none

    def start(self, count: int | None = None) -> None:
        """Start the workers (up to ``count`` of them) if they are not running yet: they
        take a moment to load the engine, so a caller that knows work is coming starts
        them early."""
        wanted = min(self.size, count or self.size)
        self._workers += [self._spawn() for _ in range(wanted - len(self._workers))]

    def _spawn(self) -> _Worker:
        return _Worker(self.voice, self.threads)

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, *exc: type[BaseException] | BaseException | TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        """Stop every worker."""
        for worker in self._workers:
            with contextlib.suppress(OSError, ValueError):
                worker.conn.send(None)
        for worker in self._workers:
            worker.process.join(2)
            if worker.process.is_alive():
                worker.kill()

    def synthesize(
        self, requests: Sequence[SynthesisRequest], on_done: Callable[[], None] = lambda: None
    ) -> list[Result]:
        """Speak every request; a failure is retried once in a fresh worker."""
        if requests:
            self.start()
        run = _Run(self, requests, on_done)
        while not run.done():
            run.dispatch()
            run.collect()
        return run.results()

    def replace(self, worker: _Worker) -> None:
        """Kill ``worker`` and start a fresh one in its place."""
        worker.kill()
        self._workers[self._workers.index(worker)] = self._spawn()


class _Run:
    """The bookkeeping of one ``synthesize`` call."""

    def __init__(
        self, pool: WorkerPool, requests: Sequence[SynthesisRequest], on_done: Callable[[], None]
    ) -> None:
        self.pool, self.requests, self.on_done = pool, requests, on_done
        self.pending: deque[int] = deque(range(len(requests)))
        self.attempts = [0] * len(requests)
        self.outcomes: dict[int, tuple[int, str | None]] = {}
        self.busy: dict[_Worker, tuple[int, float]] = {}

    def done(self) -> bool:
        return len(self.outcomes) == len(self.requests)

    def results(self) -> list[Result]:
        return [Result(r, *self.outcomes[i]) for i, r in enumerate(self.requests)]

    def dispatch(self) -> None:
        for worker in self.pool._workers:
            if worker not in self.busy and self.pending:
                index = self.pending.popleft()
                self.attempts[index] += 1
                worker.conn.send((index, self.requests[index]))
                self.busy[worker] = (index, time.monotonic() + self.pool.timeout)

    def collect(self) -> None:
        deadline = min(d for _, d in self.busy.values())
        ready = wait([w.conn for w in self.busy], timeout=max(0.0, deadline - time.monotonic()))
        for worker in list(self.busy):
            index, due = self.busy[worker]
            if worker.conn in ready:
                self._receive(worker, index)
            elif time.monotonic() > due:
                self._failed(worker, index, f"timed out after {self.pool.timeout:g} s")

    def _receive(self, worker: _Worker, index: int) -> None:
        try:
            _, frames, error = worker.conn.recv()
        except (EOFError, OSError):
            code = worker.process.exitcode
            self._failed(worker, index, f"worker crashed (exit code {code})")
            return
        if error:
            self._failed(worker, index, error)
            return
        del self.busy[worker]
        self.outcomes[index] = (frames, None)
        self.on_done()

    def _failed(self, worker: _Worker, index: int, error: str) -> None:
        del self.busy[worker]
        text = self.requests[index].text
        log.warning("synthesis failed (%s) for %r", error, text[:60])
        self.pool.replace(worker)
        if self.attempts[index] < ATTEMPTS:
            self.pending.appendleft(index)
        else:
            self.outcomes[index] = (0, error)
