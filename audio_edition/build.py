"""The whole pipeline, top to bottom: edition folder in, static site out."""

from __future__ import annotations

import logging
import sqlite3
import time
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import Any

from audio_edition.artwork import write_artwork, write_picture
from audio_edition.audio.loudness import resampler
from audio_edition.bounds import refusal
from audio_edition.cache import ClipCache
from audio_edition.catalog import CATALOG, read_withdrawn
from audio_edition.config import CONFIG_NAME, EditionConfig, load_config
from audio_edition.disclosure import speak_disclosure
from audio_edition.edition import Lines, edition_lines, edition_slug, render_edition
from audio_edition.engines.workers import open_workers
from audio_edition.episode import finish_article
from audio_edition.errors import AudioEditionError, StorageError
from audio_edition.faults import reached
from audio_edition.history import publish_history
from audio_edition.history import withdraw as withdraw_episode
from audio_edition.job import Job, read_job
from audio_edition.models import Clip, Edition, Episode, Published, RenderSummary, Script, Voice
from audio_edition.publish import Output
from audio_edition.publish.layout import sweep, write_stable
from audio_edition.publish.lock import locked
from audio_edition.publish.scratch import remove_temporary, remove_work
from audio_edition.publish.storage import check_room, storage_error
from audio_edition.release import Disclosure
from audio_edition.renderer import NoProgress, Progress, Renderer
from audio_edition.site.pages import write_pages
from audio_edition.synthesis import Plan, plan, synthesize
from audio_edition.text.lexicon import Lexicon
from audio_edition.text.normalize import base_language

log = logging.getLogger(__name__)
UNSIGNED = (
    "The MP3s carry no Content Credentials: edition.toml names no signing certificate "
    "([credentials]). Without them nothing in the files proves, machine-readably, that the "
    "voice is synthetic and who published it (EU AI Act transparency rules, from August 2026); "
    "the spoken disclosure is still read. See docs/credentials.md."
)
"""Said once per render where no signer is configured."""
FINISHERS = 2
"""Articles mastered and encoded at once (each ffmpeg encode uses one core)."""


def render(
    edition: Path,
    out_dir: Path,
    progress: Progress | None = None,
    *,
    withdrawing: str = "",
    **overrides: Any,
) -> RenderSummary:
    """Render every article of the edition, the edition episode and the feed into ``out_dir``.
    ``withdrawing``: the episode ``withdraw`` has just taken out (skipped without a warning)."""
    began = time.monotonic()
    job = read_job(edition, **overrides)
    # One render at a time per output folder: a second one refuses at once; what a
    # stopped render left behind goes first. A folder that cannot be written (full,
    # read-only, not allowed) stops the render at once, with one line; the previous
    # output stays as it was (docs/publishing.md).
    if job.signing is None and not withdrawing:
        log.warning(UNSIGNED)
    folders = (out_dir, job.config.synthesis.cache_dir)
    try:
        with locked(out_dir):
            remove_work(out_dir)
            remove_temporary(job.config.synthesis.cache_dir)
            for folder in folders:
                check_room(folder)
            summary = _render(job, out_dir, progress or NoProgress(), withdrawing)
    except OSError as exc:
        log.debug("render stopped", exc_info=True)
        raise storage_error(exc, folders) from exc
    except sqlite3.OperationalError as exc:  # the catalog's disk is full or read-only
        log.debug("render stopped", exc_info=True)
        raise StorageError(f"{out_dir / CATALOG}: {exc}") from exc
    return replace(summary, wall_seconds=time.monotonic() - began)


def withdraw(out_dir: Path, slug: str, undo: bool = False, edition: Path | None = None) -> str:
    """Take an article (or an edition episode) out of ``out_dir`` at once: out of every
    feed, its files deleted, then its edition rendered again without it (the edition
    episode spliced anew, cheaply, from cached audio; the pages written again).
    ``edition`` is the edition folder; by default the one the catalog says it was last
    rendered from, with the same settings."""
    done = withdraw_episode(out_dir, slug, undo)
    entry, source = done.entry, done.rendered_from
    if undo:
        return done.message
    folder = edition or (source.root if source else None)
    if folder is None or not (folder / CONFIG_NAME).is_file():
        return (
            f"{done.message} The {entry.edition} edition episode and page still include it: "
            f"render that edition again (audio-edition render EDITION --out {out_dir})."
        )
    same: dict[str, Any] = {}
    if source is not None:  # the settings it was published with, command-line ones too
        same = {"voice": source.voice, "cache_dir": source.cache_dir, "base_url": source.base_url}
    if load_config(folder, **same).date != entry.edition:
        return (
            f"{done.message} {folder} now holds another edition than {entry.edition}: render "
            "that edition again to take the article out of its episode and page."
        )
    render(folder, out_dir, None, withdrawing=slug, **same)
    return f"{done.message} The {entry.edition} edition was rendered again without it."


def _render(job: Job, out_dir: Path, progress: Progress, withdrawing: str) -> RenderSummary:
    """The render proper, holding the output folder's lock."""
    config = job.config
    withdrawn = read_withdrawn(out_dir)
    known = withdrawn - {withdrawing}  # an article left in the edition folder: warned about
    scripts = [s for s in job.scripts if not _withdrawn(s, withdrawn, known, out_dir)]
    scripts, refused = _within_bounds(scripts, job.voices)
    # Plan synthesis against each voice's cache: only what changed is spoken again.
    caches = {lang: ClipCache(config.synthesis.cache_dir, v) for lang, v in job.voices.items()}
    plans = [plan(script, caches[_language(script)]) for script in scripts]
    missing = sum(len(p.missing) for p in plans)
    needed = {r.path for p in plans for _, requests in p.clips for r in requests}
    progress.start(len(plans), missing, len(needed) - missing)
    own = base_language(config.publication.language)
    others = [lang for lang in dict.fromkeys(_language(p.script) for p in plans) if lang != own]
    with Output(out_dir) as out:
        cover = write_artwork(job.art, out.work)  # published with the feed
        pictures = {slug: write_picture(picture, out.scratch(f"{slug}.cover.jpg"))
                    for slug, picture in job.pictures.items()}  # fmt: skip
        # Each language's articles and edition, read by its voice (the publication's last).
        editions: list[Edition] = []
        failures = [*job.skipped, *refused]  # web articles that could not be read, first
        for lang in [*others, own]:
            group = [p for p in plans if _language(p.script) == lang]
            if group:
                edition = config.for_language(lang)
                done, failed, whole = _render_language(job, out, (cover, pictures), progress,
                                                       group, edition, caches[lang],
                                                       withdrawn)  # fmt: skip
                editions.append(Edition(edition.edition_language, tuple(done), whole))
                failures += failed
        if not any(not e.language for e in editions):  # its page, even with no article left
            editions.append(Edition("", (), None))
        progress.publishing()
        published = _in_order([p for e in editions for p in e.published], scripts)
        _switch(out, config, published, editions, cover)
    return RenderSummary(
        out_dir,
        tuple(p.episode for p in published),
        tuple(failures),
        0.0,
        next((e.episode for e in editions if not e.language), None),
        "; ".join(_spoken_by(v) for v in job.voices.values()),
        clips_made=missing,
        clips_reused=len(needed) - missing,
        encoded=sum(p.encoded for p in published),
        languages=tuple(e.language for e in editions if e.language),
    )


def _render_language(
    job: Job,
    out: Output,
    art: tuple[Path, dict[str, Path]],
    progress: Progress,
    plans: list[Plan],
    config: EditionConfig,
    cache: ClipCache,
    withdrawn: set[str],
) -> tuple[list[Published], list[str], Episode | None]:
    """The articles of one language, read by that language's voice, and their edition
    episode: intro, each article announced, outro, in that language; spliced, not
    re-encoded."""
    voice = job.voices[_language(plans[0].script)]
    with open_workers(voice, config.synthesis) as pool:
        pool.start(sum(len(p.missing) for p in plans))  # the engine loads meanwhile
        renderer = Renderer(config, voice, pool, out, art[0], voice.sample_rate, progress, art[1],
                            signing=job.signing)  # fmt: skip
        # The disclosure: spoken once, spliced into every article of this language.
        notice = speak_disclosure(renderer, cache, job.lexicon, config.publication.language)
        # Articles: spoken here, mastered meanwhile; then the edition's own lines.
        lines = None
        if edition_slug(config.date, config.edition_language) not in withdrawn:
            scripts = [p.script for p in plans]
            lines = partial(_edition_lines, renderer, cache, job.lexicon, scripts)
        published, failures, ready = _render_all(renderer, plans, lines, notice)
        whole = None
        if lines is not None:
            whole = _render_edition(renderer, cache, job.lexicon, published, ready, failures)
    return published, failures, whole


def _language(script: Script) -> str:
    return base_language(script.article.language)


def _in_order(published: list[Published], scripts: list[Script]) -> list[Published]:
    """Published articles in the edition's order, whichever voice read them first."""
    order = {script.article.slug: index for index, script in enumerate(scripts)}
    return sorted(published, key=lambda p: order[p.article.slug])


def _spoken_by(voice: Voice) -> str:
    return f"{voice.name}, {voice.describe}" if voice.describe else voice.name


def _switch(
    out: Output,
    config: EditionConfig,
    published: list[Published],
    editions: list[Edition],
    cover: Path,
) -> None:
    """Make the render visible, everything it references being in place already: the
    catalog and feed.xml, the pages, the stable timing files; then remove the versions
    that neither this feed nor the previous one names (docs/publishing.md)."""
    cover = out.publish(cover, cover.name)
    # History: the catalog records what was published; feed.xml lists its newest episodes.
    keep = publish_history(out, config, published, editions, cover)
    # Site: article pages with the player, each language's edition page.
    write_pages(out, config, editions)
    reached("stable")
    wholes = [e.episode for e in editions if e.episode is not None]
    write_stable(out, [p.episode for p in published] + wholes)
    reached("sweep")
    sweep(out.root, keep)


def _render_all(
    renderer: Renderer,
    plans: Iterable[Plan],
    lines: Callable[[], Lines | None] | None,
    disclosure: Callable[[], Disclosure] | None,
) -> tuple[list[Published], list[str], Lines | None]:
    """Render each article; one that fails is reported and the others go on.

    The stages overlap: while the workers speak one article, finished ones are
    mastered and encoded (ffmpeg) on the other cores, ``FINISHERS`` at a time. Each
    article's mastering depends on its own clips only (docs/architecture.md, "Audio"):
    none waits for another, and the output does not depend on which finishes first.
    The ``disclosure`` is mastered first, on a finisher, while the workers speak the
    first article; ffmpeg's resampler is probed meanwhile (once per process), so that an
    edit's one article starts mastering at once. Returns the edition's ``lines`` too,
    made on a finisher while the last articles finish.
    """
    failures: list[str] = []
    finishing: list[Future[Published | None]] = []
    with ThreadPoolExecutor(FINISHERS, thread_name_prefix="finish") as finishers:
        notice = finishers.submit(disclosure) if disclosure else None
        finishers.submit(resampler)
        try:
            for work in plans:
                _stop_if_stuck(finishing)
                renderer.progress.article(work.script)
                try:
                    clips = synthesize(work, renderer.pool, renderer.progress.clip)
                except AudioEditionError as exc:
                    _failed(exc, failures)
                    continue
                finishing.append(finishers.submit(_finish, renderer, notice, work, clips, failures))
        except BaseException:
            finishers.shutdown(cancel_futures=True)  # a full disk: no article can finish
            raise
        made = finishers.submit(lambda: lines() if lines else None)
    done = [result for future in finishing if (result := future.result()) is not None]
    return done, failures, made.result()


def _finish(
    renderer: Renderer,
    notice: Future[Disclosure] | None,
    work: Plan,
    clips: list[Clip],
    failures: list[str],
) -> Published | None:
    try:
        if notice is not None:  # mastered by the time an article's clips are spoken
            renderer = replace(renderer, disclosure=notice.result())
        episode, encoded = finish_article(renderer, work, clips)
    except AudioEditionError as exc:
        check_room(renderer.out.root)  # ffmpeg may have failed for want of room
        _failed(exc, failures)
        return None
    except OSError as exc:
        raise storage_error(exc, [renderer.out.root]) from exc
    reached("published")
    renderer.progress.mastered(work.script, encoded)
    return Published(work.script.article, episode, encoded)


def _stop_if_stuck(finishing: list[Future[Published | None]]) -> None:
    """Raise the ``StorageError`` a finisher met: no further article could be written."""
    for future in finishing:
        if future.done() and isinstance(exc := future.exception(), StorageError):
            raise exc


def _edition_lines(
    r: Renderer, cache: ClipCache, lexicon: Lexicon, scripts: list[Script]
) -> Lines | None:
    """The edition's lines for every article (made again later if one fails)."""
    try:
        return edition_lines(r, cache, lexicon, scripts)
    except AudioEditionError:
        return None  # made again, and reported, with the edition episode


def _failed(exc: AudioEditionError, failures: list[str]) -> None:
    """One line in the summary; the story behind it in the debug log."""
    log.debug("%s", exc.message, exc_info=True)
    failures.append(exc.message)


def _render_edition(
    r: Renderer,
    cache: ClipCache,
    lexicon: Lexicon,
    published: list[Published],
    lines: Lines | None,
    failures: list[str],
) -> Episode | None:
    """The edition episode of the articles published; a failure is reported like an article's."""
    try:
        return render_edition(r, cache, lexicon, published, lines)
    except AudioEditionError as exc:
        check_room(r.out.root)  # ffmpeg may have failed for want of room
        log.debug("edition episode: %s", exc.message, exc_info=True)
        failures.append(f"edition episode: {exc.message}")
        return None


def _within_bounds(
    scripts: list[Script], voices: dict[str, Voice]
) -> tuple[list[Script], list[str]]:
    """The articles within bounds (``bounds.py``); each other one fails alone, now."""
    kept, refused = [], []
    for script in scripts:
        if problem := refusal(script, voices[_language(script)]):
            log.debug("refused: %s", problem)
            refused.append(problem)
        else:
            kept.append(script)
    return kept, refused


def _withdrawn(script: Script, withdrawn: set[str], warn: set[str], out_dir: Path) -> bool:
    """Whether the article was withdrawn from ``out_dir``: it is then skipped, with a
    warning if its slug is in ``warn``."""
    slug = script.article.slug
    if slug in warn:
        log.warning("'%s' was withdrawn from %s; skipped (see audio-edition withdraw --help)",
                    slug, out_dir)  # fmt: skip
    return slug in withdrawn
