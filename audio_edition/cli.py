"""Command line: parse options, call one plain function, report."""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import Any

import click

from audio_edition import __version__
from audio_edition.build import render as render_edition
from audio_edition.models import RenderSummary, Script


class BarProgress:
    """A progress bar on stderr: articles in the label, clips on the bar."""

    def __init__(self) -> None:
        self._bar: Any = None
        self._articles = 0
        self._done = 0

    def start(self, articles: int, clips: int) -> None:
        self._articles = articles
        self._bar = click.progressbar(
            length=max(clips, 1), label="Rendering", file=sys.stderr, show_pos=True, width=30
        )
        self._bar.__enter__()

    def article(self, script: Script) -> None:
        self._done += 1
        self._bar.label = f"Article {self._done}/{self._articles} {script.article.slug[:24]:24}"
        self._bar.render_progress()

    def clip(self) -> None:
        self._bar.update(1)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.__exit__(None, None, None)


@click.group()
@click.version_option(__version__, prog_name="audio-edition")
@click.option("--debug", is_flag=True, help="Show tracebacks and debug logging.")
def main(debug: bool) -> None:
    """Turn a newspaper's articles into audio, a podcast feed and a Listen player."""
    logging.basicConfig(
        level=logging.DEBUG if debug else logging.WARNING,
        format="%(levelname)s: %(message)s",
        stream=sys.stderr,
    )


@main.command()
@click.argument("edition", type=click.Path(file_okay=False, path_type=Path))
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              default=Path("output"), show_default=True, help="Output folder (a static site).")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar and no summary.")
@click.option("--workers", type=click.IntRange(0, 64), help="Synthesis processes (0: one per core).")
@click.option("--voice", help="Voice profile name or path (overrides edition.toml).")
@click.option("--cache-dir", type=click.Path(file_okay=False, path_type=Path),
              help="Where synthesized clips are cached.")
@click.option("--base-url", help="Absolute URL the output folder is published at.")
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
    if summary.failures:
        raise click.ClickException(f"{len(summary.failures)} article(s) failed; see above")


def _summary(summary: RenderSummary) -> str:
    minutes = summary.audio_seconds / 60
    lines = [
        f"Rendered {len(summary.episodes)} article(s): {minutes:.1f} minutes of audio "
        f"in {summary.wall_seconds:.1f} s.",
        f"Files are in {summary.out_dir}/ (articles/<slug>/: MP3, timing JSON, WebVTT, transcript).",
    ]
    lines += [f"Failed: {line}" for line in summary.failures]
    return "\n".join(lines)
