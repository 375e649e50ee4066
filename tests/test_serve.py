"""The preview server: byte ranges, MIME types, CORS, folders, errors; and the CLI command."""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from audio_edition.cli import main
from audio_edition.errors import AudioEditionError
from audio_edition.site.serve import RunningServer, start

AUDIO = bytes(range(256)) * 40  # 10,240 bytes standing in for an MP3


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small site: a page, an MP3, captions, a transcript, the player script."""
    root = tmp_path_factory.mktemp("site")
    story = root / "articles" / "story"
    story.mkdir(parents=True)
    (root / "index.html").write_text("<!doctype html><title>Edition</title>", encoding="utf-8")
    (story / "index.html").write_text("<!doctype html><title>Story</title>", encoding="utf-8")
    (story / "story.mp3").write_bytes(AUDIO)
    (story / "story.vtt").write_text("WEBVTT\n\n1\n00:00.000 --> 00:01.000\nHi\n", encoding="utf-8")
    (story / "story.transcript.json").write_text('{"version": "1.0.0"}', encoding="utf-8")
    (root / "player.js").write_text("void 0;", encoding="utf-8")
    (root.parent / "secret.txt").write_text("outside", encoding="utf-8")
    (root.parent / "private").mkdir()
    (root.parent / "private" / "key.txt").write_text("outside", encoding="utf-8")
    (root / "escape.txt").symlink_to(root.parent / "secret.txt")
    (root / "escape").symlink_to(root.parent / "private", target_is_directory=True)
    (root / "latest.mp3").symlink_to(story / "story.mp3")  # inside the folder: served
    (root / ".audio-edition").mkdir()
    (root / ".audio-edition" / "catalog.sqlite3").write_bytes(b"SQLite format 3\x00")
    (story / ".draft.txt").write_text("not published", encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def server(folder: Path) -> Iterator[RunningServer]:
    """The preview server on a free port."""
    running = start(folder)
    yield running
    running.stop()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    """Let 3xx answers through so they can be inspected."""

    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


def fetch(url: str, method: str = "GET", **headers: str) -> tuple[int, dict[str, str], bytes]:
    """Status, headers and body of one request (errors included)."""
    request = urllib.request.Request(url, method=method, headers=headers)
    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(request, timeout=5) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def test_range_request_answers_206_with_content_range(server: RunningServer) -> None:
    url = server.url + "articles/story/story.mp3"
    status, headers, body = fetch(url, Range="bytes=100-199")
    assert status == 206
    assert headers["Content-Range"] == f"bytes 100-199/{len(AUDIO)}"
    assert body == AUDIO[100:200]
    assert headers["Content-Type"] == "audio/mpeg"


def test_open_ended_range_and_whole_file(server: RunningServer) -> None:
    url = server.url + "articles/story/story.mp3"
    status, headers, body = fetch(url, Range="bytes=10000-")
    assert (status, body) == (206, AUDIO[10000:])
    assert headers["Content-Range"] == f"bytes 10000-{len(AUDIO) - 1}/{len(AUDIO)}"
    status, headers, body = fetch(url)
    assert (status, body) == (200, AUDIO)
    assert headers["Accept-Ranges"] == "bytes"


@pytest.mark.parametrize("wanted", ["bytes=99999-", "bytes=10240-10300", "bytes=-0"])
def test_unsatisfiable_range_is_416(server: RunningServer, wanted: str) -> None:
    status, headers, _ = fetch(server.url + "articles/story/story.mp3", Range=wanted)
    assert status == 416
    assert headers["Content-Range"] == f"bytes */{len(AUDIO)}"


@pytest.mark.parametrize(
    "malformed", ["bytes=abc", "bytes=200-100", "bytes 0-99", "items=0-99", "bytes=0-9,20-29", "="]
)
def test_malformed_or_multiple_ranges_are_ignored(server: RunningServer, malformed: str) -> None:
    """RFC 9110, 14.2: a Range header the server cannot use is ignored: 200, the whole file."""
    status, headers, body = fetch(server.url + "articles/story/story.mp3", Range=malformed)
    assert (status, body) == (200, AUDIO)
    assert "Content-Range" not in headers


@pytest.mark.parametrize(
    ("path", "mime"),
    [
        ("articles/story/story.vtt", "text/vtt; charset=utf-8"),
        ("articles/story/story.transcript.json", "application/json"),
        ("articles/story/", "text/html; charset=utf-8"),
        ("player.js", "text/javascript; charset=utf-8"),
    ],
)
def test_mime_types(server: RunningServer, path: str, mime: str) -> None:
    status, headers, _ = fetch(server.url + path)
    assert status == 200
    assert headers["Content-Type"] == mime


def test_cors_on_transcripts_not_on_pages(server: RunningServer) -> None:
    for path in ("articles/story/story.vtt", "articles/story/story.transcript.json"):
        _, headers, _ = fetch(server.url + path, Origin="https://news.example")
        assert headers["Access-Control-Allow-Origin"] == "*"
        assert "Content-Range" in headers["Access-Control-Expose-Headers"]
    _, headers, _ = fetch(server.url + "index.html")
    assert "Access-Control-Allow-Origin" not in headers


def test_preflight_is_answered(server: RunningServer) -> None:
    status, headers, _ = fetch(server.url + "articles/story/story.mp3", method="OPTIONS")
    assert status == 204
    assert headers["Access-Control-Allow-Headers"] == "Range"


def test_folders_redirect_and_serve_their_index(server: RunningServer) -> None:
    status, headers, _ = fetch(server.url + "articles/story")
    assert status == 301 and headers["Location"].endswith("/articles/story/")
    status, _, body = fetch(server.url)
    assert status == 200 and b"Edition" in body


def test_missing_files_and_escapes_are_404(server: RunningServer) -> None:
    assert fetch(server.url + "nothing.mp3")[0] == 404
    assert fetch(server.url + "articles/../../secret.txt")[0] == 404
    assert fetch(server.url + "%2e%2e/secret.txt")[0] == 404


@pytest.mark.parametrize("path", ["escape.txt", "escape/key.txt", "escape/"])
def test_symbolic_links_out_of_the_folder_are_404(server: RunningServer, path: str) -> None:
    status, _, body = fetch(server.url + path)
    assert status == 404 and b"outside" not in body


def test_symbolic_links_inside_the_folder_are_served(server: RunningServer) -> None:
    status, _, body = fetch(server.url + "latest.mp3")
    assert (status, body) == (200, AUDIO)


@pytest.mark.parametrize(
    "path",
    [".audio-edition/catalog.sqlite3", ".audio-edition/", ".audio-edition",
     "articles/story/.draft.txt", "articles/%2Eaudio-edition/../.draft.txt"],
)  # fmt: skip
def test_dot_paths_such_as_the_catalog_are_404(server: RunningServer, path: str) -> None:
    status, _, body = fetch(server.url + path)
    assert status == 404 and b"SQLite" not in body and b"not published" not in body


def test_idle_connections_are_closed(folder: Path) -> None:
    """A client that connects and says nothing (or keeps an idle keep-alive connection)
    does not hold a server thread for ever."""
    running = start(folder, idle_timeout=0.3)
    try:
        host, port = running.server.server_address[:2]
        with socket.create_connection((str(host), port), timeout=20) as silent:
            assert silent.recv(1024) == b""  # closed by the server, not by our timeout
        with socket.create_connection((str(host), port), timeout=20) as kept:
            kept.sendall(b"GET /player.js HTTP/1.1\r\nHost: preview\r\n\r\n")
            answer = b""
            while chunk := kept.recv(4096):
                answer += chunk
            assert answer.startswith(b"HTTP/1.1 200") and answer.endswith(b"void 0;")
        assert fetch(running.url + "player.js")[0] == 200  # still answering
    finally:
        running.stop()


def test_writes_are_refused(server: RunningServer) -> None:
    assert fetch(server.url + "index.html", method="POST")[0] == 405


def test_missing_folder_and_busy_port_are_clear_errors(folder: Path, tmp_path: Path) -> None:
    with pytest.raises(AudioEditionError, match="not a folder"):
        start(tmp_path / "absent")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(AudioEditionError, match="try another --port"):
            start(folder, port=port)


def test_cli_serve_command(tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(main, ["serve", "--help"])
    assert result.exit_code == 0 and "--port" in result.output and "127.0.0.1" in result.output
    result = runner.invoke(main, ["serve", str(tmp_path / "absent")])
    assert result.exit_code != 0 and "does not exist" in result.output


def _interruptible() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def test_serve_command_in_a_subprocess_serves_until_ctrl_c(folder: Path) -> None:
    """The command as a user runs it: start, a page, a byte range of an MP3, Ctrl+C."""
    command = [sys.executable, "-m", "audio_edition", "serve", str(folder), "--port", "0"]
    # A terminal delivers Ctrl+C to the command even when the tests run in the background
    # (where SIGINT is ignored and the child would inherit that).
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               preexec_fn=_interruptible)  # fmt: skip
    watchdog = threading.Timer(60, process.kill)  # never leave it running
    watchdog.start()
    try:
        announced = process.stdout.readline() if process.stdout else ""
        assert announced.startswith(f"Serving {folder} at http://127.0.0.1:"), announced + (
            process.stderr.read() if process.stderr else ""
        )
        url = announced.split(" at ")[1].split()[0]
        status, _, body = fetch(url + "articles/story/")
        assert status == 200 and b"Story" in body
        status, headers, body = fetch(url + "articles/story/story.mp3", Range="bytes=0-99")
        assert (status, body) == (206, AUDIO[:100])
        assert headers["Content-Range"] == f"bytes 0-99/{len(AUDIO)}"
        process.send_signal(signal.SIGINT)
        _, errors = process.communicate(timeout=30)
    finally:
        watchdog.cancel()
        process.kill()
    assert process.returncode == 0, errors
    assert "Traceback" not in errors and "WARNING" not in errors


def test_serve_command_warns_when_not_bound_to_loopback(folder: Path) -> None:
    """Bound to another address, the preview says it is no production server.
    (192.0.2.1 is a documentation address this machine does not have, so nothing
    is exposed: the command warns, then cannot listen.)"""
    command = [sys.executable, "-m", "audio_edition", "serve", str(folder), "--host", "192.0.2.1"]
    done = subprocess.run(command, capture_output=True, text=True, timeout=60)
    assert done.returncode == 1
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 2, done.stderr
    assert lines[0].startswith("WARNING: serving on 192.0.2.1, reachable from other machines")
    assert "preview, not a production server" in lines[0]
    assert lines[1].startswith("Error: cannot listen on 192.0.2.1:8000")
