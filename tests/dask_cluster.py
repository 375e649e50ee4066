"""A real Dask cluster on loopback: ``dask scheduler`` and ``dask worker`` processes,
started with the distributed package's own commands, every file they write in one
folder, every process killed on leaving. Used by the cluster tests and by
bench/dask_bench.py."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from types import TracebackType

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DASK = Path(sys.executable).with_name("dask")
"""The ``dask`` command of this interpreter's environment."""
START_TIMEOUT_S = 60.0


class LoopbackCluster:
    """A scheduler on 127.0.0.1 (a free port) and ``workers`` worker processes of one
    thread each, without nannies (a killed worker stays dead), writing only under
    ``folder``."""

    def __init__(self, folder: Path, workers: int = 2) -> None:
        self.folder, self.count = folder, workers
        self.address = ""
        self.scheduler: subprocess.Popen[bytes] | None = None
        self.workers: list[subprocess.Popen[bytes]] = []
        folder.mkdir(parents=True, exist_ok=True)
        self.env = {
            **os.environ,
            # this tree's package, and this module for ``tasks_run``'s function
            "PYTHONPATH": os.pathsep.join([str(ROOT), str(HERE), os.environ.get("PYTHONPATH", "")]),
            "DASK_TEMPORARY_DIRECTORY": str(folder / "tmp"),
            "DASK_CONFIG": str(folder / "config"),
        }

    def __enter__(self) -> LoopbackCluster:
        try:
            self.start()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc: type[BaseException] | BaseException | TracebackType | None) -> None:
        self.stop()

    def _spawn(self, name: str, *args: str) -> subprocess.Popen[bytes]:
        log = (self.folder / f"{name}.log").open("wb")
        return subprocess.Popen(
            [str(DASK), *args], stdout=log, stderr=subprocess.STDOUT, env=self.env,
            cwd=self.folder, start_new_session=True,
        )  # fmt: skip

    def start(self) -> None:
        """Start the scheduler, learn its address, start the workers, wait for them."""
        info = self.folder / "scheduler.json"
        self.scheduler = self._spawn(
            "scheduler", "scheduler", "--host", "127.0.0.1", "--port", "0",
            "--no-dashboard", "--scheduler-file", str(info),
        )  # fmt: skip
        self.address = _address(info, self.scheduler)
        for index in range(self.count):
            self.add_worker(index)
        self.wait_for_workers(self.count)

    def add_worker(self, index: int) -> None:
        """One more worker process (one thread), its files under ``worker<index>/``."""
        args = ["worker", self.address, "--nworkers", "1", "--nthreads", "1", "--no-nanny"]
        args += ["--no-dashboard", "--name", f"worker{index}"]
        args += ["--local-directory", str(self.folder / f"worker{index}")]
        self.workers.append(self._spawn(f"worker{index}", *args))

    def wait_for_workers(self, count: int) -> None:
        from distributed import Client

        with Client(self.address, timeout=START_TIMEOUT_S, set_as_default=False) as client:
            client.wait_for_workers(count, timeout=START_TIMEOUT_S)

    def tasks_run(self) -> dict[str, int]:
        """How many tasks each worker still alive has run, by worker name."""
        from distributed import Client

        with Client(self.address, timeout=START_TIMEOUT_S, set_as_default=False) as client:
            info = client.scheduler_info(n_workers=-1)["workers"]
            counts = client.run(_executed)
        return {info[address]["name"]: count for address, count in counts.items()}

    def kill_worker(self, index: int) -> None:
        """``kill -9`` one worker, as a machine lost would."""
        self.workers[index].send_signal(signal.SIGKILL)
        self.workers[index].wait(10)

    def stop(self) -> None:
        """End every process this cluster started (workers first), each by its own id."""
        for process in [*self.workers, self.scheduler]:
            if process is not None and process.poll() is None:
                process.terminate()
        for process in [*self.workers, self.scheduler]:
            if process is None:
                continue
            try:
                process.wait(3)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(10)


def _executed(dask_worker: object) -> int:
    return int(dask_worker.state.executed_count)  # type: ignore[attr-defined]


def _address(info: Path, process: subprocess.Popen[bytes]) -> str:
    """The scheduler's address, once it has written its file."""
    deadline = time.monotonic() + START_TIMEOUT_S
    while process.poll() is None and time.monotonic() < deadline:
        try:
            return str(json.loads(info.read_text())["address"])
        except (OSError, ValueError, KeyError):  # not written yet, or half written
            time.sleep(0.1)
    raise RuntimeError(f"dask scheduler did not start (see {info.parent}/scheduler.log)")
