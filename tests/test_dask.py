"""Synthesis on a real Dask cluster: ``dask scheduler`` and two ``dask worker``
processes on 127.0.0.1, the real espeak-ng voice, the real CLI.

Two of the sample edition's English articles keep the time down (the edition's
own lines, intro, announcements and outro, are spoken on the cluster too)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import copy_edition
from dask_cluster import LoopbackCluster

from audio_edition.audio.wav import frame_count
from audio_edition.cache import ClipCache
from audio_edition.cli import main
from audio_edition.engines.pool import WorkerPool
from audio_edition.job import read_job
from audio_edition.synthesis import plan

pytestmark = pytest.mark.slow
KEPT = ("city-hall-cyberattack.md", "fish-market.md")


@pytest.fixture
def cluster(tmp_path: Path) -> Iterator[LoopbackCluster]:
    with LoopbackCluster(tmp_path / "cluster", workers=2) as running:
        yield running


@pytest.fixture
def edition(tmp_path: Path) -> Path:
    """Two English articles of the sample edition, read by espeak-ng; unsigned, since a
    signature carries the time it was made and the renders are compared byte for byte."""
    folder = copy_edition(tmp_path / "edition", "en-default", signed=False)
    for article in (folder / "articles").glob("*.md"):
        if article.name not in KEPT:
            article.unlink()
    return folder


def _render(edition: Path, out: Path, cache: Path, *more: str) -> str:
    args = ["render", str(edition), "--out", str(out), "--cache-dir", str(cache), *more]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    return result.output


def _mp3s(out: Path) -> dict[str, bytes]:
    """Every published MP3 and timing file by name (names carry the content's version)."""
    kinds = ("*.mp3", "*.timing.json", "*.vtt")
    return {p.name: p.read_bytes() for kind in kinds for p in sorted(out.rglob(kind))}


def test_cluster_render_checks_and_matches_a_local_render_from_its_clips(
    cluster: LoopbackCluster, edition: Path, tmp_path: Path
) -> None:
    cache = tmp_path / "cache"
    shown = _render(edition, tmp_path / "out", cache, "--scheduler", cluster.address)
    assert "Rendered 2 article(s)" in shown and "reused 0 from the cache" in shown
    spread = cluster.tasks_run()
    assert sorted(spread) == ["worker0", "worker1"] and all(spread.values()), spread
    check = CliRunner().invoke(main, ["check", str(tmp_path / "out")])
    assert check.exit_code == 0 and "passed" in check.output, check.output
    _spoken_alike(edition, cache, tmp_path / "fresh")  # the voice's settings, not defaults
    # The same clips, mastered here without the cluster: the same bytes.
    again = _render(edition, tmp_path / "local", cache, "--workers", "1")
    assert "Made 0 clip(s)" in again
    cluster_files, local_files = _mp3s(tmp_path / "out"), _mp3s(tmp_path / "local")
    assert len([n for n in cluster_files if n.endswith(".mp3")]) == 3  # 2 articles, edition
    assert cluster_files == local_files


def _spoken_alike(edition: Path, made: Path, fresh: Path) -> None:
    """The first article's clips in cache ``made`` last as long as the same sentences
    spoken by a local worker: within 5 % (espeak-ng's pauses differ a little between
    processes, up to 3 % measured here; a voice whose rate was lost is 15 % short)."""
    job = read_job(edition, cache_dir=made)
    work = plan(job.scripts[0], ClipCache(fresh, job.voice))
    made_cache = ClipCache(made, job.voice)
    with WorkerPool(job.voice, 1, 60) as pool:
        for result in pool.synthesize(work.missing):
            there = frame_count(made_cache.path_for(result.request.text))
            assert abs(there - result.frames) < 0.05 * result.frames, result.request.text


def test_a_worker_lost_mid_render_is_survived(
    cluster: LoopbackCluster, edition: Path, tmp_path: Path
) -> None:
    pause = tmp_path / "paused"
    env = {**os.environ, "AUDIO_EDITION_PAUSE_AT": "synthesis",
           "AUDIO_EDITION_PAUSE_FILE": str(pause)}  # fmt: skip
    command = [sys.executable, "-m", "audio_edition", "render", str(edition)]
    command += ["--out", str(tmp_path / "out"), "--cache-dir", str(tmp_path / "cache")]
    render = subprocess.Popen(
        [*command, "--scheduler", cluster.address],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
    )  # fmt: skip
    try:
        _wait_for(pause, render)  # the first clip is back; the others are being spoken
        cluster.kill_worker(0)
        pause.unlink()
        out, err = render.communicate(timeout=240)
    finally:
        if render.poll() is None:
            render.kill()
            render.wait()
    assert render.returncode == 0, err
    assert "Rendered 2 article(s)" in out and "reused 0 from the cache" in out
    assert list(cluster.tasks_run()) == ["worker1"]  # worker0 is gone for good
    check = CliRunner().invoke(main, ["check", str(tmp_path / "out")])
    assert check.exit_code == 0 and "passed" in check.output, check.output


def test_an_unreachable_scheduler_is_one_line(edition: Path, tmp_path: Path) -> None:
    address = f"tcp://127.0.0.1:{_free_port()}"
    command = [sys.executable, "-m", "audio_edition", "render", str(edition)]
    command += ["--out", str(tmp_path / "out"), "--cache-dir", str(tmp_path / "cache")]
    began = time.monotonic()
    done = subprocess.run(
        [*command, "--scheduler", address], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 1
    lines = [line for line in done.stderr.splitlines() if not line.startswith("WARNING: ")]
    assert len(lines) == 1, done.stderr  # (this edition is unsigned: it says so, once)
    assert lines[0].startswith(f"Error: scheduler {address}: cannot be reached"), lines
    assert "dask scheduler" in lines[0] and "--scheduler" in lines[0]
    assert time.monotonic() - began < 30  # a short connect timeout, not Dask's 30 s
    written = [p for p in (tmp_path / "out").rglob("*") if p.suffix in (".mp3", ".xml", ".html")]
    assert not written, written


def test_a_bad_scheduler_address_is_refused_before_anything_is_written(
    edition: Path, tmp_path: Path
) -> None:
    args = ["render", str(edition), "--out", str(tmp_path / "out")]
    result = CliRunner().invoke(main, [*args, "--scheduler", "tcp://host-without-port"])
    assert result.exit_code == 1 and result.output.strip() == (
        "Error: Config value '--scheduler': 'tcp://host-without-port' is not a Dask scheduler "
        "address like tcp://10.0.0.5:8786"
    )
    config = edition / "edition.toml"
    config.write_text(config.read_text() + '\n[synthesis]\nscheduler = "127.0.0.1:8786"\n')
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1
    assert result.output.strip() == (
        f"Error: {config}: Config value 'synthesis.scheduler': '127.0.0.1:8786' is not a "
        "Dask scheduler address like tcp://10.0.0.5:8786"
    )
    assert not (tmp_path / "out").exists()


def _wait_for(marker: Path, process: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + 120
    while not marker.exists():
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline, "the render never reached its first clip"
        time.sleep(0.05)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])
