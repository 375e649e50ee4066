"""Synthesis on a Dask cluster on this machine against the local worker pool; prints figures.

    python bench/dask_bench.py [--runs 3] [--voice en-joe] [--articles 3]

The edition is the sample edition's first ``--articles`` English articles, read by
``--voice`` (default en-joe, the Piper voice: a cluster is for neural voices; espeak-ng
speaks some 400 times faster than real time and needs none). Clusters are real: ``dask
scheduler`` and ``dask worker --nthreads 1 --no-nanny`` processes on 127.0.0.1
(tests/dask_cluster.py), started once and kept for every run, as a standing cluster is.

Every row is measured once per run, one after the other, for ``--runs`` runs
(so that a machine shared with other work slows them alike); medians are printed.

- synthesis throughput: every clip the edition needs spoken into an empty cache (the
  request list ``synthesis.plan`` makes), in seconds of audio per second of wall time:
  by the local pool of 1 and of 2 worker processes started for the run (starting and
  loading the voice inside the timing, as every render pays them); by a local pool of
  2 kept running across runs; and by the Dask clusters of 1 and of 2 workers (their
  voice loaded once, before the first run);
- whole cold renders (``audio-edition render``): with the local pool (one worker per
  core) and through the 2-worker cluster (``--scheduler``): the overhead of going
  through the scheduler, mastering and publishing included.
"""

from __future__ import annotations

import argparse
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from audio_edition.cache import ClipCache  # noqa: E402
from audio_edition.engines.base import Result  # noqa: E402
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


def local(size: int) -> Callable[[Voice], Synthesizer]:
    return lambda voice: WorkerPool(voice, size, TIMEOUT_S)


def on_cluster(address: str) -> Callable[[Voice], Synthesizer]:
    from audio_edition.engines.dask_pool import DaskPool

    return lambda voice: DaskPool(voice, address, TIMEOUT_S)


class Kept:
    """A synthesizer started once and kept for every run, as a standing cluster is."""

    def __init__(self, inner: Synthesizer) -> None:
        self.inner = inner

    @property
    def voice(self) -> Voice:
        return self.inner.voice

    def start(self, count: int | None = None) -> None:
        pass

    def synthesize(
        self, requests: Sequence[SynthesisRequest], on_done: Callable[[], None] = lambda: None
    ) -> list[Result]:
        return self.inner.synthesize(requests, on_done)

    def close(self) -> None:
        pass


def ready(synthesizer: Synthesizer, edition: Path, probe: Path) -> float:
    """Seconds until ``synthesizer`` has its voice loaded and has spoken two clips (into
    a cache of its own, so every timed run still starts empty)."""
    began = time.perf_counter()
    synthesizer.synthesize(requests(edition, probe)[1][:2])
    shutil.rmtree(probe)
    return time.perf_counter() - began


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--voice", default="en-joe")
    parser.add_argument("--articles", type=int, default=3)
    args = parser.parse_args()
    # Imported here, not at the top: the local pool's spawned workers import this module.
    from dask_cluster import LoopbackCluster

    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))  # the clusters stopped on the way out

    with tempfile.TemporaryDirectory(prefix="bench-dask-") as folder:
        base = Path(folder)
        edition = make_edition(base / "edition", args.voice, args.articles)
        voice = requests(edition, base / "probe")[0]
        with (
            LoopbackCluster(base / "c1", 1) as one,
            LoopbackCluster(base / "c2", 2) as two,
            WorkerPool(voice, 2, TIMEOUT_S) as pool,
        ):
            kept = {"local": pool, "cluster of 1": on_cluster(one.address)(voice),
                    "cluster of 2": on_cluster(two.address)(voice)}  # fmt: skip
            for name, synthesizer in kept.items():
                seconds = ready(synthesizer, edition, base / "probe")
                print(f"{name}: the voice loaded, two clips spoken in {seconds:.1f} s", flush=True)
            makers: dict[str, Callable[[Voice], Synthesizer]] = {
                "local pool, 1 worker(s)": local(1),
                "local pool, 2 worker(s)": local(2),
                "local pool, 2, kept running": lambda _: Kept(pool),
                "Dask cluster, 1 worker(s)": lambda _: Kept(kept["cluster of 1"]),
                "Dask cluster, 2 worker(s)": lambda _: Kept(kept["cluster of 2"]),
            }
            flags = {
                "local pool (one worker per core)": (),
                "Dask cluster of 2 (--scheduler)": ("--scheduler", two.address),
            }
            try:
                rows, renders = side_by_side(args.runs, base, edition, makers, flags)
            finally:
                kept["cluster of 1"].close()
                kept["cluster of 2"].close()
    report(args, rows, renders)


def side_by_side(
    runs: int,
    base: Path,
    edition: Path,
    makers: dict[str, Callable[[Voice], Synthesizer]],
    flags: dict[str, tuple[str, ...]],
) -> tuple[dict[str, tuple[float, float]], dict[str, float]]:
    """Every row once per run, one after the other (so that a machine shared with other
    work slows them alike); medians over the runs."""
    spoken_runs: dict[str, list[tuple[float, float]]] = {name: [] for name in makers}
    render_runs: dict[str, list[float]] = {name: [] for name in flags}
    for number in range(runs):
        for name, make in makers.items():
            work = base / "work"
            spoken_runs[name].append(spoken(edition, work, make))
            shutil.rmtree(work)
        for name, more in flags.items():
            work = base / "work"
            render_runs[name].append(rendered(edition, work, *more))
            shutil.rmtree(work)
        walls = [f"{r[-1][0]:.1f}" for r in spoken_runs.values()]
        walls += [f"{r[-1]:.1f}" for r in render_runs.values()]
        print(f"run {number + 1}: " + ", ".join(walls) + " s", flush=True)
    rows = {
        name: (statistics.median(w for w, _ in r), statistics.median(a for _, a in r))
        for name, r in spoken_runs.items()
    }
    return rows, {name: statistics.median(r) for name, r in render_runs.items()}


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
    print(f"  Dask 2 workers / local pool kept running (throughput): "
          f"{two / rate['local pool, 2, kept running']:.2f}; / local pool started per "
          f"render: {two / rate['local pool, 2 worker(s)']:.2f}")  # fmt: skip
    print(f"\nCold render (audio-edition render), medians of {args.runs} runs")
    for name, wall in renders.items():
        print(f"  {name:36} {wall:7.1f} s")
    local_wall, dask_wall = renders.values()
    print(f"  through the scheduler / local: {dask_wall / local_wall:.2f}")


if __name__ == "__main__":
    main()
