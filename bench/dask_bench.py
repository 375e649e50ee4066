"""Synthesis on a Dask cluster on this machine against the local worker pool; prints figures.

    python bench/dask_bench.py [--runs 3] [--voice en-joe] [--articles 3]

The edition is the sample edition's first ``--articles`` English articles, read by
``--voice`` (default en-joe, the Piper voice: a cluster is for neural voices; espeak-ng
speaks some 400 times faster than real time and needs none). Clusters are real: ``dask
scheduler`` and ``dask worker --nthreads 1 --no-nanny`` processes on 127.0.0.1
(tests/dask_cluster.py), started once per size and kept for every run, as a standing
cluster would be; the voice is loaded on its workers before the first run.

Two kinds of rows, each a median of ``--runs`` runs with an empty cache:

- synthesis throughput: every clip the edition needs spoken into the cache (the
  request list ``synthesis.plan`` makes), by the local pool with 1 and with 2 worker
  processes (started and loaded inside the timing, as a render starts them) and by a
  Dask cluster of 1 and of 2 workers; in seconds of audio per second of wall time;
- whole cold renders (``audio-edition render``): with the local pool (its default
  size, one worker per core) and through the 2-worker cluster (``--scheduler``):
  the overhead of going through the scheduler, mastering and publishing included.
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from audio_edition.cache import ClipCache  # noqa: E402
from audio_edition.engines.pool import WorkerPool  # noqa: E402
from audio_edition.engines.workers import Synthesizer  # noqa: E402
from audio_edition.job import read_job  # noqa: E402
from audio_edition.models import SynthesisRequest, Voice  # noqa: E402
from audio_edition.synthesis import plan  # noqa: E402

TIMEOUT_S = 600.0
LANGUAGE = re.compile(r"^language: *(\S+)", re.M)
VOICE_LINE = re.compile(r'^voice = "[^"]*"', re.M)


def make_edition(folder: Path, voice: str, articles: int) -> Path:
    """The sample edition's first ``articles`` English articles, read by ``voice``."""
    shutil.copytree(ROOT / "sample-edition", folder)
    english = []
    for article in sorted((folder / "articles").glob("*.md")):
        found = LANGUAGE.search(article.read_text(encoding="utf-8"))
        if found and not found.group(1).startswith("en"):
            article.unlink()
        else:
            english.append(article)
    for article in english[articles:]:
        article.unlink()
    config = folder / "edition.toml"
    config.write_text(VOICE_LINE.sub(f'voice = "{voice}"', config.read_text(), count=1))
    return folder


def requests(edition: Path, cache: Path) -> tuple[Voice, list[SynthesisRequest]]:
    """Every clip the edition's articles need, none of them in ``cache`` yet."""
    job = read_job(edition, cache_dir=cache)
    clips = ClipCache(cache, job.voice)
    wanted: dict[Path, SynthesisRequest] = {}
    for script in job.scripts:
        for request in plan(script, clips).missing:
            wanted.setdefault(request.path, request)
    return job.voice, list(wanted.values())


def spoken(edition: Path, work: Path, make: Callable[[Voice], Synthesizer]) -> tuple[float, float]:
    """Wall seconds to speak every clip of a fresh cache, and the audio seconds made."""
    voice, asked = requests(edition, work / "cache")
    assert asked, "nothing to speak"
    began = time.perf_counter()
    synthesizer = make(voice)
    try:
        results = synthesizer.synthesize(asked)
    finally:
        synthesizer.close()
    wall = time.perf_counter() - began
    failed = [r.error for r in results if r.error]
    if failed:
        raise SystemExit(f"synthesis failed: {failed[0]}")
    return wall, sum(r.frames for r in results) / voice.sample_rate


def rendered(edition: Path, work: Path, *more: str) -> float:
    """Wall seconds of one cold ``audio-edition render`` (a fresh cache and output)."""
    command = [sys.executable, "-m", "audio_edition", "render", str(edition), "-q",
               "--out", str(work / "out"), "--cache-dir", str(work / "cache"), *more]  # fmt: skip
    began = time.perf_counter()
    subprocess.run(command, check=True, cwd=ROOT)
    return time.perf_counter() - began


def synthesis_runs(
    runs: int, base: Path, edition: Path, make: Callable[[Voice], Synthesizer]
) -> tuple[float, float]:
    """Median wall seconds and audio seconds of ``runs`` synthesis runs, each into a
    fresh cache."""
    results = []
    for number in range(runs):
        work = base / f"run-{number}"
        results.append(spoken(edition, work, make))
        shutil.rmtree(work)
    return statistics.median(w for w, _ in results), statistics.median(a for _, a in results)


def render_runs(runs: int, base: Path, edition: Path, *more: str) -> float:
    """Median wall seconds of ``runs`` cold renders."""
    walls = []
    for number in range(runs):
        work = base / f"run-{number}"
        walls.append(rendered(edition, work, *more))
        shutil.rmtree(work)
    return statistics.median(walls)


def local(size: int) -> Callable[[Voice], Synthesizer]:
    return lambda voice: WorkerPool(voice, size, TIMEOUT_S)


def on_cluster(address: str) -> Callable[[Voice], Synthesizer]:
    from audio_edition.engines.dask_pool import DaskPool

    return lambda voice: DaskPool(voice, address, TIMEOUT_S)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--voice", default="en-joe")
    parser.add_argument("--articles", type=int, default=3)
    args = parser.parse_args()
    # Imported here, not at the top: the local pool's spawned workers import this module.
    from dask_cluster import LoopbackCluster

    rows: dict[str, tuple[float, float]] = {}
    renders: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="bench-dask-") as folder:
        base = Path(folder)
        edition = make_edition(base / "edition", args.voice, args.articles)
        for size in (1, 2):
            rows[f"local pool, {size} worker(s)"] = synthesis_runs(
                args.runs, base / f"local{size}", edition, local(size)
            )
            print(f"local pool, {size}: {rows[f'local pool, {size} worker(s)']}", flush=True)
        renders["local pool (one worker per core)"] = render_runs(args.runs, base / "r", edition)
        for size in (1, 2):
            with LoopbackCluster(base / f"cluster{size}", workers=size) as cluster:
                began = time.perf_counter()
                on_cluster(cluster.address)(requests(edition, base / "probe")[0]).close()
                print(f"cluster of {size}: started, the voice loaded on its workers "
                      f"{time.perf_counter() - began:.1f} s later", flush=True)  # fmt: skip
                name = f"Dask cluster, {size} worker(s)"
                rows[name] = synthesis_runs(
                    args.runs, base / f"dask{size}", edition, on_cluster(cluster.address)
                )
                print(f"{name}: {rows[name]}", flush=True)
                if size == 2:
                    renders["Dask cluster of 2 (--scheduler)"] = render_runs(
                        args.runs, base / "rd", edition, "--scheduler", cluster.address
                    )
    report(args, rows, renders)


def report(
    args: argparse.Namespace, rows: dict[str, tuple[float, float]], renders: dict[str, float]
) -> None:
    print(f"\nSynthesis, voice {args.voice}, {args.articles} English sample articles; "
          f"medians of {args.runs} runs")  # fmt: skip
    rate = {name: audio / wall for name, (wall, audio) in rows.items()}
    for name, (wall, audio) in rows.items():
        print(f"  {name:30} {wall:7.1f} s for {audio:6.1f} s of audio: "
              f"{rate[name]:5.1f}x real time")  # fmt: skip
    one, two = rate["Dask cluster, 1 worker(s)"], rate["Dask cluster, 2 worker(s)"]
    print(f"  speed-up from 1 to 2 Dask workers: {two / one:.2f}x")
    print(f"  Dask / local pool, 1 worker: {one / rate['local pool, 1 worker(s)']:.2f}; "
          f"2 workers: {two / rate['local pool, 2 worker(s)']:.2f} (throughput)")  # fmt: skip
    print(f"\nCold render (audio-edition render), medians of {args.runs} runs")
    for name, wall in renders.items():
        print(f"  {name:36} {wall:7.1f} s")
    local_wall, dask_wall = renders.values()
    print(f"  through the scheduler / local: {dask_wall / local_wall:.2f}")


if __name__ == "__main__":
    main()
