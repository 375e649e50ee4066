"""The whole pipeline, top to bottom: edition folder in, static site out."""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Protocol

from audio_edition.artwork import prepare_cover
from audio_edition.audio.master import master
from audio_edition.audio.stitch import article_layout, stitch
from audio_edition.audio.tags import TagInfo, tag_mp3
from audio_edition.cache import ClipCache
from audio_edition.config import EditionConfig, load_config
from audio_edition.engines import get_engine
from audio_edition.engines.pool import WorkerPool
from audio_edition.errors import AudioEditionError, ConfigError
from audio_edition.models import Episode, Published, RenderSummary, Script, Voice
from audio_edition.publish import Output
from audio_edition.site.pages import write_pages
from audio_edition.sources import Defaults, load_articles
from audio_edition.synthesis import Plan, plan, synthesize
from audio_edition.text.lexicon import Lexicon
from audio_edition.text.script import make_script
from audio_edition.timing import timing_json, transcript_json, webvtt
from audio_edition.voices import load_voice

log = logging.getLogger(__name__)


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


def render(edition: Path, out_dir: Path, progress: Progress | None = None, **overrides: Any) -> RenderSummary:
    """Render every article of the edition into ``out_dir``."""
    began = time.monotonic()
    progress = progress or NoProgress()
    # Read and check everything first: bad input writes nothing.
    config = load_config(edition, **overrides)
    voice = load_voice(config.voice, config.root)
    engine = get_engine(voice.engine)
    if problem := engine.check_voice(voice):
        raise ConfigError(f"Voice profile '{voice.name}': {problem}")
    lexicon = load_lexicon(config, voice)
    defaults = Defaults(config.publication.author, config.publication.language, _morning(config))
    scripts = [make_script(a, lexicon) for a in load_articles(config.articles_dir, defaults)]
    _warn_spelled(scripts)
    # Plan synthesis against the cache: only what changed is spoken again.
    cache = ClipCache(config.synthesis.cache_dir, engine.version(), voice)
    plans = [plan(script, cache) for script in scripts]
    progress.start(len(plans), sum(len(p.missing) for p in plans))
    with Output(out_dir) as out:
        art = prepare_cover(config.publication.artwork, config.publication.title, out.work)
        cover = out.publish(art, art.name)
        with WorkerPool(voice.engine, voice, config.synthesis.workers, config.synthesis.timeout_s) as pool:
            renderer = Renderer(config, voice, pool, out, cover, engine.sample_rate, progress)
            published, failures = _render_all(renderer, plans)
        # Site: article pages with the player, the edition page.
        write_pages(out, config, published)
    episodes = tuple(p.episode for p in published)
    return RenderSummary(out_dir, episodes, tuple(failures), time.monotonic() - began)


def _render_all(renderer: Renderer, plans: Iterable[Plan]) -> tuple[list[Published], list[str]]:
    """Render each article; one that fails is reported and the others go on."""
    published: list[Published] = []
    failures: list[str] = []
    hint = 0.0  # the loudness correction the last article needed
    for work in plans:
        renderer.progress.article(work.script)
        try:
            episode, hint = render_article(renderer, work, hint)
            published.append(Published(work.script.article, episode))
        except AudioEditionError as exc:
            log.error("%s", exc.message)
            failures.append(exc.message)
    return published, failures


def render_article(r: Renderer, work: Plan, hint_db: float = 0.0) -> tuple[Episode, float]:
    """Speech, stitching, loudness, encoding, tags and timing files for one article.

    Returns the episode and the loudness correction it needed (next article's hint).
    """
    article = work.script.article
    slug, out = article.slug, r.out
    # Speech: one clip per sentence, from the cache or the workers.
    clips = synthesize(work, r.pool, r.sample_rate, r.progress.clip)
    # Stitch: PCM joined on disk with the pauses; cues from frame counts.
    track = stitch(article_layout(clips, article, r.voice.pauses), out.scratch(f"{slug}.raw.wav"), r.sample_rate)
    # Master: loudness to the podcast norm, one CBR encode from the final PCM.
    mp3 = out.scratch(f"{slug}.mp3")
    mastered = master(track.wav, mp3, r.config.audio, hint_db)
    track.wav.unlink()
    # Tags: title, byline, publication, date, cover, the full text.
    tag_mp3(mp3, _tag_info(r, work.script))
    episode = Episode(
        slug=slug,
        title=article.title,
        mp3=mp3,
        duration=track.frames / track.sample_rate,
        sample_rate=track.sample_rate,
        cues=track.cues,
        loudness=mastered.loudness,
    )
    # Publish: side files first, the MP3 last, each replaced atomically.
    base = f"articles/{slug}/{slug}"
    files = {
        "timing": out.write_json(f"{base}.timing.json", timing_json(episode, article.language)),
        "vtt": out.write_text(f"{base}.vtt", webvtt(track.cues, track.sample_rate)),
        "transcript": out.write_json(f"{base}.transcript.json", transcript_json(track.cues, track.sample_rate)),
        "mp3": out.publish(mp3, f"{base}.mp3"),
    }
    return replace(episode, mp3=files["mp3"], files=files), mastered.correction_db


def _tag_info(r: Renderer, script: Script) -> TagInfo:
    article = script.article
    return TagInfo(
        title=article.title,
        artist=article.author,
        album=r.config.publication.title,
        date=article.date.date().isoformat(),
        language=article.language,
        text=article.text,
        cover=r.cover,
    )


def load_lexicon(config: EditionConfig, voice: Voice) -> Lexicon:
    """The publication's lexicon (``lexicon.toml``) and the voice's, if present."""
    paths = [config.root / "lexicon.toml", config.root / "voices" / f"{voice.name}.lexicon.toml"]
    try:
        return Lexicon.load(*(p for p in paths if p.is_file()))
    except ValueError as exc:
        raise ConfigError(str(exc)) from exc


def _warn_spelled(scripts: list[Script]) -> None:
    """Warn once per word the voice will spell out because nothing says how to read it."""
    seen: dict[str, str] = {}
    for script in scripts:
        for word in script.spelled:
            seen.setdefault(word, script.article.source.name)
    for word, source in seen.items():
        log.warning("'%s' (first in %s) will be spelled out; add it to lexicon.toml if wrong", word, source)


def _morning(config: EditionConfig) -> dt.datetime:
    """Publication time of an article that gives none: 06:00 UTC on the edition's date."""
    return dt.datetime.combine(config.date, dt.time(6, 0), tzinfo=dt.UTC)
