"""Synthesis on the workers of a Dask cluster (``[synthesis] scheduler``).

Each worker loads the voice once (``VoicePlugin.setup``, registered under a name
derived from the voice's identity) and speaks one clip per task into its own
scratch folder; it checks the WAV and sends its bytes and word timings back. This
machine places them in the cache exactly as the local pool places its own
(``clipfile.place``: validated again, the first one made kept, digest last), then
masters as always: the same clips give the same bytes wherever they were made.

A task that fails is tried once more, on any worker (``retries``); a worker that is
lost takes its running and finished-but-unfetched clips with it, and the scheduler
gives them to the workers left (docs/architecture.md, "Voices").
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import io
import os
import shutil
import tempfile
import threading
import uuid
from collections.abc import Callable, Sequence
from pathlib import Path
from types import TracebackType
from typing import Any

from distributed import Client, Future, WorkerPlugin, get_worker, wait

from audio_edition.audio.wav import validate, wait_complete
from audio_edition.engines.base import Result
from audio_edition.engines.clipfile import place
from audio_edition.errors import ClusterError
from audio_edition.models import SynthesisRequest, Voice, WordTiming

CONNECT_TIMEOUT_S = 5.0
"""How long to try reaching the scheduler, and to wait for its first worker."""
RETRIES = 1
"""A clip whose task failed is tried once more (as the local pool retries once)."""
Pairs = list[tuple[int, int]] | None
"""Word timings as they travel: (start frame, end frame) per word, or ``None``."""
Task = Future[tuple[bytes, Pairs]]
"""One clip being spoken on the cluster."""


def plugin_name(voice: Voice) -> str:
    """The worker plugin's name for ``voice``: one loaded voice per identity."""
    digest = hashlib.sha256(voice.identity.encode()).hexdigest()[:16]
    return f"audio-edition-{voice.name}-{digest}"


class VoicePlugin(WorkerPlugin):
    """The voice, loaded once on each worker; its clips spoken one at a time."""

    idempotent = True
    """Registered again by a later render, it is kept as it is (not loaded again)."""

    def __init__(self, voice: Voice) -> None:
        self.voice = voice
        self.name = plugin_name(voice)

    async def setup(self, worker: Any) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="audio-edition-", dir=worker.local_directory))
        self.lock = threading.Lock()  # one engine per process: one clip at a time
        # Opened on the thread that runs the tasks (with --nthreads 1, the only one), as
        # a local worker opens and speaks on one thread: opened on the worker's event
        # loop instead, espeak-ng was seen to speak some clips at its default rate.
        loop = asyncio.get_running_loop()
        await loop.run_in_executor(worker.executors["default"], self._open)

    def _open(self) -> None:
        from audio_edition.engines import get_engine

        self.speaker = get_engine(self.voice.engine).open(self.voice, 1)

    def teardown(self, worker: Any) -> None:
        shutil.rmtree(getattr(self, "folder", ""), ignore_errors=True)

    def speak(self, text: str) -> tuple[bytes, Pairs]:
        """``text`` spoken and checked: the WAV's bytes and its word timings."""
        path = self.folder / f"{uuid.uuid4().hex}.wav"
        try:
            # What an engine prints is kept out of the worker's log.
            with self.lock, contextlib.redirect_stdout(io.StringIO()):
                words = self.speaker.speak(text, path)
                wait_complete(path)
            validate(path, len(text.split()), self.voice.sample_rate, len(text))
            pairs = None if words is None else [(w.start_frame, w.end_frame) for w in words]
            return path.read_bytes(), pairs
        finally:
            path.unlink(missing_ok=True)


def speak_clip(plugin: str, text: str) -> tuple[bytes, Pairs]:
    """The task a worker runs: ``text`` spoken by the voice its plugin ``plugin`` holds."""
    voice = get_worker().plugins[plugin]
    assert isinstance(voice, VoicePlugin)
    return voice.speak(text)


def connect(address: str) -> Client:
    """A client of the scheduler at ``address``, or one line saying it cannot be reached."""
    try:
        return Client(address, timeout=CONNECT_TIMEOUT_S, set_as_default=False)
    except (OSError, TimeoutError) as exc:
        raise ClusterError(
            f"scheduler {address}: cannot be reached within {CONNECT_TIMEOUT_S:g} s ({exc}); "
            f"start it (dask scheduler) or correct [synthesis] scheduler in edition.toml "
            "or --scheduler"
        ) from exc


class DaskPool:
    """The workers of a Dask cluster, speaking ``voice``: ``synthesize`` as the local
    ``WorkerPool``'s, results in order."""

    def __init__(self, voice: Voice, address: str, timeout: float) -> None:
        self.voice, self.address, self.timeout = voice, address, timeout
        self.plugin = plugin_name(voice)
        self.client = connect(address)
        try:
            self._load_voice()
        except BaseException:
            self.client.close()
            raise

    def _load_voice(self) -> None:
        try:
            self.client.wait_for_workers(1, timeout=CONNECT_TIMEOUT_S)
        except TimeoutError as exc:
            raise ClusterError(
                f"scheduler {self.address}: has no workers; start some (dask worker "
                f"{self.address} --nthreads 1) where audio-edition is installed"
            ) from exc
        try:
            self.client.register_plugin(VoicePlugin(self.voice), name=self.plugin)
        except Exception as exc:  # the worker's own error, sent back by the scheduler
            raise ClusterError(
                f"scheduler {self.address}: a worker cannot load voice '{self.voice.name}' "
                f"({type(exc).__name__}: {exc}); install audio-edition and the voice on "
                "every worker"
            ) from exc

    def start(self, count: int | None = None) -> None:
        """Nothing to start: every worker loaded the voice on connecting."""

    def __enter__(self) -> DaskPool:
        return self

    def __exit__(self, *exc: type[BaseException] | BaseException | TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        """Leave the cluster (its workers keep the voice loaded for the next render)."""
        self.client.close()

    def synthesize(
        self, requests: Sequence[SynthesisRequest], on_done: Callable[[], None] = lambda: None
    ) -> list[Result]:
        """Speak every request on the cluster and place each clip in the cache."""
        futures: dict[Task, int] = {
            self.client.submit(speak_clip, self.plugin, r.text, pure=False, retries=RETRIES): i
            for i, r in enumerate(requests)
        }
        outcomes: dict[int, tuple[int, str | None]] = {}
        pending = set(futures)
        while pending:
            try:
                with self.client.as_current():  # ``wait`` asks for "the" client
                    done, pending = wait(pending, self.timeout, return_when="FIRST_COMPLETED")
            except TimeoutError:
                self._stalled(pending, outcomes, futures)
                break
            for future in done:
                index = futures[future]
                outcomes[index] = self._receive(future, requests[index])
                if outcomes[index][1] is None:
                    on_done()
        return [Result(r, *outcomes[i]) for i, r in enumerate(requests)]

    def _stalled(
        self, pending: set[Task], outcomes: dict[int, tuple[int, str | None]],
        futures: dict[Task, int],
    ) -> None:  # fmt: skip
        """No clip came back for ``timeout`` seconds: the clips still out fail."""
        if self.client.status != "running":
            raise ClusterError(
                f"scheduler {self.address}: the connection was lost during the render; "
                "render again once the scheduler is back"
            )
        self.client.cancel(list(pending))
        for future in pending:
            outcomes[futures[future]] = (0, f"no clip came back in {self.timeout:g} s")

    def _receive(self, future: Task, request: SynthesisRequest) -> tuple[int, str | None]:
        """The clip a finished task returned, placed in the cache; or why it failed."""
        try:
            data, pairs = future.result()
        except Exception as exc:  # failed twice, or lost with its worker too often
            return 0, f"{type(exc).__name__}: {exc}"
        name = f"{request.path.name}.{os.getpid()}.{threading.get_ident()}.tmp"
        temporary = request.path.with_name(name)
        try:
            temporary.write_bytes(data)
            words = None if pairs is None else tuple(WordTiming(s, e) for s, e in pairs)
            return place(temporary, request, self.voice, words), None
        except Exception as exc:  # a full cache, say: the caller checks the room
            with contextlib.suppress(OSError):
                temporary.unlink()
            return 0, f"{type(exc).__name__}: {exc}"
