"""Script -> one Clip per sentence, through the clip cache and the workers (local
processes or a Dask cluster)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from audio_edition.audio.wav import frame_count
from audio_edition.cache import ClipCache, State, read_words, state
from audio_edition.engines.workers import Synthesizer
from audio_edition.errors import SynthesisError
from audio_edition.faults import reached
from audio_edition.models import Clip, Script, Sentence, SynthesisRequest, Voice, WordTiming
from audio_edition.publish.storage import check_room
from audio_edition.text.script import synthesis_chunks


@dataclass(frozen=True)
class Plan:
    """Which clips a script needs, and which of them must still be synthesized."""

    script: Script
    """The script."""
    clips: tuple[tuple[Sentence, tuple[SynthesisRequest, ...]], ...]
    """Each sentence with the pieces it is spoken in (usually one)."""
    missing: tuple[SynthesisRequest, ...]
    """Pieces not in the cache yet (each once)."""


def plan(script: Script, cache: ClipCache) -> Plan:
    """Look every piece of every sentence up in the cache."""
    clips = tuple(
        (s, tuple(SynthesisRequest(c, cache.path_for(c)) for c in synthesis_chunks(s.spoken)))
        for s in script.sentences
    )
    missing: dict[str, SynthesisRequest] = {}
    for _, requests in clips:
        for request in requests:
            if request.text not in missing and not cache.hit(request.path):
                cache.prepare(request.path)
                missing[request.text] = request
    return Plan(script, clips, tuple(missing.values()))


def synthesize(
    work: Plan, pool: Synthesizer, on_clip: Callable[[], None] = lambda: None
) -> list[Clip]:
    """Speak what is missing; return every sentence's clip in order.

    A piece that fails after its retry fails the whole article (SynthesisError).
    """
    # An earlier article of this render (or another render) may have made some meanwhile.
    missing = [request for request in work.missing if state(request.path) is not State.SOUND]
    for _ in range(len(work.missing) - len(missing)):
        on_clip()

    def done() -> None:
        on_clip()
        reached("synthesis")

    if missing:  # a full or read-only cache stops the render here, not clip by clip
        check_room(missing[0].path.parent)
    for result in pool.synthesize(missing, done):
        if result.error:
            check_room(result.request.path.parent)  # the cache's fault, not the article's
            raise SynthesisError(
                f"{work.script.article.source}: speech failed for {result.request.text[:50]!r} "
                f"({result.error}) after a retry in a fresh worker"
            )
    return [_clip(sentence, tuple(r.path for r in rs), pool.voice) for sentence, rs in work.clips]


def _clip(sentence: Sentence, paths: tuple[Path, ...], voice: Voice) -> Clip:
    frames = sum(frame_count(p) for p in paths)
    words = _words(paths) if voice.word_timings else None
    return Clip(sentence, paths, frames, voice.sample_rate, words)


def _words(paths: tuple[Path, ...]) -> tuple[WordTiming, ...] | None:
    """The word timings of a sentence spoken in ``paths``, one after the other."""
    words: list[WordTiming] = []
    offset = 0
    for path in paths:
        piece = read_words(path)
        if piece is None:
            return None
        words += [WordTiming(w.start_frame + offset, w.end_frame + offset) for w in piece]
        offset += frame_count(path)
    return tuple(words)
