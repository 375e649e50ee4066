"""Command line: parse options, call one plain function, report."""

from __future__ import annotations

import json
import logging
import os
import sys
import threading
import time
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

import click

from audio_edition import __version__
from audio_edition.build import render as render_edition
from audio_edition.cache import cache_stats, prune, verify
from audio_edition.config import MAX_WORKERS, default_cache_dir
from audio_edition.errors import DEBUG_VARIABLE
from audio_edition.models import RenderSummary, Script
from audio_edition.preview import describe, read_script
from audio_edition.publish.scratch import remove_temporary
from audio_edition.publish.storage import storage_error
from audio_edition.site.feeds import ARTICLES_FEED, EDITION_FEED


class BarProgress:
    """A progress bar on stderr that tells the truth: one bar over every clip to speak,
    every article to master and the publishing at the end; the label counts each stage
    (mastering runs while later articles are spoken)."""

    def __init__(self) -> None:
        self._bar: Any = None
        self._lock = threading.Lock()  # articles are mastered on other threads
        self._articles = self._clips = self._reused = 0
        self._spoken = self._mastered = 0
        self._stage = "Reading"

    def start(self, articles: int, clips: int, reused: int) -> None:
        self._articles, self._clips, self._reused = articles, clips, reused
        self._bar = click.progressbar(
            length=clips + articles + 1, label=self._label(), file=sys.stderr, width=24
        )
        self._bar.__enter__()

    def article(self, script: Script) -> None:
        if self._clips:
            self._stage = "Speaking"
        self._advance(0)

    def clip(self) -> None:
        self._spoken += 1
        self._advance(1)

    def mastered(self, script: Script, encoded: bool) -> None:
        with self._lock:
            self._mastered += 1
        self._advance(1)

    def publishing(self) -> None:
        self._stage = "Publishing"
        self._advance(1)

    def _advance(self, steps: int) -> None:
        with self._lock:
            self._bar.label = self._label()
            self._bar.update(steps)

    def _label(self) -> str:
        if self._stage == "Publishing":
            return "Publishing the edition episode, feeds and pages"
        spoken = (f"speaking {self._spoken}/{self._clips} clips" if self._clips
                  else f"all {self._reused} clips from the cache")  # fmt: skip
        return f"{spoken} · mastering {self._mastered}/{self._articles} articles"

    def close(self) -> None:
        if self._bar is not None:
            self._bar.__exit__(None, None, None)


class Commands(click.Group):
    """The command group: an ``OSError`` (a full disk, a read-only or forbidden folder)
    is one line naming the path, unless ``--debug`` asks for the traceback; a closed
    pipe on the output (``| head``) ends the command quietly."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except BrokenPipeError:  # `audio-edition voices list | head`: the reader had enough
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            ctx.exit(0)
        except OSError as exc:
            if ctx.params.get("debug"):
                raise
            raise storage_error(exc) from exc


@click.group(cls=Commands)
@click.version_option(__version__, prog_name="audio-edition")
@click.option("--debug", is_flag=True, help="Show tracebacks and debug logging.")
def main(debug: bool) -> None:
    """Turn a newspaper's articles into audio, a podcast feed and a Listen player."""
    logging.basicConfig(
        level=logging.DEBUG if debug else logging.WARNING,
        format="%(levelname)s: %(message)s",
        stream=sys.stderr,
    )
    if debug:
        os.environ[DEBUG_VARIABLE] = "1"  # spawned workers inherit it
    # A clip that failed is retried in a fresh worker; one that fails twice fails its
    # article, which the summary reports in one line. The attempts are the story behind
    # that line: shown with --debug.
    pool = logging.getLogger("audio_edition.engines.pool")
    pool.setLevel(logging.NOTSET if debug else logging.ERROR)


@main.command()
@click.argument("edition", type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("output"),
    show_default=True,
    help="Output folder (a static site).",
)
@click.option("-q", "--quiet", is_flag=True, help="No progress bar and no summary.")
@click.option(
    "--workers",
    type=click.IntRange(0, MAX_WORKERS),
    help="Synthesis processes (0: one per core; capped to the cores and free memory).",
)
@click.option("--voice", help="Voice profile name or path (overrides edition.toml).")
@click.option(
    "--cache-dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Where synthesized clips are cached.",
)
@click.option("--base-url", help="Absolute URL the output folder is published at.")
@click.option(
    "--scheduler",
    metavar="tcp://HOST:PORT",
    help="Speak the clips on the workers of this Dask scheduler (overrides edition.toml; "
    "'' speaks them here).",
)
def render(edition: Path, out_dir: Path, quiet: bool, **overrides: Any) -> None:
    """Render the edition in EDITION (edition.toml + articles/) into --out."""
    show_bar = not quiet and sys.stderr.isatty()
    progress = BarProgress() if show_bar else None
    try:
        summary = render_edition(edition, out_dir, progress, **overrides)
    finally:
        if progress is not None:
            progress.close()
    if not quiet:
        click.echo(_summary(summary))
    for line in summary.failures:  # one line per problem, even with --quiet
        click.echo(f"Error: {line}", err=True)
    if summary.failures:
        done = len(summary.episodes)
        raise click.ClickException(
            f"{len(summary.failures)} failed; {done} article(s) and the feed are published"
        )


def _summary(summary: RenderSummary) -> str:
    minutes = summary.audio_seconds / 60
    kept = len(summary.episodes) - summary.encoded
    lines = [
        f"Rendered {len(summary.episodes)} article(s): {minutes:.1f} minutes of audio "
        f"in {summary.wall_seconds:.1f} s.",
        f"Made {summary.clips_made} clip(s), reused {summary.clips_reused} from the cache; "
        f"encoded {summary.encoded} article(s), kept {kept} unchanged.",
        f"Voice: {summary.voice}.",
        f"Files are in {summary.out_dir}/ "
        "(articles/<slug>/: MP3, timing JSON, WebVTT, transcript).",
    ]
    out = summary.out_dir
    if summary.edition is not None:
        lines.append(f"Edition episode: {len(summary.edition.chapters)} chapters.")
    lines.append(
        f"Feeds: {out}/{EDITION_FEED} (the daily edition), {out}/{ARTICLES_FEED} (each "
        f"article); check them: audio-edition check {out}"
    )
    for language in summary.languages:
        lines.append(f"In {language}: {out}/{language}/ (its edition page, {EDITION_FEED}, "
                     f"{ARTICLES_FEED})")  # fmt: skip
    lines.append(f"Preview the site: audio-edition serve {out}")
    return "\n".join(lines)


@main.group()
def cache() -> None:
    """Inspect or trim the cache of synthesized clips."""


CACHE_DIR = click.option(
    "--cache-dir", type=click.Path(file_okay=False, path_type=Path), default=default_cache_dir,
    show_default="~/.cache/audio-edition/clips", help="The clip cache.",
)  # fmt: skip


@cache.command("stats")
@CACHE_DIR
def cache_stats_command(cache_dir: Path) -> None:
    """How many clips the cache holds and their size."""
    stats = cache_stats(cache_dir)
    click.echo(
        f"{cache_dir}: {stats.clips} clips and segments; {stats.files} files in all "
        f"(digests, word timings, loudness hints, temporary files), {_megabytes(stats.size)}"
    )
    if stats.oldest is not None:
        click.echo(
            f"least recently used: {time.strftime('%Y-%m-%d %H:%M', time.localtime(stats.oldest))}"
        )


@cache.command("prune")
@CACHE_DIR
@click.option("--max-size", required=True, help="Size to trim to, e.g. 500M or 2G.")
def cache_prune_command(cache_dir: Path, max_size: str) -> None:
    """Delete least recently used clips until the cache fits in --max-size, and what
    stopped renders left (temporary files over an hour old)."""
    count, size = remove_temporary(cache_dir)
    limit = _parse_size(max_size)
    pruned = prune(cache_dir, limit)
    after = cache_stats(cache_dir)
    left = f" and {count} temporary file(s) over an hour old ({_megabytes(size)})" if count else ""
    click.echo(
        f"removed {pruned.removed} clips and segments, least recently used first "
        f"({_megabytes(pruned.freed)}, side files included){left}"
    )
    if pruned.kept_fit:
        click.echo(f"kept {pruned.kept_fit}: the most recently used, which fit in {max_size}")
    if pruned.kept_recent:
        click.echo(
            f"kept {pruned.kept_recent} more although the cache is still over {max_size}: "
            "used in the last hour, a render running now may need them"
        )
    click.echo(f"{cache_dir} now holds {after.files} files, {_megabytes(after.size)}")


@cache.command("verify")
@CACHE_DIR
@click.pass_context
def cache_verify_command(ctx: click.Context, cache_dir: Path) -> None:
    """Check every cached clip and segment against the digest written with it. Damaged
    ones are removed (the next render makes them again); the exit status is 1 if any
    were found, so that cron can report it."""
    found = verify(cache_dir)
    for path in found.damaged:
        click.echo(f"damaged, removed: {path}")
    older = (
        f"; {found.unsealed} without a digest (made by an older version, made again when used)"
        if found.unsealed
        else ""
    )
    click.echo(f"{cache_dir}: {found.sound} sound, {len(found.damaged)} damaged{older}")
    if found.damaged:
        ctx.exit(1)


def _parse_size(text: str) -> int:
    units = {"": 1, "K": 1 << 10, "M": 1 << 20, "G": 1 << 30}
    number, unit = text.strip().upper().rstrip("B") or "0", ""
    if number and number[-1] in units:
        number, unit = number[:-1], number[-1]
    try:
        return int(float(number) * units[unit])
    except ValueError:
        raise click.BadParameter(f"'{text}' is not a size like 500M or 2G") from None


def _megabytes(size: int) -> str:
    return f"{size / (1 << 20):.1f} MB"


@main.command("serve")
@click.argument("directory", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=8000,
    show_default=True,
    help="Port to listen on (0: any free port).",
)
def serve_command(directory: Path, host: str, port: int) -> None:
    """Preview a rendered site in DIRECTORY (with Range requests, as a real host serves it)."""
    from audio_edition.site.serve import serve  # Werkzeug is loaded only for this command

    def announce(url: str) -> None:
        click.echo(f"Serving {directory} at {url} (press Ctrl+C to stop)")

    serve(directory, host, port, announce=announce)


@main.command("check")
@click.argument("directory", type=click.Path(exists=True, file_okay=False, path_type=Path))
def check_command(directory: Path) -> None:
    """Validate the output folder DIRECTORY as podcast apps and directories will."""
    from audio_edition.check import check_output

    report = check_output(directory)
    click.echo(report.text())
    if report.errors:
        raise click.ClickException(f"{directory}: {report.errors} error(s); see above")


@main.group()
def credentials() -> None:
    """Content Credentials (C2PA): the certificate the MP3s are signed with."""


@credentials.command("demo")
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
def credentials_demo_command(folder: Path) -> None:
    """Write a throwaway DEMO signing certificate and key into FOLDER (kept while valid),
    for [credentials] in edition.toml. Trusted by no one: sign with your own."""
    from audio_edition.demo_credentials import demo_credentials

    made = demo_credentials(folder)
    verb = "Made" if made.made else "Kept"
    click.echo(f"{verb} a DEMO certificate, trusted by no one: {made.certificate}, {made.key}")


@main.command("withdraw")
@click.argument("directory", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.argument("slug")
@click.option("--undo", is_flag=True, help="Allow a withdrawn article to be published again.")
@click.option(
    "--edition", type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="The edition folder to render again without the article (default: the one it was "
    "last rendered from).",
)  # fmt: skip
def withdraw_command(directory: Path, slug: str, undo: bool, edition: Path | None) -> None:
    """Take the episode SLUG out of DIRECTORY for good, at once: out of every feed, its
    files deleted, and its edition's episode and pages made again without it."""
    from audio_edition.build import withdraw

    click.echo(withdraw(directory, slug, undo, edition))


@main.command()
@click.argument("article")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per sentence.")
@click.option("--language", default="en", show_default=True, help="Language of plain text.")
@click.option("--lexicon", "lexicons", multiple=True,
              type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Pronunciation lexicon (TOML); may be repeated.")  # fmt: skip
@click.option("--item", type=click.IntRange(1), default=1, show_default=True,
              help="Which item of a feed, from the top.")  # fmt: skip
def script(
    article: str, as_json: bool, language: str, lexicons: tuple[Path, ...], item: int
) -> None:
    """Print what will be spoken for ARTICLE: a Markdown article, the http(s) URL of an
    article page or of a feed (its --item), or - for plain text on standard input
    (paragraphs separated by blank lines). A page's metadata is shown first."""
    preview = read_script(article, language, lexicons, item)
    if preview.article is not None and preview.article.link:
        fields = describe(preview.article)
        if as_json:
            click.echo(json.dumps({"article": dict(fields)}, ensure_ascii=False))
        else:
            click.echo("\n".join(f"# {label}: {value}" for label, value in fields if value))
    for sentence in preview.sentences:
        if as_json:
            click.echo(json.dumps(asdict(sentence), ensure_ascii=False))
        else:
            click.echo(f"{sentence.index:4d} [{sentence.start}:{sentence.end}] {sentence.text}")
            click.echo(f"{'':4} -> {sentence.spoken}")


@main.group()
def voices() -> None:
    """List the voices on this machine; add Piper neural voices."""


@voices.command("list")
@click.option(
    "--edition",
    type=click.Path(file_okay=False, path_type=Path),
    help="Also list the profiles in this edition's voices/ folder.",
)
def voices_list_command(edition: Path | None) -> None:
    """Every voice profile and every installed Piper model: engine, language, rate, where."""
    from audio_edition.engines.piper_store import data_dir, installed_models
    from audio_edition.voices import list_profiles

    profiles = list_profiles(edition)
    unusable = ("-", "-", "-", "cannot be used (see below)")
    rows = [
        (p.path.stem,
         *((p.voice.engine, p.voice.language, f"{p.voice.sample_rate} Hz", p.voice.describe)
           if p.voice else unusable),
         str(p.path.parent))
        for p in profiles
    ]  # fmt: skip
    click.echo("Voice profiles (edition.toml: [edition] voice = NAME)")
    click.echo(table(("NAME", "ENGINE", "LANGUAGE", "RATE", "VOICE", "WHERE"), rows))
    for profile in profiles:
        if profile.problem:
            click.echo(f"{profile.path.stem}: {profile.problem}")
    models = installed_models()
    rows = [
        (m.name, "piper", m.language, f"{m.sample_rate} Hz" if m.ok else "-", m.quality, m.where)
        for m in models
    ]
    click.echo("\nPiper models (a profile's [piper] model = NAME)")
    click.echo(table(("NAME", "ENGINE", "LANGUAGE", "RATE", "QUALITY", "WHERE"), rows))
    for model in models:
        if not model.ok:
            click.echo(f"{model.name} is broken: {model.problem} (in {model.model.parent})")
    if not models:
        click.echo("No Piper voices yet; add one: audio-edition voices add en_US-lessac-medium")
    click.echo(f"Data folder: {data_dir()} (set AUDIO_EDITION_DATA_DIR to change it)")


def table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """Rows as aligned columns under ``header``."""
    lines = [header, *rows]
    widths = [max(len(line[column]) for line in lines) for column in range(len(header))]
    return "\n".join(
        "  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)).rstrip()
        for line in lines
    )


@voices.command("add")
@click.argument("name")
@click.option(
    "--catalog-url",
    help="Catalog to download from: a mirror URL or a folder laid out like rhasspy/piper-voices "
    "(default: $AUDIO_EDITION_VOICES_URL, else Hugging Face's rhasspy/piper-voices).",
)
def voices_add_command(name: str, catalog_url: str | None) -> None:
    """Download the official Piper voice NAME (e.g. en_US-lessac-medium) into the data folder."""
    from audio_edition.engines.piper_store import add_voice, find_model

    model = find_model(name)
    if model is not None and model.ok:
        click.echo(f"{name} is already installed ({model.where}: {model.model})")
    else:
        bar = DownloadBar(f"Downloading {name}") if sys.stderr.isatty() else None
        try:
            model = add_voice(name, catalog_url, bar)
        finally:
            if bar is not None:
                bar.close()
        click.echo(f"Installed {name} in {model.model.parent}")
    click.echo(f'Use it in a voice profile: engine = "piper" and [piper] model = "{name}"')


class DownloadBar:
    """A progress bar on stderr for a download, in megabytes."""

    def __init__(self, label: str) -> None:
        self._label = label
        self._bar: Any = None

    def __call__(self, done: int, total: int) -> None:
        if self._bar is None:
            self._bar = click.progressbar(
                length=max(total, 1), label=self._label, file=sys.stderr, width=30,
                item_show_func=lambda item: item,
            )  # fmt: skip
            self._bar.__enter__()
        self._bar.update(done - self._bar.pos, f"{_megabytes(done)} of {_megabytes(total)}")

    def close(self) -> None:
        if self._bar is not None:
            self._bar.__exit__(None, None, None)
